import type { BulkBeneficiary, BulkHousehold } from '../modules/members/index.js';
import type { BulkPayment } from '../modules/coverage/index.js';
import { periodDues } from '../modules/coverage/index.js';
import type { ResolvedVersion, VersionDefinition } from '../modules/products/index.js';
import { addDays, addMonths } from '../platform/dates.js';
import { applyRateHalfUp } from '../platform/money.js';
import type { Random } from './random.js';

/**
 * A year of contributions for the demo households, as a rural Senegalese mutuelle sees them: a
 * benefit package priced per person, enrolments month after month, members who mostly pay on
 * time (cash to the section's collectors, some by mobile money), some late, some only the first
 * instalment, some never; the State's universal health coverage programme (CMU) paying for
 * indigent households, an NGO paying half for the households of some groups, groups remitting
 * for their members; and renewals, on time, late or not at all, for periods that ended before
 * the reference date. Everything is drawn from the generator it is given, so the same seed gives
 * the same payments; nothing is dated after the reference date.
 *
 * The demo holds only this recent history: a household that joined earlier has its older periods
 * in the paper registers the scheme kept before Mutua.
 */

/** Months over which first enrolments are spread, ending the month before the reference date. */
export const ENROLMENT_MONTHS = 18;

export const DEMO_PRODUCT = { code: 'BASE', name: 'Garantie de base' } as const;

export const DEMO_SUBSIDIZERS = {
  state: { code: 'ETAT-CMU', name: 'État du Sénégal — programme CMU (indigents)', share: 1 },
  ngo: { code: 'ONG-APPUI', name: 'ONG d’appui aux groupements (50 %)', share: 0.5 },
} as const;

/** Codes of the groups whose households the NGO sponsors (spec: scheme-file.md, subsidizers). */
export const NGO_GROUPS = ['GIE-FEMMES', 'COOP-AGRI'];

/**
 * The benefit package, priced as many rural Senegalese mutuelles under the CMU are: 3,500 XOF a
 * year per adult and half for a child (17 or younger), a joining fee and a card fee. Schemes with
 * an even index collect in two instalments and activate on the first; the others collect once and
 * activate on full payment. Consultations at health posts and centres are covered at 80%, drugs at
 * 70% (also dispensed in hospital or a pharmacy), stays in a centre or hospital on a guarantee
 * letter; a delivery waits 270 days.
 */
export function demoProductVersion(schemeIndex: number, effectiveFrom: string): VersionDefinition {
  const twoInstalments = schemeIndex % 2 === 0;
  return {
    effectiveFrom,
    coverageMonths: 12,
    contribution: { basis: 'per_person', adult: 3500, child: 1750, childMaxAge: 17 },
    joiningFee: 1000,
    cardFee: 500,
    instalments: twoInstalments ? 2 : 1,
    activation: twoInstalments ? 'first_instalment' : 'full_payment',
    gracePeriodDays: 30,
    waitingPeriodDays: 90,
    claimDeadlineDays: 60,
    benefits: [
      { category: 'consultation', coverageRate: 0.8, maxUsesPerPeriod: 6, providerLevels: ['health_post', 'health_centre'] },
      { category: 'drugs', coverageRate: 0.7, perCaseCeiling: 5000, ceilingPerBeneficiary: 30000, providerLevels: ['health_post', 'health_centre', 'hospital', 'pharmacy'] },
      { category: 'laboratory', coverageRate: 0.7, perCaseCeiling: 7500, providerLevels: ['health_centre', 'hospital', 'laboratory'] },
      { category: 'delivery', coverageRate: 1, perCaseCeiling: 15000, waitingPeriodDays: 270, sex: 'F', minAge: 12, providerLevels: ['health_post', 'health_centre'] },
      {
        category: 'hospitalization',
        coverageRate: 0.75,
        perCaseCeiling: 50000,
        ceilingPerBeneficiary: 100000,
        ceilingPerHousehold: 250000,
        maxUsesPerPeriod: 2,
        requiresGuaranteeLetter: true,
        providerLevels: ['health_centre', 'hospital'],
      },
    ],
  };
}

/** First day of each enrolment month: the ENROLMENT_MONTHS months before the reference date's. */
export function enrolmentMonths(referenceDate: string): string[] {
  const current = `${referenceDate.slice(0, 7)}-01`;
  return Array.from({ length: ENROLMENT_MONTHS }, (_, i) => addMonths(current, i - ENROLMENT_MONTHS));
}

