/**
 * The books: accounts, journal, manual entries and reversals, month closing, and the statements
 * (trial balance, general ledger, income statement, balance sheet) — all read from the journal.
 */
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { recordAudit, type Executor } from '../../platform/audit/audit.js';
import { inTransaction, type ServiceContext } from '../../platform/context.js';
import { addDays, addMonths, today } from '../../platform/dates.js';
import { NotFoundError, ValidationError, type ErrorDetail } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { translate, type Locale } from '../../platform/i18n/index.js';
import { AccountExistsError, AccountUsedError, EntryIdempotencyConflictError, EntryIsReversalError, EntryNotManualError, EntryReversedError, MonthClosedError, SystemAccountError } from './finance.errors.js';
import { type AccountNature, type AccountType, ensureChart } from './ledger.chart.js';
import { closedThrough, postEntries } from './ledger.post.js';
import { earnContributions } from './ledger.postings.js';
import { MAX_LEDGER_ATTACHMENT_BYTES } from './ledger.schemas.js';
import type {
  Account,
  AddAccount,
  AddEntryAttachment,
  BalanceSheet,
  ClosedPeriods,
  Entry,
  EntryPage,
  EntryQuery,
  GeneralLedger,
  GeneralLedgerQuery,
  IncomeStatement,
  ManualEntry,
  PeriodClose,
  PeriodQuery,
  RenameAccount,
  ReverseEntry,
  TrialBalance,
} from './ledger.schemas.js';

type AccountRow = { code: string; name_en: string; name_fr: string; type: AccountType; nature: string; parent_code: string | null; system: boolean };

const toAccount = (r: AccountRow): Account => ({ code: r.code, nameEn: r.name_en, nameFr: r.name_fr, type: r.type, nature: r.nature as AccountNature, parent: r.parent_code, system: r.system });

/** Debit-side accounts (assets, expenses) show debit - credit; the others credit - debit. */
const sign = (type: AccountType) => (type === 'asset' || type === 'expense' ? 1 : -1);

async function accountRows(db: Executor, schemeId: string): Promise<AccountRow[]> {
  await ensureChart(db, schemeId);
  return db.selectFrom('account').select(['code', 'name_en', 'name_fr', 'type', 'nature', 'parent_code', 'system']).where('scheme_id', '=', schemeId).orderBy('code').execute();
}

// ---------------------------------------------------------------- accounts

/** The scheme's chart of accounts (the default one is seeded on first use). */
export async function listAccounts(ctx: Pick<ServiceContext, 'db'>, schemeId: string): Promise<Account[]> {
  return (await accountRows(ctx.db, schemeId)).map(toAccount);
}

/** Adds an account (under a parent, it takes the parent's type and nature unless given). Errors: AccountExistsError, ValidationError. Audited. */
export async function addAccount(ctx: ServiceContext, schemeId: string, input: AddAccount): Promise<Account> {
  return inTransaction(ctx, async (trx) => {
    const rows = await accountRows(trx, schemeId);
    if (rows.some((r) => r.code === input.code)) throw new AccountExistsError(input.code);
    const parent = input.parent ? rows.find((r) => r.code === input.parent) : undefined;
    if (input.parent && !parent) throw new ValidationError([{ field: 'parent', message: `there is no account ${input.parent}` }]);
    const type = input.type ?? parent?.type;
    const nature = input.nature ?? parent?.nature;
    if (!type || !nature) throw new ValidationError([{ field: input.type ? 'nature' : 'type', message: 'is required for an account without a parent' }]);
    if (parent && type !== parent.type) throw new ValidationError([{ field: 'type', message: `must be the parent's (${parent.type})` }]);
    const at = new Date();
    const row = { scheme_id: schemeId, code: input.code, name_en: input.nameEn, name_fr: input.nameFr, type, nature, parent_code: parent?.code ?? null, system: false, created_at: at, updated_at: at };
    await trx.insertInto('account').values(row).execute();
    const account = toAccount(row);
    await recordAudit(trx, ctx.actor, { action: 'ledger.account_add', entityType: 'account', entityId: input.code, schemeId, after: account });
    return account;
  });
}

