import type { ColumnType } from 'kysely';

type Timestamp = ColumnType<Date, Date, Date>;
/** bigint columns (minor units and counts: safe integers). */
type Big = ColumnType<number, number, number>;

export interface IndicatorThresholdTable {
  scheme_id: string;
  code: string;
  /** numeric, as exact decimal strings; null: that limit is not checked */
  watch: string | null;
  bad: string | null;
  updated_by: string;
  updated_at: Timestamp;
}

/** Summaries (derived, rebuildable): when a scheme's were last brought up to date. */
export interface IndicatorSummaryStateTable {
  scheme_id: string;
  seen_at: Timestamp;
  rebuilt_at: Timestamp;
}

export interface IndicatorCoveredTable {
  scheme_id: string;
  household_id: string;
  /** true: the household has someone covered; false: one beneficiary is covered */
  household: boolean;
  start_date: string;
  end_date: string;
}

export interface IndicatorDueTable {
  scheme_id: string;
  household_id: string;
  due_id: string;
  period_id: string;
  period_start: string;
  period_end: string;
  due_date: string;
  amount: Big;
}

export interface IndicatorDuePaidTable {
  scheme_id: string;
  household_id: string;
  due_id: string;
  due_date: string;
  period_start: string;
  period_end: string;
  on_date: string;
  paid: Big;
  contribution: Big;
  fees: Big;
}

export interface IndicatorPeriodTable {
  scheme_id: string;
  household_id: string;
  period_id: string;
  end_date: string;
  renewed: boolean;
}

export interface IndicatorCareDayTable {
  scheme_id: string;
  day: string;
  category: string;
  cases: Big;
  payable: Big;
}

export interface IndicatorSubmittedDayTable {
  scheme_id: string;
  day: string;
  adjudicated: Big;
  rejected: Big;
}

export interface IndicatorCoveredDayTable {
  scheme_id: string;
  day: string;
  beneficiaries: Big;
  households: Big;
}

export interface IndicatorDueDayTable {
  scheme_id: string;
  due_date: string;
  amount: Big;
}

export interface IndicatorPaidDayTable {
  scheme_id: string;
  due_date: string;
  period_start: string;
  period_end: string;
  on_date: string;
  paid: Big;
  contribution: Big;
  fees: Big;
}

export interface IndicatorPeriodDayTable {
  scheme_id: string;
  end_date: string;
  ending: Big;
  renewed: Big;
}

export interface IndicatorClaimsPaidDayTable {
  scheme_id: string;
  day: string;
  paid: Big;
  settlement_days: Big;
  payment_delay_days: Big;
  up_to7: Big;
  up_to30: Big;
  up_to90: Big;
  over90: Big;
}

export interface IndicatorsTables {
  indicator_threshold: IndicatorThresholdTable;
  indicator_summary_state: IndicatorSummaryStateTable;
  indicator_covered: IndicatorCoveredTable;
  indicator_due: IndicatorDueTable;
  indicator_due_paid: IndicatorDuePaidTable;
  indicator_period: IndicatorPeriodTable;
  indicator_covered_day: IndicatorCoveredDayTable;
  indicator_due_day: IndicatorDueDayTable;
  indicator_paid_day: IndicatorPaidDayTable;
  indicator_period_day: IndicatorPeriodDayTable;
  indicator_care_day: IndicatorCareDayTable;
  indicator_submitted_day: IndicatorSubmittedDayTable;
  indicator_claims_paid_day: IndicatorClaimsPaidDayTable;
}
