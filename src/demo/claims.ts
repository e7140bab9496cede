import type { BulkClaim, BulkClaimLine, BulkLetter } from '../modules/claims/index.js';
import type { BulkBeneficiary, BulkHousehold } from '../modules/members/index.js';
import type { AddAgreement, CreateProvider } from '../modules/providers/index.js';
import { periodDues } from '../modules/coverage/index.js';
import type { BenefitCategory, ProviderLevel, ResolvedVersion } from '../modules/products/index.js';
import { addDays, addMonths, daysBetween } from '../platform/dates.js';
import type { CoveragePlan, PlannedPeriod } from './contributions.js';
import type { Random } from './random.js';

/**
 * What the demo members' health care looks like to the scheme: a service catalogue of a rural
 * Senegalese district (acts, drugs and supplies at public-sector prices in XOF), the facilities of
 * the scheme's region under agreement (a regional hospital, district health centres, village
 * health posts, private pharmacies and a laboratory), and the claims they send for the members'
 * care: consultations (about two a year, more for small children and women of child-bearing age)
 * mostly with drugs, some with laboratory tests, prescriptions filled at a pharmacy, deliveries,
 * rare hospitalizations on a guarantee letter, and a few acts the package does not cover. Claims
 * are what providers really send: some prices above the tariff, some sent late, a few sent twice
 * under another number, a few with a mistyped card. Everything is drawn from the generator it is
 * given, household by household, so the same seed gives the same claims.
 */

// ---------------------------------------------------------------- catalogue

export interface DemoService {
  code: string;
  name: string;
  category: BenefitCategory;
  kind: 'service' | 'drug' | 'supply';
  /** The health centre's price (XOF); other levels are priced from it. */
  price: number;
}

const s = (code: string, name: string, category: BenefitCategory, kind: DemoService['kind'], price: number): DemoService => ({ code, name, category, kind, price });

