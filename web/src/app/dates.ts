// Calendar dates (YYYY-MM-DD, no time zone), with the server's own arithmetic.
export { addDays, addMonths, today } from '../../../src/platform/dates.js';

/** The first and last day of the month before `date`'s (YYYY-MM-DD): the period people ask for most (reports, provider payments). */
export function lastMonth(date: string): { from: string; to: string } {
  const [y, m] = date.split('-').map(Number) as [number, number];
  const year = m === 1 ? y - 1 : y;
  const month = m === 1 ? 12 : m - 1;
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const mm = String(month).padStart(2, '0');
  return { from: `${year}-${mm}-01`, to: `${year}-${mm}-${String(days).padStart(2, '0')}` };
}
