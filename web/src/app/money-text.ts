/**
 * Money as text, without React: minor units to exact decimal strings and back. Amounts are whole
 * numbers of minor units of a currency (the API's unit); no float ever holds money.
 */
import { minorUnitExponent } from '../../../src/platform/money.js';

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
