import { useMemo } from 'react';
import { useFormat } from './format';
import { minorToDecimal, minorUnitExponent, moneyToInput, parseMoney } from './money-text';

/**
 * Money in the interface. Amounts are whole numbers of minor units of the scheme's currency (the
 * API's unit); the exponent (0 for XOF, 2 for EUR) is the server's own table. No float ever holds
 * money: shown amounts are built as decimal strings that Intl formats exactly, and typed amounts
 * are read back into minor units with string arithmetic.
 */
export { minorToDecimal, minorUnitExponent, moneyToInput, parseMoney };

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