export const DEMO_SERVICES: readonly DemoService[] = [
  s('CONS-ICP', 'Consultation par l’infirmier chef de poste', 'consultation', 'service', 500),
  s('CONS-MG', 'Consultation de médecine générale', 'consultation', 'service', 1500),
  s('CONS-SPE', 'Consultation de spécialiste', 'consultation', 'service', 4000),
  s('CPN', 'Consultation prénatale', 'antenatal', 'service', 500),
  s('PARA500', 'Paracétamol 500 mg, boîte de 20 comprimés', 'drugs', 'drug', 250),
  s('AMOX500', 'Amoxicilline 500 mg, boîte de 12 gélules', 'drugs', 'drug', 1100),
  s('ACT-AD', 'Artéméther-luméfantrine 80/480 mg (adulte)', 'drugs', 'drug', 1500),
  s('ACT-EN', 'Artéméther-luméfantrine 20/120 mg (enfant)', 'drugs', 'drug', 700),
  s('SRO', 'Sels de réhydratation orale, sachet', 'drugs', 'drug', 150),
  s('ZINC', 'Zinc 20 mg, boîte de 10 comprimés', 'drugs', 'drug', 300),
  s('FER-AF', 'Fer et acide folique, boîte de 30 comprimés', 'drugs', 'drug', 250),
  s('METRO', 'Métronidazole 250 mg, boîte de 20 comprimés', 'drugs', 'drug', 600),
  s('COTRI', 'Cotrimoxazole 480 mg, boîte de 20 comprimés', 'drugs', 'drug', 500),
  s('IBU400', 'Ibuprofène 400 mg, boîte de 20 comprimés', 'drugs', 'drug', 400),
  s('MEBEN', 'Mébendazole 500 mg, comprimé', 'drugs', 'drug', 200),
  s('SALBU', 'Salbutamol sirop 2 mg/5 ml', 'drugs', 'drug', 900),
  s('OMEP', 'Oméprazole 20 mg, boîte de 14 gélules', 'drugs', 'drug', 800),
  s('AMLO', 'Amlodipine 5 mg, boîte de 30 comprimés', 'drugs', 'drug', 1200),
  s('METF', 'Metformine 500 mg, boîte de 30 comprimés', 'drugs', 'drug', 1000),
  s('OXYTO', 'Ocytocine 10 UI, ampoule injectable', 'drugs', 'drug', 400),
  s('QUIN-INJ', 'Artésunate 60 mg injectable', 'drugs', 'drug', 2500),
  s('CEFTRI', 'Ceftriaxone 1 g injectable', 'drugs', 'drug', 1500),
  s('PERF-RL', 'Ringer lactate 500 ml, poche', 'drugs', 'drug', 1000),
  s('SERING', 'Seringue 5 ml avec aiguille', 'drugs', 'supply', 100),
  s('GANTS', 'Gants d’examen, paire', 'drugs', 'supply', 100),
  s('PANS', 'Pansement et compresses', 'drugs', 'supply', 500),
  s('TDR-PALU', 'Test de diagnostic rapide du paludisme', 'laboratory', 'supply', 500),
  s('GE', 'Goutte épaisse', 'laboratory', 'service', 1000),
  s('NFS', 'Numération formule sanguine', 'laboratory', 'service', 2500),
  s('GLY', 'Glycémie', 'laboratory', 'service', 1000),
  s('CREA', 'Créatininémie', 'laboratory', 'service', 2000),
  s('ECBU', 'Examen cytobactériologique des urines', 'laboratory', 'service', 3000),
  s('SELLES', 'Examen parasitologique des selles', 'laboratory', 'service', 1500),
  s('WIDAL', 'Sérodiagnostic de Widal et Félix', 'laboratory', 'service', 2500),
  s('GS-RH', 'Groupage sanguin ABO-rhésus', 'laboratory', 'service', 2000),
  s('ACC-EUT', 'Accouchement eutocique', 'delivery', 'service', 5000),
  s('KIT-ACC', 'Kit d’accouchement', 'delivery', 'supply', 3000),
  s('CESAR', 'Césarienne', 'caesarean', 'service', 55000),
  s('HOSP-J', 'Journée d’hospitalisation', 'hospitalization', 'service', 3000),
  s('HOSP-OBS', 'Mise en observation (24 heures)', 'hospitalization', 'service', 1500),
  s('ECHO-OBS', 'Échographie obstétricale', 'imaging', 'service', 7500),
  s('RADIO-TH', 'Radiographie du thorax', 'imaging', 'service', 10000),
  s('ECHO-ABD', 'Échographie abdominale', 'imaging', 'service', 10000),
  s('SUTURE', 'Petite chirurgie (suture de plaie)', 'surgery', 'service', 3000),
  s('APPEND', 'Appendicectomie', 'surgery', 'service', 75000),
  s('DENT-EXT', 'Extraction dentaire', 'dental', 'service', 2500),
  s('OPH-CONS', 'Consultation d’ophtalmologie', 'eye_care', 'service', 3000),
  s('EVAC', 'Évacuation sanitaire en ambulance', 'transport', 'service', 15000),
];

const SERVICE = new Map(DEMO_SERVICES.map((x) => [x.code, x]));

/** The catalogue as the file a scheme would load (CSV: code, name, category, kind). */
export function demoCatalogueCsv(): Buffer {
  const quote = (text: string) => `"${text.replace(/"/g, '""')}"`;
  return Buffer.from(['code,name,category,kind', ...DEMO_SERVICES.map((x) => [x.code, quote(x.name), x.category, x.kind].join(','))].join('\n'), 'utf8');
}

// What each level of care has in its tariff, and how its prices compare with a health centre's.
const BY_LEVEL: Record<ProviderLevel, { factor: number; services: (x: DemoService) => boolean }> = {
  health_post: { factor: 0.8, services: (x) => ['CONS-ICP', 'CPN', 'ACC-EUT', 'KIT-ACC', 'SUTURE', 'HOSP-OBS'].includes(x.code) || (x.category === 'drugs' && !['QUIN-INJ', 'AMLO', 'METF'].includes(x.code)) },
  health_centre: {
    factor: 1,
    services: (x) => !['CONS-ICP', 'CONS-SPE', 'CESAR', 'APPEND', 'RADIO-TH', 'ECHO-ABD', 'OPH-CONS', 'CREA'].includes(x.code),
  },
  hospital: { factor: 1.4, services: (x) => !['CONS-ICP', 'CONS-MG', 'CPN', 'HOSP-OBS', 'TDR-PALU', 'ACC-EUT', 'KIT-ACC'].includes(x.code) },
  pharmacy: { factor: 1.15, services: (x) => x.category === 'drugs' && x.code !== 'OXYTO' },
  laboratory: { factor: 1.2, services: (x) => x.category === 'laboratory' },
};

const round50 = (x: number) => Math.max(50, Math.round(x / 50) * 50);

