import type { ColumnType, Selectable } from 'kysely';

type Timestamp = ColumnType<Date, Date, Date>;

export interface MemberGroupTable {
  id: string;
  scheme_id: string;
  code: string;
  name: string;
  kind: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface HouseholdTable {
  id: string;
  scheme_id: string;
  number: string;
  category: string;
  group_id: string | null;
  section_id: string | null;
  location_id: string | null;
  phone: string | null;
  address: string | null;
  status: string;
  /** The registering device's key (offline registration), unique in a scheme; null otherwise. */
  idempotency_key: ColumnType<string | null, string | null | undefined, string | null>;
  /** SHA-256 of what was registered with that key, to refuse the key with other content. */
  idempotency_hash: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface BeneficiaryTable {
  id: string;
  scheme_id: string;
  household_id: string;
  card: string;
  first_name: string;
  last_name: string;
  sex: string;
  /** Calendar date YYYY-MM-DD (the pg type parser returns dates as strings). */
  birth_date: string | null;
  birth_year: number;
  relationship: string;
  id_document: string | null;
  phone: string | null;
  joined_on: string;
  status: string;
  status_reason: string | null;
  status_date: string | null;
  status_note: string | null;
  search_key: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface HouseholdSequenceTable {
  scheme_id: string;
  last_value: number;
}

export interface MembersTables {
  member_group: MemberGroupTable;
  household: HouseholdTable;
  beneficiary: BeneficiaryTable;
  household_sequence: HouseholdSequenceTable;
}

export type MemberGroupRow = Selectable<MemberGroupTable>;
export type HouseholdRow = Selectable<HouseholdTable>;
export type BeneficiaryRow = Selectable<BeneficiaryTable>;
