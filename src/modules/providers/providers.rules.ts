import { addDays, isCalendarDate } from '../../platform/dates.js';
import type { ErrorDetail } from '../../platform/errors.js';
import type { BenefitCategory, ProviderLevel } from '../products/index.js';
import { agreementPaymentMethods, type AgreementPaymentMethod, type ServiceKind } from './providers.schemas.js';

/**
 * The rules of agreements as pure functions: how a new version takes its place among a
 * provider's versions, which version applies on a date, and what makes an agreement coherent.
 */

// ---------------------------------------------------------------- the catalogue the claims engine reads

export interface CatalogueService {
  id: string;
  code: string;
  name: string;
  category: BenefitCategory;
  kind: ServiceKind;
  active: boolean;
}

export interface CatalogueProvider {
  id: string;
  code: string;
  name: string;
  level: ProviderLevel;
  active: boolean;
}

export interface CatalogueAgreement {
  id: string;
  providerId: string;
  from: string;
  /** null: open-ended */
  to: string | null;
  paymentMethod: AgreementPaymentMethod;
  paymentDelayDays: number;
  capitationAmount: number | null;
  flatRateAmount: number | null;
  /** Agreed prices by service code. */
  prices: Map<string, number>;
}

export interface ProviderCatalogue {
  /** By service code. */
  services: Map<string, CatalogueService>;
  /** By provider code. */
  providers: Map<string, CatalogueProvider>;
  /** By provider id, each list sorted by `from`. */
  agreements: Map<string, CatalogueAgreement[]>;
}

/** The agreement of a provider whose validity spans the date (`from` and `to` included), if any. */
export function agreementOn(catalogue: ProviderCatalogue, providerId: string, date: string): CatalogueAgreement | undefined {
  return (catalogue.agreements.get(providerId) ?? []).find((a) => a.from <= date && (a.to === null || date <= a.to));
}

// ---------------------------------------------------------------- versions

export interface Span {
  id: string;
  from: string;
  to: string | null;
}

/**
 * Where a new version [from, to] goes among a provider's versions (spec: issue #4, "a tariff change
 * is a new agreement version"):
 * - `free`: it overlaps none;
 * - `replaces`: it starts inside exactly one version that began earlier and runs at least as
 *   long (or that one is open-ended): that version is closed the day before;
 * - `gap`: it starts inside a closed version but ends before it, which would leave the rest of
 *   that version without any agreement;
 * - `overlap`: anything else (it starts on the day another starts, or runs into a later version).
 */
export type Placement =
  | { kind: 'free' }
  | { kind: 'replaces'; current: Span; closeOn: string }
  | { kind: 'gap'; current: Span & { to: string }; gapFrom: string }
  | { kind: 'overlap'; other: Span; field: 'from' | 'to' };

const OPEN_END = '9999-12-31';
const endOf = (to: string | null) => to ?? OPEN_END;

export function placeVersion(existing: Span[], from: string, to: string | null): Placement {
  const overlapping = existing.filter((v) => v.from <= endOf(to) && endOf(v.to) >= from).sort((a, b) => (a.from < b.from ? -1 : 1));
  if (overlapping.length === 0) return { kind: 'free' };
  const sameOrLater = overlapping.find((v) => v.from >= from);
  if (sameOrLater) return { kind: 'overlap', other: sameOrLater, field: sameOrLater.from === from ? 'from' : 'to' };
  // Versions never overlap one another, so only one can start before `from` and still run on it.
  const current = overlapping[0]!;
  if (current.to !== null && to !== null && to < current.to) return { kind: 'gap', current: { ...current, to: current.to }, gapFrom: addDays(to, 1) };
  return { kind: 'replaces', current, closeOn: addDays(from, -1) };
}

// ---------------------------------------------------------------- coherence

export interface AgreementTerms {
  from: string;
  to?: string | null;
  paymentMethod: string;
  paymentDelayDays?: number | null;
  capitationAmount?: number | null;
  flatRateAmount?: number | null;
  tariff: { service: string; price: number }[];
}

// Dates an agreement may name: day arithmetic stays within four-digit years.
const EARLIEST = '1900-01-01';
const LATEST = '2999-12-31';

/**
 * Problems of an agreement's terms, each naming its field: dates, the amount its payment method
 * needs (and only that one), tariff services that are not in the catalogue or are priced twice.
 * `known` holds the catalogue's service codes among those of the tariff.
 */
export function checkAgreement(terms: AgreementTerms, known: ReadonlySet<string>): ErrorDetail[] {
  const details: ErrorDetail[] = [];
  const at = (field: string, message: string) => details.push({ field, message });
  const to = terms.to ?? null;
  for (const [field, date] of [['from', terms.from], ['to', to]] as const) {
    if (date === null) continue;
    if (!isCalendarDate(date)) at(field, `not a date: "${date}"`);
    else if (date < EARLIEST || date > LATEST) at(field, `must be between ${EARLIEST} and ${LATEST}`);
  }
  if (to !== null && isCalendarDate(to) && isCalendarDate(terms.from) && to < terms.from) at('to', `is before from (${terms.from})`);
  const method = terms.paymentMethod as AgreementPaymentMethod;
  if (!agreementPaymentMethods.includes(method)) at('paymentMethod', `must be one of: ${agreementPaymentMethods.join(', ')}`);
  const amounts = [
    ['capitationAmount', terms.capitationAmount, 'capitation', 'per enrolled beneficiary per month'],
    ['flatRateAmount', terms.flatRateAmount, 'flat_rate', 'per case'],
  ] as const;
  for (const [field, amount, needs, what] of amounts) {
    const given = amount !== undefined && amount !== null;
    if (method === needs && !given) at(field, `is required for ${needs} (${what})`);
    if (method !== needs && given) at(field, `is only for ${needs} agreements`);
    if (given && (!Number.isSafeInteger(amount) || amount < 0)) at(field, 'must be a whole amount of minor units, 0 or more');
  }
  const delay = terms.paymentDelayDays;
  if (delay !== undefined && delay !== null && (!Number.isInteger(delay) || delay < 0 || delay > 3650)) at('paymentDelayDays', 'must be a whole number of days from 0 to 3650');
  const first = new Map<string, number>();
  terms.tariff.forEach((line, i) => {
    if (!known.has(line.service)) at(`tariff[${i}].service`, `there is no service ${line.service} in the catalogue`);
    const seen = first.get(line.service);
    if (seen !== undefined) at(`tariff[${i}].service`, `${line.service} is already priced at tariff[${seen}]`);
    else first.set(line.service, i);
    if (!Number.isSafeInteger(line.price) || line.price < 0) at(`tariff[${i}].price`, 'must be a whole amount of minor units, 0 or more');
  });
  return details;
}
