import { sql } from 'kysely';
import type { ServiceContext } from '../platform/context.js';
import type { Db } from '../platform/db/connection.js';
import type { Role } from '../platform/auth/roles.js';
import { recordAudit } from '../platform/audit/audit.js';
import { createFederation, createLocation, createScheme, createSection, listSchemes, listSections, setLocationLevels, type Scheme } from '../modules/organizations/index.js';
import { createUser, findUserByUsername, type GrantInput } from '../modules/access/index.js';
import {
  DEFAULT_CARD_PATTERN,
  analyzeMemberTables,
  countHouseholds,
  createGroup,
  formatCard,
  formatHouseholdNumber,
  insertHouseholdsBulk,
  listGroups,
  reserveHouseholdNumbers,
  type BulkHousehold,
} from '../modules/members/index.js';
import { createProduct, listProducts, productVersionOn } from '../modules/products/index.js';
import {
  analyzeCoverageTables,
  createSubsidizer,
  insertEnrolmentsBulk,
  insertSponsorshipsBulk,
  listSubsidizers,
  type BulkEnrolment,
} from '../modules/coverage/index.js';
import { adjudicateSubmitted, analyzeClaimTables, insertClaimsBulk, insertLettersBulk, type BulkClaim, type BulkLetter } from '../modules/claims/index.js';
import { addAgreement, createProvider, importCatalogue, listProviders } from '../modules/providers/index.js';
import { isCalendarDate } from '../platform/dates.js';
import { demoCatalogueCsv, demoProviders, planClaims, type ClaimSetting, type HouseholdClaims } from './claims.js';
import { DEMO_PRODUCT, DEMO_SUBSIDIZERS, NGO_GROUPS, demoProductVersion, enrolmentMonths, planCoverage, sectionCollectors, type CoveragePlan, type CoverageSetting } from './contributions.js';
import { REFERENCE_DATE, demoHousehold, type HouseholdPlace } from './households.js';
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
  /**
   * The day the demo's contributions run up to (default REFERENCE_DATE): enrolments are spread
   * over the months before it, and no payment is dated after it.
   */
  referenceDate?: string;
  /**
   * Health care use, as a multiple of the rates in claims.ts (default 1: about two consultations
   * a year per covered member, with their drugs and tests, deliveries, rare stays); 0: no claims.
   */
  claimRate?: number;
  /** Decide the claims once written (default true); false leaves them `submitted`. */
  adjudicate?: boolean;
  onProgress?: (done: number, total: number, label: string) => void;
}

export interface DemoResult {
  federation: string;
  schemes: string[];
  accounts: { username: string; role: Role; scope: string | null }[];
  /** Rows inserted by this run (households, beneficiaries and coverage rows included). */
  rows: number;
  households: number;
  beneficiaries: number;
  /** Coverage periods opened (first periods and renewals), dues and payments written. */
  periods: number;
  dues: number;
  payments: number;
  /** Catalogue entries and providers (with their agreements) created. */
  services: number;
  providers: number;
  /** Claims (all `submitted` when written), their lines, and guarantee letters written. */
  claims: number;
  claimLines: number;
  letters: number;
  /** What the engine decided (every submitted claim of the demo schemes), or null when asked not to. */
  adjudication: { claims: number; lines: number; approved: number; reduced: number; rejected: number; payable: number; seconds: number } | null;
  referenceDate: string;
  /** Schemes whose households were kept from an earlier run rather than generated. */
  skipped: string[];
}

/** Households per insert transaction: a few thousand rows with their members. */
export const DEMO_BATCH_HOUSEHOLDS = 1000;
/** Batches being written at once (the next one is generated meanwhile). */
const DEMO_BATCHES_IN_FLIGHT = 2;

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
  const referenceDate = options.referenceDate ?? REFERENCE_DATE;
  if (!isCalendarDate(referenceDate)) throw new RangeError(`referenceDate: not a date: "${referenceDate}"`);
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

  const members = await generateHouseholds(ctx, { ...options, referenceDate }, schemes);
  rows += members.rows;
  return {
    federation: FEDERATION,
    schemes,
    accounts: accounts.map((a) => ({ username: a.username, role: a.role, scope: a.grant.scope ?? null })),
    rows,
    households: members.households,
    beneficiaries: members.beneficiaries,
    periods: members.periods,
    dues: members.dues,
    payments: members.payments,
    services: members.services,
    providers: members.providers,
    claims: members.claims,
    claimLines: members.claimLines,
    letters: members.letters,
    adjudication: options.adjudicate === false ? null : await adjudicateDemo(ctx, schemes, report),
    referenceDate,
    skipped: members.skipped,
  };
}

