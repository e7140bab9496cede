import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '../../platform/dates.js';
import { resolveVersion, type ResolvedVersion } from '../products/index.js';
import {
  addedMemberDue,
  allocate,
  beneficiaryStatus,
  benefitWaitingEnd,
  periodDues,
  periodEnd,
  type DueFacts,
  type PaymentFacts,
  type PeriodFacts,
} from './coverage.rules.js';

// The product of the spec's example (scheme-file.md).
const base = resolveVersion({
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
  benefits: [{ category: 'delivery', coverageRate: 1, waitingPeriodDays: 270 }],
});
const v = (changes: Partial<ResolvedVersion>): ResolvedVersion => ({ ...base, ...changes });

const awa = { birthDate: '1986-04-12', birthYear: null };
const modou = { birthDate: '2019-09-30', birthYear: null };

function period(id: string, start: string, version: ResolvedVersion = base, renewalOf: string | null = null): PeriodFacts {
  return { id, start, end: periodEnd(start, version.coverageMonths), renewalOf, version };
}

function duesOf(p: PeriodFacts, amounts: number[], dueDates?: string[]): DueFacts[] {
  return amounts.map((amount, seq) => ({ id: `${p.id}-${seq}`, periodId: p.id, seq, dueDate: dueDates?.[seq] ?? p.start, amount, original: true }));
}

let order = 0;
const pay = (date: string, amount: number, reversedOn: string | null = null): PaymentFacts => ({ id: `p${++order}`, date, amount, reversedOn, order });

const member = { joinedOn: '2025-01-02', leftOn: null };

describe('dues of a period', () => {
  it('per person: adults and children by age at coverage start, joining fee in the first period', () => {
    const dues = periodDues(base, '2025-01-01', [awa, modou], { firstPeriod: true, newCards: 2 });
    expect(dues).toEqual([{ seq: 0, dueDate: '2025-01-01', amount: 6400, contribution: 5400, fees: 1000 }]);
  });

  it('a child turning 18 during the period still pays the child amount; one who is 18 at the start pays as an adult', () => {
    const turning = { birthDate: '2007-06-01', birthYear: null };
    expect(periodDues(base, '2025-01-01', [turning], { firstPeriod: false, newCards: 0 })[0]!.amount).toBe(1800);
    expect(periodDues(base, '2025-06-01', [turning], { firstPeriod: false, newCards: 0 })[0]!.amount).toBe(3600);
    expect(periodDues(base, '2025-05-31', [turning], { firstPeriod: false, newCards: 0 })[0]!.amount).toBe(1800);
  });

  it('an estimated birth year counts; an unknown age counts as an adult', () => {
    expect(periodDues(base, '2025-01-01', [{ birthDate: null, birthYear: 2015 }], { firstPeriod: false, newCards: 0 })[0]!.amount).toBe(1800);
    expect(periodDues(base, '2025-01-01', [{ birthDate: null, birthYear: null }], { firstPeriod: false, newCards: 0 })[0]!.amount).toBe(3600);
  });

  it('per household: one amount whatever the size', () => {
    const version = v({ contribution: { basis: 'per_household', amount: 12000 } });
    expect(periodDues(version, '2025-01-01', [awa, modou, awa], { firstPeriod: false, newCards: 0 })[0]!.amount).toBe(12000);
  });

  it('household lump sum: covers N members, then each extra member pays', () => {
    const version = v({ contribution: { basis: 'household_lump_sum', amount: 15000, membersIncluded: 5, perExtraMember: 2000 } });
    const five = Array.from({ length: 5 }, () => awa);
    expect(periodDues(version, '2025-01-01', five, { firstPeriod: false, newCards: 0 })[0]!.amount).toBe(15000);
    expect(periodDues(version, '2025-01-01', [...five, modou, modou], { firstPeriod: false, newCards: 0 })[0]!.amount).toBe(19000);
  });

  it('instalments: equal dues, the remainder and the fees in the first, due every coverageMonths / instalments months', () => {
    const version = v({ instalments: 4, cardFee: 200 });
    // 3600 + 1800 + 3600 = 9000 -> 4 x 2250; three members, fees 1000 + 3 x 200
    const dues = periodDues(version, '2025-01-31', [awa, modou, awa], { firstPeriod: true, newCards: 3 });
    expect(dues.map((d) => [d.dueDate, d.amount, d.fees])).toEqual([
      ['2025-01-31', 2250 + 1600, 1600],
      ['2025-04-30', 2250, 0],
      ['2025-07-31', 2250, 0],
      ['2025-10-31', 2250, 0],
    ]);
    const odd = periodDues(v({ instalments: 3, contribution: { basis: 'per_household', amount: 10000 } }), '2025-01-01', [awa], { firstPeriod: false, newCards: 0 });
    expect(odd.map((d) => d.amount)).toEqual([3334, 3333, 3333]);
  });

  it('a member added mid-period owes their own contribution and card fee, due the day they join', () => {
    const due = addedMemberDue(v({ cardFee: 500 }), { start: '2025-01-01' }, { ...modou, joinedOn: '2025-03-10' }, 3, true);
    expect(due).toMatchObject({ dueDate: '2025-03-10', amount: 2300, contribution: 1800, fees: 500 });
    expect(addedMemberDue(v({ contribution: { basis: 'per_household', amount: 9000 } }), { start: '2025-01-01' }, { ...modou, joinedOn: '2025-03-10' }, 3, false)).toBeUndefined();
  });

  it('a period ends the day before the same date coverageMonths later', () => {
    expect(periodEnd('2025-01-01', 12)).toBe('2025-12-31');
    expect(periodEnd('2024-03-01', 1)).toBe('2024-03-31');
  });
});