/** Renames an account (system ones too). Errors: NotFoundError. Audited. */
export async function renameAccount(ctx: ServiceContext, schemeId: string, code: string, input: RenameAccount): Promise<Account> {
  return inTransaction(ctx, async (trx) => {
    const before = (await accountRows(trx, schemeId)).find((r) => r.code === code);
    if (!before) throw new NotFoundError('account', code);
    const after = { ...before, name_en: input.nameEn ?? before.name_en, name_fr: input.nameFr ?? before.name_fr };
    await trx.updateTable('account').set({ name_en: after.name_en, name_fr: after.name_fr, updated_at: new Date() }).where('scheme_id', '=', schemeId).where('code', '=', code).execute();
    await recordAudit(trx, ctx.actor, { action: 'ledger.account_rename', entityType: 'account', entityId: code, schemeId, before: toAccount(before), after: toAccount(after) });
    return toAccount(after);
  });
}

/** Removes an account the scheme added and never used. Errors: NotFoundError, SystemAccountError, AccountUsedError. Audited. */
export async function removeAccount(ctx: ServiceContext, schemeId: string, code: string): Promise<void> {
  await inTransaction(ctx, async (trx) => {
    const rows = await accountRows(trx, schemeId);
    const row = rows.find((r) => r.code === code);
    if (!row) throw new NotFoundError('account', code);
    if (row.system) throw new SystemAccountError(code);
    const used = await trx.selectFrom('journal_line').select('entry_id').where('scheme_id', '=', schemeId).where('account_code', '=', code).executeTakeFirst();
    if (used || rows.some((r) => r.parent_code === code)) throw new AccountUsedError(code);
    await trx.deleteFrom('account').where('scheme_id', '=', schemeId).where('code', '=', code).execute();
    await recordAudit(trx, ctx.actor, { action: 'ledger.account_remove', entityType: 'account', entityId: code, schemeId, before: toAccount(row) });
  });
}

// ---------------------------------------------------------------- journal

async function entriesByIds(db: Executor, schemeId: string, ids: string[]): Promise<Entry[]> {
  if (ids.length === 0) return [];
  const [entries, lines, reversals, attachments] = await Promise.all([
    db.selectFrom('journal_entry').selectAll().where('scheme_id', '=', schemeId).where('id', 'in', ids).orderBy('number').execute(),
    db.selectFrom('journal_line').select(['entry_id', 'account_code', 'debit', 'credit']).where('scheme_id', '=', schemeId).where('entry_id', 'in', ids).orderBy('entry_id').orderBy('seq').execute(),
    db.selectFrom('journal_entry').select(['id', 'reversal_of']).where('scheme_id', '=', schemeId).where('reversal_of', 'in', ids).execute(),
    db.selectFrom('journal_attachment').select(['id', 'entry_id', 'filename', 'content_type', 'size']).where('scheme_id', '=', schemeId).where('entry_id', 'in', ids).orderBy('created_at').execute(),
  ]);
  return entries.map((e) => ({
    id: e.id,
    number: e.number,
    date: e.date,
    kind: e.kind,
    memo: e.memo,
    sourceKind: e.source_kind,
    sourceId: e.source_id,
    reversalOf: e.reversal_of,
    reversedBy: reversals.find((r) => r.reversal_of === e.id)?.id ?? null,
    createdBy: e.created_by,
    createdAt: e.created_at.toISOString(),
    lines: lines.filter((l) => l.entry_id === e.id).map((l) => ({ account: l.account_code, debit: Number(l.debit), credit: Number(l.credit) })),
    attachments: attachments.filter((a) => a.entry_id === e.id).map((a) => ({ id: a.id, filename: a.filename, contentType: a.content_type, size: a.size })),
  }));
}

/** Journal entries by date and number, optionally those touching one account. */
export async function listEntries(ctx: Pick<ServiceContext, 'db'>, schemeId: string, query: EntryQuery = {}): Promise<EntryPage> {
  let q = ctx.db.selectFrom('journal_entry as e').where('e.scheme_id', '=', schemeId);
  if (query.from) q = q.where('e.date', '>=', query.from);
  if (query.to) q = q.where('e.date', '<=', query.to);
  if (query.account) {
    const account = query.account;
    q = q.where((eb) => eb.exists(eb.selectFrom('journal_line as l').select('l.entry_id').whereRef('l.entry_id', '=', 'e.id').where('l.scheme_id', '=', schemeId).where('l.account_code', '=', account)));
  }
  const total = Number((await q.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirst())?.n ?? 0);
  const ids = await q.select('e.id').orderBy('e.date').orderBy('e.number').limit(query.limit ?? 200).offset(query.offset ?? 0).execute();
  const items = await entriesByIds(ctx.db, schemeId, ids.map((r) => r.id));
  const order = new Map(ids.map((r, i) => [r.id, i]));
  return { total, items: items.sort((a, b) => order.get(a.id)! - order.get(b.id)!) };
}