const GROUPS = [
  { code: 'GIE-FEMMES', name: 'GIE des femmes transformatrices', kind: 'association' },
  { code: 'COOP-AGRI', name: 'Coopérative agricole', kind: 'cooperative' },
  { code: 'UNION-PECHE', name: 'Union des pêcheurs', kind: 'union' },
  { code: 'ASC-JEUNES', name: 'Association sportive et culturelle des jeunes', kind: 'other' },
] as const;

/** The villages of the scheme's region, each attached to one of the scheme's sections. */
async function schemePlaces(ctx: ServiceContext, scheme: Scheme, index: number): Promise<HouseholdPlace[]> {
  // Demo data is built on the whole database; locations are reference data with no list export.
  const region = REGIONS[index % REGIONS.length]!.code;
  const villages = await ctx.db
    .selectFrom('location')
    .select(['id', 'code'])
    .where('depth', '=', 3)
    .where('code', 'like', `${region}-%`)
    .orderBy('code')
    .execute();
  const sections = await listSections(ctx, scheme.id);
  return villages.map((v, i) => ({ locationId: v.id, sectionId: sections.length ? sections[i % sections.length]!.id : null }));
}

/**
 * The product, subsidizers and planning data of a scheme about to get demo households. The
 * package and subsidizers go through their modules' services (a few rows, audited); an existing
 * package or subsidizer with a demo code is kept.
 */
async function coverageSetting(ctx: ServiceContext, scheme: Scheme, index: number, referenceDate: string, groups: { id: string; code: string }[]): Promise<{ setting: CoverageSetting; versionId: string; rows: number }> {
  let rows = 0;
  const months = enrolmentMonths(referenceDate);
  if (!(await listProducts(ctx, scheme.id)).some((p) => p.code === DEMO_PRODUCT.code)) {
    await createProduct(ctx, scheme.id, { ...DEMO_PRODUCT, versions: [demoProductVersion(index, `${months[0]!.slice(0, 4)}-01-01`)] });
    rows += 2;
  }
  const version = await productVersionOn(ctx.db, scheme.id, DEMO_PRODUCT.code, months[0]!);
  if (!version) throw new Error(`${scheme.code}: product ${DEMO_PRODUCT.code} has no version on ${months[0]}`);
  const subsidizers = new Map((await listSubsidizers(ctx, scheme.id)).map((s) => [s.code, s.id]));
  for (const s of Object.values(DEMO_SUBSIDIZERS)) {
    if (subsidizers.has(s.code)) continue;
    subsidizers.set(s.code, (await createSubsidizer(ctx, scheme.id, s)).id);
    rows += 1;
  }
  const sections = await listSections(ctx, scheme.id);
  const setting: CoverageSetting = {
    referenceDate,
    months,
    version: version.version,
    stateId: subsidizers.get(DEMO_SUBSIDIZERS.state.code)!,
    ngoId: subsidizers.get(DEMO_SUBSIDIZERS.ngo.code)!,
    // Each group remits on its own day after the due date, a few days to two weeks.
    groups: new Map(groups.map((g, i) => [g.id, { code: g.code, delay: 3 + ((i * 4) % 12), ngo: NGO_GROUPS.includes(g.code) }])),
    sections: new Map(sections.map((s, i) => [s.id, { code: s.code, collectors: sectionCollectors(index, i) }])),
    receipts: new Map(),
  };
  return { setting, versionId: version.id, rows };
}

interface Tally {
  rows: number;
  households: number;
  beneficiaries: number;
  periods: number;
  dues: number;
  payments: number;
  claims: number;
  claimLines: number;
  letters: number;
}

/**
 * The catalogue, facilities and agreements of a scheme about to get demo households, through the
 * providers module's services (a catalogue file loaded in one go, then each provider and agreement
 * version, audited); what exists already with a demo code is kept. Returns what the scheme's claims
 * are drawn against.
 */
