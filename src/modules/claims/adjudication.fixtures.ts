/**
 * A small world for the engine's tests: one scheme with a few services, providers, a product and
 * households, built from plain objects. Tests change what they need.
 */
import type { DueFacts, HouseholdStatusFacts, PaymentFacts } from '../coverage/index.js';
import { resolveVersion, type VersionDefinition } from '../products/index.js';
import type { AgreementFacts, ClaimInput, LetterFacts, MemberFacts, ProviderFacts, ServiceFacts, World } from './adjudication.rules.js';

export const baseVersion = (): VersionDefinition => ({
  effectiveFrom: '2025-01-01',
  coverageMonths: 12,
  contribution: { basis: 'per_household', amount: 10_000 },
  gracePeriodDays: 30,
  waitingPeriodDays: 0,
  claimDeadlineDays: 90,
  benefits: [
    { category: 'consultation', coverageRate: 0.75, maxUsesPerPeriod: 6 },
    { category: 'drugs', coverageRate: 0.8 },
    { category: 'delivery', coverageRate: 1, perCaseCeiling: 15_000, waitingPeriodDays: 270, sex: 'F', minAge: 12 },
    { category: 'hospitalization', coverageRate: 0.8, perCaseCeiling: 50_000, ceilingPerBeneficiary: 100_000, ceilingPerHousehold: 250_000, requiresGuaranteeLetter: true, providerLevels: ['hospital'] },
    { category: 'laboratory', copayment: 500 },
  ],
  exclusions: ['COSMETIC'],
});

export interface TestHousehold {
  id: string;
  periods: { id: string; start: string; end: string; renewalOf?: string | null; version?: VersionDefinition; versionId?: string }[];
  dues?: DueFacts[];
  payments?: PaymentFacts[];
}

export interface WorldSpec {
  services?: ServiceFacts[];
  providers?: ProviderFacts[];
  agreements?: { providerId: string; from: string; to: string | null; prices: Record<string, number> }[];
  members?: (Partial<MemberFacts> & { card: string; beneficiaryId: string; householdId: string })[];
  households?: TestHousehold[];
  letters?: LetterFacts[];
  diagnoses?: string[];
}

export const defaultServices: ServiceFacts[] = [
  { code: 'CONS', category: 'consultation' },
  { code: 'PARA', category: 'drugs' },
  { code: 'ACC', category: 'delivery' },
  { code: 'HOSP', category: 'hospitalization' },
  { code: 'NFS', category: 'laboratory' },
  { code: 'COSMETIC', category: 'surgery' },
  { code: 'DENT', category: 'dental' },
];

export const tariff = { CONS: 1500, PARA: 200, ACC: 12_000, HOSP: 30_000, NFS: 1_000, COSMETIC: 50_000, DENT: 2_000 };

export function testWorld(spec: WorldSpec = {}): World & { spec: Required<Omit<WorldSpec, 'diagnoses'>> & { diagnoses?: string[] } } {
  const full = {
    services: spec.services ?? defaultServices,
    providers: spec.providers ?? [
      { id: 'p-cs', code: 'CS', level: 'health_centre' as const },
      { id: 'p-hop', code: 'HOP', level: 'hospital' as const },
    ],
    agreements: spec.agreements ?? [
      { providerId: 'p-cs', from: '2025-01-01', to: '2025-12-31', prices: tariff },
      { providerId: 'p-hop', from: '2025-01-01', to: null, prices: tariff },
    ],
    members: spec.members ?? [
      { card: 'H1-01', beneficiaryId: 'b-awa', householdId: 'h1', sex: 'F' as const, birthDate: '1986-04-12', joinedOn: '2025-01-01' },
      { card: 'H1-02', beneficiaryId: 'b-modou', householdId: 'h1', sex: 'M' as const, birthDate: '2019-09-30', joinedOn: '2025-01-01' },
      { card: 'H2-01', beneficiaryId: 'b-fatou', householdId: 'h2', sex: 'F' as const, birthDate: '1990-01-01', joinedOn: '2025-01-01' },
    ],
    households: spec.households ?? [
      { id: 'h1', periods: [{ id: 'per-h1', start: '2025-01-01', end: '2025-12-31' }] },
      { id: 'h2', periods: [{ id: 'per-h2', start: '2025-01-01', end: '2025-12-31' }] },
    ],
    letters: spec.letters ?? [],
    diagnoses: spec.diagnoses,
  };
  const facts = new Map<string, HouseholdStatusFacts>(
    full.households.map((h) => [
      h.id,
      {
        periods: h.periods.map((p) => ({
          id: p.id,
          start: p.start,
          end: p.end,
          renewalOf: p.renewalOf ?? null,
          version: resolveVersion(p.version ?? baseVersion()),
          versionId: p.versionId ?? 'v1',
          productCode: 'BASE',
        })),
        dues: h.dues ?? [],
        payments: h.payments ?? [],
      },
    ]),
  );
  return {
    spec: full,
    service: (code) => full.services.find((s) => s.code === code),
    provider: (code) => full.providers.find((p) => p.code === code),
    agreementOn: (providerId, date): AgreementFacts | undefined => {
      const a = full.agreements.find((x) => x.providerId === providerId && x.from <= date && (x.to === null || date <= x.to));
      return a ? { id: `${a.providerId}:${a.from}`, prices: new Map(Object.entries(a.prices)) } : undefined;
    },
    member: (card) => {
      const m = full.members.find((x) => x.card === card);
      return m ? { sex: null, birthDate: null, birthYear: null, leftOn: null, joinedOn: '2025-01-01', ...m } : undefined;
    },
    household: (id) => facts.get(id) ?? { periods: [], dues: [], payments: [] },
    letter: (number) => full.letters.find((l) => l.number === number),
    diagnosisKnown: full.diagnoses ? (code) => full.diagnoses!.includes(code) : undefined,
  };
}

let counter = 0;
/** A claim with sensible defaults: one consultation at the tariff, on 2025-05-03, submitted a week later. */
export function claim(over: Partial<Omit<ClaimInput, 'lines'>> & { lines?: { service: string; quantity?: number; unitPrice?: number }[] } = {}): ClaimInput {
  counter += 1;
  const id = over.id ?? `c${String(counter).padStart(5, '0')}`;
  const lines = (over.lines ?? [{ service: 'CONS' }]).map((l, i) => ({
    id: `${id}-l${i + 1}`,
    seq: i + 1,
    service: l.service,
    quantity: l.quantity ?? 1,
    unitPrice: l.unitPrice ?? (tariff as Record<string, number>)[l.service] ?? 1000,
  }));
  return {
    id,
    number: over.number ?? `C-${id}`,
    provider: over.provider ?? 'CS',
    card: over.card ?? 'H1-01',
    from: over.from ?? '2025-05-03',
    to: over.to ?? over.from ?? '2025-05-03',
    submittedOn: over.submittedOn ?? '2025-05-10',
    diagnosis: over.diagnosis ?? null,
    guaranteeLetter: over.guaranteeLetter ?? null,
    lines,
  };
}