export async function getEntry(ctx: Pick<ServiceContext, 'db'>, schemeId: string, id: string): Promise<Entry> {
  const [entry] = await entriesByIds(ctx.db, schemeId, [id]);
  if (!entry) throw new NotFoundError('journal entry', id);
  return entry;
}

/**
 * Records a manual entry (running costs, grants, transfers): every line a debit or a credit, the
 * accounts the scheme's, debits equal to credits, the date in an open month. With an idempotency
 * key, a retried request returns the entry already recorded. Errors: ValidationError,
 * PeriodClosedError, EntryIdempotencyConflictError (the key used for another entry). Audited (the posting's record).
 */
export async function recordManualEntry(ctx: ServiceContext, schemeId: string, input: ManualEntry): Promise<{ entry: Entry; replayed: boolean }> {
  return inTransaction(ctx, async (trx) => {
    const accounts = new Set((await accountRows(trx, schemeId)).map((r) => r.code));
    const details: ErrorDetail[] = [];
    let balance = 0;
    input.lines.forEach((l, i) => {
      const debit = l.debit ?? 0;
      const credit = l.credit ?? 0;
      if (!accounts.has(l.account)) details.push({ field: `lines[${i}].account`, message: `there is no account ${l.account}` });
      if ((debit === 0) === (credit === 0)) details.push({ field: `lines[${i}]`, message: 'give either a debit or a credit, not zero' });
      balance += debit - credit;
    });
    if (balance !== 0) details.push({ field: 'lines', message: `debits and credits differ by ${balance}` });
    if (details.length) throw new ValidationError(details);
    const sourceId = input.idempotencyKey ?? newId();
    const existing = await trx.selectFrom('journal_entry').select('id').where('scheme_id', '=', schemeId).where('source_kind', '=', 'manual').where('source_id', '=', sourceId).executeTakeFirst();
    const same = (entry: Entry) =>
      entry.date === input.date &&
      entry.memo === input.memo &&
      entry.lines.length === input.lines.length &&
      entry.lines.every((l, i) => l.account === input.lines[i]!.account && l.debit === (input.lines[i]!.debit ?? 0) && l.credit === (input.lines[i]!.credit ?? 0));
    const replay = async (id: string) => {
      const entry = await getEntry({ db: trx }, schemeId, id);
      if (!same(entry)) throw new EntryIdempotencyConflictError();
      return { entry, replayed: true };
    };
    if (existing) return replay(existing.id);
    const [id] = await postEntries(
      trx,
      ctx.actor,
      schemeId,
      [{ sourceKind: 'manual', sourceId, date: input.date, kind: 'manual', memo: input.memo, lines: input.lines.map((l) => ({ account: l.account, amount: (l.debit ?? 0) - (l.credit ?? 0) })) }],
      { manual: true },
    );
    if (id) return { entry: await getEntry({ db: trx }, schemeId, id), replayed: false };
    // the same key posted by a concurrent request, seen once the scheme's posting lock was ours
    const posted = await trx.selectFrom('journal_entry').select('id').where('scheme_id', '=', schemeId).where('source_kind', '=', 'manual').where('source_id', '=', sourceId).executeTakeFirstOrThrow();
    return replay(posted.id);
  });
}

/**
 * Cancels an entry by its mirror (debits and credits swapped), with a reason: dated `date`, or
 * the original's date when its month is open, else the first day of the first open month. An
 * entry is reversed once; a reversal is not reversed; only manual entries are reversed here (an
 * automatic one is corrected through its fact). Errors: NotFoundError, EntryReversedError,
 * EntryIsReversalError, EntryNotManualError, PeriodClosedError (a given date in a closed month). Audited.
 */
