// Calendar dates (YYYY-MM-DD, no time zone), with the server's own arithmetic.
export { addDays, addMonths, today } from '../../../src/platform/dates.js';
