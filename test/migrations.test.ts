import { spawn } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../src/platform/db/connection.js';
import { MigrationFailedError, migrateDown, migrateToLatest } from '../src/platform/db/migrate.js';
import { createTestDatabase, type TestDatabase } from './db.js';

const projectRoot = fileURLToPath(new URL('..', import.meta.url));
const PASSWORD = 'correct horse battery';

const databases: TestDatabase[] = [];
let dir: string;

async function database(options: { empty?: boolean } = {}): Promise<TestDatabase> {
  const created = await createTestDatabase(options);
  databases.push(created);
  return created;
}

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'mutua-migrations-test-'));
});

afterAll(async () => {
  for (const db of databases) await db.drop();
  await fs.rm(dir, { recursive: true, force: true });
});

/** Everything a migration can create in the public schema, as text to compare. */
async function schemaOf(db: Db) {
  const list = async (query: ReturnType<typeof sql<{ item: string }>>) => (await query.execute(db)).rows.map((r) => r.item);
  return {
    relations: await list(sql`select relname || ' ' || relkind::text as item from pg_class where relnamespace = 'public'::regnamespace order by 1`),
    columns: await list(sql`
      select table_name || '.' || column_name || ' ' || data_type || ' ' || is_nullable || ' ' || coalesce(column_default, '') || ' ' || is_identity || ' ' || is_generated as item
      from information_schema.columns where table_schema = 'public' order by 1`),
    constraints: await list(sql`select conrelid::regclass::text || ' ' || conname || ' ' || pg_get_constraintdef(oid) as item from pg_constraint where connamespace = 'public'::regnamespace order by 1`),
    indexes: await list(sql`select indexdef as item from pg_indexes where schemaname = 'public' order by 1`),
    triggers: await list(sql`select pg_get_triggerdef(t.oid) as item from pg_trigger t join pg_class c on c.oid = t.tgrelid where c.relnamespace = 'public'::regnamespace and not t.tgisinternal order by 1`),
    // Objects of an extension are the extension's: listed once, as the extension.
    extensions: await list(sql`select extname as item from pg_extension order by 1`),
    functions: await list(sql`
      select pg_get_functiondef(p.oid) as item from pg_proc p where p.pronamespace = 'public'::regnamespace
        and not exists (select from pg_depend d where d.classid = 'pg_proc'::regclass and d.objid = p.oid and d.deptype = 'e') order by 1`),
    types: await list(sql`
      select t.typname || ' ' || t.typtype::text as item from pg_type t where t.typnamespace = 'public'::regnamespace and t.typtype in ('e', 'd', 'r', 'm')
        and not exists (select from pg_depend d where d.classid = 'pg_type'::regclass and d.objid = t.oid and d.deptype = 'e') order by 1`),
  };
}

async function migrationRows(db: Db): Promise<string[]> {
  const { rows } = await sql<{ present: boolean }>`select to_regclass('public.mutua_migration') is not null as present`.execute(db);
  if (!rows[0]!.present) return [];
  return (await sql<{ name: string }>`select name from mutua_migration order by name`.execute(db)).rows.map((r) => r.name);
}

async function exists(db: Db, table: string): Promise<boolean> {
  const { rows } = await sql<{ present: boolean }>`select to_regclass(${`public.${table}`}) is not null as present`.execute(db);
  return rows[0]!.present;
}

describe('migrations', () => {
  it('a failed migration throws and leaves the database as it was: no table of its batch, nothing recorded', async () => {
    // Kept inside the project so that the migrations' imports resolve.
    const folder = await fs.mkdtemp(path.join(projectRoot, '.mutua-test', 'failing-migrations-'));
    try {
      await fs.writeFile(
        path.join(folder, '0001_good.ts'),
        `import { sql, type Kysely } from 'kysely';
         export async function up(db: Kysely<unknown>) {
           await sql\`create table good_thing (id int primary key)\`.execute(db);
           await sql\`insert into good_thing values (1)\`.execute(db);
         }
         export async function down(db: Kysely<unknown>) { await sql\`drop table good_thing\`.execute(db); }`,
      );
      await fs.writeFile(
        path.join(folder, '0002_bad.ts'),
        `import { sql, type Kysely } from 'kysely';
         export async function up(db: Kysely<unknown>) {
           await sql\`create table bad_thing (id int primary key)\`.execute(db);
           await sql\`select 1 / 0\`.execute(db);
         }
         export async function down() {}`,
      );
      const db = await database({ empty: true });
      const failure = await migrateToLatest(db.db, folder).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(MigrationFailedError);
      expect(failure).toMatchObject({ migration: '0002_bad', message: expect.stringMatching(/0002_bad failed: division by zero/) });
      expect(await exists(db.db, 'good_thing')).toBe(false);
      expect(await exists(db.db, 'bad_thing')).toBe(false);
      expect(await migrationRows(db.db)).toEqual([]);

      // Nothing is left half-done or locked: once the bad migration is fixed, both apply.
      await fs.rm(path.join(folder, '0002_bad.ts'));
      await fs.writeFile(
        path.join(folder, '0002_fixed.ts'),
        `import { sql, type Kysely } from 'kysely';
         export async function up(db: Kysely<unknown>) { await sql\`create table bad_thing (id int primary key)\`.execute(db); }
         export async function down(db: Kysely<unknown>) { await sql\`drop table bad_thing\`.execute(db); }`,
      );
      expect(await migrateToLatest(db.db, folder)).toEqual(['0001_good', '0002_fixed']);
      expect(await exists(db.db, 'good_thing')).toBe(true);
    } finally {
      await fs.rm(folder, { recursive: true, force: true });
    }
  });

  it('every migration can be reverted, and applying them again gives the same schema', async () => {
    const db = await database();
    const applied = await migrationRows(db.db);
    expect(applied.length).toBeGreaterThan(0);
    const before = await schemaOf(db.db);

    const reverted: string[] = [];
    for (let step = 0; step <= applied.length; step += 1) {
      const names = await migrateDown(db.db);
      if (!names.length) break;
      reverted.push(...names);
    }
    expect(reverted).toEqual([...applied].reverse());
    const empty = await schemaOf(db.db);
    // Only Kysely's own bookkeeping is left.
    expect(empty.relations.filter((r) => !r.startsWith('mutua_migration'))).toEqual([]);
    expect(empty.functions).toEqual([]);
    expect(empty.types).toEqual([]);

    expect(await migrateToLatest(db.db)).toEqual(applied);
    expect(await schemaOf(db.db)).toEqual(before);
  });
});

