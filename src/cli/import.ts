import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { Command } from 'commander';
import { importKinds, inspectFile, parseMapping, runImport, wordReport, type ImportKind, type Mapping } from '../modules/imports/index.js';
import { resolveScheme } from '../modules/organizations/index.js';
import { NotFoundError, ValidationError } from '../platform/errors.js';
import { pickLocale, translate } from '../platform/i18n/index.js';
import { action, cliActor, output, progress, withCommonOptions, withDatabase, type GlobalOptions, type Progress } from './common.js';

interface ImportOptions extends GlobalOptions {
  scheme: string;
  mapping?: string;
  sheet?: string;
  propose?: boolean;
  dryRun?: boolean;
}

async function readBytes(file: string): Promise<Buffer> {
  try {
    return await readFile(file);
  } catch (error) {
    throw new ValidationError([{ field: file, message: `cannot be read: ${(error as Error).message}` }]);
  }
}

async function readMapping(kind: ImportKind, file: string): Promise<Mapping> {
  let value: unknown;
  try {
    value = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new ValidationError([{ field: file, message: error instanceof SyntaxError ? `not valid JSON: ${error.message}` : `cannot be read: ${(error as Error).message}` }]);
  }
  // A file written by --propose holds the mapping itself; one saved from an upload's answer holds it under proposedMapping.
  const mapping = value && typeof value === 'object' && 'proposedMapping' in value ? (value as { proposedMapping: unknown }).proposedMapping : value;
  return parseMapping(kind, mapping);
}

function describeMapping(mapping: Mapping): string {
  const lines = Object.entries(mapping.columns).map(([field, column]) => `  ${field.padEnd(16)} ${column ? `← "${column}"` : mapping.defaults?.[field] ? `= ${mapping.defaults[field]} (default)` : '-'}`);
  return ['columns (from the headers; save this with --propose and pass --mapping to change it):', ...lines].join('\n');
}

function importKindCommand(kind: ImportKind): Command {
  const what = {
    households: 'households and beneficiaries, one row per beneficiary',
    payments: 'payments, one row per payment',
    claims: 'claims, one row per claim line (committed claims are then decided by the batch adjudication)',
  }[kind];
  const command = withCommonOptions(new Command(kind).description(`import a spreadsheet of ${what}: every row checked, all or nothing, safe to run again`))
    .argument('<file>', 'the file: CSV (any of , ; tab; UTF-8 or Windows-1252) or XLSX')
    .requiredOption('--scheme <code>', 'the scheme to import into')
    .option('--mapping <file>', 'a JSON column mapping (see --propose); default: the one proposed from the headers')
    .option('--sheet <name>', 'XLSX: the sheet to read (default: the first)')
    .option('--propose', 'print the mapping proposed from the file’s headers as JSON, and stop')
    .option('--dry-run', 'check every row and report; write nothing');
  command.action(
    action(async (file: string, options: ImportOptions) => {
      const locale = pickLocale(process.env.MUTUA_LOCALE ?? process.env.LANG?.replace(/[._].*$/, ''));
      const bytes = await readBytes(file);
      const importFile = { fileName: path.basename(file), bytes, sheet: options.sheet ?? null };
      const inspection = await inspectFile(kind, importFile);
      if (options.propose) {
        process.stdout.write(`${JSON.stringify(inspection.proposedMapping, null, 2)}\n`);
        return;
      }
      const mapping = options.mapping ? await readMapping(kind, options.mapping) : inspection.proposedMapping;
      if (!options.mapping && !options.json) process.stderr.write(`${describeMapping(mapping)}\n`);

      await withDatabase(options, async ({ db }) => {
        const scheme = await resolveScheme({ db }, options.scheme);
        if (!scheme) throw new NotFoundError('scheme', options.scheme);
        let bar: Progress | undefined;
        let phase = '';
        const report = await runImport(
          { db, actor: cliActor() },
          {
            kind,
            scheme: { id: scheme.id, code: scheme.code },
            file: importFile,
            mapping,
            dryRun: Boolean(options.dryRun),
            expectedRows: inspection.rows,
            onProgress: (p, done, total) => {
              if (p !== phase) {
                bar?.stop();
                phase = p;
                bar = progress(options);
                bar.start(total, translate(locale, `imports.phases.${p}`));
              }
              bar?.update(done);
            },
          },
        );
        bar?.stop();
        const worded = wordReport(report, locale, Number.POSITIVE_INFINITY);
        const list = (m: Record<string, number>) => Object.entries(m).map(([k, n]) => `${n} ${k}`).join(', ') || '0';
        output(options, worded, () =>
          [
            ...worded.errors.map((e) => e.text),
            ...worded.warnings.map((w) => `${w.message} (${w.count} row(s): ${w.rows.join(', ')}${w.count > w.rows.length ? ', …' : ''})`),
            translate(locale, worded.errorCount ? 'imports.cli.not_written' : worded.dryRun ? 'imports.cli.dry_run' : 'imports.cli.summary', {
              file: importFile.fileName,
              rows: worded.rows,
              count: worded.errorCount,
              created: list(worded.created),
              skipped: list(worded.skipped),
            }),
          ].join('\n'),
        );
        if (worded.errorCount) process.exitCode = 1;
      });
    }),
  );
  return command;
}

export function importCommand(): Command {
  const command = new Command('import').description('import a spreadsheet (CSV or XLSX) of households, payments or claims into a scheme');
  for (const kind of importKinds) command.addCommand(importKindCommand(kind));
  return command;
}
