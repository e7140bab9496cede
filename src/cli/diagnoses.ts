import { Command } from 'commander';
import { loadDiagnoses, wordImportReport } from '../modules/providers/index.js';
import { action, cliActor, withCommonOptions, withDatabase, type GlobalOptions } from './common.js';
import { cliLocale, printImportReport, readImportFile } from './services.js';

export function diagnosesCommand(): Command {
  const command = new Command('diagnoses').description('the ICD-10 diagnoses shared by every scheme (Mutua ships none: load the list you are licensed to use)');
  command.addCommand(
    withCommonOptions(new Command('load').description('load ICD-10 codes from a file (columns code, title): new codes added, titles of known codes replaced; all or nothing, safe to run again'))
      .argument('<file>', 'the file: CSV or XLSX')
      .option('--sheet <name>', 'XLSX: the sheet to read (default: the first)')
      .option('--dry-run', 'check every row and report; write nothing')
      .action(
        action(async (file: string, options: GlobalOptions & { sheet?: string; dryRun?: boolean }) => {
          const locale = cliLocale();
          const importFile = await readImportFile(file, options.sheet);
          await withDatabase(options, async ({ db }) => {
            const report = await loadDiagnoses({ db, actor: cliActor() }, importFile, { dryRun: Boolean(options.dryRun) });
            printImportReport(options, wordImportReport(report, locale), locale);
          });
        }),
      ),
  );
  return command;
}