export async function reverseEntry(ctx: ServiceContext, schemeId: string, id: string, input: ReverseEntry): Promise<Entry> {
  return inTransaction(ctx, async (trx) => {
    await sql`select 1 from ledger_counter where scheme_id = ${schemeId} for update`.execute(trx);
    const original = await getEntry({ db: trx }, schemeId, id);
    if (original.reversalOf) throw new EntryIsReversalError(original.number);
    if (original.sourceKind !== 'manual') throw new EntryNotManualError(original.number, original.sourceKind);
    if (original.reversedBy) throw new EntryReversedError(original.number);
    const through = await closedThrough(trx, schemeId);
    const date = input.date ?? (through && original.date <= through ? addDays(through, 1) : original.date);
    const [newEntry] = await postEntries(
      trx,
      ctx.actor,
      schemeId,
      [{ sourceKind: 'reversal', sourceId: id, date, kind: 'reversal', memo: `${input.reason} (reverses ${original.number})`, reversalOf: id, lines: original.lines.map((l) => ({ account: l.account, amount: l.credit - l.debit })) }],
      { manual: true },
    );
    const reversal = await getEntry({ db: trx }, schemeId, newEntry!);
    await recordAudit(trx, ctx.actor, { action: 'ledger.reverse', entityType: 'journal_entry', entityId: id, schemeId, before: { number: original.number }, after: { number: reversal.number, reason: input.reason } });
    return reversal;
  });
}

/** The media type of a file from its first bytes (PDF, JPEG, PNG, WebP), or null. */
function sniff(bytes: Buffer): string | null {
  if (bytes.subarray(0, 4).toString('latin1') === '%PDF') return 'application/pdf';
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (bytes.subarray(0, 4).toString('latin1') === 'RIFF' && bytes.subarray(8, 12).toString('latin1') === 'WEBP') return 'image/webp';
  return null;
}

/**
 * Attaches a document (an invoice, a receipt; PDF, JPEG, PNG or WebP, typed by its bytes) to an
 * entry; the same bytes twice are stored once. Errors: NotFoundError, ValidationError. Audited.
 */
export async function attachToEntry(ctx: ServiceContext, schemeId: string, entryId: string, input: AddEntryAttachment): Promise<Entry> {
  const bytes = Buffer.from(input.content.replace(/^data:[^,]*;base64,/, ''), 'base64');
  const contentType = sniff(bytes);
  if (bytes.length === 0 || bytes.length > MAX_LEDGER_ATTACHMENT_BYTES) throw new ValidationError([{ field: 'content', message: `must hold 1 to ${MAX_LEDGER_ATTACHMENT_BYTES} bytes` }]);
  if (!contentType) throw new ValidationError([{ field: 'content', message: 'is not a PDF, JPEG, PNG or WebP file' }]);
  return inTransaction(ctx, async (trx) => {
    await getEntry({ db: trx }, schemeId, entryId);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const id = newId();
    const inserted = await trx
      .insertInto('journal_attachment')
      .values({ id, scheme_id: schemeId, entry_id: entryId, filename: input.fileName, content_type: contentType, bytes, size: bytes.length, sha256, created_by: ctx.actor.label, created_at: new Date() })
      .onConflict((oc) => oc.columns(['entry_id', 'sha256']).doNothing())
      .returning('id')
      .executeTakeFirst();
    if (inserted) await recordAudit(trx, ctx.actor, { action: 'ledger.attach', entityType: 'journal_entry', entityId: entryId, schemeId, after: { attachment: id, fileName: input.fileName, size: bytes.length, sha256 } });
    return getEntry({ db: trx }, schemeId, entryId);
  });
}

export async function getEntryAttachment(ctx: Pick<ServiceContext, 'db'>, schemeId: string, entryId: string, attachmentId: string): Promise<{ filename: string; contentType: string; bytes: Buffer }> {
  const row = await ctx.db.selectFrom('journal_attachment').select(['filename', 'content_type', 'bytes']).where('scheme_id', '=', schemeId).where('entry_id', '=', entryId).where('id', '=', attachmentId).executeTakeFirst();
  if (!row) throw new NotFoundError('attachment', attachmentId);
  return { filename: row.filename, contentType: row.content_type, bytes: row.bytes };
}

// ---------------------------------------------------------------- closing

