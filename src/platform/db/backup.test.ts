import { execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/db.js';
import { createApiToken, createUser, signIn } from '../../modules/access/index.js';
import { createFederation, createLocation, createScheme, createSection, setLocationLevels } from '../../modules/organizations/index.js';
import { systemActor } from '../audit/audit.js';
import { backupDatabase, restoreDatabase, type BackupHeader } from './backup.js';
import type { Db } from './connection.js';
import { migrateToLatest, migrationsFolder } from './migrate.js';

const PASSWORD = 'correct horse battery';
const accessSettings = { sessionHours: 12, loginMaxFailures: 5, loginLockMinutes: 15 };

let source: TestDatabase;
let dir: string;
const databases: TestDatabase[] = [];

async function database(options: { empty?: boolean } = {}): Promise<TestDatabase> {
  const created = await createTestDatabase(options);
  databases.push(created);
  return created;
}

/** Every table's rows as PostgreSQL's own JSON text, and the migrations applied. */
async function contents(db: Db): Promise<Record<string, string[]>> {
  const tables = await sql<{ name: string }>`
    select relname as name from pg_class where relnamespace = 'public'::regnamespace and relkind in ('r', 'p')
      and relname not in ('mutua_migration', 'mutua_migration_lock') order by relname`.execute(db);
  const result: Record<string, string[]> = {};
  for (const { name } of tables.rows) {
    const { rows } = await sql<{ r: string }>`select row_to_json(t)::text as r from ${sql.table(name)} as t order by 1`.execute(db);
    result[name] = rows.map((r) => r.r);
  }
  const migrations = await sql<{ present: boolean }>`select to_regclass('public.mutua_migration') is not null as present`.execute(db);
  if (migrations.rows[0]!.present) {
    result['(migrations)'] = (await sql<{ name: string }>`select name from mutua_migration order by name`.execute(db)).rows.map((r) => r.name);
  }
  return result;
}

async function relationCount(db: Db): Promise<number> {
  const { rows } = await sql<{ n: number }>`select count(*)::int as n from pg_class where relnamespace = 'public'::regnamespace`.execute(db);
  return rows[0]!.n;
}

function readBackup(bytes: Buffer): string[] {
  return gunzipSync(bytes).toString('utf8').split('\n').slice(0, -1);
}

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'mutua-backup-test-'));
  source = await database();
  const ctx = { db: source.db, actor: systemActor('test') };
  await createFederation(ctx, { code: 'UNION-KAOLACK', name: 'Union des mutuelles de Kaolack', country: 'SN' });
  const scheme = await createScheme(ctx, {
    code: 'MUT-NDIAFFATE',
    name: 'Mutuelle de santé de Ndiaffate',
    federation: 'UNION-KAOLACK',
    currency: 'XOF',
    country: 'SN',
    targetPopulation: 12000,
    settings: { cardPattern: 'ND-#####', smsReminders: true, rate: 0.125, note: 'Réunion le 1er lundi — « salle »' },
  });
  await createScheme(ctx, { code: 'MUT-THIES', name: 'Mutuelle de Thiès', currency: 'XOF', country: 'SN' });
  await setLocationLevels(ctx, {
    levels: [
      { depth: 1, code: 'region', nameEn: 'Region', nameFr: 'Région' },
      { depth: 2, code: 'district', nameEn: 'District', nameFr: 'District' },
      { depth: 3, code: 'village', nameEn: 'Village', nameFr: 'Village' },
    ],
  });
  await createLocation(ctx, { depth: 1, code: 'KAOLACK', name: 'Kaolack' });
  await createLocation(ctx, { depth: 2, code: 'KAOLACK-DS', name: 'District sanitaire de Kaolack', parent: 'KAOLACK' });
  for (const village of ['NDIAFFATE', 'KEUR-SOCE', 'THIOMBY']) await createLocation(ctx, { depth: 3, code: village, name: village, parent: 'KAOLACK-DS' });
  await createSection(ctx, scheme.id, { code: 'S-NDIAFFATE', name: 'Section de Ndiaffate', location: 'NDIAFFATE' });
  await createSection(ctx, scheme.id, { code: 'S-SANS-LIEU', name: 'Section sans lieu' });
  const manager = await createUser(ctx, {
    username: 'amina',
    displayName: 'Amina Diop',
    email: 'amina@example.org',
    locale: 'fr',
    password: PASSWORD,
    grants: [{ role: 'scheme_manager', scopeType: 'scheme', scope: 'MUT-NDIAFFATE' }],
  });
  await createUser(ctx, { username: 'root', displayName: 'Administrateur', password: PASSWORD, grants: [{ role: 'platform_admin', scopeType: 'platform' }] });
  await createApiToken(ctx, manager.id, { name: 'tablette', expiresInDays: 30 });
  await signIn(source.db, accessSettings, { username: 'amina', password: PASSWORD });
});

