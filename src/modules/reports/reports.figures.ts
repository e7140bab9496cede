/**
 * How each indicator reads on paper: its unit (a count, money, a ratio shown as a percentage, a
 * rate of use per beneficiary-year, days, months) and its value written in the reader's language.
 */
import type { Locale } from '../../platform/i18n/index.js';
import { formatMoney } from '../../platform/money.js';

export type Unit = 'count' | 'money' | 'percent' | 'per_year' | 'days' | 'months';

export function unitOf(code: string): Unit {
  const base = code.split('.')[0]!;
  if (base === 'beneficiaries' || base === 'households') return 'count';
  if (base === 'earned_contributions' || base === 'incurred_claims' || base === 'average_cost') return 'money';
  if (base === 'utilization_rate') return 'per_year';
  if (base === 'settlement_days' || base === 'provider_payment_delay') return 'days';
  if (base === 'reserve_months') return 'months';
  return 'percent';
}

const LOCALES: Record<Locale, string> = { en: 'en-GB', fr: 'fr-FR' };

export function formatFigure(code: string, value: number | null, locale: Locale, currency: string): string {
  if (value === null) return '—';
  const tag = LOCALES[locale];
  switch (unitOf(code)) {
    case 'count':
      return new Intl.NumberFormat(tag).format(value);
    case 'money':
      return formatMoney(Math.round(value), currency, tag);
    case 'percent':
      return new Intl.NumberFormat(tag, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(value);
    case 'per_year':
      return new Intl.NumberFormat(tag, { minimumFractionDigits: 3, maximumFractionDigits: 3 }).format(value);
    case 'days':
    case 'months':
      return new Intl.NumberFormat(tag, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(value);
  }
}

export function formatAmount(amount: number, locale: Locale, currency: string): string {
  return formatMoney(amount, currency, LOCALES[locale]);
}

export function formatCount(value: number, locale: Locale): string {
  return new Intl.NumberFormat(LOCALES[locale]).format(value);
}
