import { Command } from 'commander';
import { resolveScheme } from '../modules/organizations/index.js';
import { claimsReserves, type Reserves } from '../modules/reserves/index.js';
import { isCalendarDate } from '../platform/dates.js';
import { NotFoundError, ValidationError } from '../platform/errors.js';
import { action, output, withCommonOptions, withDatabase, type GlobalOptions } from './common.js';

function text(r: Reserves): string {
  const cell = (v: number | null) => (v === null ? '' : String(v)).padStart(10);
  const header = `${'care'.padEnd(8)}${r.ibnr.origins.map((_, k) => cell(k)).join('')}${'ultimate'.padStart(12)}${'IBNR'.padStart(10)}`;
  return [
    `claims reserves on ${r.on}`,
    `outstanding: ${r.outstanding.claims} decided claims unpaid, ${r.outstanding.payable}; ${r.outstanding.pendingClaims} claims not decided yet (asked ${r.outstanding.pendingAsked})`,
    `incurred but not reported (chain-ladder): ${r.ibnr.total}`,
    '',
    'payable reported k months after the month of care (cumulative):',
    header,
    ...r.ibnr.origins.map((o, i) => `${o.padEnd(8)}${r.ibnr.cumulative[i]!.map(cell).join('')}${String(r.ibnr.ultimate[i]).padStart(12)}${String(r.ibnr.ibnr[i]).padStart(10)}`),
    `${'factors'.padEnd(8)}${r.ibnr.factors.map((f) => (f === null ? '-' : f.toFixed(4)).padStart(10)).join('')}`,
  ].join('\n');
}

export function reservesCommand(): Command {
  return withCommonOptions(new Command('reserves').description('claims reserves on a date: outstanding claims and the IBNR estimate with its triangle'))
    .requiredOption('--scheme <code>', 'the scheme')
    .requiredOption('--on <date>', 'the date of the reserves (YYYY-MM-DD)')
    .option('--months <n>', 'months of care in the triangle (default 12)', (v) => Number(v))
    .action(
      action(async (options: GlobalOptions & { scheme: string; on: string; months?: number }) => {
        if (!isCalendarDate(options.on)) throw new ValidationError([{ field: 'on', message: `not a date: "${options.on}"` }]);
        if (options.months !== undefined && !(Number.isInteger(options.months) && options.months >= 2 && options.months <= 60)) {
          throw new ValidationError([{ field: 'months', message: 'a whole number from 2 to 60' }]);
        }
        await withDatabase(options, async ({ db }) => {
          const scheme = await resolveScheme({ db }, options.scheme);
          if (!scheme) throw new NotFoundError('scheme', options.scheme);
          const reserves = await claimsReserves({ db }, [scheme.id], { on: options.on, months: options.months });
          output(options, reserves, () => text(reserves));
        });
      }),
    );
}