// ---------------------------------------------------------------- providers

export interface DemoProvider {
  input: CreateProvider;
  agreements: AddAgreement[];
}

const PHARMACIES = ['Pharmacie du Marché', 'Pharmacie Serigne Fallou', 'Pharmacie de la Gare', 'Pharmacie Mame Diarra', 'Pharmacie Al Amine', 'Pharmacie du Rond-Point'];

/**
 * The facilities of a scheme's region under agreement: the regional hospital, a health centre per
 * district and a confessional one, a health post in some villages, pharmacies and a laboratory.
 * Agreements start with the benefit package and pay per act at the tariff, except one health post
 * paid by capitation and the confessional centre paid a flat rate per case; the hospital's tariff
 * was revised four months before the reference date (a new agreement version, 10 % dearer).
 */
export function demoProviders(
  random: Random,
  region: { name: string; districts: { code: string; name: string }[]; villages: { code: string; name: string }[] },
  agreementFrom: string,
  referenceDate: string,
): DemoProvider[] {
  const tariff = (level: ProviderLevel, markUp = 1) =>
    DEMO_SERVICES.filter(BY_LEVEL[level].services).map((x) => ({ service: x.code, price: round50(x.price * BY_LEVEL[level].factor * markUp) }));
  const feeForService = (level: ProviderLevel, markUp = 1): AddAgreement => ({ from: agreementFrom, to: null, paymentMethod: 'fee_for_service', paymentDelayDays: 30, tariff: tariff(level, markUp) });
  const revision = addMonths(`${referenceDate.slice(0, 7)}-01`, -4);
  const list: DemoProvider[] = [];
  const hospital = feeForService('hospital');
  list.push({
    input: { code: 'HR01', name: `Hôpital régional de ${region.name}`, level: 'hospital', type: 'public', location: region.districts[0]?.code ?? null },
    agreements: revision > agreementFrom ? [hospital, { ...hospital, from: revision, paymentDelayDays: 45, tariff: tariff('hospital', 1.1) }] : [hospital],
  });
  region.districts.forEach((d, i) => {
    list.push({ input: { code: `CS0${i + 1}`, name: `Centre de santé de ${d.name}`, level: 'health_centre', type: 'public', location: d.code }, agreements: [feeForService('health_centre')] });
  });
  const confessional = `CS0${region.districts.length + 1}`;
  list.push({
    input: { code: confessional, name: 'Centre de santé catholique Saint-Joseph', level: 'health_centre', type: 'confessional', location: region.districts[0]?.code ?? null },
    agreements: [{ ...feeForService('health_centre', 1.1), paymentMethod: 'flat_rate', flatRateAmount: 3500 }],
  });
  const posts = Math.min(region.villages.length, random.int(8, 14));
  const villages = [...region.villages];
  for (let i = 0; i < posts; i += 1) {
    const village = villages.splice(random.int(0, villages.length - 1), 1)[0]!;
    const code = `PS${String(i + 1).padStart(2, '0')}`;
    const agreement = i === 0 ? { ...feeForService('health_post'), paymentMethod: 'capitation' as const, capitationAmount: 150 } : feeForService('health_post');
    list.push({ input: { code, name: `Poste de santé de ${village.name}`, level: 'health_post', type: i % 5 === 4 ? 'community' : 'public', location: village.code }, agreements: [agreement] });
  }
  const pharmacies = random.int(2, 4);
  const names = [...PHARMACIES];
  for (let i = 0; i < pharmacies; i += 1) {
    const name = names.splice(random.int(0, names.length - 1), 1)[0]!;
    list.push({ input: { code: `PH0${i + 1}`, name, level: 'pharmacy', type: 'private', location: random.pick(region.districts).code }, agreements: [feeForService('pharmacy')] });
  }
  list.push({ input: { code: 'LAB01', name: 'Laboratoire d’analyses médicales Pasteur', level: 'laboratory', type: 'private', location: region.districts[0]?.code ?? null }, agreements: [feeForService('laboratory')] });
  return list;
}

// ---------------------------------------------------------------- claims

/** What a scheme's claims are drawn against; counters move on as claims are drawn. */
export interface ClaimSetting {
  referenceDate: string;
  /** Utilization multiplier: 1 gives the rates below, 0 no claims. */
  rate: number;
  version: ResolvedVersion;
  providers: { code: string; level: ProviderLevel; type: string | null; agreements: AddAgreement[] }[];
  /** Next claim number per provider, and next guarantee letter number. */
  numbers: Map<string, number>;
  letters: { next: number };
}

