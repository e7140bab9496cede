/**
 * Money is an integer number of minor units of the scheme's currency (ISO 4217); never a float.
 * Rates are decimal strings (as stored in PostgreSQL `numeric`) and are applied exactly with
 * integer arithmetic, so that rounding is the one rule we chose, not the accident of binary floats.
 */
export type Minor = number;

/** ISO 4217 minor-unit exponents of the currencies we have met; others default to 2. */
const EXPONENTS: Record<string, number> = {
  XOF: 0, XAF: 0, GNF: 0, RWF: 0, BIF: 0, KMF: 0, DJF: 0, JPY: 0, KRW: 0, UGX: 0, VND: 0, CLP: 0, PYG: 0,
  MGA: 0, BHD: 3, KWD: 3, OMR: 3, TND: 3, JOD: 3, LYD: 3, IQD: 3,
};

const CURRENCY = /^[A-Z]{3}$/;

// ISO 4217 codes as known to the runtime's ICU data.
const CURRENCIES = new Set(Intl.supportedValuesOf('currency'));

export function isCurrencyCode(code: string): boolean {
  return CURRENCY.test(code) && CURRENCIES.has(code);
}

export function minorUnitExponent(currency: string): number {
  return EXPONENTS[currency] ?? 2;
}

export function assertMinor(value: number, field = 'amount'): Minor {
  if (!Number.isSafeInteger(value)) throw new RangeError(`${field}: not a whole number of minor units: ${value}`);
  return value;
}

const RATE = /^\d+(\.\d+)?$/;

/** Parses a rate between 0 and 1 given as a decimal string or number into a fraction of bigints. */
export function parseRate(rate: string | number): { num: bigint; den: bigint } {
  const text = typeof rate === 'number' ? rateToString(rate) : rate.trim();
  if (!RATE.test(text)) throw new RangeError(`not a rate between 0 and 1: "${text}"`);
  const [whole, frac = ''] = text.split('.');
  const den = 10n ** BigInt(frac.length);
  const num = BigInt(whole || '0') * den + BigInt(frac || '0');
  if (num > den) throw new RangeError(`not a rate between 0 and 1: "${text}"`);
  return { num, den };
}

function rateToString(rate: number): string {
  if (!Number.isFinite(rate)) throw new RangeError(`not a rate: ${rate}`);
  // Shortest round-trip decimal of the number, e.g. 0.75 -> "0.75"
  const s = String(rate);
  if (s.includes('e')) return rate.toFixed(20).replace(/0+$/, '');
  return s;
}

/** amount x rate, rounded half up (spec: coverage-and-adjudication.md, "scheme share"). */
export function applyRateHalfUp(amount: Minor, rate: string | number): Minor {
  assertMinor(amount);
  const { num, den } = parseRate(rate);
  const product = BigInt(amount) * num;
  const sign = product < 0n ? -1n : 1n;
  const abs = product < 0n ? -product : product;
  const rounded = (abs * 2n + den) / (den * 2n);
  return Number(sign * rounded);
}

/** Splits `total` into `parts` equal amounts, the remainder going to the first part. */
export function splitWithRemainderFirst(total: Minor, parts: number): Minor[] {
  assertMinor(total);
  if (!Number.isInteger(parts) || parts < 1) throw new RangeError(`parts must be a positive whole number: ${parts}`);
  const base = Math.floor(total / parts);
  const remainder = total - base * parts;
  return Array.from({ length: parts }, (_, i) => (i === 0 ? base + remainder : base));
}

/** Formats minor units for people, in their locale. */
export function formatMoney(amount: Minor, currency: string, locale = 'en'): string {
  const exp = minorUnitExponent(currency);
  return new Intl.NumberFormat(locale, { style: 'currency', currency, minimumFractionDigits: exp, maximumFractionDigits: exp }).format(
    amount / 10 ** exp,
  );
}