/**
 * Closes a month: first moves the contributions earned by its last day to income
 * (earnContributions), then locks the books through that day — this month and every one before
 * it. Manual entries can no longer be dated there; automatic postings of late facts are dated on
 * the first day of the first open month. Errors: ValidationError (a month not started), MonthClosedError. Audited.
 */
export async function closeMonth(ctx: ServiceContext, schemeId: string, month: string): Promise<PeriodClose> {
  if (!/^[0-9]{4}-(0[1-9]|1[0-2])$/.test(month)) throw new ValidationError([{ field: 'month', message: `not a month YYYY-MM: "${month}"` }]);
  if (month > today().slice(0, 7)) throw new ValidationError([{ field: 'month', message: `${month} has not started yet` }]);
  return inTransaction(ctx, async (trx) => {
    await ensureChart(trx, schemeId);
    await sql`insert into ledger_counter (scheme_id, last_number) values (${schemeId}, 0) on conflict do nothing`.execute(trx);
    await sql`select 1 from ledger_counter where scheme_id = ${schemeId} for update`.execute(trx);
    const through = await closedThrough(trx, schemeId);
    const last = addDays(addMonths(`${month}-01`, 1), -1);
    if (through && last <= through) throw new MonthClosedError(month);
    const earned = await earnContributions(trx, ctx.actor, schemeId, last);
    const row = { scheme_id: schemeId, month, closed_by: ctx.actor.label, closed_at: new Date() };
    await trx.insertInto('ledger_period_close').values(row).execute();
    await recordAudit(trx, ctx.actor, { action: 'ledger.close', entityType: 'ledger_period', entityId: `${schemeId}/${month}`, schemeId, after: { month, closedThrough: last, earned } });
    return { month, closedBy: row.closed_by, closedAt: row.closed_at.toISOString(), earned };
  });
}

/** The months closed (each close locks every month before it too) and the last day locked. */
export async function listClosedMonths(ctx: Pick<ServiceContext, 'db'>, schemeId: string): Promise<ClosedPeriods> {
  const months = (await ctx.db.selectFrom('ledger_period_close').select('month').where('scheme_id', '=', schemeId).orderBy('month').execute()).map((r) => r.month);
  return { closedThrough: await closedThrough(ctx.db, schemeId), months };
}

// ---------------------------------------------------------------- statements

interface Movement {
  code: string;
  opening: number;
  debit: number;
  credit: number;
}

/** Per account: debit - credit before `from`, and debits and credits in [from, to]. */
async function movements(db: Executor, schemeIds: readonly string[], from: string | null, to: string): Promise<Map<string, Movement>> {
  if (schemeIds.length === 0) return new Map();
  const start = from ?? '0001-01-01';
  const { rows } = await sql<{ code: string; opening: string; debit: string; credit: string }>`
    select l.account_code as code,
           coalesce(sum(l.debit - l.credit) filter (where e.date < ${start}::date), 0) as opening,
           coalesce(sum(l.debit) filter (where e.date >= ${start}::date), 0) as debit,
           coalesce(sum(l.credit) filter (where e.date >= ${start}::date), 0) as credit
      from journal_line l
      join journal_entry e on e.id = l.entry_id and e.scheme_id = l.scheme_id
     where l.scheme_id = any(${[...schemeIds]}::uuid[]) and e.date <= ${to}::date
     group by l.account_code`.execute(db);
  return new Map(rows.map((r) => [r.code, { code: r.code, opening: Number(r.opening), debit: Number(r.debit), credit: Number(r.credit) }]));
}

const nameIn = (locale: Locale) => (r: AccountRow) => (locale === 'fr' ? r.name_fr : r.name_en);

function checkPeriod(query: PeriodQuery): void {
  if (query.to < query.from) throw new ValidationError([{ field: 'to', message: `is before from (${query.from})` }]);
}

function labels(locale: Locale, keys: string[]): Record<string, string> {
  return Object.fromEntries(keys.map((k) => [k, translate(locale, `ledger.${k}`)]));
}

