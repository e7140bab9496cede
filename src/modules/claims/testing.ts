import type { ServiceContext } from '../../platform/context.js';
import type { Db } from '../../platform/db/connection.js';
import { enrolHousehold, recordPayment } from '../coverage/index.js';
import { exampleVersion, newHousehold, newProduct, newScheme } from '../coverage/testing.js';
import { addAgreement, createProvider, createService } from '../providers/index.js';
import type { VersionDefinition } from '../products/index.js';

/** The spec's example product with a hospitalization line (ceilings, letter, hospital only). */
export const claimsVersion: VersionDefinition = {
  ...exampleVersion,
  waitingPeriodDays: 0,
  benefits: [
    ...exampleVersion.benefits,
    { category: 'hospitalization', coverageRate: 0.8, perCaseCeiling: 50_000, ceilingPerBeneficiary: 100_000, ceilingPerHousehold: 250_000, requiresGuaranteeLetter: true, providerLevels: ['hospital'] },
    { category: 'drugs', coverageRate: 0.8 },
  ],
};

export const tariff = [
  { service: 'CONS', price: 1500 },
  { service: 'ACC', price: 12_000 },
  { service: 'HOSP', price: 30_000 },
  { service: 'PARA', price: 200 },
];

/**
 * A scheme ready for claims: catalogue, a health centre (CS) and a hospital (HOP) with
 * agreements from 2025-01-01, product BASE, and `households` households (H1, H2, …) enrolled on
 * 2025-01-01 and paid in full on that day.
 */
export async function claimsScheme(db: Db, options: { households?: number; version?: VersionDefinition } = {}): Promise<{ ctx: ServiceContext; schemeId: string; code: string }> {
  const { ctx, schemeId, code } = await newScheme(db);
  await newProduct(ctx, schemeId, [options.version ?? claimsVersion]);
  for (const s of [
    { code: 'CONS', name: 'Consultation', category: 'consultation' as const },
    { code: 'ACC', name: 'Accouchement', category: 'delivery' as const },
    { code: 'HOSP', name: 'Journée d’hospitalisation', category: 'hospitalization' as const },
    { code: 'PARA', name: 'Paracétamol', category: 'drugs' as const },
  ]) {
    await createService(ctx, schemeId, s);
  }
  await createProvider(ctx, schemeId, { code: 'CS', name: 'Centre de santé', level: 'health_centre' });
  await createProvider(ctx, schemeId, { code: 'HOP', name: 'Hôpital régional', level: 'hospital' });
  await addAgreement(ctx, schemeId, 'CS', { from: '2025-01-01', to: null, paymentMethod: 'fee_for_service', tariff });
  await addAgreement(ctx, schemeId, 'HOP', { from: '2025-01-01', to: null, paymentMethod: 'fee_for_service', tariff });
  for (let i = 1; i <= (options.households ?? 2); i += 1) {
    await newHousehold(ctx, schemeId, `H${i}`, '2025-01-01');
    await enrolHousehold(ctx, schemeId, { household: `H${i}`, product: 'BASE', start: '2025-01-01' });
    await recordPayment(ctx, schemeId, { household: `H${i}`, date: '2025-01-01', amount: 6400, method: 'cash' });
  }
  return { ctx, schemeId, code };
}
