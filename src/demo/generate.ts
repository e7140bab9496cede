import type { ServiceContext } from '../platform/context.js';
import type { Db } from '../platform/db/connection.js';
import type { Role } from '../platform/auth/roles.js';
import { createFederation, createLocation, createScheme, createSection, listSchemes, setLocationLevels } from '../modules/organizations/index.js';
import { createUser, findUserByUsername, type GrantInput } from '../modules/access/index.js';
import { Random } from './random.js';

/**
 * The synthetic data generator behind `mutua demo` and `mutua serve --demo`: a federation of
 * schemes in a rural West-African setting, built deterministically from a seed. It generates what
 * the modules that exist can hold, and grows as modules land.
 */
export interface DemoOptions {
  seed: number;
  /** Households to enrol across the schemes (default 2,000). */
  households?: number;
  /** Number of schemes (default 2). */
  schemes?: number;
  onProgress?: (done: number, total: number, label: string) => void;
}

export interface DemoResult {
  federation: string;
  schemes: string[];
  accounts: { username: string; role: Role; scope: string | null }[];
  rows: number;
}

export const DEMO_PASSWORD = 'mutua-demo-2026';
const FEDERATION = 'UNION-DEMO';

const REGIONS = [
  { code: 'KL', name: 'Kaolack', districts: ['Kaolack', 'Nioro du Rip', 'Guinguinéo'] },
  { code: 'TH', name: 'Thiès', districts: ['Thiès', 'Mbour', 'Tivaouane'] },
];
const VILLAGE_ROOTS = ['Ndiaffate', 'Keur', 'Medina', 'Sam', 'Thiaré', 'Ndoffane', 'Latmingué', 'Gandiaye', 'Sibassor', 'Kahone', 'Ndiédieng', 'Fass', 'Paoskoto', 'Taïba', 'Ngane'];
const SCHEME_NAMES = ['Mutuelle de santé de Ndiaffate', 'Mutuelle de santé de Mbour', 'Mutuelle de santé de Tivaouane', 'Mutuelle de santé de Nioro', 'Mutuelle de santé de Thiès'];

function demoAccounts(schemes: string[]): { username: string; role: Role; grant: GrantInput }[] {
  const first = schemes[0]!;
  return [
    { username: 'admin', role: 'platform_admin', grant: { role: 'platform_admin', scopeType: 'platform' } },
    { username: 'federation', role: 'federation_officer', grant: { role: 'federation_officer', scopeType: 'federation', scope: FEDERATION } },
    { username: 'manager', role: 'scheme_manager', grant: { role: 'scheme_manager', scopeType: 'scheme', scope: first } },
    { username: 'agent', role: 'enrolment_agent', grant: { role: 'enrolment_agent', scopeType: 'scheme', scope: first } },
    { username: 'claims', role: 'claims_officer', grant: { role: 'claims_officer', scopeType: 'scheme', scope: first } },
    { username: 'treasurer', role: 'treasurer', grant: { role: 'treasurer', scopeType: 'scheme', scope: first } },
    { username: 'auditor', role: 'auditor', grant: { role: 'auditor', scopeType: 'federation', scope: FEDERATION } },
  ];
}

export function demoAccountList(): DemoResult['accounts'] {
  return demoAccounts(['MUT-DEMO-1']).map((a) => ({ username: a.username, role: a.role, scope: a.grant.scope ?? null }));
}

/** Whether the database is new: no scheme and no user yet. */
export async function demoIsNeeded(db: Db): Promise<boolean> {
  const schemes = await db.selectFrom('scheme').select('id').limit(1).execute();
  const users = await db.selectFrom('app_user').select('id').limit(1).execute();
  return schemes.length === 0 && users.length === 0;
}

/**
 * Builds the demo federation. Refuses nothing but repeats nothing either: an existing federation,
 * scheme or account with a demo code is kept as it is.
 */
export async function generateDemo(ctx: ServiceContext, options: DemoOptions): Promise<DemoResult> {
  const random = new Random(options.seed);
  const schemeCount = Math.max(1, Math.min(options.schemes ?? 2, SCHEME_NAMES.length));
  let rows = 0;
  const report = (done: number, total: number, label: string) => options.onProgress?.(done, total, label);

  const existing = new Set((await listSchemes(ctx)).map((s) => s.code));
  if (!existing.size) {
    await setLocationLevels(ctx, {
      levels: [
        { depth: 1, code: 'region', nameEn: 'Region', nameFr: 'Région' },
        { depth: 2, code: 'district', nameEn: 'District', nameFr: 'Département' },
        { depth: 3, code: 'village', nameEn: 'Village', nameFr: 'Village' },
      ],
    });
    await createFederation(ctx, { code: FEDERATION, name: 'Union régionale des mutuelles de santé (démo)', country: 'SN' });
    rows += 1;
  }

  const villages: string[] = [];
  if (!existing.size) {
    for (const region of REGIONS) {
      await createLocation(ctx, { code: region.code, name: region.name, depth: 1 });
      rows += 1;
      for (const [d, district] of region.districts.entries()) {
        const districtCode = `${region.code}-${d + 1}`;
        await createLocation(ctx, { code: districtCode, name: district, depth: 2, parent: region.code });
        rows += 1;
        const villageCount = random.int(4, 8);
        for (let v = 0; v < villageCount; v += 1) {
          const code = `${districtCode}-${String(v + 1).padStart(2, '0')}`;
          await createLocation(ctx, { code, name: `${random.pick(VILLAGE_ROOTS)} ${v + 1}`, depth: 3, parent: districtCode });
          villages.push(code);
          rows += 1;
        }
      }
    }
  }

  const schemes: string[] = [];
  for (let i = 0; i < schemeCount; i += 1) {
    const code = `MUT-DEMO-${i + 1}`;
    schemes.push(code);
    if (existing.has(code)) continue;
    report(i, schemeCount, 'schemes');
    const scheme = await createScheme(ctx, {
      code,
      name: SCHEME_NAMES[i]!,
      federation: FEDERATION,
      currency: 'XOF',
      country: 'SN',
      targetPopulation: 10_000 + random.int(0, 20) * 1000,
      settings: { cardPattern: `D${i + 1}-{household:6}-{member:2}` },
    });
    rows += 1;
    for (let s = 1; s <= 3; s += 1) {
      await createSection(ctx, scheme.id, { code: `S${s}`, name: `Section ${s}`, location: villages.length ? random.pick(villages) : null });
      rows += 1;
    }
  }

  const accounts = demoAccounts(schemes);
  for (const account of accounts) {
    if (await findUserByUsername(ctx, account.username)) continue;
    await createUser(ctx, { username: account.username, displayName: account.username, password: DEMO_PASSWORD, grants: [account.grant] });
    rows += 1;
  }
  report(schemeCount, schemeCount, 'schemes');
  return { federation: FEDERATION, schemes, accounts: accounts.map((a) => ({ username: a.username, role: a.role, scope: a.grant.scope ?? null })), rows };
}