/** A letter for a member of the household (by rank in `household.members`). */
export type PlannedLetter = Omit<BulkLetter, 'beneficiaryId'> & { member: number };

export interface HouseholdClaims {
  claims: BulkClaim[];
  letters: PlannedLetter[];
}

interface Condition {
  code: string;
  weight: number;
  drugs: (child: boolean) => string[];
  lab: string[];
}

// Common reasons for a visit in rural Senegal (ICD-10), with what is prescribed and tested.
const CONDITIONS: readonly Condition[] = [
  { code: 'B54', weight: 24, drugs: (child) => [child ? 'ACT-EN' : 'ACT-AD', 'PARA500'], lab: ['GE', 'TDR-PALU'] },
  { code: 'J06.9', weight: 18, drugs: () => ['AMOX500', 'PARA500'], lab: [] },
  { code: 'A09', weight: 12, drugs: (child) => (child ? ['SRO', 'ZINC'] : ['SRO', 'METRO']), lab: ['SELLES'] },
  { code: 'J18.9', weight: 6, drugs: (child) => (child ? ['AMOX500', 'SALBU'] : ['AMOX500', 'PARA500']), lab: ['NFS'] },
  { code: 'N39.0', weight: 5, drugs: () => ['COTRI', 'PARA500'], lab: ['ECBU'] },
  { code: 'K29.7', weight: 5, drugs: () => ['OMEP'], lab: [] },
  { code: 'I10', weight: 5, drugs: () => ['AMLO'], lab: ['CREA', 'GLY'] },
  { code: 'D64.9', weight: 5, drugs: () => ['FER-AF'], lab: ['NFS'] },
  { code: 'L08.9', weight: 5, drugs: () => ['COTRI', 'PANS'], lab: [] },
  { code: 'B82.9', weight: 6, drugs: () => ['MEBEN'], lab: ['SELLES'] },
  { code: 'M54.5', weight: 5, drugs: () => ['IBU400', 'PARA500'], lab: [] },
  { code: 'A01.0', weight: 2, drugs: () => ['AMOX500', 'PARA500'], lab: ['WIDAL', 'NFS'] },
  { code: 'E11.9', weight: 2, drugs: () => ['METF'], lab: ['GLY'] },
];
const HOSPITAL_CONDITIONS = [
  { code: 'B50.9', drugs: ['QUIN-INJ', 'PERF-RL', 'SERING'], lab: ['GE', 'NFS'] },
  { code: 'J18.9', drugs: ['CEFTRI', 'SERING'], lab: ['NFS'], imaging: 'RADIO-TH' },
  { code: 'A09', drugs: ['PERF-RL', 'METRO'], lab: ['NFS', 'SELLES'] },
  { code: 'D57.0', drugs: ['PERF-RL', 'PARA500'], lab: ['NFS', 'GS-RH'] },
  { code: 'K35.8', drugs: ['CEFTRI', 'PERF-RL'], lab: ['NFS', 'GS-RH'], imaging: 'ECHO-ABD', surgery: 'APPEND' },
] as const;
// Acts the package does not cover, at the level that does them, with their diagnosis.
const UNCOVERED = [
  { service: 'DENT-EXT', level: 'health_centre', diagnosis: 'K04.7' },
  { service: 'OPH-CONS', level: 'hospital', diagnosis: 'H10.9' },
  { service: 'SUTURE', level: 'health_post', diagnosis: 'T14.1' },
  { service: 'EVAC', level: 'health_centre', diagnosis: 'R57.9' },
  { service: 'ECHO-ABD', level: 'hospital', diagnosis: 'R10.4' },
] as const;

/** A Poisson draw (Knuth): counts of rare events over a span of time. */
function poisson(random: Random, mean: number): number {
  if (mean <= 0) return 0;
  const limit = Math.exp(-mean);
  let k = 0;
  let p = random.next();
  while (p > limit) {
    k += 1;
    p *= random.next();
  }
  return k;
}

/** Consultations per person-year by age and sex (children under five and women of child-bearing age most). */
function consultationRate(member: BulkBeneficiary, age: number): number {
  if (age < 5) return 3;
  if (age < 15) return 1.5;
  if (age < 50) return member.sex === 'F' ? 2.2 : 1.1;
  return 2.4;
}

