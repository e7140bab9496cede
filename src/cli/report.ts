import { writeFile } from 'node:fs/promises';
import { Command } from 'commander';
import { getScheme } from '../modules/organizations/index.js';
import { dhis2Export, reportFile, type ReportFormat } from '../modules/reports/index.js';
import { isCalendarDate } from '../platform/dates.js';
import { ValidationError } from '../platform/errors.js';
import { isLocale } from '../platform/i18n/index.js';
import { action, cliActor, output, withCommonOptions, withDatabase, type GlobalOptions } from './common.js';

interface ReportOptions extends GlobalOptions {
  scheme: string;
  from?: string;
  to?: string;
  year?: string;
  format?: string;
  lang?: string;
  out: string;
}

function dates(options: ReportOptions): { from: string; to: string } {
  if (options.year !== undefined) {
    if (!/^\d{4}$/.test(options.year)) throw new ValidationError([{ field: 'year', message: `not a year: "${options.year}"` }]);
    return { from: `${options.year}-01-01`, to: `${options.year}-12-31` };
  }
  for (const k of ['from', 'to'] as const) if (!options[k] || !isCalendarDate(options[k])) throw new ValidationError([{ field: k, message: options[k] ? `not a date: "${options[k]}"` : 'is required (or --year)' }]);
  return { from: options.from!, to: options.to! };
}

function reportKindCommand(kind: 'activity' | 'annual' | 'dhis2'): Command {
  const descriptions = {
    activity: 'activity report for a period: membership, contributions, claims by category and provider, reserves, indicators (PDF or XLSX)',
    annual: 'annual report to the general assembly for a calendar year, with its months (PDF or XLSX)',
    dhis2: 'the indicators for DHIS2: ADX XML (any period) or dataValueSets JSON (a whole month or year)',
  };
  return withCommonOptions(new Command(kind).description(descriptions[kind]))
    .requiredOption('--scheme <code>', 'the scheme')
    .option('--from <date>', 'first day (YYYY-MM-DD)')
    .option('--to <date>', 'last day (YYYY-MM-DD)')
    .option('--year <year>', 'a calendar year instead of --from/--to')
    .option('--format <format>', kind === 'dhis2' ? 'adx (default) or json' : 'pdf (default) or xlsx')
    .option('--lang <lang>', 'en (default) or fr')
    .requiredOption('--out <file>', 'where to write the file')
    .action(
      action(async (options: ReportOptions) => {
        if (kind === 'annual' && !options.year) throw new ValidationError([{ field: 'year', message: 'is required' }]);
        const { from, to } = dates(options);
        const lang = options.lang ?? 'en';
        if (!isLocale(lang)) throw new ValidationError([{ field: 'lang', message: 'en or fr' }]);
        const formats = kind === 'dhis2' ? ['adx', 'json'] : ['pdf', 'xlsx'];
        const format = options.format ?? formats[0]!;
        if (!formats.includes(format)) throw new ValidationError([{ field: 'format', message: formats.join(' or ') }]);
        await withDatabase(options, async ({ db }) => {
          const ctx = { db, actor: cliActor() };
          const scheme = await getScheme(ctx, options.scheme);
          const file = kind === 'dhis2' ? await dhis2Export(ctx, scheme, format as 'adx' | 'json', from, to) : await reportFile(ctx, scheme, kind, format as ReportFormat, from, to, lang);
          await writeFile(options.out, file.bytes);
          output(options, { file: options.out, bytes: file.bytes.length, contentType: file.contentType }, () => `wrote ${options.out} (${file.bytes.length} bytes)`);
        });
      }),
    );
}

export function reportCommand(): Command {
  const command = new Command('report').description('reports of a scheme: activity, annual, and the DHIS2 export of its indicators');
  for (const kind of ['activity', 'annual', 'dhis2'] as const) command.addCommand(reportKindCommand(kind));
  return command;
}
