/**
 * Coverage rates and subsidizer shares are decimals from 0 to 1 in the API and percentages for
 * people. Converted by moving the decimal point in the text, so "82.5" % is exactly 0.825.
 */

/** "82.5" (or "82,5") → 0.825; null when empty, undefined when not a percentage from 0 to 100. */
export function parsePercent(text: string): number | null | undefined {
  const value = text.trim().replace(',', '.').replace(/\s*%$/, '');
  if (value === '') return null;
  const match = /^(\d{1,3})(?:\.(\d{1,4}))?$/.exec(value);
  if (!match) return undefined;
  const digits = `${match[1]}${match[2] ?? ''}`;
  const scale = (match[2] ?? '').length + 2;
  const padded = digits.padStart(scale + 1, '0');
  const rate = Number(`${padded.slice(0, -scale)}.${padded.slice(-scale)}`);
  return rate > 1 ? undefined : rate;
}

/** 0.825 → "82.5" (for an input). */
export function percentText(rate: number | null | undefined): string {
  if (rate === null || rate === undefined) return '';
  const text = String(rate);
  const [whole = '0', fraction = ''] = (text.includes('e') ? rate.toFixed(8) : text).split('.');
  const shifted = `${whole}${fraction.padEnd(2, '0')}`;
  const integer = shifted.slice(0, whole.length + 2).replace(/^0+(?=\d)/, '');
  const rest = shifted.slice(whole.length + 2).replace(/0+$/, '');
  return rest ? `${integer}.${rest}` : integer;
}
