/** Expenses and other income: recorded, listed, corrected by counter-entries (never edited or deleted); each posts to the ledger. */
import { recordAudit } from '../../platform/audit/audit.js';
import { inTransaction, type ServiceContext } from '../../platform/context.js';
import { ConflictError, NotFoundError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import type { Expense, ExpenseQuery, RecordExpense } from './finance.schemas.js';
import type { ExpenseTable } from './finance.table.js';
import type { Selectable } from 'kysely';
import { postEntries } from './ledger.post.js';
import { expensePosting } from './ledger.postings.js';

function toExpense(row: Selectable<ExpenseTable>): Expense {
  return {
    id: row.id,
    date: row.date,
    account: row.account,
    amount: row.amount,
    label: row.label,
    reference: row.reference,
    correctionOf: row.correction_of,
    createdBy: row.created_by,
    createdAt: row.created_at.toISOString(),
  };
}

export async function recordExpense(ctx: ServiceContext, schemeId: string, input: RecordExpense): Promise<Expense> {
  return inTransaction(ctx, async (trx) => {
    const row = {
      id: newId(),
      scheme_id: schemeId,
      date: input.date,
      account: input.account,
      amount: input.amount,
      label: input.label,
      reference: input.reference ?? null,
      correction_of: null,
      created_by: ctx.actor.label,
      created_at: new Date(),
    };
    await trx.insertInto('expense').values(row).execute();
    const expense = toExpense(row);
    await postEntries(trx, ctx.actor, schemeId, [expensePosting(expense)]);
    await recordAudit(trx, ctx.actor, { action: 'expense.record', entityType: 'expense', entityId: row.id, schemeId, after: expense });
    return expense;
  });
}

/** A counter-entry cancelling an expense recorded by mistake. Errors: NotFoundError, ConflictError (already corrected, or itself a correction). */
export async function correctExpense(ctx: ServiceContext, schemeId: string, id: string, reason: string): Promise<Expense> {
  return inTransaction(ctx, async (trx) => {
    const original = await trx.selectFrom('expense').selectAll().where('scheme_id', '=', schemeId).where('id', '=', id).forUpdate().executeTakeFirst();
    if (!original) throw new NotFoundError('expense', id);
    if (original.correction_of) throw new ConflictError('expense_is_correction', 'a correction cannot be corrected; record the expense again');
    const done = await trx.selectFrom('expense').select('id').where('scheme_id', '=', schemeId).where('correction_of', '=', id).executeTakeFirst();
    if (done) throw new ConflictError('expense_corrected', 'this expense is already corrected');
    const row = { ...original, id: newId(), amount: -original.amount, label: `${reason} (${original.label})`, correction_of: id, created_by: ctx.actor.label, created_at: new Date() };
    await trx.insertInto('expense').values(row).execute();
    const expense = toExpense(row);
    // The counter-entry's posting reverses the original's.
    const posted = await trx.selectFrom('journal_entry').select('id').where('scheme_id', '=', schemeId).where('source_kind', '=', 'expense').where('source_id', '=', id).executeTakeFirst();
    await postEntries(trx, ctx.actor, schemeId, [expensePosting(expense, posted?.id ?? null)]);
    await recordAudit(trx, ctx.actor, { action: 'expense.correct', entityType: 'expense', entityId: row.id, schemeId, before: toExpense(original), after: expense });
    return expense;
  });
}

export async function listExpenses(ctx: Pick<ServiceContext, 'db'>, schemeId: string, query: ExpenseQuery = {}): Promise<Expense[]> {
  let q = ctx.db.selectFrom('expense').selectAll().where('scheme_id', '=', schemeId);
  if (query.from) q = q.where('date', '>=', query.from);
  if (query.to) q = q.where('date', '<=', query.to);
  if (query.account) q = q.where('account', '=', query.account);
  return (await q.orderBy('date').orderBy('created_at').execute()).map(toExpense);
}
