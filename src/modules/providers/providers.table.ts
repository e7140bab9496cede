import type { ColumnType, Selectable } from 'kysely';

type Timestamp = ColumnType<Date, Date, Date>;

export interface ServiceTable {
  id: string;
  scheme_id: string;
  code: string;
  name: string;
  /** A benefit category (products' `benefitCategories`). */
  category: string;
  kind: ColumnType<string, string | undefined, string>;
  active: ColumnType<boolean, boolean | undefined, boolean>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** ICD-10 codes: a reference table shared by every scheme. */
export interface DiagnosisTable {
  code: string;
  title: string;
  created_at: Timestamp;
}

export interface ProviderTable {
  id: string;
  scheme_id: string;
  code: string;
  name: string;
  /** A provider level (products' `providerLevels`). */
  level: string;
  type: string | null;
  location_id: string | null;
  address: string | null;
  phone: string | null;
  email: string | null;
  active: ColumnType<boolean, boolean | undefined, boolean>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface AgreementTable {
  id: string;
  scheme_id: string;
  provider_id: string;
  valid_from: string;
  valid_to: string | null;
  payment_method: string;
  payment_delay_days: number;
  capitation_amount: number | null;
  flat_rate_amount: number | null;
  replaces: string | null;
  created_at: Timestamp;
}

export interface AgreementPriceTable {
  scheme_id: string;
  agreement_id: string;
  service_id: string;
  price: number;
}

export interface ProvidersTables {
  service: ServiceTable;
  diagnosis: DiagnosisTable;
  provider: ProviderTable;
  agreement: AgreementTable;
  agreement_price: AgreementPriceTable;
}

export type ServiceRow = Selectable<ServiceTable>;
export type ProviderRow = Selectable<ProviderTable>;
export type AgreementRow = Selectable<AgreementTable>;
export type DiagnosisRow = Selectable<DiagnosisTable>;