// Collectors, two per section; some schemes pay them a commission per receipt book.
const COLLECTORS = [
  'Mame Diarra Sarr', 'Ousmane Faye', 'Ndèye Fatou Diop', 'Abdoulaye Ba', 'Aïssatou Ndao', 'Modou Thiam',
  'Coumba Sène', 'Malick Gueye', 'Astou Diouf', 'Saliou Ndiaye', 'Khady Mbaye', 'Babacar Fall',
];

export function sectionCollectors(schemeIndex: number, sectionRank: number): string[] {
  const first = (schemeIndex * 6 + sectionRank * 2) % COLLECTORS.length;
  return [COLLECTORS[first]!, COLLECTORS[(first + 1) % COLLECTORS.length]!];
}

/** What a scheme's households are planned against; `receipts` counts on as receipts are written. */
export interface CoverageSetting {
  referenceDate: string;
  months: string[];
  version: ResolvedVersion;
  stateId: string;
  ngoId: string;
  /** Group id -> days after a due date the group remits, and whether the NGO sponsors it. */
  groups: Map<string, { code: string; delay: number; ngo: boolean }>;
  /** Section id -> its code (receipt books are numbered per section) and collectors. */
  sections: Map<string, { code: string; collectors: string[] }>;
  receipts: Map<string, number>;
}

export interface PlannedPeriod {
  start: string;
  payments: BulkPayment[];
  dues: number;
}

export interface CoveragePlan {
  first: PlannedPeriod;
  renewal: PlannedPeriod | null;
  sponsor: { subsidizerId: string; from: string } | null;
}

type Behaviour = 'on_time' | 'late' | 'first_only' | 'never';

// Shares of member-paying households (spec of the demo: most on time, ~15% late past grace,
// ~10% only the first instalment, ~8% never).
const MEMBER_BEHAVIOURS: readonly (readonly [Behaviour, number])[] = [['on_time', 67], ['late', 15], ['first_only', 10], ['never', 8]];

interface Payer {
  /** The payments for one due of `amount` falling due on `dueDate` (the k-th of n). */
  pay(random: Random, dueDate: string, amount: number, k: number, n: number): BulkPayment[];
}

// Payers name the receipt book (`receipt: book`); the number is given once the payment is known
// to be made by the reference date, so each book is numbered without gaps.
function numberReceipt(setting: CoverageSetting, book: string): string {
  const n = (setting.receipts.get(book) ?? 0) + 1;
  setting.receipts.set(book, n);
  return `${book}-${String(n).padStart(6, '0')}`;
}

/** A household paying its own dues: cash to its collector, or mobile money. */
function memberPayer(random: Random, setting: CoverageSetting, household: BulkHousehold): Payer {
  const behaviour = random.weighted(MEMBER_BEHAVIOURS);
  const mobile = random.chance(0.2);
  const section = household.sectionId ? setting.sections.get(household.sectionId) : undefined;
  const collector = section ? random.pick(section.collectors) : null;
  const book = section?.code ?? 'R';
  const one = (date: string, amount: number): BulkPayment =>
    mobile
      ? { date, amount, method: 'mobile_money', payer: 'member', receipt: 'MM', collector: null }
      : { date, amount, method: 'cash', payer: 'member', receipt: book, collector };
  return {
    pay(r, dueDate, amount, k, n) {
      const onTime = () => addDays(dueDate, k === 0 ? r.int(-7, 14) : r.int(-10, 20));
      switch (behaviour) {
        case 'never':
          return [];
        case 'first_only':
          if (k > 0) return [];
          // With a single instalment, "only the first" is an advance on it that is never completed.
          return [one(onTime(), n === 1 ? Math.max(500, Math.round(amount / 1000) * 500) : amount)];
        case 'late':
          if (k === n - 1) return [one(addDays(dueDate, r.int(35, 150)), amount)];
          return [one(onTime(), amount)];
        case 'on_time': {
          const date = onTime();
          // Some pay in two goes, a few weeks apart.
          if (amount >= 4000 && r.chance(0.2)) {
            const part = Math.round(amount / 1000) * 500;
            return [one(date, part), one(addDays(date, r.int(7, 25)), amount - part)];
          }
          return [one(date, amount)];
        }
      }
    },
  };
}

/** An indigent household: the State (CMU) pays all its dues, usually within the month. */
function statePayer(random: Random, setting: CoverageSetting): Payer {
  const late = random.chance(0.2);
  return {
    pay: (r, dueDate, amount) => [
      { date: addDays(dueDate, late ? r.int(40, 100) : r.int(10, 28)), amount, method: 'subsidy', payer: 'subsidizer', subsidizerId: setting.stateId, receipt: 'CMU', collector: null },
    ],
  };
}

