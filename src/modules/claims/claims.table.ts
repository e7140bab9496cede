import type { ColumnType } from 'kysely';

type Timestamp = ColumnType<Date, Date, Date>;

export interface GuaranteeLetterTable {
  id: string;
  scheme_id: string;
  number: string;
  beneficiary_id: string;
  /** By code: a letter may name a facility not registered yet. */
  provider_code: string | null;
  category: string;
  valid_from: string;
  valid_to: string;
  status: 'requested' | 'approved' | 'refused' | 'cancelled';
  note: string | null;
  decision_reason: string | null;
  requested_by: string;
  decided_by: string | null;
  decided_at: Date | null;
  used_by_claim_id: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface PaymentBatchTable {
  id: string;
  scheme_id: string;
  number: string;
  provider_id: string;
  period_from: string;
  period_to: string;
  status: 'ordered' | 'paid' | 'cancelled';
  claims_amount: number;
  capitation_amount: number;
  flat_rate_amount: number;
  total: number;
  due_on: string;
  paid_on: string | null;
  reference: string | null;
  created_by: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ClaimTable {
  id: string;
  scheme_id: string;
  number: string;
  provider_code: string;
  provider_id: string | null;
  card: string;
  beneficiary_id: string | null;
  household_id: string | null;
  from_date: string;
  to_date: string;
  submitted_on: string;
  diagnosis: string | null;
  guarantee_letter: string | null;
  status: 'submitted' | 'adjudicated' | 'paid';
  /** How it came: api, form, upload, file. */
  source: string;
  asked: number;
  allowed: number | null;
  payable: number | null;
  member_share: number | null;
  adjudicated_at: Date | null;
  payment_batch_id: string | null;
  paid_on: string | null;
  payment_reference: string | null;
  idempotency_key: string | null;
  created_by: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ClaimLineTable {
  id: string;
  scheme_id: string;
  claim_id: string;
  seq: number;
  service_code: string;
  quantity: number;
  unit_price: number;
}

export interface ClaimDecisionTable {
  id: string;
  scheme_id: string;
  claim_id: string;
  line_id: string;
  current: boolean;
  kind: 'engine' | 'override' | 'confirm';
  decision: 'approved' | 'reduced' | 'rejected';
  reasons: string[];
  asked: number;
  allowed: number;
  payable: number;
  member_share: number;
  product_version_id: string | null;
  benefit_category: string | null;
  /** Why the engine wants a person to look (not reasons: they change no amount). */
  flags: string[];
  note: string | null;
  decided_by: string;
  decided_at: Timestamp;
}

export interface ClaimAttachmentTable {
  id: string;
  scheme_id: string;
  claim_id: string;
  filename: string;
  content_type: string;
  bytes: Buffer;
  size: number;
  sha256: string;
  created_by: string;
  created_at: Timestamp;
}

export interface ReviewItemTable {
  id: string;
  scheme_id: string;
  claim_id: string;
  line_id: string | null;
  source: 'sample' | 'amount_outlier' | 'provider_outlier' | 'engine_flag';
  detail: string;
  status: 'open' | 'closed';
  resolved_by: string | null;
  resolved_at: Date | null;
  created_at: Timestamp;
}

export interface ReviewSettingsTable {
  scheme_id: string;
  /** numeric, as exact decimal strings */
  sample_rate: string;
  amount_multiple: string;
  provider_multiple: string;
  updated_at: Timestamp;
}

export interface ClaimsTables {
  guarantee_letter: GuaranteeLetterTable;
  payment_batch: PaymentBatchTable;
  claim: ClaimTable;
  claim_line: ClaimLineTable;
  claim_decision: ClaimDecisionTable;
  claim_attachment: ClaimAttachmentTable;
  review_item: ReviewItemTable;
  review_settings: ReviewSettingsTable;
}
