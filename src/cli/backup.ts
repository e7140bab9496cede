import { Command } from 'commander';
import { backupDatabase, restoreDatabase, type ProgressListener } from '../platform/db/backup.js';
import { action, output, progress, withCommonOptions, withDatabase, type GlobalOptions } from './common.js';

/** Feeds a backup or restore's progress to a progress bar, started once the total is known. */
function progressBar(options: GlobalOptions, label: string): { listener: ProgressListener; stop(): void } {
  const bar = progress(options);
  let started = false;
  let stopped = false;
  return {
    listener(done, total) {
      if (!started) {
        bar.start(total, label);
        started = true;
      }
      bar.update(done);
    },
    stop() {
      if (started && !stopped) bar.stop();
      stopped = true;
    },
  };
}

function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export function backupCommand(): Command {
  return withCommonOptions(
    new Command('backup').description('write a consistent copy of the whole database to a file (gzip\'d NDJSON), while Mutua keeps running'),
  )
    .argument('<path>', 'the file to write, e.g. mutua-2026-11-21.ndjson.gz (replaced if it exists)')
    .action(
      action(async (file: string, options: GlobalOptions) => {
        const bar = progressBar(options, 'backup');
        try {
          // No migrations: a backup taken before an upgrade must hold the database as it was.
          await withDatabase(
            options,
            async ({ db }) => {
              const summary = await backupDatabase(db, file, bar.listener);
              bar.stop();
              output(options, summary, () => `backed up ${summary.rows} rows of ${summary.tables.length} tables to ${summary.file} (${megabytes(summary.bytes)})`);
            },
            { migrate: false },
          );
        } finally {
          bar.stop();
        }
      }),
    );
}

export function restoreCommand(): Command {
  return withCommonOptions(new Command('restore').description('load a file written by `mutua backup` into an empty database'))
    .argument('<path>', 'the backup file')
    .action(
      action(async (file: string, options: GlobalOptions) => {
        const bar = progressBar(options, 'restore');
        try {
          // No migrations on opening: restore itself brings the schema to the backup's level first.
          await withDatabase(
            options,
            async ({ db }) => {
              const summary = await restoreDatabase(db, file, bar.listener);
              bar.stop();
              output(options, summary, () =>
                [
                  `restored ${summary.rows} rows in ${summary.tables.length} tables from ${summary.file} (backup of ${summary.createdAt})`,
                  ...(summary.migrationsApplied.length ? [`then applied newer migrations: ${summary.migrationsApplied.join(', ')}`] : []),
                ].join('\n'),
              );
            },
            { migrate: false },
          );
        } finally {
          bar.stop();
        }
      }),
    );
}
