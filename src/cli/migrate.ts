import { Command } from 'commander';
import { migrateDown, migrateToLatest, migrationStatus } from '../platform/db/migrate.js';
import { translate } from '../platform/i18n/index.js';
import { action, output, withCommonOptions, withDatabase, type GlobalOptions } from './common.js';

export function migrateCommand(): Command {
  const command = withCommonOptions(new Command('migrate').description('apply pending database migrations (also done at start-up)'))
    .option('--status', 'list migrations and whether each is applied')
    .option('--down', 'revert the last applied migration');
  command.action(
    action(async (options: GlobalOptions & { status?: boolean; down?: boolean }) => {
      await withDatabase(
        options,
        async ({ db }) => {
          if (options.status) {
            const list = await migrationStatus(db);
            output(options, list, () => list.map((m) => `${m.executedAt ? 'applied' : 'pending'}  ${m.name}`).join('\n'));
            return;
          }
          const applied = options.down ? await migrateDown(db) : await migrateToLatest(db);
          output(options, { applied, direction: options.down ? 'down' : 'up' }, () =>
            applied.length ? `${options.down ? 'Reverted' : translate('en', 'cli.migrated', { count: applied.length })}: ${applied.join(', ')}` : translate('en', 'cli.up_to_date'),
          );
        },
        { migrate: false },
      );
    }),
  );
  return command;
}