/** A group-enrolled household: its group remits for it (half, when the NGO pays the other half). */
function groupPayer(random: Random, setting: CoverageSetting, groupId: string): Payer {
  const group = setting.groups.get(groupId)!;
  const late = random.chance(0.1);
  return {
    pay(r, dueDate, amount) {
      const ngo = group.ngo ? applyRateHalfUp(amount, DEMO_SUBSIDIZERS.ngo.share) : 0;
      const payments: BulkPayment[] = [];
      if (amount - ngo > 0) {
        const date = addDays(dueDate, late ? r.int(35, 90) : group.delay);
        payments.push({ date, amount: amount - ngo, method: 'group_remittance', payer: 'group', groupId, receipt: null, collector: null });
      }
      if (ngo > 0) {
        payments.push({ date: addDays(dueDate, r.int(15, 28)), amount: ngo, method: 'bank', payer: 'subsidizer', subsidizerId: setting.ngoId, receipt: 'ONG', collector: null });
      }
      return payments;
    },
  };
}

/** The payments of one period, none dated after the reference date, in date order. */
function periodPayments(random: Random, setting: CoverageSetting, payer: Payer, start: string, members: BulkBeneficiary[], firstPeriod: boolean, firstPaymentOn?: string): PlannedPeriod {
  const dues = periodDues(setting.version, start, members, { firstPeriod, newCards: firstPeriod ? members.length : 0 }).filter((d) => d.amount > 0);
  const payments: BulkPayment[] = [];
  dues.forEach((due, k) => {
    for (const p of payer.pay(random, due.dueDate, due.amount, k, dues.length)) {
      if (k === 0 && firstPaymentOn && p.date < firstPaymentOn) p.date = firstPaymentOn;
      payments.push(p);
    }
  });
  const known = payments.filter((p) => p.date <= setting.referenceDate).sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  for (const p of known) if (p.receipt) p.receipt = numberReceipt(setting, p.receipt);
  return { start, payments: known, dues: dues.length };
}

function paidInFull(period: PlannedPeriod, setting: CoverageSetting, members: BulkBeneficiary[], firstPeriod: boolean): boolean {
  const owed = periodDues(setting.version, period.start, members, { firstPeriod, newCards: firstPeriod ? members.length : 0 }).reduce((s, d) => s + d.amount, 0);
  return period.payments.reduce((s, p) => s + p.amount, 0) === owed;
}

/**
 * A household's coverage: its first period (in one of the enrolment months, not before the
 * household joined), its payments, its sponsor, and a renewal when the first period ended before
 * the reference date and was paid in full. Renewals are paid on time (within grace, so no new
 * waiting period), late (a new waiting period) or not at all (lapsed); a renewal not paid by the
 * reference date is not opened yet (the renewal campaign lists the household).
 */
export function planCoverage(random: Random, setting: CoverageSetting, household: BulkHousehold): CoveragePlan {
  const months = setting.months;
  let start = random.pick(months);
  const joined = household.members[0]?.joinedOn ?? start;
  if (joined > start) start = months.find((m) => m >= joined) ?? months[months.length - 1]!;

  let payer: Payer;
  let sponsor: CoveragePlan['sponsor'] = null;
  if (household.category === 'indigent') {
    payer = statePayer(random, setting);
    sponsor = { subsidizerId: setting.stateId, from: start };
  } else if (household.category === 'group' && household.groupId && setting.groups.has(household.groupId)) {
    payer = groupPayer(random, setting, household.groupId);
    if (setting.groups.get(household.groupId)!.ngo) sponsor = { subsidizerId: setting.ngoId, from: start };
  } else {
    payer = memberPayer(random, setting, household);
  }

  const first = periodPayments(random, setting, payer, start, household.members, true);
  const renewalStart = addMonths(start, setting.version.coverageMonths);
  let renewal: PlannedPeriod | null = null;
  const when = random.next();
  const offset = when < 0.75 ? random.int(-14, 25) : random.int(35, 100);
  const lapses = sponsor?.subsidizerId === setting.stateId ? false : when >= 0.87;
  if (renewalStart <= setting.referenceDate && !lapses && paidInFull(first, setting, household.members, true)) {
    // The renewal's money comes after the first period's last payment (allocation by period agrees).
    const lastPaid = first.payments.reduce((d, p) => (p.date > d ? p.date : d), start);
    const firstPaymentOn = addDays(renewalStart, offset) > lastPaid ? addDays(renewalStart, offset) : lastPaid;
    const planned = periodPayments(random, setting, payer, renewalStart, household.members, false, firstPaymentOn);
    if (planned.payments.length > 0) renewal = planned;
  }
  return { first, renewal, sponsor };
}
