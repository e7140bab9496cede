import { systemActor } from '../../platform/audit/audit.js';
import type { ServiceContext } from '../../platform/context.js';
import type { Db } from '../../platform/db/connection.js';
import { createScheme } from '../organizations/index.js';
import type { BenefitCategory } from '../products/index.js';
import type { AddAgreement } from './providers.schemas.js';
import { addAgreement, createProvider, createService } from './providers.service.js';

/** Factories for tests of providers and the modules that build on it (claims). */

let counter = 0;

export async function newScheme(db: Db, code = `MUT-P${++counter}`): Promise<{ ctx: ServiceContext; schemeId: string; code: string }> {
  const ctx = { db, actor: systemActor('test') };
  const scheme = await createScheme(ctx, { code, name: code, currency: 'XOF', country: 'SN' });
  return { ctx, schemeId: scheme.id, code };
}

/** The scheme file example's catalogue: a consultation and a simple delivery. */
export async function newCatalogue(ctx: ServiceContext, schemeId: string, services: [string, string, BenefitCategory][] = [['CONS', 'Consultation', 'consultation'], ['ACC', 'Accouchement simple', 'delivery']]) {
  for (const [code, name, category] of services) await createService(ctx, schemeId, { code, name, category });
}

/** A health centre, with agreement versions when given. */
export async function newProvider(ctx: ServiceContext, schemeId: string, code = 'CS-NDIAFFATE', agreements: AddAgreement[] = []) {
  let provider = await createProvider(ctx, schemeId, { code, name: `Centre de santé ${code}`, level: 'health_centre' });
  for (const agreement of agreements) provider = await addAgreement(ctx, schemeId, code, agreement);
  return provider;
}

/** The scheme file example's agreement: fee for service over 2025, CONS 1,500 and ACC 12,000. */
export const exampleAgreement: AddAgreement = {
  from: '2025-01-01',
  to: '2025-12-31',
  paymentMethod: 'fee_for_service',
  paymentDelayDays: 30,
  tariff: [
    { service: 'CONS', price: 1500 },
    { service: 'ACC', price: 12000 },
  ],
};