async function careSetting(
  ctx: ServiceContext,
  scheme: Scheme,
  index: number,
  coverage: CoverageSetting,
  random: Random,
  rate: number,
): Promise<{ setting: ClaimSetting; services: number; providers: number; rows: number }> {
  const region = REGIONS[index % REGIONS.length]!;
  const places = await ctx.db.selectFrom('location').select(['code', 'name', 'depth']).where('code', 'like', `${region.code}-%`).orderBy('code').execute();
  const planned = demoProviders(
    random,
    { name: region.name, districts: places.filter((p) => p.depth === 2), villages: places.filter((p) => p.depth === 3) },
    `${coverage.months[0]!.slice(0, 4)}-01-01`,
    coverage.referenceDate,
  );
  const imported = await importCatalogue(ctx, scheme.id, { file: { fileName: 'catalogue-demo.csv', bytes: demoCatalogueCsv() } });
  if (!imported.committed) throw new Error(`${scheme.code}: the demo catalogue was not loaded (${imported.errors.map((e) => e.code).join(', ')})`);
  let rows = imported.created;
  const existing = new Set((await listProviders(ctx, scheme.id)).map((p) => p.code));
  const missing = planned.filter((p) => !existing.has(p.input.code));
  // Providers side by side (each one's agreement versions in order): a few dozen small transactions.
  await Promise.all(
    missing.map(async (p) => {
      await createProvider(ctx, scheme.id, p.input);
      for (const agreement of p.agreements) await addAgreement(ctx, scheme.id, p.input.code, agreement);
    }),
  );
  const providers = missing.length;
  rows += missing.reduce((n, p) => n + 1 + p.agreements.reduce((m, a) => m + 1 + a.tariff.length, 0), 0);
  const version = coverage.version;
  return {
    setting: {
      referenceDate: coverage.referenceDate,
      rate,
      version,
      providers: planned.map((p) => ({ code: p.input.code, level: p.input.level, type: p.input.type ?? null, agreements: p.agreements })),
      numbers: new Map(),
      letters: { next: 1 },
    },
    services: imported.created,
    providers,
    rows,
  };
}

/**
 * Writes one batch in one transaction: households and members, sponsorships, first periods with
 * their dues, payments and card fees, then the renewals of those periods; one audit record.
 */
async function writeBatch(
  ctx: ServiceContext,
  scheme: Scheme,
  version: { id: string; version: CoverageSetting['version'] },
  batch: BulkHousehold[],
  plans: CoveragePlan[],
  care: HouseholdClaims[],
  seed: number,
): Promise<Tally> {
  return ctx.db.transaction().execute(async (trx) => {
    // Demo data can be made again: no need to wait for each batch to reach the disk.
    await sql`set local synchronous_commit = off`.execute(trx);
    const made = await insertHouseholdsBulk(trx, scheme.id, batch);
    const householdId = (i: number) => made.ids.households[i]!;
    const sponsorships = await insertSponsorshipsBulk(
      trx,
      scheme.id,
      plans.flatMap((p, i) => (p.sponsor ? [{ householdId: householdId(i), subsidizerId: p.sponsor.subsidizerId, from: p.sponsor.from, to: null }] : [])),
    );
    const firsts: BulkEnrolment[] = plans.map((p, i) => ({
      householdId: householdId(i),
      start: p.first.start,
      members: batch[i]!.members,
      firstPeriod: true,
      beneficiaryIds: made.ids.beneficiaries[i]!,
      payments: p.first.payments,
    }));
    const periodIds = await insertEnrolmentsBulk(trx, scheme.id, version, firsts);
    const renewals: BulkEnrolment[] = plans.flatMap((p, i) =>
      p.renewal ? [{ householdId: householdId(i), start: p.renewal.start, members: batch[i]!.members, firstPeriod: false, renewalOf: periodIds[i]!, payments: p.renewal.payments }] : [],
    );
    await insertEnrolmentsBulk(trx, scheme.id, version, renewals);
    // Letters name the member by id; claims name them by card, as providers send them.
    const letters: BulkLetter[] = care.flatMap((c, i) => c.letters.map(({ member, ...l }) => ({ ...l, beneficiaryId: made.ids.beneficiaries[i]![member]! })));
    await insertLettersBulk(trx, scheme.id, letters, { createdBy: ctx.actor.label });
    const claims: BulkClaim[] = care.flatMap((c) => c.claims);
    const { lines } = await insertClaimsBulk(trx, scheme.id, claims, { createdBy: ctx.actor.label, source: 'file' });

    const periods = firsts.length + renewals.length;
    const planned = plans.flatMap((p) => (p.renewal ? [p.first, p.renewal] : [p.first]));
    const dues = planned.reduce((n, p) => n + p.dues, 0);
    const payments = planned.reduce((n, p) => n + p.payments.length, 0);
    // A card fee is charged for every member with the first period (the package has one).
    const cardFees = version.version.cardFee > 0 ? made.beneficiaries : 0;
    const span = { first: batch[0]!.number, last: batch[batch.length - 1]!.number };
    await recordAudit(trx, ctx.actor, {
      action: 'demo.generate',
      entityType: 'household_batch',
      entityId: `${scheme.code}:${span.first}-${span.last}`,
      schemeId: scheme.id,
      after: { households: made.households, beneficiaries: made.beneficiaries, periods, dues, payments, sponsorships, claims: claims.length, claimLines: lines, letters: letters.length, ...span, seed },
    });
    return {
      rows: made.households + made.beneficiaries + sponsorships + periods + dues + payments + cardFees + letters.length + claims.length + lines + 1,
      households: made.households,
      beneficiaries: made.beneficiaries,
      periods,
      dues,
      payments,
      claims: claims.length,
      claimLines: lines,
      letters: letters.length,
    };
  });
}

