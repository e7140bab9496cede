import { describe, expect, it } from 'vitest';
import { resolveVersion } from '../products/index.js';
import { coveredDays } from './coverage.exposure.js';
import type { HouseholdStatusFacts } from './coverage.facts.js';
import { exampleVersion } from './testing.js';

const version = resolveVersion({ ...exampleVersion, waitingPeriodDays: 30, gracePeriodDays: 30 });
const period = { id: 'p1', start: '2025-01-01', end: '2025-12-31', renewalOf: null, version, versionId: 'v1', productCode: 'BASE' };
const facts = (payments: HouseholdStatusFacts['payments']): HouseholdStatusFacts => ({
  periods: [period],
  dues: [
    { id: 'd1', periodId: 'p1', seq: 1, dueDate: '2025-01-01', amount: 1000, original: true },
    // A member added later: due on 1 February, unpaid; 30 days' grace.
    { id: 'd2', periodId: 'p1', seq: 2, dueDate: '2025-02-01', amount: 500, original: false },
  ],
  payments,
});
const member = { joinedOn: '2025-01-01', leftOn: null };
const quarter = { from: '2025-01-01', to: '2025-03-31', productCode: 'BASE' };

describe('beneficiary-days covered', () => {
  it('counts the waiting period and arrears as covered, from the payment that activates the period', () => {
    // Paid on 11 January: waiting to 9 February, active, suspended from 4 March (due of 1 February
    // unpaid 30 days after): covered every day from 11 January to 31 March = 21 + 28 + 31 = 80.
    const paid = facts([{ id: 'pay1', date: '2025-01-11', amount: 1000, reversedOn: null, order: 0 }]);
    expect(coveredDays(paid, member, quarter)).toEqual({ days: 80, onLastDay: true });
  });

  it('stops on the day the payment is reversed, and on the day the member leaves', () => {
    const reversed = facts([{ id: 'pay1', date: '2025-01-11', amount: 1000, reversedOn: '2025-03-15', order: 0 }]);
    // 11 January to 14 March = 21 + 28 + 14 = 63
    expect(coveredDays(reversed, member, quarter)).toEqual({ days: 63, onLastDay: false });
    const paid = facts([{ id: 'pay1', date: '2025-01-11', amount: 1000, reversedOn: null, order: 0 }]);
    // 11 January to 31 January = 21
    expect(coveredDays(paid, { joinedOn: '2025-01-01', leftOn: '2025-02-01' }, quarter)).toEqual({ days: 21, onLastDay: false });
  });

  it('counts only periods of the product asked', () => {
    const paid = facts([{ id: 'pay1', date: '2025-01-11', amount: 1000, reversedOn: null, order: 0 }]);
    expect(coveredDays(paid, member, { ...quarter, productCode: 'OTHER' })).toEqual({ days: 0, onLastDay: false });
  });
});
