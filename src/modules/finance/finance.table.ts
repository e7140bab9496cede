import type { ColumnType } from 'kysely';

type Timestamp = ColumnType<Date, Date, Date>;
/** bigint columns come back as strings from pg; the ledger sums them in SQL and converts once. */
type Amount = ColumnType<string, number, never>;

export interface ExpenseTable {
  id: string;
  scheme_id: string;
  date: string;
  account: 'administration' | 'other_income' | 'reserve_transfer';
  /** Minor units; a correction is the negative of what it corrects. */
  amount: number;
  label: string;
  reference: string | null;
  correction_of: string | null;
  created_by: string;
  created_at: ColumnType<Date, Date, Date>;
}

export interface AccountTable {
  scheme_id: string;
  code: string;
  name_en: string;
  name_fr: string;
  type: 'asset' | 'liability' | 'equity' | 'income' | 'expense';
  /** What the account is for (see ledger.chart.ts): cash, receivable, unearned, claims_payable, … */
  nature: string;
  parent_code: string | null;
  /** Used by automatic postings: can be renamed, never removed. */
  system: boolean;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface LedgerCounterTable {
  scheme_id: string;
  last_number: number;
}

export interface JournalEntryTable {
  id: string;
  scheme_id: string;
  number: number;
  date: string;
  kind: string;
  memo: string;
  source_kind: string;
  source_id: string;
  reversal_of: string | null;
  created_by: string;
  created_at: Timestamp;
}

export interface JournalLineTable {
  entry_id: string;
  seq: number;
  scheme_id: string;
  account_code: string;
  debit: Amount;
  credit: Amount;
}

export interface LedgerPeriodCloseTable {
  scheme_id: string;
  month: string;
  closed_by: string;
  closed_at: Timestamp;
}

export interface JournalAttachmentTable {
  id: string;
  scheme_id: string;
  entry_id: string;
  filename: string;
  content_type: string;
  bytes: Buffer;
  size: number;
  sha256: string;
  created_by: string;
  created_at: Timestamp;
}

/** Debits and credits of an account on one day (kept by a trigger on journal_line). */
export interface LedgerBalanceTable {
  scheme_id: string;
  account_code: string;
  day: string;
  debit: ColumnType<string, number, number>;
  credit: ColumnType<string, number, number>;
}

export interface FinanceTables {
  ledger_balance: LedgerBalanceTable;
  expense: ExpenseTable;
  account: AccountTable;
  ledger_counter: LedgerCounterTable;
  journal_entry: JournalEntryTable;
  journal_line: JournalLineTable;
  ledger_period_close: LedgerPeriodCloseTable;
  journal_attachment: JournalAttachmentTable;
}