describe('allocation of payments', () => {
  it('pays the oldest dues first and holds an overpayment as credit', () => {
    const p = period('A', '2025-01-01', v({ instalments: 2 }));
    const dues = duesOf(p, [1000, 500], ['2025-01-01', '2025-07-01']);
    const a = allocate(dues, [pay('2025-01-05', 800), pay('2025-02-01', 900)]);
    expect(a.paid.get('A-0')).toBe(1000);
    expect(a.paidOn.get('A-0')).toBe('2025-02-01');
    expect(a.paid.get('A-1')).toBe(500);
    expect(a.credit).toBe(200);
  });

  it('uses only payments dated on or before the date looked from, and none reversed by then', () => {
    const p = period('A', '2025-01-01');
    const dues = duesOf(p, [1000]);
    const payments = [pay('2025-01-05', 1000, '2025-02-01')];
    expect(allocate(dues, payments, '2025-01-04').paidOn.has('A-0')).toBe(false);
    expect(allocate(dues, payments, '2025-01-05').paidOn.get('A-0')).toBe('2025-01-05');
    expect(allocate(dues, payments, '2025-02-01').paidOn.has('A-0')).toBe(false);
  });

  it('never allocates more than was paid, nor more than is due (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 10_000 }), { minLength: 1, maxLength: 6 }),
        fc.array(fc.tuple(fc.integer({ min: 0, max: 60 }), fc.integer({ min: 1, max: 10_000 })), { maxLength: 8 }),
        (amounts, paymentSpecs) => {
          const p = period('A', '2025-01-01');
          const dues = amounts.map((amount, seq) => ({ id: `d${seq}`, periodId: 'A', seq, dueDate: addDays('2025-01-01', seq * 30), amount, original: true }));
          const payments = paymentSpecs.map(([day, amount], i) => ({ id: `p${i}`, date: addDays('2025-01-01', day), amount, reversedOn: null, order: i }));
          const a = allocate(dues, payments);
          const allocated = [...a.paid.values()].reduce((s, x) => s + x, 0);
          const total = payments.reduce((s, x) => s + x.amount, 0);
          expect(allocated + a.credit).toBe(total);
          for (const d of dues) expect(a.paid.get(d.id) ?? 0).toBeLessThanOrEqual(d.amount);
          void p;
        },
      ),
    );
  });
});