/** Every account's opening balance, debits, credits and closing balance over [from, to]. Errors: ValidationError. */
export async function trialBalance(ctx: Pick<ServiceContext, 'db'>, schemeId: string, query: PeriodQuery, locale: Locale = 'en'): Promise<TrialBalance> {
  checkPeriod(query);
  const accounts = await accountRows(ctx.db, schemeId);
  const m = await movements(ctx.db, [schemeId], query.from, query.to);
  const name = nameIn(locale);
  const rows = accounts
    .filter((a) => m.has(a.code))
    .map((a) => {
      const x = m.get(a.code)!;
      const s = sign(a.type);
      return { code: a.code, name: name(a), type: a.type, nature: a.nature as AccountNature, opening: s * x.opening, debit: x.debit, credit: x.credit, closing: s * (x.opening + x.debit - x.credit) };
    });
  const totalDebit = rows.reduce((t, r) => t + r.debit, 0);
  const totalCredit = rows.reduce((t, r) => t + r.credit, 0);
  const openingNet = [...m.values()].reduce((t, x) => t + x.opening, 0);
  return { from: query.from, to: query.to, rows, totalDebit, totalCredit, balanced: totalDebit === totalCredit && openingNet === 0 };
}

/** One account's entries over [from, to] with the running balance. Errors: NotFoundError, ValidationError. */
export async function generalLedger(ctx: Pick<ServiceContext, 'db'>, schemeId: string, query: GeneralLedgerQuery, locale: Locale = 'en'): Promise<GeneralLedger> {
  checkPeriod(query);
  const account = (await accountRows(ctx.db, schemeId)).find((a) => a.code === query.account);
  if (!account) throw new NotFoundError('account', query.account);
  const s = sign(account.type);
  const opening = s * ((await movements(ctx.db, [schemeId], query.from, addDays(query.from, -1))).get(account.code)?.opening ?? 0);
  const { rows } = await sql<{ entry_id: string; number: number; date: string; kind: string; memo: string; debit: string; credit: string }>`
    select e.id as entry_id, e.number, e.date, e.kind, e.memo, l.debit, l.credit
      from journal_line l join journal_entry e on e.id = l.entry_id and e.scheme_id = l.scheme_id
     where l.scheme_id = ${schemeId} and l.account_code = ${account.code} and e.date between ${query.from}::date and ${query.to}::date
     order by e.date, e.number, l.seq`.execute(ctx.db);
  let balance = opening;
  const lines = rows.map((r) => {
    const debit = Number(r.debit);
    const credit = Number(r.credit);
    balance += s * (debit - credit);
    return { entryId: r.entry_id, number: r.number, date: r.date, kind: r.kind, memo: r.memo, debit, credit, balance };
  });
  return { account: { code: account.code, name: nameIn(locale)(account), type: account.type, nature: account.nature as AccountNature }, from: query.from, to: query.to, opening, lines, closing: balance };
}

/**
 * Income and expenses dated in [from, to]. Claims expense is dated at the date of care, so
 * `claimsIncurred` equals the incurred_claims indicator for the same period (as adjudicated now),
 * unless a late fact was posted after its month was closed. Contributions are earned at month
 * closing: `earnedThrough` says up to which day. Errors: ValidationError.
 */
export async function incomeStatement(ctx: Pick<ServiceContext, 'db'>, schemeId: string, query: PeriodQuery, locale: Locale = 'en'): Promise<IncomeStatement> {
  checkPeriod(query);
  const accounts = await accountRows(ctx.db, schemeId);
  const m = await movements(ctx.db, [schemeId], query.from, query.to);
  const name = nameIn(locale);
  const line = (a: AccountRow) => {
    const x = m.get(a.code);
    return { code: a.code, name: name(a), type: a.type, nature: a.nature as AccountNature, amount: x ? sign(a.type) * (x.debit - x.credit) : 0 };
  };
  const income = accounts.filter((a) => a.type === 'income' && m.has(a.code)).map(line);
  const expenses = accounts.filter((a) => a.type === 'expense' && m.has(a.code)).map(line);
  const totalIncome = income.reduce((t, r) => t + r.amount, 0);
  const totalExpenses = expenses.reduce((t, r) => t + r.amount, 0);
  const claimsIncurred = expenses.filter((r) => r.nature === 'claims_expense').reduce((t, r) => t + r.amount, 0);
  const earned = await ctx.db.selectFrom('journal_entry').select((eb) => eb.fn.max('date').as('d')).where('scheme_id', '=', schemeId).where('kind', '=', 'contributions.earned').executeTakeFirst();
  return {
    from: query.from,
    to: query.to,
    income,
    expenses,
    totalIncome,
    totalExpenses,
    result: totalIncome - totalExpenses,
    claimsIncurred,
    earnedThrough: earned?.d ?? null,
    labels: labels(locale, ['incomeStatement', 'income', 'expenses', 'totalIncome', 'totalExpenses', 'result', 'claimsIncurred', 'earnedThrough']),
  };
}

