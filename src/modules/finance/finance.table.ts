import type { ColumnType } from 'kysely';

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

export interface FinanceTables {
  expense: ExpenseTable;
}