describe('status of a beneficiary on a date (spec steps 1-5)', () => {
  const p = period('A', '2025-01-01');
  const dues = duesOf(p, [6400]);
  const paid = [pay('2025-01-02', 6400)];
  const status = (date: string, extra: Partial<Parameters<typeof beneficiaryStatus>[0]> = {}) =>
    beneficiaryStatus({ date, beneficiary: member, periods: [p], dues, payments: paid, ...extra });

  it('1. no period spans the date: none, the day before the start and the day after the end', () => {
    expect(status('2024-12-31').status).toBe('none');
    expect(status('2025-12-31').status).not.toBe('none');
    expect(status('2026-01-01').status).toBe('none');
  });

  it('1. a beneficiary who joined after the date is not covered on it; from the day they join they are', () => {
    const later = { joinedOn: '2025-06-10', leftOn: null };
    expect(status('2025-06-09', { beneficiary: later })).toMatchObject({ status: 'none', reason: 'NOT_YET_JOINED' });
    expect(status('2025-06-10', { beneficiary: later }).status).toBe('waiting');
  });

  it('a beneficiary who died or left is not covered from that day', () => {
    const left = { joinedOn: '2025-01-02', leftOn: '2025-08-01' };
    expect(status('2025-07-31', { beneficiary: left }).status).toBe('active');
    expect(status('2025-08-01', { beneficiary: left })).toMatchObject({ status: 'none', reason: 'LEFT' });
  });

  it('2. pending until the activation condition is met, using only payments made by then', () => {
    const late = [pay('2025-02-10', 6400)];
    expect(status('2025-02-09', { payments: late })).toMatchObject({ status: 'pending', reason: 'NOT_ACTIVATED' });
    expect(status('2025-02-10', { payments: late }).status).toBe('waiting');
    expect(status('2025-02-10', { payments: [pay('2025-01-05', 6000)] }).status).toBe('pending');
  });

  it('3. waiting until the later of start, joining and activation + waiting days; active on that day', () => {
    // joined 2025-01-02, paid 2025-01-02 -> waiting end 2025-04-02
    expect(status('2025-04-01')).toMatchObject({ status: 'waiting', waitingEnd: '2025-04-02' });
    expect(status('2025-04-02').status).toBe('active');
    const lateJoiner = { joinedOn: '2025-03-01', leftOn: null };
    expect(status('2025-05-29', { beneficiary: lateJoiner })).toMatchObject({ status: 'waiting', waitingEnd: '2025-05-30' });
    expect(status('2025-05-30', { beneficiary: lateJoiner }).status).toBe('active');
  });

  it('4. suspended when a due is unpaid more than gracePeriodDays after it fell due; not on the last day of grace', () => {
    const version = v({ instalments: 2, activation: 'first_instalment', waitingPeriodDays: 0 });
    const q = period('B', '2025-01-01', version);
    const twoDues = duesOf(q, [3200, 2700], ['2025-01-01', '2025-07-01']);
    const first = [pay('2025-01-01', 3200)];
    const s = (date: string, payments = first) => beneficiaryStatus({ date, beneficiary: { joinedOn: '2025-01-01', leftOn: null }, periods: [q], dues: twoDues, payments });
    expect(s('2025-07-31').status).toBe('active'); // 30 days after the due date: still in grace
    expect(s('2025-08-01')).toMatchObject({ status: 'suspended', reason: 'ARREARS', overdue: [{ dueDate: '2025-07-01', unpaid: 2700 }] });
    expect(s('2025-08-05', [...first, pay('2025-08-05', 2700)]).status).toBe('active');
  });

  it('first-instalment activation: covered once the first due is paid', () => {
    const version = v({ instalments: 2, activation: 'first_instalment', waitingPeriodDays: 0 });
    const q = period('B', '2025-01-01', version);
    const twoDues = duesOf(q, [3200, 2700], ['2025-01-01', '2025-07-01']);
    const r = beneficiaryStatus({ date: '2025-01-10', beneficiary: { joinedOn: '2025-01-01', leftOn: null }, periods: [q], dues: twoDues, payments: [pay('2025-01-10', 3200)] });
    expect(r).toMatchObject({ status: 'active', activatedOn: '2025-01-10' });
  });

  it('full-payment activation waits for every due of the period', () => {
    const version = v({ instalments: 2, activation: 'full_payment', waitingPeriodDays: 0 });
    const q = period('B', '2025-01-01', version);
    const twoDues = duesOf(q, [3200, 2700], ['2025-01-01', '2025-07-01']);
    const s = (payments: PaymentFacts[]) => beneficiaryStatus({ date: '2025-03-01', beneficiary: { joinedOn: '2025-01-01', leftOn: null }, periods: [q], dues: twoDues, payments });
    expect(s([pay('2025-01-10', 3200)]).status).toBe('pending');
    expect(s([pay('2025-01-10', 3200), pay('2025-02-10', 2700)])).toMatchObject({ status: 'active', activatedOn: '2025-02-10' });
  });
});

describe('renewal and the waiting period', () => {
  const first = period('A', '2025-01-01');
  const second = period('B', '2026-01-01', base, 'A');
  const dues = [...duesOf(first, [6400]), ...duesOf(second, [5400])];
  const s = (date: string, payments: PaymentFacts[]) => beneficiaryStatus({ date, beneficiary: member, periods: [first, second], dues, payments });

  it('a renewal paid within grace after the new start carries the waiting end over: covered from day one', () => {
    const payments = [pay('2025-01-02', 6400), pay('2026-01-31', 5400)];
    expect(s('2026-01-31', payments)).toMatchObject({ status: 'active', waitingEnd: '2025-04-02', continuousSince: '2025-01-02' });
  });

  it('a renewal paid in advance keeps coverage continuous too', () => {
    expect(s('2026-01-01', [pay('2025-01-02', 6400), pay('2025-12-15', 5400)]).status).toBe('active');
  });

  it('a late renewal (activated after grace) starts a new waiting period from its activation', () => {
    const payments = [pay('2025-01-02', 6400), pay('2026-02-01', 5400)];
    expect(s('2026-02-01', payments)).toMatchObject({ status: 'waiting', waitingEnd: '2026-05-02' });
    expect(s('2026-05-02', payments).status).toBe('active');
  });

  it('a member who joined during the renewed period waits from their own date', () => {
    const newcomer = { joinedOn: '2026-03-01', leftOn: null };
    const r = beneficiaryStatus({ date: '2026-03-02', beneficiary: newcomer, periods: [first, second], dues, payments: [pay('2025-01-02', 6400), pay('2025-12-20', 5400)] });
    expect(r).toMatchObject({ status: 'waiting', waitingEnd: '2026-05-30' });
  });

  it('a benefit line with its own waiting period counts it from the start of continuous coverage', () => {
    const r = s('2026-01-15', [pay('2025-01-02', 6400), pay('2025-12-20', 5400)]);
    expect(benefitWaitingEnd(r, 270)).toBe('2025-09-29');
    expect(benefitWaitingEnd(r, null)).toBe('2025-04-02');
  });
});
