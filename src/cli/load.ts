import { readFile } from 'node:fs/promises';
import { Command } from 'commander';
import { loadSchemeFile } from '../modules/scheme-file/index.js';
import { ValidationError } from '../platform/errors.js';
import { action, cliActor, output, withCommonOptions, withDatabase, type GlobalOptions } from './common.js';

export function loadCommand(): Command {
  const command = withCommonOptions(new Command('load').description('load a mutua.scheme/1 file: validated, all or nothing, safe to run again'))
    .argument('<file>', 'the scheme file (JSON)')
    .option('--dry-run', 'check everything and report, write nothing');
  command.action(
    action(async (file: string, options: GlobalOptions & { dryRun?: boolean }) => {
      let input: unknown;
      try {
        input = JSON.parse(await readFile(file, 'utf8'));
      } catch (error) {
        throw new ValidationError([{ field: file, message: error instanceof SyntaxError ? `not valid JSON: ${error.message}` : `cannot be read: ${(error as Error).message}` }]);
      }
      await withDatabase(options, async ({ db }) => {
        const summary = await loadSchemeFile({ db, actor: cliActor() }, input, { dryRun: options.dryRun });
        const list = (m: Record<string, number>) => Object.entries(m).map(([k, n]) => `${n} ${k}`).join(', ') || 'nothing';
        output(options, summary, () => [`scheme ${summary.scheme}: created ${list(summary.created)}; already there ${list(summary.unchanged)}`, ...summary.notes].join('\n'));
      });
    }),
  );
  return command;
}