/**
 * Enrols `options.households` households across the schemes, streamed: each batch is generated
 * with its year of contributions, written in its own transaction with one audit record, and
 * dropped, so memory stays flat whatever the size. A scheme that already has households is left
 * as it is (running the demo twice adds nothing); each scheme draws its people from one seeded
 * generator and their contributions from another, so people do not depend on the other schemes
 * nor on how contributions are drawn.
 */
async function generateHouseholds(ctx: ServiceContext, options: DemoOptions & { referenceDate: string }, codes: string[]): Promise<Tally & { services: number; providers: number; skipped: string[] }> {
  const wanted = options.households ?? 2000;
  const rate = Math.max(0, options.claimRate ?? 1);
  const result = { rows: 0, households: 0, beneficiaries: 0, periods: 0, dues: 0, payments: 0, claims: 0, claimLines: 0, letters: 0, services: 0, providers: 0, skipped: [] as string[] };
  if (wanted <= 0) return result;
  const all = await listSchemes(ctx);
  const schemes = codes.map((code) => all.find((s) => s.code === code)!);
  const plans: { scheme: Scheme; index: number; count: number }[] = [];
  for (const [index, scheme] of schemes.entries()) {
    const count = Math.floor(wanted / schemes.length) + (index < wanted % schemes.length ? 1 : 0);
    if (await countHouseholds(ctx.db, scheme.id)) result.skipped.push(scheme.code);
    else if (count > 0) plans.push({ scheme, index, count });
  }
  const total = plans.reduce((sum, p) => sum + p.count, 0);
  if (!total) return result;
  options.onProgress?.(0, total, 'households');

  let done = 0;
  const inFlight = new Set<Promise<void>>();
  let failure: { error: unknown } | undefined;

  for (const { scheme, index, count } of plans) {
    const random = new Random((Math.imul(options.seed, 0x9e3779b1) ^ Math.imul(index + 1, 0x85ebca6b)) >>> 0);
    const contributions = new Random((Math.imul(options.seed, 0x9e3779b1) ^ Math.imul(index + 1, 0xc2b2ae35) ^ 0x27d4eb2f) >>> 0);
    // Facilities and claims from a third generator: people and contributions do not depend on them.
    const health = new Random((Math.imul(options.seed, 0x9e3779b1) ^ Math.imul(index + 1, 0x27d4eb2f) ^ 0x165667b1) >>> 0);
    let groups = (await listGroups(ctx, scheme.id)).map((g) => ({ id: g.id, code: g.code }));
    if (!groups.length) {
      for (const g of GROUPS) groups.push(await createGroup(ctx, scheme.id, g));
      result.rows += GROUPS.length;
    }
    groups = groups.slice(0, GROUPS.length);
    const groupIds = groups.map((g) => g.id);
    const { setting, versionId, rows } = await coverageSetting(ctx, scheme, index, options.referenceDate, groups);
    result.rows += rows;
    const version = { id: versionId, version: setting.version };
    const care = await careSetting(ctx, scheme, index, setting, health, rate);
    result.rows += care.rows;
    result.services += care.services;
    result.providers += care.providers;
    const places = await schemePlaces(ctx, scheme, index);
    if (!places.length) throw new Error(`no villages for scheme ${scheme.code}: run the demo on a new database`);
    const cardSetting = scheme.settings.cardPattern;
    const pattern = typeof cardSetting === 'string' && cardSetting ? cardSetting : DEFAULT_CARD_PATTERN;
    // Numbers for the whole scheme at once: batches written side by side must not queue on the
    // counter's row lock.
    const firstNumber = await ctx.db.transaction().execute((trx) => reserveHouseholdNumbers(trx, scheme.id, count));

    for (let start = 0; start < count; start += DEMO_BATCH_HOUSEHOLDS) {
      // Everything random is drawn here, in order, before any write: batches written side by
      // side cannot change what the seed gives.
      const batch: BulkHousehold[] = [];
      for (let i = start; i < Math.min(count, start + DEMO_BATCH_HOUSEHOLDS); i += 1) {
        const number = formatHouseholdNumber(firstNumber + i);
        batch.push(demoHousehold(random, number, (rank) => formatCard(pattern, { household: number, member: rank, scheme: scheme.code }), places, groupIds));
      }
      const coverage = batch.map((household) => planCoverage(contributions, setting, household));
      const claims = batch.map((household, i) => planClaims(health, care.setting, household, coverage[i]!));
      const pending: Promise<void> = writeBatch(ctx, scheme, version, batch, coverage, claims, options.seed)
        .then((tally) => {
          for (const key of ['rows', 'households', 'beneficiaries', 'periods', 'dues', 'payments', 'claims', 'claimLines', 'letters'] as const) result[key] += tally[key];
          done += tally.households;
          options.onProgress?.(done, total, 'households');
        })
        .catch((error: unknown) => void (failure ??= { error }))
        .finally(() => inFlight.delete(pending));
      inFlight.add(pending);
      if (inFlight.size >= DEMO_BATCHES_IN_FLIGHT) await Promise.race(inFlight);
      if (failure) break;
    }
    if (failure) break;
  }
  await Promise.all(inFlight);
  // A failed batch wrote nothing (its transaction rolled back); the others stay.
  if (failure) throw failure.error;
  await analyzeMemberTables(ctx.db);
  await analyzeCoverageTables(ctx.db);
  await analyzeClaimTables(ctx.db);
  return result;
}