/** Balances on `on` (inclusive): assets = liabilities + equity, the result to date in equity. */
export async function balanceSheet(ctx: Pick<ServiceContext, 'db'>, schemeId: string, on: string, locale: Locale = 'en'): Promise<BalanceSheet> {
  const accounts = await accountRows(ctx.db, schemeId);
  const m = await movements(ctx.db, [schemeId], null, on);
  const name = nameIn(locale);
  const balanceOf = (a: AccountRow) => {
    const x = m.get(a.code);
    return x ? sign(a.type) * (x.opening + x.debit - x.credit) : 0;
  };
  const of = (type: AccountType) => accounts.filter((a) => a.type === type && m.has(a.code)).map((a) => ({ code: a.code, name: name(a), type: a.type, nature: a.nature as AccountNature, amount: balanceOf(a) }));
  const assets = of('asset');
  const liabilities = of('liability');
  const equity = of('equity');
  const resultToDate = accounts.filter((a) => a.type === 'income').reduce((t, a) => t + balanceOf(a), 0) - accounts.filter((a) => a.type === 'expense').reduce((t, a) => t + balanceOf(a), 0);
  const totalAssets = assets.reduce((t, r) => t + r.amount, 0);
  const totalLiabilities = liabilities.reduce((t, r) => t + r.amount, 0);
  const totalEquity = equity.reduce((t, r) => t + r.amount, 0) + resultToDate;
  return {
    on,
    assets,
    liabilities,
    equity,
    resultToDate,
    totalAssets,
    totalLiabilities,
    totalEquity,
    balanced: totalAssets === totalLiabilities + totalEquity,
    labels: labels(locale, ['balanceSheet', 'assets', 'liabilities', 'equity', 'resultToDate', 'totalAssets', 'totalLiabilities', 'totalEquity']),
  };
}

export interface LedgerPosition {
  /** cash + bank + mobile money balances */
  cash: number;
  /** claims payable + other payables (not contributions received in advance) */
  payables: number;
  claimsPayable: number;
  /** equity accounts + reserves + guarantee fund + accumulated result to date */
  equity: number;
  assets: number;
  liabilities: number;
}

/**
 * The schemes' books on `on` (inclusive), summed (a federation pools its schemes): for the
 * indicators (reserve months, solvency, liquidity). Schemes without a chart count zero.
 */
export async function ledgerPosition(db: Executor, schemeIds: readonly string[], on: string): Promise<LedgerPosition> {
  const position: LedgerPosition = { cash: 0, payables: 0, claimsPayable: 0, equity: 0, assets: 0, liabilities: 0 };
  if (schemeIds.length === 0) return position;
  // From the daily balances (ledger_balance, kept by a trigger as lines are inserted): a few
  // thousand rows per scheme, whatever the number of entries.
  const { rows } = await sql<{ type: AccountType; nature: string; balance: string }>`
    select a.type, a.nature, sum(b.debit - b.credit) as balance
      from ledger_balance b
      join account a on a.scheme_id = b.scheme_id and a.code = b.account_code
     where b.scheme_id = any(${[...schemeIds]}::uuid[]) and b.day <= ${on}::date
     group by a.type, a.nature`.execute(db);
  for (const r of rows) {
    const debitBalance = Number(r.balance);
    const amount = sign(r.type) * debitBalance;
    if (r.type === 'asset') position.assets += amount;
    if (r.type === 'liability') position.liabilities += amount;
    // income and expenses are the result to date, part of equity
    if (r.type === 'equity' || r.type === 'income') position.equity += amount;
    if (r.type === 'expense') position.equity -= amount;
    if (r.nature === 'cash') position.cash += amount;
    if (r.nature === 'claims_payable') position.claimsPayable += amount;
    if (r.type === 'liability' && r.nature !== 'unearned_contributions') position.payables += amount;
  }
  return position;
}
