import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * The browser's own variant of the interface language when it has one (fr-SN, en-GB: their date
 * order and separators), else the language itself.
 */
function regionalLocale(language: string): string {
  const preferred = navigator.languages ?? [navigator.language];
  return preferred.find((tag) => tag.toLowerCase().split('-')[0] === language) ?? language;
}

/**
 * Numbers, dates and names of countries and currencies in the user's language, through Intl (no
 * formatting by hand anywhere in the app).
 */
export function useFormat() {
  const { i18n } = useTranslation();
  const locale = regionalLocale(i18n.resolvedLanguage ?? 'en');
  return useMemo(() => {
    const number = new Intl.NumberFormat(locale);
    const date = new Intl.DateTimeFormat(locale, { dateStyle: 'medium' });
    const dateTime = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
    const month = new Intl.DateTimeFormat(locale, { month: 'short', year: 'numeric' });
    const regions = new Intl.DisplayNames([locale], { type: 'region', fallback: 'code' });
    const currencies = new Intl.DisplayNames([locale], { type: 'currency', fallback: 'code' });
    const safe = (f: (value: string) => string | undefined) => (value: string) => {
      try {
        return f(value) ?? value;
      } catch {
        return value;
      }
    };
    return {
      locale,
      number: (value: number) => number.format(value),
      /** A decimal with exactly `digits` decimal places (ratios, factors). */
      decimal: (value: number, digits: number) => new Intl.NumberFormat(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(value),
      /** A month YYYY-MM: "Mar 2025", "mars 2025". */
      month: (value: string) => month.format(new Date(`${value}-01T00:00:00`)),
      /** A calendar date YYYY-MM-DD, shown without time-zone shifts. */
      calendarDate: (value: string) => date.format(new Date(`${value}T00:00:00`)),
      dateTime: (value: string) => dateTime.format(new Date(value)),
      date: (value: string) => date.format(new Date(value)),
      country: safe((code) => regions.of(code)),
      currency: safe((code) => currencies.of(code)),
    };
  }, [locale]);
}
