import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { connect, withDatabase, type DbHandle } from '../src/platform/db/connection.js';

export interface TestDatabase extends DbHandle {
  name: string;
  /** Drops the database; call in afterAll. */
  drop(): Promise<void>;
}

function runId(): string {
  // The template's name carries the vitest main process id; per-file databases carry it too, so
  // the global teardown can find and drop any that a crashed file left.
  return inject('templateDatabase').replace('mutua_template_', '');
}

async function adminQuery(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: withDatabase(inject('serverUrl'), 'postgres') });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

/** A fresh, migrated database of its own for a test file (a copy of the migrated template). */
export async function createTestDatabase(options: { empty?: boolean } = {}): Promise<TestDatabase> {
  const name = `mutua_t_${runId()}_${randomBytes(4).toString('hex')}`;
  await adminQuery(options.empty ? `create database ${name}` : `create database ${name} template ${inject('templateDatabase')}`);
  const url = withDatabase(inject('serverUrl'), name);
  const handle = connect(url, { poolSize: 5 });
  return {
    ...handle,
    name,
    async drop() {
      await handle.close();
      await adminQuery(`drop database if exists ${name} with (force)`);
    },
  };
}

/** URL of the database server the suite runs on (its `postgres` database). */
export function testServerUrl(): string {
  return inject('serverUrl');
}