// ---------------------------------------------------------------- the command line

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function mutua(args: string[], databaseUrl: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
      cwd: projectRoot,
      env: { ...process.env, DATABASE_URL: databaseUrl, MUTUA_PASSWORD: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

function json<T>(run: Run): T {
  expect(run, run.stderr).toMatchObject({ code: 0 });
  return JSON.parse(run.stdout) as T;
}

describe('the mutua command', () => {
  it('creates and lists users, shows the audit log, and backs up a database that restores elsewhere', async () => {
    const source = await database({ empty: true });
    const created = json<{ username: string; grants: { role: string }[] }>(
      await mutua(['user', 'create', 'amina', '--name', 'Amina Diop', '--password', PASSWORD, '--role', 'platform_admin', '--json'], source.url),
    );
    expect(created).toMatchObject({ username: 'amina', grants: [{ role: 'platform_admin' }] });
    const file = path.join(dir, 'cli.ndjson.gz');
    const [list, auditLog, backupRun] = await Promise.all([
      mutua(['user', 'list', '--json'], source.url),
      mutua(['audit', '--json'], source.url),
      mutua(['backup', file, '--json'], source.url),
    ]);
    const users = json<{ username: string }[]>(list);
    expect(users.map((u) => u.username)).toEqual(['amina']);
    const audit = json<{ action: string; entityType: string }[]>(auditLog);
    expect(audit).toEqual(expect.arrayContaining([expect.objectContaining({ action: 'user.create', entityType: 'user' })]));
    const backup = json<{ file: string; rows: number }>(backupRun);
    expect(backup).toMatchObject({ file });
    expect(backup.rows).toBeGreaterThanOrEqual(users.length + audit.length);

    const target = await database({ empty: true });
    const restored = json<{ rows: number }>(await mutua(['restore', file, '--json'], target.url));
    expect(restored.rows).toBe(backup.rows);
    const everything = async (db: Db) => {
      const rows = async (table: string) => (await sql<{ r: string }>`select row_to_json(t)::text as r from ${sql.table(table)} as t order by 1`.execute(db)).rows;
      return { users: await rows('app_user'), grants: await rows('role_grant'), audit: await rows('audit_log') };
    };
    expect(await everything(target.db)).toEqual(await everything(source.db));

    // Restoring over data is refused with a non-zero exit, and with --json the error is JSON.
    const again = await mutua(['restore', file, '--json'], target.url);
    expect(again.code).toBe(1);
    expect(JSON.parse(again.stdout)).toMatchObject({ error: { code: 'restore_not_empty', details: expect.arrayContaining([{ field: 'app_user', message: 'has rows' }]) } });
  }, 180_000); // eight runs of the command, each starting Node and loading every module

  it('a bad command exits non-zero with a message naming the field', async () => {
    const db = await database();
    const [weak, badDate, notBackup] = await Promise.all([
      mutua(['user', 'create', 'shorty', '--password', 'short'], db.url),
      mutua(['audit', '--from', '2025-13-01'], db.url),
      mutua(['restore', path.join(projectRoot, 'package.json')], db.url),
    ]);
    expect(weak.code).toBe(1);
    expect(weak.stderr).toMatch(/^\s*password: /m);
    expect(badDate.code).toBe(1);
    expect(badDate.stderr).toMatch(/^\s*from: not a date: "2025-13-01"/m);
    expect(notBackup.code).toBe(1);
    expect(notBackup.stderr).toMatch(/not a Mutua backup\n\s*file: /);
    expect((await sql`select id from app_user`.execute(db.db)).rows).toEqual([]);
  });

  it('a migration that fails exits non-zero, naming it, and leaves the database as it was', async () => {
    // A table already named like one the first migration creates makes it fail.
    const db = await database({ empty: true });
    await sql`create table federation (id int primary key, note text)`.execute(db.db);
    await sql`insert into federation values (1, 'kept')`.execute(db.db);
    const before = await schemaOf(db.db);

    const run = await mutua(['migrate'], db.url);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/migration \S+ failed: relation "federation" already exists/);
    // Kysely's bookkeeping tables are made before the migration runs; nothing else may change.
    const withoutBookkeeping = (schema: Record<string, string[]>) => Object.fromEntries(Object.entries(schema).map(([k, items]) => [k, items.filter((i) => !i.includes('mutua_migration'))]));
    expect(withoutBookkeeping(await schemaOf(db.db))).toEqual(withoutBookkeeping(before));
    expect(await migrationRows(db.db)).toEqual([]);
    expect((await sql<{ note: string }>`select note from federation`.execute(db.db)).rows).toEqual([{ note: 'kept' }]);
  });
});
