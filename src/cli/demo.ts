import { Command } from 'commander';
import { isCalendarDate } from '../platform/dates.js';
import { ValidationError } from '../platform/errors.js';
import { generateDemo } from '../demo/index.js';
import { action, cliActor, output, progress, withCommonOptions, withDatabase, type GlobalOptions } from './common.js';

export function demoCommand(): Command {
  const command = withCommonOptions(new Command('demo').description('generate a realistic demo federation, deterministically from a seed'))
    .option('--households <n>', 'households to generate across the schemes', '2000')
    .option('--schemes <n>', 'number of schemes', '2')
    .option('--seed <n>', 'seed: the same seed gives the same data', '1')
    .option('--reference-date <date>', 'the day contributions run up to (YYYY-MM-DD; default 2026-11-15)')
    .option('--claim-rate <x>', 'health care use as a multiple of the demo rates (1: about two consultations a year per covered member; 0: no claims)', '1')
    .option('--no-adjudicate', 'leave the claims submitted (the engine decides them later: mutua claims adjudicate)');
  command.action(
    action(async (options: GlobalOptions & { households: string; schemes: string; seed: string; referenceDate?: string; claimRate: string; adjudicate: boolean }) => {
      const households = Number(options.households);
      const claimRate = Number(options.claimRate);
      const schemes = Number(options.schemes);
      const seed = Number(options.seed);
      const details = [
        ...(!Number.isInteger(households) || households < 0 || households > 10_000_000 ? [{ field: 'households', message: 'a whole number from 0 to 10,000,000' }] : []),
        ...(!Number.isInteger(schemes) || schemes < 1 || schemes > 5 ? [{ field: 'schemes', message: 'a whole number from 1 to 5' }] : []),
        ...(!Number.isInteger(seed) ? [{ field: 'seed', message: 'a whole number' }] : []),
        ...(!Number.isFinite(claimRate) || claimRate < 0 || claimRate > 100 ? [{ field: 'claim-rate', message: 'a number from 0 to 100' }] : []),
        ...(options.referenceDate !== undefined && !isCalendarDate(options.referenceDate) ? [{ field: 'reference-date', message: 'a date YYYY-MM-DD' }] : []),
      ];
      if (details.length) throw new ValidationError(details);
      await withDatabase(options, async ({ db }) => {
        const bar = progress(options);
        let current = '';
        const started = Date.now();
        const result = await generateDemo(
          { db, actor: cliActor() },
          {
            seed,
            households,
            schemes,
            claimRate,
            adjudicate: options.adjudicate,
            ...(options.referenceDate ? { referenceDate: options.referenceDate } : {}),
            onProgress: (done, total, label) => {
              if (label !== current) {
                bar.stop();
                bar.start(total, label);
                current = label;
              }
              bar.update(done);
            },
          },
        );
        bar.stop();
        const seconds = (Date.now() - started) / 1000;
        const rowsPerSecond = Math.round(result.rows / seconds);
        output(options, { ...result, seconds, rowsPerSecond }, () =>
          [
            `Demo federation ${result.federation}: schemes ${result.schemes.join(', ')}`,
            `${result.households} households, ${result.beneficiaries} beneficiaries` +
              (result.skipped.length ? ` (kept the households already in ${result.skipped.join(', ')})` : ''),
            `${result.periods} coverage periods, ${result.dues} dues, ${result.payments} payments up to ${result.referenceDate}`,
            `${result.services} services, ${result.providers} providers under agreement; ${result.claims} claims (${result.claimLines} lines), ${result.letters} guarantee letters`,
            result.adjudication
              ? `Adjudicated ${result.adjudication.claims} claims, ${result.adjudication.lines} lines (${result.adjudication.approved} approved, ${result.adjudication.reduced} reduced, ${result.adjudication.rejected} rejected) in ${result.adjudication.seconds.toFixed(1)} s`
              : 'Claims left submitted (--no-adjudicate)',
            `${result.rows} rows in ${seconds.toFixed(1)} s (${rowsPerSecond} rows/s)`,
          ].join('\n'),
        );
      });
    }),
  );
  return command;
}
