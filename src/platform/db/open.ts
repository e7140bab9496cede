import type { Config } from '../config.js';
import { connect, type DbHandle } from './connection.js';
import { startEmbedded } from './embedded.js';
import { migrateToLatest } from './migrate.js';

export interface OpenedDatabase extends DbHandle {
  embedded: boolean;
  migrationsApplied: string[];
}

/**
 * Opens Mutua's database: the server named by DATABASE_URL, or the embedded one in the data
 * folder; applies pending migrations unless told not to. `close()` also stops an embedded server.
 */
export async function openDatabase(
  config: Pick<Config, 'databaseUrl' | 'dataDir' | 'poolSize'>,
  options: { migrate?: boolean; log?: (message: string) => void } = {},
): Promise<OpenedDatabase> {
  const embedded = config.databaseUrl ? undefined : await startEmbedded(config.dataDir, { log: options.log });
  const url = config.databaseUrl ?? embedded!.url;
  const handle = connect(url, { poolSize: config.poolSize });
  try {
    const migrationsApplied = options.migrate === false ? [] : await migrateToLatest(handle.db);
    return {
      ...handle,
      embedded: Boolean(embedded),
      migrationsApplied,
      async close() {
        await handle.close();
        await embedded?.stop();
      },
    };
  } catch (error) {
    await handle.close();
    await embedded?.stop();
    throw error;
  }
}
