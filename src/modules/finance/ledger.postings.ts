/**
 * What every money fact posts (accrual basis; finance/README.md lists the entries). Facts reach
 * the ledger through typed events raised inside the transaction that records them, so a fact and
 * its entry are written, or not, together.
 */
import type { Actor, Executor } from '../../platform/audit/audit.js';
import { onEvent, type DomainEvents } from '../../platform/events.js';
import { contributionsEarnedBy } from '../coverage/index.js';
import { A } from './ledger.chart.js';
import { postEntries, type Posting } from './ledger.post.js';
import type { Expense } from './finance.schemas.js';

/** Where money received by each payment method is kept. */
export function moneyAccount(method: string): string {
  switch (method) {
    case 'cash':
      return A.cash;
    case 'mobile_money':
      return A.mobileMoney;
    default:
      // bank transfers, group remittances and subsidies arrive by bank
      return A.bank;
  }
}

type Dues = DomainEvents['coverage.duesCreated']['dues'];
type Payments = DomainEvents['coverage.paymentsRecorded']['payments'];
type PayableChanges = DomainEvents['claims.payableChanged']['changes'];
type Batches = DomainEvents['claims.batchPaid']['batches'];

export function duePostings(dues: Dues): Posting[] {
  return dues.map((d) => ({
    sourceKind: 'due',
    sourceId: d.id,
    date: d.dueDate,
    kind: 'contributions.billed',
    memo: 'Contributions and fees due',
    lines: [
      { account: A.contributionsReceivable, amount: d.contribution + d.fees },
      { account: A.unearnedContributions, amount: -d.contribution },
      { account: A.feeIncome, amount: -d.fees },
    ],
  }));
}

export function paymentPostings(payments: Payments): Posting[] {
  return payments.map((p) => ({
    sourceKind: 'payment',
    sourceId: p.id,
    date: p.date,
    kind: p.reversalOf ? 'payment.reversed' : 'payment.received',
    memo: p.reversalOf ? `Payment reversed (${p.reversalOf})` : `Payment received${p.receipt ? ` ${p.receipt}` : ''} (${p.method}, ${p.payer})`,
    lines: [
      { account: moneyAccount(p.method), amount: p.amount },
      { account: A.contributionsReceivable, amount: -p.amount },
    ],
  }));
}

export function claimPostings(changes: PayableChanges): Posting[] {
  return changes.map((c) => ({
    sourceKind: c.kind === 'adjudicated' ? 'claim' : 'claim_decision',
    sourceId: c.sourceId,
    date: c.dateOfCare,
    kind: c.kind === 'adjudicated' ? 'claim.adjudicated' : 'claim.overridden',
    memo: `Claim ${c.claimNumber}`,
    lines: [
      { account: A.claimsExpense, amount: c.amount },
      { account: A.claimsPayable, amount: -c.amount },
    ],
  }));
}

export function batchPostings(batches: Batches): Posting[] {
  return batches.map((b) => ({
    sourceKind: 'payment_batch',
    sourceId: b.id,
    date: b.paidOn,
    kind: 'claims.paid',
    memo: `Payment batch ${b.number}`,
    lines: [
      { account: A.claimsPayable, amount: b.claimsPayable },
      // capitation, and flat rates beyond (or below) the claims' payable
      { account: A.capitationExpense, amount: b.total - b.claimsPayable },
      { account: A.bank, amount: -b.total },
    ],
  }));
}

/** An expense, other income or transfer to the reserves; a correction (negative amount) posts the mirror. */
export function expensePosting(e: Pick<Expense, 'id' | 'date' | 'account' | 'amount' | 'label'>, reversalOf: string | null = null): Posting {
  const [debit, credit] =
    e.account === 'administration' ? [A.administrativeExpenses, A.cash] : e.account === 'other_income' ? [A.cash, A.otherIncome] : [A.retainedResult, A.reserves];
  return {
    sourceKind: 'expense',
    sourceId: e.id,
    date: e.date,
    kind: e.amount < 0 ? 'expense.corrected' : `expense.${e.account}`,
    memo: e.label,
    reversalOf,
    lines: [
      { account: debit, amount: e.amount },
      { account: credit, amount: -e.amount },
    ],
  };
}

/**
 * Moves the contributions earned by `on` (coverage's contributionsEarnedBy: billed contributions,
 * pro rata of the coverage days elapsed) from "received in advance" to "contributions earned":
 * the difference with what was earned before, so it can run at every close. Returns the amount.
 */
export async function earnContributions(trx: Executor, actor: Actor, schemeId: string, on: string): Promise<number> {
  const target = await contributionsEarnedBy(trx, schemeId, on);
  const done = await trx
    .selectFrom('journal_line as l')
    .innerJoin('journal_entry as e', 'e.id', 'l.entry_id')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<string>(eb(eb.ref('l.credit'), '-', eb.ref('l.debit'))), eb.val('0')).as('earned'))
    .where('l.scheme_id', '=', schemeId)
    .where('e.scheme_id', '=', schemeId)
    .where('e.kind', '=', 'contributions.earned')
    .where('l.account_code', '=', A.contributionIncome)
    .executeTakeFirst();
  const amount = target - Number(done?.earned ?? 0);
  await postEntries(trx, actor, schemeId, [
    {
      sourceKind: 'earning',
      sourceId: on,
      date: on,
      kind: 'contributions.earned',
      memo: `Contributions earned by ${on}`,
      lines: [
        { account: A.unearnedContributions, amount },
        { account: A.contributionIncome, amount: -amount },
      ],
    },
  ]);
  return amount;
}

// Loaded with the finance module (its index.ts): whoever records a money fact posts it.
onEvent('coverage.duesCreated', (trx, actor, e) => postEntries(trx, actor, e.schemeId, duePostings(e.dues)).then(() => undefined));
onEvent('coverage.paymentsRecorded', (trx, actor, e) => postEntries(trx, actor, e.schemeId, paymentPostings(e.payments)).then(() => undefined));
onEvent('claims.payableChanged', (trx, actor, e) => postEntries(trx, actor, e.schemeId, claimPostings(e.changes)).then(() => undefined));
onEvent('claims.batchPaid', (trx, actor, e) => postEntries(trx, actor, e.schemeId, batchPostings(e.batches)).then(() => undefined));
