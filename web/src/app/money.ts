import { useMemo } from 'react';
import { minorUnitExponent } from '../../../src/platform/money.js';
import { useFormat } from './format';

/**
 * Money in the interface. Amounts are whole numbers of minor units of the scheme's currency (the
 * API's unit); the exponent (0 for XOF, 2 for EUR) is the server's own table. No float ever holds
 * money: shown amounts are built as decimal strings that Intl formats exactly, and typed amounts
 * are read back into minor units with string arithmetic.
 */
export { minorUnitExponent };

/** Minor units as a plain decimal string: 123456 with exponent 2 → "1234.56". */
export function minorToDecimal(minor: number, exponent: number): `${number}` {
  const negative = minor < 0;
  const digits = String(Math.abs(minor)).padStart(exponent + 1, '0');
  const whole = exponent ? digits.slice(0, -exponent) : digits;
  const fraction = exponent ? `.${digits.slice(-exponent)}` : '';
  return `${negative ? '-' : ''}${whole}${fraction}` as `${number}`;
}

/** The separators a locale writes numbers with. */
function separators(locale: string): { group: string; decimal: string } {
  const parts = new Intl.NumberFormat(locale).formatToParts(12345.6);
  return {
    group: parts.find((p) => p.type === 'group')?.value ?? ',',
    decimal: parts.find((p) => p.type === 'decimal')?.value ?? '.',
  };
}

/**
 * Reads an amount typed by a person into minor units: null when empty, undefined when it is not an
 * amount (negative, too many decimals, letters). Spaces and the locale's digit grouping are
 * allowed ("10 000", "10,000" in English); the decimal mark is the locale's, or a dot.
 */
export function parseMoney(text: string, exponent: number, locale: string): number | null | undefined {
  const { group, decimal } = separators(locale);
  let value = text.replace(/[\s\u00a0\u202f]/g, '');
  if (value === '') return null;
  if (group !== decimal && !/\s|\u00a0|\u202f/.test(group)) value = value.split(group).join('');
  if (decimal !== '.') value = value.replace(decimal, '.');
  const match = /^(\d+)(?:\.(\d*))?$/.exec(value);
  if (!match) return undefined;
  const whole = match[1]!;
  const fraction = match[2] ?? '';
  if (fraction.length > exponent) return undefined;
  const digits = (whole + fraction.padEnd(exponent, '0')).replace(/^0+(?=\d)/, '');
  if (digits.length > 15) return undefined;
  return Number(digits);
}

/** Minor units as an editable text in the locale's decimal mark, without grouping ("1234,56"). */
export function moneyToInput(minor: number | null | undefined, exponent: number, locale: string): string {
  if (minor === null || minor === undefined) return '';
  const text = minorToDecimal(minor, exponent);
  const { decimal } = separators(locale);
  return decimal === '.' ? text : text.replace('.', decimal);
}

export interface MoneyFormat {
  currency: string;
  exponent: number;
  /** 3650 → "3 650 F CFA" (fr), "F CFA 3,650" (en) */
  format: (minor: number) => string;
  /** A typed amount in minor units: null when empty, undefined when invalid. */
  parse: (text: string) => number | null | undefined;
  /** Minor units as text for an input. */
  toInput: (minor: number | null | undefined) => string;
}

/** Money of one currency in the user's locale. */
export function useMoney(currency: string): MoneyFormat {
  const { locale } = useFormat();
  return useMemo(() => {
    const exponent = minorUnitExponent(currency);
    let formatter: Intl.NumberFormat;
    try {
      formatter = new Intl.NumberFormat(locale, { style: 'currency', currency, minimumFractionDigits: exponent, maximumFractionDigits: exponent });
    } catch {
      formatter = new Intl.NumberFormat(locale, { minimumFractionDigits: exponent, maximumFractionDigits: exponent });
    }
    return {
      currency,
      exponent,
      format: (minor) => formatter.format(minorToDecimal(minor, exponent)),
      parse: (text) => parseMoney(text, exponent, locale),
      toInput: (minor) => moneyToInput(minor, exponent, locale),
    };
  }, [currency, locale]);
}