function hospitalizationRate(age: number): number {
  return age < 5 ? 0.05 : age >= 60 ? 0.06 : 0.025;
}

/** When a period covers its members, worked out from its payments as the coverage rules do. */
interface Timeline {
  start: string;
  end: string;
  /** Start of continuous coverage (activation, or the earlier period's for a renewal on time); null: never activated. */
  continuousSince: string | null;
  waitingEnd: string | null;
  /** Whether the waiting end carries over from the period renewed. */
  carried: boolean;
  /** Spans (first and last day) in arrears beyond grace. */
  suspended: [string, string][];
}

function periodTimeline(version: ResolvedVersion, household: BulkHousehold, period: PlannedPeriod, firstPeriod: boolean, previous: Timeline | null): Timeline {
  const end = addDays(addMonths(period.start, version.coverageMonths), -1);
  const dues = periodDues(version, period.start, household.members, { firstPeriod, newCards: firstPeriod ? household.members.length : 0 }).filter((d) => d.amount > 0);
  // Payments go to the oldest dues first: the day each due is paid in full.
  const paidOn: (string | null)[] = [];
  let owed = 0;
  let k = 0;
  let paid = 0;
  for (const d of dues) {
    owed += d.amount;
    while (paid < owed && k < period.payments.length) paid += period.payments[k++]!.amount;
    paidOn.push(paid >= owed ? period.payments[k - 1]!.date : null);
  }
  const activation = dues.length === 0 ? period.start : version.activation === 'first_instalment' ? (paidOn[0] ?? null) : paidOn.every((x) => x) ? paidOn.reduce((a, b) => (b! > a! ? b : a), paidOn[0]!) : null;
  const suspended: [string, string][] = [];
  dues.forEach((d, i) => {
    const limit = addDays(d.dueDate, version.gracePeriodDays);
    const on = paidOn[i];
    if (!on || on > limit) suspended.push([addDays(limit, 1), on ? addDays(on, -1) : end]);
  });
  const onTime = !firstPeriod && previous?.continuousSince && activation && activation <= addDays(period.start, version.gracePeriodDays);
  if (onTime) return { start: period.start, end, continuousSince: previous.continuousSince, waitingEnd: previous.waitingEnd, carried: true, suspended };
  const since = activation ? (activation > period.start ? activation : period.start) : null;
  return { start: period.start, end, continuousSince: since, waitingEnd: since ? addDays(since, version.waitingPeriodDays) : null, carried: false, suspended };
}

const WEIGHTED_CONDITIONS = CONDITIONS.map((c) => [c, c.weight] as const);

type SettingProvider = ClaimSetting['providers'][number];

/**
 * The claims of one household over its coverage periods up to the reference date: for each member
 * and period, care drawn at the rates above (scaled by `setting.rate`), little of it while waiting
 * and almost none in a period never paid; claims sent a few days to six weeks after care (one in
 * twenty-five after the 60-day deadline), none sent after the reference date.
 */
