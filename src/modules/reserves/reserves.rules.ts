/**
 * Claims incurred but not reported (IBNR), by the chain-ladder method on a monthly triangle of
 * reporting delays: rows are months of care (origins), columns the number of months between the
 * month of care and the month the claim was submitted. Pure: the facts come in as cells.
 *
 * The method (the standard basic chain-ladder, volume-weighted):
 * - C[i][k] = amount of origin i reported within k months (cumulative);
 * - development factor f[k] = Σ C[i][k+1] / Σ C[i][k] over the origins where both are known; a
 *   factor with nothing to learn from (Σ C[i][k] = 0) is unknown and taken as 1;
 * - ultimate of origin i = its latest known cumulative × the factors of the columns still to come;
 *   IBNR = ultimate − latest, each rounded half up to whole minor units.
 * Choices (spec gaps, documented in the README): the triangle has as many columns as origins (a
 * claim reported later than that counts in the last column: no tail beyond the history); the
 * month of `on` is the last diagonal even when it is not over.
 */

export interface DelayCell {
  /** YYYY-MM of the date of care. */
  origin: string;
  /** YYYY-MM of submission. */
  reported: string;
  amount: number;
}

export interface ChainLadder {
  origins: string[];
  /** incremental[i][k]: reported k months after origin i; null where the future lies. */
  incremental: (number | null)[][];
  cumulative: (number | null)[][];
  /** factors[k]: from column k to k + 1; null when no origin could teach it (taken as 1). */
  factors: (number | null)[];
  latest: number[];
  ultimate: number[];
  ibnr: number[];
  totalIbnr: number;
}

/** Months from `first` to `last` inclusive, as YYYY-MM. */
export function monthsBetween(first: string, last: string): string[] {
  const months: string[] = [];
  let [y, m] = first.split('-').map(Number) as [number, number];
  const [ly, lm] = last.split('-').map(Number) as [number, number];
  while (y < ly || (y === ly && m <= lm)) {
    months.push(`${y}-${String(m).padStart(2, '0')}`);
    m += 1;
    if (m > 12) { m = 1; y += 1; }
  }
  return months;
}

function monthIndex(month: string): number {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return y * 12 + (m - 1);
}

export function chainLadder(origins: string[], cells: DelayCell[]): ChainLadder {
  const n = origins.length;
  const index = new Map(origins.map((o, i) => [o, i]));
  const incremental: (number | null)[][] = origins.map((_, i) => Array.from({ length: n }, (_, k) => (i + k <= n - 1 ? 0 : null)));
  for (const cell of cells) {
    const i = index.get(cell.origin);
    if (i === undefined) continue;
    // A claim cannot be reported before its care; a typed submission date before the date of care
    // counts as reported at once.
    const delay = Math.max(0, monthIndex(cell.reported) - monthIndex(cell.origin));
    // Reported after the last column: counted in the last known column of its row.
    const k = Math.min(delay, n - 1 - i);
    incremental[i]![k] = (incremental[i]![k] ?? 0) + cell.amount;
  }
  const cumulative = incremental.map((row) => {
    let running = 0;
    return row.map((v) => (v === null ? null : (running += v)));
  });
  const factors: (number | null)[] = [];
  for (let k = 0; k < n - 1; k += 1) {
    let above = 0;
    let below = 0;
    for (let i = 0; i + k + 1 <= n - 1; i += 1) {
      above += cumulative[i]![k + 1]!;
      below += cumulative[i]![k]!;
    }
    factors.push(below === 0 ? null : above / below);
  }
  const latest = cumulative.map((row, i) => row[n - 1 - i]!);
  const ultimate = latest.map((value, i) => {
    let u = value;
    for (let k = n - 1 - i; k < n - 1; k += 1) u *= factors[k] ?? 1;
    return Math.round(u);
  });
  const ibnr = ultimate.map((u, i) => u - latest[i]!);
  return { origins, incremental, cumulative, factors, latest, ultimate, ibnr, totalIbnr: ibnr.reduce((s, x) => s + x, 0) };
}
