import { systemActor } from '../../platform/audit/audit.js';
import type { ServiceContext } from '../../platform/context.js';
import type { Db } from '../../platform/db/connection.js';
import { createScheme } from '../organizations/index.js';
import { registerHousehold } from '../members/index.js';
import { createProduct, type VersionDefinition } from '../products/index.js';

/** Factories for tests of coverage and the modules that build on it. */
export const exampleVersion: VersionDefinition = {
  effectiveFrom: '2025-01-01',
  coverageMonths: 12,
  contribution: { basis: 'per_person', adult: 3600, child: 1800, childMaxAge: 17 },
  joiningFee: 1000,
  cardFee: 0,
  instalments: 1,
  activation: 'full_payment',
  gracePeriodDays: 30,
  waitingPeriodDays: 90,
  claimDeadlineDays: 90,
  benefits: [
    { category: 'consultation', coverageRate: 0.75, maxUsesPerPeriod: 6 },
    { category: 'delivery', coverageRate: 1, perCaseCeiling: 15000, waitingPeriodDays: 270, sex: 'F', minAge: 12 },
  ],
  exclusions: ['COSMETIC'],
};

let counter = 0;

export async function newScheme(db: Db, code = `MUT-T${++counter}`): Promise<{ ctx: ServiceContext; schemeId: string; code: string }> {
  const ctx = { db, actor: systemActor('test') };
  const scheme = await createScheme(ctx, { code, name: code, currency: 'XOF', country: 'SN' });
  return { ctx, schemeId: scheme.id, code };
}

export async function newProduct(ctx: ServiceContext, schemeId: string, versions: VersionDefinition[] = [exampleVersion], code = 'BASE') {
  return createProduct(ctx, schemeId, { code, name: `Product ${code}`, versions });
}

/** The spec's example household: Awa (head, born 1986) and Modou (child, born 2019), joined 2025-01-02. */
export async function newHousehold(ctx: ServiceContext, schemeId: string, number: string, joinedOn = '2025-01-02') {
  const { household } = await registerHousehold(ctx, schemeId, {
    number,
    category: 'regular',
    members: [
      { card: `${number}-01`, firstName: 'Awa', lastName: 'Ndiaye', sex: 'F', birthDate: '1986-04-12', relationship: 'head', joinedOn },
      { card: `${number}-02`, firstName: 'Modou', lastName: 'Sarr', sex: 'M', birthDate: '2019-09-30', relationship: 'child', joinedOn },
    ],
  });
  return household;
}