export function planClaims(random: Random, setting: ClaimSetting, household: BulkHousehold, coverage: CoveragePlan): HouseholdClaims {
  const out: HouseholdClaims = { claims: [], letters: [] };
  if (setting.rate <= 0) return out;
  const byLevel = (level: ProviderLevel) => setting.providers.filter((p) => p.level === level);
  // The facilities the household uses: its village's post, its district's centre.
  const home = { post: random.pick(byLevel('health_post')), centre: random.pick(byLevel('health_centre')) };
  const hospital = byLevel('hospital')[0]!;

  /** A line at the tariff the provider's agreement gives on the date; a few ask more. */
  const line = (provider: SettingProvider, service: string, quantity: number, date: string): BulkClaimLine => {
    const agreement = [...provider.agreements].reverse().find((a) => a.from <= date) ?? provider.agreements[0]!;
    // A service missing from the tariff is asked at the usual price (the engine turns it down).
    const tariff = agreement.tariff.find((t) => t.service === service)?.price ?? round50((SERVICE.get(service)?.price ?? 1000) * BY_LEVEL[provider.level].factor);
    const above = random.chance(provider.type === 'private' || provider.type === 'confessional' ? 0.1 : 0.04);
    return { service, quantity, unitPrice: above ? round50(tariff * (1.1 + random.next() * 0.4)) : tariff };
  };

  const claimNumber = (provider: string, from: string): string => {
    const n = setting.numbers.get(provider) ?? 1;
    setting.numbers.set(provider, n + 1);
    return `${from.slice(0, 4)}-${String(n).padStart(7, '0')}`;
  };

  /** Sends a claim (not when it would go after the reference date); a few twice, a few with a mistyped card. */
  const send = (rank: number, provider: SettingProvider, from: string, to: string, diagnosis: string | null, letter: string | null, lines: BulkClaimLine[]): void => {
    if (lines.length === 0) return;
    const late = random.chance(0.04);
    const submittedOn = addDays(to, late ? random.int(61, 150) : random.int(2, 42));
    if (submittedOn > setting.referenceDate) return;
    const member = household.members[rank]!;
    const card = random.chance(0.003) ? mistyped(member.card) : member.card;
    const claim: BulkClaim = { number: claimNumber(provider.code, from), provider: provider.code, card, from, to, submittedOn, diagnosis, guaranteeLetter: letter, lines };
    out.claims.push(claim);
    if (random.chance(0.006)) {
      const again = addDays(submittedOn, random.int(7, 30));
      if (again <= setting.referenceDate) out.claims.push({ ...claim, number: claimNumber(provider.code, from), submittedOn: again });
    }
  };

  /** A letter for a stay: most approved before admission, some refused, some stays without one. */
  const guaranteeLetter = (provider: string, admission: string, rank: number): string | null => {
    const r = random.next();
    if (r < 0.1) return null;
    const number = `GL-${String(setting.letters.next++).padStart(6, '0')}`;
    const validFrom = addDays(admission, -random.int(0, 2));
    out.letters.push({
      number,
      member: rank,
      provider: random.chance(0.75) ? provider : null,
      category: 'hospitalization',
      validFrom,
      validTo: addDays(validFrom, 14),
      status: r < 0.94 ? 'approved' : 'refused',
      decisionReason: r < 0.94 ? null : 'Hospitalisation non justifiée par le dossier',
    });
    return number;
  };

  const consultation = (rank: number, date: string, child: boolean) => {
    const condition = random.weighted(WEIGHTED_CONDITIONS);
    const where = random.next();
    const provider = where < 0.64 ? home.post : where < 0.95 ? home.centre : hospital;
    const act = provider.level === 'health_post' ? 'CONS-ICP' : provider.level === 'health_centre' ? 'CONS-MG' : 'CONS-SPE';
    const lines = [line(provider, act, 1, date)];
    const drugs = random.chance(0.88) ? condition.drugs(child).slice(0, random.int(1, 2)) : [];
    const tests = condition.lab.length && random.chance(provider.level === 'health_post' ? 0.2 : 0.45) ? condition.lab.slice(0, random.int(1, condition.lab.length)) : [];
    const atPharmacy = drugs.length > 0 && random.chance(0.3);
    if (!atPharmacy) for (const d of drugs) lines.push(line(provider, d, child ? 1 : random.int(1, 2), date));
    // Health posts send tests to a laboratory; centres and the hospital do their own.
    if (provider.level !== 'health_post') for (const t of tests) if (lines.length < 4) lines.push(line(provider, t, 1, date));
    send(rank, provider, date, date, condition.code, null, lines);
    if (atPharmacy) {
      const shop = random.pick(byLevel('pharmacy'));
      send(rank, shop, date, date, condition.code, null, drugs.map((d) => line(shop, d, child ? 1 : random.int(1, 2), date)));
    }
    if (provider.level === 'health_post' && tests.length) {
      const lab = random.chance(0.6) ? random.pick(byLevel('laboratory')) : home.centre;
      send(rank, lab, date, date, condition.code, null, tests.map((t) => line(lab, t, 1, date)));
    }
  };

  const delivery = (rank: number, date: string) => {
    if (random.chance(0.04)) {
      // A caesarean at the hospital: the act is not in the package, the stay is (on a letter).
      const stay = random.int(3, 6);
      const end = addDays(date, stay - 1);
      if (end > setting.referenceDate) return;
      const letter = guaranteeLetter(hospital.code, date, rank);
      send(rank, hospital, date, end, 'O82.0', letter, [line(hospital, 'CESAR', 1, date), line(hospital, 'HOSP-J', stay, date), line(hospital, 'CEFTRI', random.int(2, 4), date)]);
      return;
    }
    const provider = random.chance(0.55) ? home.post : home.centre;
    const lines = [line(provider, 'ACC-EUT', 1, date), line(provider, 'OXYTO', 1, date)];
    if (random.chance(0.6)) lines.push(line(provider, 'KIT-ACC', 1, date));
    if (random.chance(0.5)) lines.push(line(provider, 'FER-AF', 1, date));
    send(rank, provider, date, date, 'O80', null, lines);
  };

  const hospitalization = (rank: number, date: string) => {
    const condition = random.pick(HOSPITAL_CONDITIONS);
    const provider = 'surgery' in condition || random.chance(0.6) ? hospital : home.centre;
    const stay = random.int(1, provider.level === 'hospital' ? 7 : 3);
    const end = addDays(date, stay - 1);
    if (end > setting.referenceDate) return;
    const letter = guaranteeLetter(provider.code, date, rank);
    const lines = [line(provider, 'HOSP-J', stay, date)];
    if ('surgery' in condition) lines.push(line(provider, condition.surgery, 1, date));
    for (const d of condition.drugs.slice(0, random.int(1, 2))) lines.push(line(provider, d, d === 'SERING' ? random.int(2, 6) : random.int(1, 4), date));
    if (lines.length < 4 && random.chance(0.6)) lines.push(line(provider, random.pick(condition.lab), 1, date));
    if (lines.length < 4 && 'imaging' in condition && provider.level === 'hospital' && random.chance(0.5)) lines.push(line(provider, condition.imaging, 1, date));
    send(rank, provider, date, end, condition.code, letter, lines);
  };

  const uncovered = (rank: number, date: string) => {
    const act = random.pick(UNCOVERED);
    const provider = act.level === 'hospital' ? hospital : act.level === 'health_post' ? home.post : home.centre;
    send(rank, provider, date, date, act.diagnosis, null, [line(provider, act.service, 1, date)]);
  };

  const version = setting.version;
  const deliveryWaiting = version.benefits.find((b) => b.category === 'delivery')?.waitingPeriodDays ?? null;
  const timelines = [periodTimeline(version, household, coverage.first, true, null)];
  if (coverage.renewal) timelines.push(periodTimeline(version, household, coverage.renewal, false, timelines[0]!));
  household.members.forEach((member, rank) => {
    for (const timeline of timelines) {
      const from = member.joinedOn > timeline.start ? member.joinedOn : timeline.start;
      const to = timeline.end < setting.referenceDate ? timeline.end : setting.referenceDate;
      if (from > to) continue;
      const days = daysBetween(from, to) + 1;
      const years = days / 365;
      // A member already in the household when the period was activated carries its waiting end;
      // one who joined later waits from joining.
      const since = timeline.continuousSince && member.joinedOn > timeline.continuousSince ? member.joinedOn : timeline.continuousSince;
      const waitingEnd = since && (timeline.carried && member.joinedOn <= timeline.start ? timeline.waitingEnd : addDays(since, version.waitingPeriodDays));
      const day = () => {
        const date = addDays(from, random.int(0, days - 1));
        // Members know when their card does not cover them: most stay home, some come anyway
        // (and their claims are turned down).
        const keep = !since || date < since ? 0.04 : date < waitingEnd! ? 0.15 : timeline.suspended.some(([a, b]) => a <= date && date <= b) ? 0.2 : 1;
        return keep === 1 || random.chance(keep) ? date : null;
      };
      const ageIn = (date: string) => Number(date.slice(0, 4)) - member.birthYear;
      const age = ageIn(from);
      const events = (mean: number, event: (date: string) => void) => {
        for (let n = poisson(random, mean * years * setting.rate); n > 0; n -= 1) {
          const date = day();
          if (date) event(date);
        }
      };
      events(consultationRate(member, age), (date) => consultation(rank, date, ageIn(date) < 15));
      if (member.sex === 'F' && age >= 15 && age <= 49) {
        // A delivery before the delivery waiting period is over is rarely claimed.
        events(0.12, (date) => (deliveryWaiting === null || !since || date >= addDays(since, deliveryWaiting) || random.chance(0.25) ? delivery(rank, date) : undefined));
      }
      events(hospitalizationRate(age), (date) => hospitalization(rank, date));
      events(0.06, (date) => uncovered(rank, date));
    }
  });
  return out;
}

/** A card with its member rank mistyped (no household has ninety members). */
function mistyped(card: string): string {
  return /\d\d$/.test(card) ? `${card.slice(0, -2)}9${card.slice(-1)}` : `${card}9`;
}
