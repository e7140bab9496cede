import { promises as fs } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { connect, withDatabase } from '../src/platform/db/connection.js';
import { startEmbedded, type EmbeddedServer } from '../src/platform/db/embedded.js';
import { migrateToLatest } from '../src/platform/db/migrate.js';

/**
 * Starts the database server the suite runs on — the embedded one, or the server named by
 * MUTUA_TEST_DATABASE_URL — and migrates a template database once. Each test file then gets its
 * own copy of the template (see test/db.ts), so files run in parallel without seeing each other.
 */
let embedded: EmbeddedServer | undefined;
let serverUrl: string;
let template: string;

export async function setup(project: TestProject) {
  const external = process.env.MUTUA_TEST_DATABASE_URL;
  if (external) {
    serverUrl = external;
  } else {
    const dir = path.resolve('.mutua-test', `pg-${process.pid}`);
    await fs.rm(dir, { recursive: true, force: true });
    embedded = await startEmbedded(dir, { database: 'mutua_test_root' });
    serverUrl = embedded.serverUrl;
  }
  template = `mutua_template_${process.pid}`;
  const admin = new pg.Client({ connectionString: withDatabase(serverUrl, 'postgres') });
  await admin.connect();
  await admin.query(`drop database if exists ${template}`);
  await admin.query(`create database ${template}`);
  await admin.end();
  const handle = connect(withDatabase(serverUrl, template), { poolSize: 1 });
  await migrateToLatest(handle.db);
  await handle.close();
  project.provide('serverUrl', serverUrl);
  project.provide('templateDatabase', template);
  project.provide('embeddedDataDir', embedded ? path.resolve('.mutua-test', `pg-${process.pid}`) : '');
}

export async function teardown() {
  const admin = new pg.Client({ connectionString: withDatabase(serverUrl, 'postgres') });
  await admin.connect();
  // Drop what the run created: the template and any per-file database a crashed file left behind.
  const { rows } = await admin.query<{ datname: string }>(`select datname from pg_database where datname like 'mutua_t\\_${process.pid}\\_%' or datname = $1`, [template]);
  for (const { datname } of rows) await admin.query(`drop database if exists ${admin.escapeIdentifier(datname)} with (force)`);
  await admin.end();
  if (embedded) {
    await embedded.stop();
    await fs.rm(path.resolve('.mutua-test', `pg-${process.pid}`), { recursive: true, force: true });
  }
}

declare module 'vitest' {
  export interface ProvidedContext {
    serverUrl: string;
    templateDatabase: string;
    embeddedDataDir: string;
  }
}