/**
 * Decides the submitted claims of the demo schemes with the claims engine, as each scheme's batch
 * run would (the schemes side by side: each run holds its own scheme's lock, and the engine's work
 * of one overlaps the other's writing), so that the demo shows decided claims. Claims left
 * submitted by an earlier `--no-adjudicate` run are decided too.
 */
async function adjudicateDemo(ctx: ServiceContext, codes: string[], report: (done: number, total: number, label: string) => void): Promise<NonNullable<DemoResult['adjudication']>> {
  const all = await listSchemes(ctx);
  const started = performance.now();
  const totals = { claims: 0, lines: 0, approved: 0, reduced: 0, rejected: 0, payable: 0, seconds: 0 };
  const progress = new Map<string, { done: number; remaining: number }>();
  const runs = await Promise.all(
    codes.flatMap((code) => {
      const scheme = all.find((s) => s.code === code);
      if (!scheme) return [];
      return [
        adjudicateSubmitted(ctx, scheme.id, {
          onProgress: (run, remaining) => {
            progress.set(code, { done: run.claims, remaining });
            const sum = [...progress.values()].reduce((s, p) => ({ done: s.done + p.done, remaining: s.remaining + p.remaining }), { done: 0, remaining: 0 });
            report(sum.done, sum.done + sum.remaining, 'claims');
          },
        }),
      ];
    }),
  );
  for (const done of runs) for (const key of ['claims', 'lines', 'approved', 'reduced', 'rejected', 'payable'] as const) totals[key] += done[key];
  totals.seconds = Math.round((performance.now() - started) / 100) / 10;
  return totals;
}
