import { writeFile } from 'node:fs/promises';
import { Command } from 'commander';
import { countHouseholds } from '../modules/members/index.js';
import { resolveScheme } from '../modules/organizations/index.js';
import { exportSchemeFile } from '../modules/scheme-file/index.js';
import { action, cliActor, progress, withCommonOptions, withDatabase, type GlobalOptions } from './common.js';

export function exportCommand(): Command {
  const command = withCommonOptions(new Command('export').description('write a scheme as a mutua.scheme/1 file (what `mutua load` reads back)'))
    .requiredOption('--scheme <code>', 'the scheme')
    .option('--out <file>', 'write to this file instead of standard output');
  command.action(
    action(async (options: GlobalOptions & { scheme: string; out?: string }) => {
      await withDatabase(options, async ({ db }) => {
        const scheme = await resolveScheme({ db }, options.scheme);
        const bar = progress({ ...options, json: options.json || !options.out });
        bar.start(scheme ? await countHouseholds(db, scheme.id) : 0, 'households');
        const file = await exportSchemeFile({ db, actor: cliActor() }, options.scheme, (done) => bar.update(done));
        bar.stop();
        const text = `${JSON.stringify(file, null, 2)}\n`;
        if (options.out) {
          await writeFile(options.out, text);
          process.stderr.write(`wrote ${options.out}: ${file.households?.length ?? 0} households, ${file.payments?.length ?? 0} payments\n`);
        } else {
          process.stdout.write(text);
        }
      });
    }),
  );
  return command;
}
