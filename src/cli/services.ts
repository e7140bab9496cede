import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { Command } from 'commander';
import { resolveScheme } from '../modules/organizations/index.js';
import { importCatalogue, wordImportReport, type ImportFile, type ImportReport } from '../modules/providers/index.js';
import { NotFoundError, ValidationError } from '../platform/errors.js';
import { pickLocale, translate, type Locale } from '../platform/i18n/index.js';
import { action, cliActor, output, withCommonOptions, withDatabase, type GlobalOptions } from './common.js';

export const cliLocale = (): Locale => pickLocale(process.env.MUTUA_LOCALE ?? process.env.LANG?.replace(/[._].*$/, ''));

/** A file named on the command line, as the providers module's imports take it. */
export async function readImportFile(file: string, sheet?: string): Promise<ImportFile> {
  try {
    return { fileName: path.basename(file), bytes: await readFile(file), sheet: sheet ?? null };
  } catch (error) {
    throw new ValidationError([{ field: file, message: `cannot be read: ${(error as Error).message}` }]);
  }
}

/** Prints an import report (every bad row, then the summary); exit code 1 when a row is bad. */
export function printImportReport(options: GlobalOptions, report: ImportReport, locale: Locale): void {
  const key = report.errorCount ? 'providers.cli.not_written' : report.dryRun ? 'providers.cli.dry_run' : 'providers.cli.summary';
  output(options, report, () =>
    [
      ...report.errors.map((e) => e.text),
      translate(locale, key, { file: report.fileName, rows: report.rows, count: report.errorCount, created: report.created, updated: report.updated, unchanged: report.unchanged }),
    ].join('\n'),
  );
  if (report.errorCount) process.exitCode = 1;
}

interface ImportOptions extends GlobalOptions {
  scheme: string;
  sheet?: string;
  dryRun?: boolean;
  update?: boolean;
}

export function servicesCommand(): Command {
  const command = new Command('services').description('the service catalogue of a scheme: services, drugs and supplies');
  command.addCommand(
    withCommonOptions(new Command('import').description('import a catalogue file (columns code, name, category, and optionally kind, active): every row checked, all or nothing, safe to run again'))
      .argument('<file>', 'the file: CSV (, ; or tab; UTF-8 or Windows-1252) or XLSX')
      .requiredOption('--scheme <code>', 'the scheme')
      .option('--sheet <name>', 'XLSX: the sheet to read (default: the first)')
      .option('--dry-run', 'check every row and report; write nothing')
      .option('--update', 'a code already in the catalogue with other data is updated (else it is an error)')
      .action(
        action(async (file: string, options: ImportOptions) => {
          const locale = cliLocale();
          const importFile = await readImportFile(file, options.sheet);
          await withDatabase(options, async ({ db }) => {
            const scheme = await resolveScheme({ db }, options.scheme);
            if (!scheme) throw new NotFoundError('scheme', options.scheme);
            const report = await importCatalogue({ db, actor: cliActor() }, scheme.id, { file: importFile, dryRun: Boolean(options.dryRun), update: Boolean(options.update) });
            printImportReport(options, wordImportReport(report, locale), locale);
          });
        }),
      ),
  );
  return command;
}