afterAll(async () => {
  for (const db of databases) await db.drop();
  await fs.rm(dir, { recursive: true, force: true });
});

describe('backup and restore', () => {
  it('a restore into an empty database gives back every row of every table exactly, and its users can sign in', async () => {
    const file = path.join(dir, 'full.ndjson.gz');
    const progress: [number, number][] = [];
    const summary = await backupDatabase(source.db, file, (done, total) => progress.push([done, total]));
    const before = await contents(source.db);
    for (const name of ['federation', 'scheme', 'section', 'location_level', 'location', 'app_user', 'role_grant', 'api_token', 'user_session', 'audit_log']) {
      expect(before[name]!.length, name).toBeGreaterThan(0);
    }
    expect(summary.rows).toBe(Object.entries(before).reduce((sum, [name, rows]) => sum + (name === '(migrations)' ? 0 : rows.length), 0));
    expect(progress.at(-1)).toEqual([summary.rows, summary.rows]);
    // Owner-only: the file holds password hashes.
    expect((await fs.stat(file)).mode & 0o777).toBe(0o600);

    const lines = readBackup(await fs.readFile(file));
    const header = JSON.parse(lines[0]!) as BackupHeader;
    expect(header).toMatchObject({ format: 'mutua.backup/1', migrations: before['(migrations)'] });
    // A table comes after the tables it references.
    const position = (name: string) => header.tables.findIndex((t) => t.name === name);
    expect(position('federation')).toBeLessThan(position('scheme'));
    expect(position('scheme')).toBeLessThan(position('section'));
    expect(position('location_level')).toBeLessThan(position('location'));
    expect(position('app_user')).toBeLessThan(position('role_grant'));
    expect(JSON.parse(lines.at(-1)!)).toEqual({ end: 'mutua.backup/1', rows: summary.rows });

    const target = await database({ empty: true });
    const restored = await restoreDatabase(target.db, file);
    expect(restored).toMatchObject({ rows: summary.rows, migrations: before['(migrations)'], migrationsApplied: [] });
    expect(await contents(target.db)).toEqual(before);
    await expect(signIn(target.db, accessSettings, { username: 'amina', password: PASSWORD })).resolves.toMatchObject({ principal: expect.anything() });
  });

  it('the backup is one snapshot: a row committed while it runs is not in it', async () => {
    const file = path.join(dir, 'snapshot.ndjson.gz');
    const before = await contents(source.db);
    let inserted = false;
    await backupDatabase(source.db, file, () => {
      if (inserted) return;
      inserted = true;
      // Blocks until another connection has committed a federation, after the snapshot was taken
      // and before any row was read.
      execFileSync(
        process.execPath,
        [
          '--input-type=module',
          '-e',
          `import pg from 'pg'; const c = new pg.Client(process.env.URL); await c.connect();
           await c.query("insert into federation (id, code, name, created_at, updated_at) values (gen_random_uuid(), 'LATE', 'Late', now(), now())");
           await c.end();`,
        ],
        { env: { ...process.env, URL: source.url }, stdio: 'inherit' },
      );
    });
    expect((await contents(source.db)).federation).toHaveLength(before.federation!.length + 1);
    const target = await database({ empty: true });
    await restoreDatabase(target.db, file);
    expect(await contents(target.db)).toEqual(before);
  });

  it('restoring into a database that has rows is refused and changes nothing', async () => {
    const file = path.join(dir, 'refused.ndjson.gz');
    await backupDatabase(source.db, file);
    const target = await database();
    await createUser({ db: target.db, actor: systemActor('test') }, { username: 'someone', displayName: 'Someone', password: PASSWORD });
    const before = await contents(target.db);
    await expect(restoreDatabase(target.db, file)).rejects.toMatchObject({ code: 'restore_not_empty', kind: 'conflict', details: expect.arrayContaining([{ field: 'app_user', message: 'has rows' }]) });
    expect(await contents(target.db)).toEqual(before);
    const sourceBefore = await contents(source.db);
    await expect(restoreDatabase(source.db, file)).rejects.toMatchObject({ code: 'restore_not_empty' });
    expect(await contents(source.db)).toEqual(sourceBefore);
  });

  it('a damaged or foreign file is refused before anything is written', async () => {
    const good = path.join(dir, 'good.ndjson.gz');
    await backupDatabase(source.db, good);
    const bytes = await fs.readFile(good);
    const lines = readBackup(bytes);
    const gz = (text: string) => gzipSync(Buffer.from(text));
    const cases: [string, Buffer][] = [
      ['not gzip', Buffer.from('id,name\n1,Kaolack\n')],
      ['empty', Buffer.alloc(0)],
      ['another JSON format', gz('{"format":"other/1","tables":[]}\n')],
      ['a header that is not JSON', gz('mutua.backup/1\n')],
      ['a malformed header', gz(`${JSON.stringify({ ...JSON.parse(lines[0]!), tables: 'all' })}\n`)],
      ['cut short', bytes.subarray(0, Math.floor(bytes.length / 2))],
      ['a row missing', gz(`${[...lines.slice(0, 2), ...lines.slice(3)].join('\n')}\n`)],
      ['no end line', gz(`${lines.slice(0, -1).join('\n')}\n`)],
      ['a line after the end', gz(`${[...lines, '{}'].join('\n')}\n`)],
      ['a last line cut short', gz(lines.join('\n'))],
      ['a row that is not JSON', gz(`${[lines[0], 'garbage', ...lines.slice(2)].join('\n')}\n`)],
      ['damaged bytes', Buffer.from(bytes.map((b, i) => (i === Math.floor(bytes.length / 2) ? b ^ 0xff : b)))],
    ];
    const target = await database({ empty: true });
    for (const [what, content] of cases) {
      const file = path.join(dir, `bad-${what.replaceAll(' ', '-')}.gz`);
      await fs.writeFile(file, content);
      await expect(restoreDatabase(target.db, file), what).rejects.toMatchObject({ code: 'backup_invalid', kind: 'invalid' });
      expect(await relationCount(target.db), what).toBe(0);
    }
    await expect(restoreDatabase(target.db, path.join(dir, 'missing.gz'))).rejects.toMatchObject({ code: 'not_found' });
    expect(await relationCount(target.db)).toBe(0);
  });

  it('loading is all or nothing, and a failed restore can be run again', async () => {
    const good = path.join(dir, 'retry.ndjson.gz');
    await backupDatabase(source.db, good);
    const lines = readBackup(await fs.readFile(good));
    // Make the last audit record break a NOT NULL column: the rows before it are loaded first.
    const header = JSON.parse(lines[0]!) as BackupHeader;
    let end = 0;
    for (const t of header.tables) {
      end += t.rows;
      if (t.name === 'audit_log') break;
    }
    const broken = lines.map((line, i) => (i === end ? line.replace(/"action":"[^"]*"/, '"action":null') : line));
    expect(broken).not.toEqual(lines);
    const file = path.join(dir, 'broken.ndjson.gz');
    await fs.writeFile(file, gzipSync(Buffer.from(`${broken.join('\n')}\n`)));
    const target = await database({ empty: true });
    await expect(restoreDatabase(target.db, file)).rejects.toThrow(/null value in column "action"/);
    const after = await contents(target.db);
    expect(Object.entries(after).filter(([name, rows]) => name !== '(migrations)' && rows.length)).toEqual([]);
    await restoreDatabase(target.db, good);
    expect(await contents(target.db)).toEqual(await contents(source.db));
  });
});

describe('restore across versions', () => {
  let folder: string;
  const NEWER = '2999_01_01_000000_federation_slug';

  beforeAll(async () => {
    // This version's migrations plus a newer one that adds a column and fills it from the rows.
    // Kept inside the project so that the migrations' imports resolve.
    folder = await fs.mkdtemp(path.resolve('.mutua-test', 'migrations-'));
    for (const f of await fs.readdir(migrationsFolder)) await fs.symlink(path.join(migrationsFolder, f), path.join(folder, f));
    await fs.writeFile(
      path.join(folder, `${NEWER}.ts`),
      `import { sql, type Kysely } from 'kysely';
       export async function up(db: Kysely<unknown>) {
         await sql\`alter table federation add column slug text\`.execute(db);
         await sql\`update federation set slug = lower(code)\`.execute(db);
         await sql\`alter table federation alter column slug set not null\`.execute(db);
       }
       export async function down(db: Kysely<unknown>) {
         await sql\`alter table federation drop column slug\`.execute(db);
       }`,
    );
  });

  afterAll(async () => {
    await fs.rm(folder, { recursive: true, force: true });
  });

  it('a backup from an older version is loaded at its own level, then the newer migrations run on its rows', async () => {
    const file = path.join(dir, 'older.ndjson.gz');
    await backupDatabase(source.db, file);
    const expected = (await sql<{ code: string }>`select code from federation order by code`.execute(source.db)).rows.map((r) => ({ code: r.code, slug: r.code.toLowerCase() }));

    // Into an empty database, and into one already migrated to the newer level (empty tables).
    const fresh = await database({ empty: true });
    const migrated = await database({ empty: true });
    await migrateToLatest(migrated.db, folder);
    for (const target of [fresh, migrated]) {
      const summary = await restoreDatabase(target.db, file, undefined, { migrationsFolder: folder });
      expect(summary.migrationsApplied).toEqual([NEWER]);
      const rows = await sql<{ code: string; slug: string }>`select code, slug from federation order by code`.execute(target.db);
      expect(rows.rows).toEqual(expected);
      const restored = await contents(target.db);
      expect(restored['(migrations)']).toEqual([...(await contents(source.db))['(migrations)']!, NEWER]);
      expect(restored.app_user).toEqual((await contents(source.db)).app_user);
    }
  });

  it('a backup from a newer version is refused, naming the migrations this version does not know', async () => {
    const newer = await database({ empty: true });
    await migrateToLatest(newer.db, folder);
    const file = path.join(dir, 'newer.ndjson.gz');
    await backupDatabase(newer.db, file);
    const target = await database({ empty: true });
    await expect(restoreDatabase(target.db, file)).rejects.toMatchObject({ code: 'backup_invalid', details: [{ field: 'migrations', message: expect.stringContaining(NEWER) }] });
    expect(await relationCount(target.db)).toBe(0);
  });
});

describe('restore of any PostgreSQL schema', () => {
  // Column types, identities, generated columns, sequences, triggers and key shapes that Mutua's
  // schema has or may have, on hand-made tables (no migrations).
  const ddl = `
    create sequence card_number_seq start 1000;
    create table kinds (
      id bigint generated always as identity primary key,
      amount numeric(14, 4), ratio double precision, big bigint, small smallint, flag boolean,
      day date, at timestamptz, local_at timestamp, span interval, raw bytea, tags text[], counts int[],
      doc jsonb, label text, total numeric generated always as (amount * 2) stored
    );
    create table doc (id int primary key, body json);
    create table place (id int primary key, parent_id int references place (id), name text not null);
    create table household (id int primary key, head_id int);
    create table person (id int primary key, household_id int not null references household (id));
    alter table household add constraint household_head_fk foreign key (head_id) references person (id) deferrable initially immediate;
    create table kinds_log (kind_id bigint not null, logged_at timestamptz not null default now());
    create function log_kind() returns trigger language plpgsql as $$
      begin insert into kinds_log (kind_id) values (new.id); return new; end $$;
    create trigger kinds_logged after insert on kinds for each row execute function log_kind();
    alter table kinds enable always trigger kinds_logged;`;

  async function prepare(db: Db) {
    await sql.raw(ddl).execute(db);
  }

  it('keeps every value exactly, loads children stored before their parents, and does not fire insert triggers again', async () => {
    const from = await database({ empty: true });
    await prepare(from.db);
    await sql.raw(`
      select nextval('card_number_seq') from generate_series(1, 7);
      insert into kinds (amount, ratio, big, small, flag, day, at, local_at, span, raw, tags, counts, doc, label) values
        (1234567890.1250, 0.1, 9007199254740993, -32768, true, '2024-02-29', '2026-11-21 10:11:12.123456+00', '2026-11-21 10:11:12.5',
         '1 year 2 mons 3 days 04:05:06.789', '\\x00ff10', array['a', 'b,c', 'd"e', null], array[1, null, 3],
         '{"nested": {"list": [1, 2.50, "x"], "unicode": "é—✓", "quote": "\\"", "newline": "a\\nb"}}', e'line one\\nline two\\ttab'),
        (-0.0001, 'NaN', -9223372036854775808, 0, false, '0001-01-01', 'infinity', '-infinity', '-1 days', '', '{}', '{}', '[]', ''),
        (null, 1e308, null, null, null, null, null, null, null, null, null, null, '"just a string"', null),
        (0, 5e-324, 0, 0, true, '9999-12-31', '1970-01-01 00:00:00+00', '2000-01-01', '0', '\\x', array['{}'], array[0], '{"a": null}', 'Ünïcødé 🌍');
      insert into doc values (1, '{"a":   [1,\n 2],\n  "b": "x"}'), (2, '"text"'), (3, null);
      -- 12,000 places whose ids run against the tree: every child is stored before its parent.
      insert into place select g, case when g < 12000 then g + 1 end, 'place ' || g from generate_series(12000, 1, -1) g;
      insert into household values (1, null), (2, null);
      insert into person values (10, 1), (11, 1), (20, 2);
      update household set head_id = 10 where id = 1;
      update household set head_id = 20 where id = 2;`).execute(from.db);

    const file = path.join(dir, 'kinds.ndjson.gz');
    const emptyFolder = await fs.mkdtemp(path.join(dir, 'no-migrations-'));
    await backupDatabase(from.db, file);
    const to = await database({ empty: true });
    await prepare(to.db);
    await restoreDatabase(to.db, file, undefined, { migrationsFolder: emptyFolder });

    const original = await contents(from.db);
    const restored = await contents(to.db);
    // A json column keeps its meaning, not its whitespace (one row per line); everything else is byte for byte.
    const jsonbOf = async (db: Db) => (await sql<{ r: string }>`select id, body::jsonb::text as r from doc order by id`.execute(db)).rows;
    expect(await jsonbOf(to.db)).toEqual(await jsonbOf(from.db));
    delete original.doc;
    delete restored.doc;
    delete restored['(migrations)'];
    expect(restored).toEqual(original);
    expect(restored.place).toHaveLength(12000);
    // Restoring kinds did not log its rows a second time through the trigger (kinds_log is equal
    // above), and the sequences go on where they were.
    expect(restored.kinds_log).toHaveLength(4);
    const next = async (db: Db) =>
      (await sql<{ card: string; kind: string }>`select nextval('card_number_seq')::text as card, nextval('kinds_id_seq')::text as kind`.execute(db)).rows[0];
    expect(await next(to.db)).toEqual(await next(from.db));
    // The trigger is back as it was (enabled always) and works.
    expect((await sql<{ mode: string }>`select tgenabled::text as mode from pg_trigger where tgname = 'kinds_logged'`.execute(to.db)).rows).toEqual([{ mode: 'A' }]);
    await sql`insert into kinds (label) values ('after the restore')`.execute(to.db);
    expect((await contents(to.db)).kinds_log).toHaveLength(5);
  });

  it('a schema whose tables reference each other through keys that are not deferrable cannot be backed up', async () => {
    const db = await database({ empty: true });
    await sql.raw(`
      create table a (id int primary key, b_id int);
      create table b (id int primary key, a_id int references a (id));
      alter table a add foreign key (b_id) references b (id);`).execute(db.db);
    await expect(backupDatabase(db.db, path.join(dir, 'cycle.ndjson.gz'))).rejects.toThrow(/tables a, b reference each other/);
    expect((await fs.readdir(dir)).filter((f) => f.startsWith('cycle'))).toEqual([]);
  });
});
