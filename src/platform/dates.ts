/**
 * Calendar dates (`YYYY-MM-DD`) with no time zone: dates of coverage and care are days on a
 * calendar, not instants. Arithmetic is done on UTC midnights so no offset can shift a day.
 */
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export type CalendarDate = string;

export function isCalendarDate(value: string): boolean {
  const m = DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = new Date(Date.UTC(y, mo - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d;
}

function toUtc(date: CalendarDate): Date {
  if (!isCalendarDate(date)) throw new RangeError(`not a date: "${date}"`);
  return new Date(`${date}T00:00:00Z`);
}

function fromUtc(d: Date): CalendarDate {
  return d.toISOString().slice(0, 10);
}

export function addDays(date: CalendarDate, days: number): CalendarDate {
  const d = toUtc(date);
  d.setUTCDate(d.getUTCDate() + days);
  return fromUtc(d);
}

/**
 * Adds calendar months; a day that does not exist in the target month is clamped to its last day
 * (31 January + 1 month = 28 or 29 February), as people count months.
 */
export function addMonths(date: CalendarDate, months: number): CalendarDate {
  const d = toUtc(date);
  const day = d.getUTCDate();
  const target = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(day, lastDay));
  return fromUtc(target);
}

/** Whole days from `a` to `b` (positive when b is later). */
export function daysBetween(a: CalendarDate, b: CalendarDate): number {
  return Math.round((toUtc(b).getTime() - toUtc(a).getTime()) / 86_400_000);
}

/** Age in whole years on `on`. */
export function ageOn(birthDate: CalendarDate, on: CalendarDate): number {
  const b = toUtc(birthDate);
  const o = toUtc(on);
  let age = o.getUTCFullYear() - b.getUTCFullYear();
  if (o.getUTCMonth() < b.getUTCMonth() || (o.getUTCMonth() === b.getUTCMonth() && o.getUTCDate() < b.getUTCDate())) age -= 1;
  return age;
}

/** Today's date where the server runs, as a calendar date. */
export function today(now: Date = new Date()): CalendarDate {
  const y = now.getFullYear();
  const m = String(now.getMonth() + 1).padStart(2, '0');
  const d = String(now.getDate()).padStart(2, '0');
  return `${y}-${m}-${d}`;
}

export function maxDate(...dates: CalendarDate[]): CalendarDate {
  return dates.reduce((a, b) => (a >= b ? a : b));
}
