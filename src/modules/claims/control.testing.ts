/**
 * Test factories for guarantee letters, review and provider payment: a scheme with a product,
 * a catalogue, providers under agreement and households covered from 2 January 2025.
 */
import type { ServiceContext } from '../../platform/context.js';
import type { Db } from '../../platform/db/connection.js';
import { enrolHousehold, recordPayment } from '../coverage/index.js';
import { newHousehold, newProduct, newScheme } from '../coverage/testing.js';
import type { VersionDefinition } from '../products/index.js';
import { addAgreement, createProvider, createService, type AddAgreement } from '../providers/index.js';
import type { ClaimView } from './claims.schemas.js';
import { submitClaim } from './claims.service.js';

/** No waiting period, no limit of uses: claims are decided by what a test sets up, not by the calendar. */
export const controlVersion: VersionDefinition = {
  effectiveFrom: '2025-01-01',
  coverageMonths: 12,
  contribution: { basis: 'per_person', adult: 3600, child: 1800, childMaxAge: 17 },
  joiningFee: 0,
  cardFee: 0,
  instalments: 1,
  activation: 'full_payment',
  gracePeriodDays: 30,
  waitingPeriodDays: 0,
  claimDeadlineDays: 365,
  benefits: [
    { category: 'consultation', coverageRate: 0.75 },
    { category: 'laboratory', coverageRate: 1 },
    { category: 'hospitalization', coverageRate: 0.8, requiresGuaranteeLetter: true },
  ],
  exclusions: [],
};

export const TARIFF = { CONS: 1500, LAB: 2000, HOSP: 20000 } as const;

export interface World {
  ctx: ServiceContext;
  schemeId: string;
  code: string;
  /** Cards of the covered members, two per household. */
  cards: string[];
  households: string[];
}

/** A scheme with the product, the catalogue (CONS, LAB, HOSP) and `households` covered households. */
export async function newWorld(db: Db, households = 2, code?: string): Promise<World> {
  const { ctx, schemeId, code: schemeCode } = await newScheme(db, code);
  await newProduct(ctx, schemeId, [controlVersion]);
  await createService(ctx, schemeId, { code: 'CONS', name: 'Consultation', category: 'consultation' });
  await createService(ctx, schemeId, { code: 'LAB', name: 'Analyse', category: 'laboratory' });
  await createService(ctx, schemeId, { code: 'HOSP', name: 'Journée d’hospitalisation', category: 'hospitalization' });
  const world: World = { ctx, schemeId, code: schemeCode, cards: [], households: [] };
  for (let i = 1; i <= households; i += 1) await addCoveredHousehold(world, `H${String(i).padStart(4, '0')}`);
  return world;
}

/** A household of two (an adult and a child), enrolled on 1 January 2025 and paid on the 2nd. */
export async function addCoveredHousehold(world: World, number: string, options: { pay?: boolean } = {}): Promise<string[]> {
  await newHousehold(world.ctx, world.schemeId, number);
  await enrolHousehold(world.ctx, world.schemeId, { household: number, product: 'BASE', start: '2025-01-01' });
  if (options.pay !== false) await recordPayment(world.ctx, world.schemeId, { household: number, date: '2025-01-02', amount: 5400, method: 'cash' });
  const cards = [`${number}-01`, `${number}-02`];
  world.households.push(number);
  if (options.pay !== false) world.cards.push(...cards);
  return cards;
}

/** A provider with an agreement over 2025 at TARIFF. */
export async function addProvider(world: World, code: string, terms: Partial<AddAgreement> = {}, level: 'health_centre' | 'hospital' = 'health_centre'): Promise<string> {
  await createProvider(world.ctx, world.schemeId, { code, name: `Centre ${code}`, level });
  await addAgreement(world.ctx, world.schemeId, code, {
    from: '2025-01-01',
    to: '2025-12-31',
    paymentMethod: 'fee_for_service',
    paymentDelayDays: 30,
    tariff: Object.entries(TARIFF).map(([service, price]) => ({ service, price })),
    ...terms,
  });
  return code;
}

let claimCounter = 0;

/** Submits (and decides) a claim of one day of care; lines as [service, quantity, unit price]. */
export async function claim(
  world: World,
  provider: string,
  member: string,
  from: string,
  lines: [string, number, number][] = [['CONS', 1, TARIFF.CONS]],
  options: { guaranteeLetter?: string | null; number?: string; adjudicate?: boolean } = {},
): Promise<ClaimView> {
  const { claim: view } = await submitClaim(
    world.ctx,
    world.schemeId,
    {
      number: options.number ?? `C-${String(++claimCounter).padStart(6, '0')}`,
      provider,
      member,
      from,
      to: from,
      submittedOn: from,
      guaranteeLetter: options.guaranteeLetter ?? null,
      lines: lines.map(([service, quantity, unitPrice]) => ({ service, quantity, unitPrice })),
    },
    { source: 'api', adjudicate: options.adjudicate },
  );
  return view;
}
