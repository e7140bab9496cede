import type { ColumnType, Selectable } from 'kysely';

type Timestamp = ColumnType<Date, Date, Date>;

export interface SubsidizerTable {
  id: string;
  scheme_id: string;
  code: string;
  name: string;
  /** numeric, as an exact decimal string */
  share: ColumnType<string, string, string>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface SponsorshipTable {
  id: string;
  scheme_id: string;
  household_id: string;
  subsidizer_id: string;
  valid_from: string;
  valid_to: string | null;
  created_at: Timestamp;
}

export interface CoveragePeriodTable {
  id: string;
  scheme_id: string;
  household_id: string;
  product_version_id: string;
  start_date: string;
  end_date: string;
  renewal_of: string | null;
  created_at: Timestamp;
}

export interface DueTable {
  id: string;
  scheme_id: string;
  household_id: string;
  period_id: string;
  seq: number;
  due_date: string;
  amount: number;
  contribution: number;
  fees: number;
  original: boolean;
  beneficiary_id: string | null;
  paid_amount: ColumnType<number, number | undefined, number>;
  paid_on: string | null;
  created_at: Timestamp;
}

export interface GroupRemittanceTable {
  id: string;
  scheme_id: string;
  group_id: string;
  date: string;
  amount: number;
  receipt: string;
  created_at: Timestamp;
}

export interface PaymentTable {
  id: string;
  scheme_id: string;
  household_id: string;
  date: string;
  amount: number;
  method: string;
  payer: string;
  group_id: string | null;
  subsidizer_id: string | null;
  remittance_id: string | null;
  receipt: string | null;
  collector: string | null;
  idempotency_key: string | null;
  reversal_of: string | null;
  reason: string | null;
  note: string | null;
  recorded_by: string;
  created_at: Timestamp;
}

export interface CardFeeChargeTable {
  scheme_id: string;
  beneficiary_id: string;
  due_id: string;
  created_at: Timestamp;
}

export interface ReceiptSequenceTable {
  scheme_id: string;
  last_value: number;
}

export interface CoverageTables {
  card_fee_charge: CardFeeChargeTable;
  receipt_sequence: ReceiptSequenceTable;
  subsidizer: SubsidizerTable;
  sponsorship: SponsorshipTable;
  coverage_period: CoveragePeriodTable;
  due: DueTable;
  group_remittance: GroupRemittanceTable;
  payment: PaymentTable;
}

export type CoveragePeriodRow = Selectable<CoveragePeriodTable>;
export type DueRow = Selectable<DueTable>;
export type PaymentRow = Selectable<PaymentTable>;
export type SubsidizerRow = Selectable<SubsidizerTable>;
