import type { Locale } from '../../platform/i18n/index.js';
import { minorUnitExponent } from '../../platform/money.js';

/**
 * Text for paper and SMS: dates and money formatted with Intl for the reader's language, and the
 * characters a printer font or an SMS can carry.
 */

// Dates in documents are day first in both languages: the English of our users (West Africa,
// India) writes 02/01/2025 for 2 January, never the US order.
const DATE_LOCALES: Record<Locale, string> = { en: 'en-GB', fr: 'fr-FR' };

/** A calendar date (YYYY-MM-DD) as dd/mm/yyyy, formatted by Intl for the locale. */
export function formatDate(date: string, locale: Locale): string {
  return new Intl.DateTimeFormat(DATE_LOCALES[locale], { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${date}T00:00:00Z`));
}

/** A moment as dd/mm/yyyy hh:mm in the server's time zone. */
export function formatDateTime(at: Date, locale: Locale): string {
  return new Intl.DateTimeFormat(DATE_LOCALES[locale], { day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false }).format(at);
}

/** Money with the ISO code ("6 400 XOF", "XOF 6,400"): unambiguous and plain ASCII letters, for SMS. */
export function formatMoneyCode(amount: number, currency: string, locale: Locale): string {
  const exp = minorUnitExponent(currency);
  return new Intl.NumberFormat(locale, { style: 'currency', currency, currencyDisplay: 'code', minimumFractionDigits: exp, maximumFractionDigits: exp }).format(amount / 10 ** exp);
}

// Intl separates groups and currencies with no-break spaces (U+00A0, U+202F); printers' fonts and
// SMS want a plain space. Curly quotes and dashes become their ASCII forms.
const PLAIN: Record<string, string> = {
  '\u00a0': ' ',
  '\u202f': ' ',
  '\u2009': ' ',
  '\u2007': ' ',
  '\u2018': "'",
  '\u2019': "'",
  '\u201a': "'",
  '\u02bc': "'",
  '\u201c': '"',
  '\u201d': '"',
  '\u201e': '"',
  '\u00ab': '"',
  '\u00bb': '"',
  '\u2013': '-',
  '\u2014': '-',
  '\u2212': '-',
  '\u2026': '...',
  '°': 'o',
};

// Letters of African Latin alphabets (African reference alphabet) that have no accent to drop:
// written as French-style registries write them when a keyboard lacks them.
const LATIN_FALLBACK: Record<string, string> = {
  Ŋ: 'Ng',
  ŋ: 'ng',
  Ɓ: 'B',
  ɓ: 'b',
  Ɗ: 'D',
  ɗ: 'd',
  Ƙ: 'K',
  ƙ: 'k',
  Ƴ: 'Y',
  ƴ: 'y',
  Ɛ: 'E',
  ɛ: 'e',
  Ɔ: 'O',
  ɔ: 'o',
  Ə: 'E',
  ə: 'e',
  Ɲ: 'Ny',
  ɲ: 'ny',
};

/** The letter without its accent, or its usual plain spelling; undefined when there is none. */
function plainLetter(c: string): string | undefined {
  if (LATIN_FALLBACK[c]) return LATIN_FALLBACK[c];
  const bare = c.normalize('NFD').replace(/\p{M}/gu, '');
  return bare && bare !== c ? bare : undefined;
}

// ---------------------------------------------------------------- PDF standard fonts

// The standard PDF fonts (Helvetica) encode text in WinAnsi: Latin-1 plus these.
const WIN_ANSI_EXTRA = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');

function winAnsi(c: string): boolean {
  const code = c.codePointAt(0)!;
  return (code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || WIN_ANSI_EXTRA.has(c);
}

/**
 * Text the card and receipt fonts can print: a letter outside WinAnsi loses its accent (ő -> o)
 * or takes its plain spelling (Ŋ -> Ng, Ɗ -> D); anything else prints "?". No-break spaces
 * become spaces.
 */
export function printable(text: string): string {
  return [...text]
    .map((c) => {
      if (c === '\u00a0' || c === '\u202f' || c === '\u2009' || c === '\u2007') return ' ';
      if (winAnsi(c)) return c;
      const plain = plainLetter(c);
      return plain && [...plain].every(winAnsi) ? plain : '?';
    })
    .join('');
}

// ---------------------------------------------------------------- SMS (GSM 03.38)

const GSM_BASIC = new Set(
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà',
);
// Characters of the extension table: each takes two of the 160 septets.
const GSM_EXTENDED = new Set('^{}\\[~]|€\f');

/**
 * Text that an SMS carries in the GSM 7-bit alphabet (160 characters per message), not UCS-2
 * (70): curly quotes and dashes become ASCII, an accented letter outside the alphabet loses its
 * accent (ç -> c, ê -> e) or takes its plain spelling (ŋ -> ng), anything else becomes "?".
 */
export function toGsm(text: string): string {
  return [...text]
    .map((c) => {
      const plain = PLAIN[c] ?? c;
      if ([...plain].every((p) => GSM_BASIC.has(p) || GSM_EXTENDED.has(p))) return plain;
      const bare = plainLetter(c);
      return bare && [...bare].every((p) => GSM_BASIC.has(p)) ? bare : '?';
    })
    .join('');
}

/** Septets the text takes in an SMS; undefined when it is not all GSM 7-bit. */
export function gsmLength(text: string): number | undefined {
  let n = 0;
  for (const c of text) {
    if (GSM_BASIC.has(c)) n += 1;
    else if (GSM_EXTENDED.has(c)) n += 2;
    else return undefined;
  }
  return n;
}
