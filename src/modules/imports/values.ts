import { isCalendarDate } from '../../platform/dates.js';
import { normalizePhone } from '../members/index.js';
import type { DateOrder } from './imports.schemas.js';
import { type Cell, cellText, excelDate } from '../../platform/spreadsheet.js';

/**
 * Cells into values: dates written the ways spreadsheets write them, amounts with their
 * thousands separators, codes, phones. A parser returns the value, or a Problem (a code of the
 * `imports.issues` catalogue and its parameters); problems are rare, so only they allocate.
 */
export class Problem {
  constructor(
    readonly code: string,
    readonly params: Record<string, string | number> = {},
  ) {}
}

const quoted = (cell: Cell) => cellText(cell).slice(0, 60);

/** Text with runs of blanks made one space, or null when empty. */
export function textOf(cell: Cell | undefined): string | null {
  const text = cellText(cell);
  if (text === '') return null;
  return /\s\s|[\t\n\r]/.test(text) ? text.replace(/\s+/g, ' ') : text;
}

const CODE = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** A household number, card or code: letters, digits, `.`, `-`, `_`; uppercased when `upper`. */
export function codeOf(cell: Cell, upper: boolean): string | Problem {
  const text = cellText(cell);
  if (text.length > 64) return new Problem('too_long', { max: 64 });
  if (!CODE.test(text)) return new Problem('invalid_code', { value: quoted(cell) });
  return upper ? text.toUpperCase() : text;
}

export function limited(text: string, max: number): string | Problem {
  return text.length > max ? new Problem('too_long', { max }) : text;
}

const PHONE = /^\+?[0-9][0-9 .()-]*$/;

export function phoneOf(cell: Cell): string | Problem {
  const text = cellText(cell);
  if (text.length < 6 || text.length > 25 || !PHONE.test(text)) return new Problem('invalid_phone', { value: quoted(cell) });
  return normalizePhone(text);
}

// ---------------------------------------------------------------- dates

const DAY = 86_400_000;
const EXCEL_EPOCH = Date.UTC(1899, 11, 30);

/**
 * An Excel serial day number as a calendar date (the 1900 date system; Excel counts a 29
 * February 1900 that never was, so serials before 61 are one day off and shifted back).
 */
export function serialDate(serial: number): string {
  const days = Math.floor(serial + 1e-6);
  return new Date(EXCEL_EPOCH + (days < 61 ? days + 1 : days) * DAY).toISOString().slice(0, 10);
}

const ISO = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T].*)?$/;
const SLASHED = /^(\d{1,2})[-/. ](\d{1,2})[-/. ](\d{4})(?:[ T].*)?$/;
const SHORT_YEAR = /^\d{1,2}[-/.]\d{1,2}[-/.]\d{2}$/;
const SERIAL = /^\d{4,6}(?:[.,]\d+)?$/;

const pad = (n: string) => (n.length === 1 ? `0${n}` : n);

/** A date: a workbook date, an Excel serial number, yyyy-mm-dd, or dd/mm/yyyy (mm/dd/yyyy with `mdy`). */
export function dateOf(cell: Cell, order: DateOrder): string | Problem {
  if (cell instanceof Date) return excelDate(cell);
  if (typeof cell === 'number') {
    if (cell >= 1 && cell < 2_958_466) return serialDate(cell);
    return new Problem('not_a_date', { value: quoted(cell) });
  }
  const text = cellText(cell);
  let date: string | undefined;
  let m = ISO.exec(text);
  if (m) date = `${m[1]}-${pad(m[2]!)}-${pad(m[3]!)}`;
  else if ((m = SLASHED.exec(text))) date = order === 'mdy' ? `${m[3]}-${pad(m[1]!)}-${pad(m[2]!)}` : `${m[3]}-${pad(m[2]!)}-${pad(m[1]!)}`;
  else if (SHORT_YEAR.test(text)) return new Problem('short_year', { value: quoted(cell) });
  else if (SERIAL.test(text) && Number(text.replace(',', '.')) >= 10_000) return serialDate(Number(text.replace(',', '.')));
  if (!date || !isCalendarDate(date)) return new Problem('not_a_date', { value: quoted(cell) });
  return date;
}

const ESTIMATED_YEAR = /^(?:vers|env\.?|environ|ca\.?|circa|about|around|~)?\s*(\d{4})\s*(?:\(?(?:estim[ée]+|approx\.?|est\.?)\)?)?$/i;

/** A birth: a date, or an estimated year alone (1975, "vers 1975", "1975 (estimée)"). */
export function birthOf(cell: Cell, order: DateOrder): { date: string | null; year: number } | Problem {
  if (typeof cell === 'number' && Number.isInteger(cell) && cell >= 1000 && cell <= 9999) return { date: null, year: cell };
  if (typeof cell === 'string') {
    const m = ESTIMATED_YEAR.exec(cell.trim());
    if (m) return { date: null, year: Number(m[1]) };
  }
  const date = dateOf(cell, order);
  return date instanceof Problem ? date : { date, year: Number(date.slice(0, 4)) };
}

export function yearOf(cell: Cell): number | Problem {
  const text = cellText(cell);
  const m = ESTIMATED_YEAR.exec(text);
  if (!m) return new Problem('not_a_year', { value: quoted(cell) });
  return Number(m[1]);
}

// ---------------------------------------------------------------- amounts

const MAX_AMOUNT = 1_000_000_000_000;
const GROUPED = /^\d{1,3}(?:([.,'])\d{3})(?:\1\d{3})*$/;

/**
 * A whole amount of minor units: "12500", "12 500", "12.500", "12,500", "1'250'000", or with a
 * zero fraction ("12 500,00"); a real fraction ("12,50") is refused, never rounded.
 */
export function amountOf(cell: Cell): number | Problem {
  let value: number;
  if (typeof cell === 'number') {
    if (!Number.isInteger(cell)) return new Problem('not_whole_amount', { value: quoted(cell) });
    value = cell;
  } else {
    let text = cellText(cell).replace(/[\s\u00a0\u202f]/g, '');
    text = text.replace(/^(?:XOF|XAF|FCFA|CFA|F|FR)\.?(?=\d)/i, '').replace(/(?<=\d)(?:XOF|XAF|FCFA|CFA|F|FR)\.?$/i, '');
    const zeroFraction = /^(.*\d)[.,]0{1,2}$/.exec(text);
    if (zeroFraction && !GROUPED.test(text)) text = zeroFraction[1]!;
    if (GROUPED.test(text)) text = text.replace(/[.,']/g, '');
    if (!/^-?\d+$/.test(text)) return new Problem(/^-?\d+[.,]\d+$/.test(text) ? 'not_whole_amount' : 'not_an_amount', { value: quoted(cell) });
    value = Number(text);
  }
  if (value <= 0 || value > MAX_AMOUNT) return new Problem('amount_range', { value: quoted(cell), max: MAX_AMOUNT });
  return value;
}
