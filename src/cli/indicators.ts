import { Command } from 'commander';
import { indicatorsReport, plainIndicators, rebuildSummaries, type IndicatorScope, type IndicatorsReport } from '../modules/indicators/index.js';
import { resolveFederation, resolveScheme, schemeIdsOfFederations } from '../modules/organizations/index.js';
import { isCalendarDate } from '../platform/dates.js';
import type { Executor } from '../platform/audit/audit.js';
import { NotFoundError, ValidationError } from '../platform/errors.js';
import { translate, type Locale } from '../platform/i18n/index.js';
import { action, output, progress, withCommonOptions, withDatabase, type GlobalOptions } from './common.js';

interface Options extends GlobalOptions {
  scheme?: string;
  federation?: string;
  all?: boolean;
  from?: string;
  to?: string;
  lang?: string;
}

const figure = (v: number | null) => (v === null ? '-' : Number.isInteger(v) ? String(v) : v.toFixed(4));

function text(report: IndicatorsReport, locale: Locale): string {
  const t = (key: string) => translate(locale, `indicators.cli.${key}`);
  const rows = report.indicators.map((i) => [i.code, figure(i.value), figure(i.numerator), figure(i.denominator), figure(i.previousYear.value), i.threshold.level ?? '']);
  const header = [t('indicator'), t('value'), t('numerator'), t('denominator'), t('previous_year'), t('level')];
  const widths = header.map((h, k) => Math.max(h.length, ...rows.map((r) => r[k]!.length)));
  const line = (cells: string[]) => cells.map((c, k) => (k === 0 || k === 5 ? c.padEnd(widths[k]!) : c.padStart(widths[k]!))).join('  ').trimEnd();
  const scope = report.scope.code ?? report.scope.kind;
  return [translate(locale, 'indicators.cli.heading', { scope, from: report.from, to: report.to }), '', line(header), ...rows.map(line)].join('\n');
}

async function scopeOf(db: Executor, options: Options): Promise<IndicatorScope> {
  const chosen = [options.scheme, options.federation, options.all].filter(Boolean).length;
  if (chosen !== 1) throw new ValidationError([{ field: 'scheme', message: 'give exactly one of --scheme CODE, --federation CODE or --all' }]);
  if (options.scheme) {
    const scheme = await resolveScheme({ db }, options.scheme);
    if (!scheme) throw new NotFoundError('scheme', options.scheme);
    return { kind: 'scheme', code: scheme.code, schemeIds: [scheme.id] };
  }
  if (options.federation) {
    const federation = await resolveFederation({ db }, options.federation);
    if (!federation) throw new NotFoundError('federation', options.federation);
    return { kind: 'federation', code: federation.code, schemeIds: await schemeIdsOfFederations({ db }, [federation.id]) };
  }
  return { kind: 'all', code: null, schemeIds: undefined };
}

export function indicatorsCommand(): Command {
  const command = withCommonOptions(new Command('indicators').description('monitoring indicators of a scheme, a federation or every scheme for a period (docs/indicators.md)'))
    .option('--scheme <code>', 'one scheme')
    .option('--federation <code>', 'the schemes of a federation, together')
    .option('--all', 'every scheme, together')
    .option('--from <date>', 'first day of the period (YYYY-MM-DD), required')
    .option('--to <date>', 'last day of the period (YYYY-MM-DD), required')
    .option('--lang <locale>', 'en or fr (the meanings of the full report)', 'en')
    .action(
      action(async (options: Options) => {
        for (const field of ['from', 'to'] as const) {
          if (!options[field] || !isCalendarDate(options[field])) throw new ValidationError([{ field, message: options[field] ? `not a date: "${options[field]}"` : 'is required (YYYY-MM-DD)' }]);
        }
        const locale: Locale = options.lang === 'fr' ? 'fr' : 'en';
        await withDatabase(options, async ({ db }) => {
          const scope = await scopeOf(db, options);
          const report = await indicatorsReport({ db }, scope, { from: options.from!, to: options.to! }, locale);
          // --json prints exactly the shape: { indicators: [{ code, value, numerator, denominator }] }.
          output(options, { indicators: plainIndicators(report) }, () => text(report, locale));
        });
      }),
    );
  command.addCommand(
    withCommonOptions(new Command('rebuild').description('recompute the indicator summaries of every scheme (or one) from the facts'))
      .option('--scheme <code>', 'only this scheme')
      .action(
        action(async (own: GlobalOptions & { scheme?: string }, self: Command) => {
          // --data, --json and --scheme may be read by the parent command (they are its options too).
          const options = { ...(self.optsWithGlobals() as GlobalOptions & { scheme?: string }), ...own };
          await withDatabase(options, async ({ db }) => {
            let ids: string[] | undefined;
            if (options.scheme) {
              const scheme = await resolveScheme({ db }, options.scheme);
              if (!scheme) throw new NotFoundError('scheme', options.scheme);
              ids = [scheme.id];
            }
            const bar = progress(options);
            const result = await rebuildSummaries({ db }, ids, (done, total) => {
              if (done === 0) bar.start(total, 'rebuilding');
              bar.update(done);
            });
            bar.stop();
            output(options, result, () => translate('en', 'indicators.cli.rebuilt', { schemes: result.schemes, households: result.households, claims: result.claimDays }));
          });
        }),
      ),
  );
  return command;
}
