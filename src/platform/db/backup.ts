import { once } from 'node:events';
import { createReadStream, createWriteStream, promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { StringDecoder } from 'node:string_decoder';
import { createGunzip, createGzip } from 'node:zlib';
import { sql, type QueryExecutorProvider } from 'kysely';
import { ConflictError, DomainError, NotFoundError, type ErrorDetail } from '../errors.js';
import type { Db } from './connection.js';
import { migrateDown, migrateToLatest, migrationsFolder, migrationStatus } from './migrate.js';

/**
 * Mutua's logical backup (DESIGN.md §4): one gzip'd NDJSON file, written from one
 * repeatable-read snapshot so it is consistent even while the server keeps working.
 *
 *   line 1         header: {"format":"mutua.backup/1","createdAt","migrations":[…],
 *                  "tables":[{"name","rows"}…],"sequences":[{"name","value","called"}…]}
 *   next lines     the rows of each table of the header, in the header's order, `rows` lines per
 *                  table, each the table's `row_to_json` text
 *   last line      trailer: {"end":"mutua.backup/1","rows":total}; a file without it is cut short
 *
 * The file holds data only: the schema comes from the migrations its header names. Rows are
 * PostgreSQL's own JSON and are never parsed in Node: dates, timestamps (written in UTC,
 * microseconds kept), numerics of any precision, bigints, arrays, bytea and jsonb go back in
 * exactly. Two exceptions: a json/jsonb column holding the JSON value `null` comes back as SQL
 * NULL, since `row_to_json` writes both the same way (Mutua stores SQL NULL, never JSON null); a
 * column of type json (not jsonb) keeps its meaning but not its line breaks. Sequences are saved
 * with their current value; generated columns are computed again; insert triggers do not fire
 * again on restore (their effects are already in the rows).
 *
 * Order of tables: a table comes after the tables its foreign keys reference (from pg_constraint),
 * so a restore can insert table by table. Foreign keys declared DEFERRABLE are left out of that
 * order (restore defers them to commit): tables that reference each other in a cycle can only be
 * loaded if one key of the cycle is deferrable, and a backup refuses a schema where none is.
 *
 * Order of rows: by primary key. Ids are UUIDv7, so a parent row created before its child comes
 * first. Restore does not depend on it for self-references (location.parent_id): it loads a
 * self-referencing table through a staging table in one statement, and PostgreSQL checks a
 * foreign key at the end of the statement, so a location moved under a newer parent, or parents
 * and children created in the same millisecond (UUIDv7 is random within a millisecond), restore too.
 *
 * The file holds password and token hashes: it is written readable by its owner only.
 */
export const BACKUP_FORMAT = 'mutua.backup/1';

// Migration bookkeeping is not data: restore recreates it by running the migrations.
const MIGRATION_TABLES = ['mutua_migration', 'mutua_migration_lock'];
/** Rows fetched from the cursor per round trip when writing. */
const FETCH_ROWS = 5000;
/** Rows (or bytes of JSON) sent per insert when restoring: big enough to be fast, small enough for memory. */
const INSERT_ROWS = 5000;
const INSERT_BYTES = 8 * 1024 * 1024;
const CURSOR = 'mutua_backup_cursor';

export interface BackupTable {
  name: string;
  rows: number;
}

export interface BackupSequence {
  name: string;
  /** bigint as text: sequences may go beyond 2^53. */
  value: string;
  called: boolean;
}

export interface BackupHeader {
  format: typeof BACKUP_FORMAT;
  createdAt: string;
  migrations: string[];
  tables: BackupTable[];
  sequences: BackupSequence[];
}

export interface BackupSummary {
  file: string;
  createdAt: string;
  migrations: string[];
  tables: BackupTable[];
  rows: number;
  bytes: number;
}

export interface RestoreSummary {
  file: string;
  /** When the backup was taken. */
  createdAt: string;
  /** The backup's migration level, which the rows were loaded at. */
  migrations: string[];
  /** Migrations of this version newer than the backup, applied after loading. */
  migrationsApplied: string[];
  tables: BackupTable[];
  rows: number;
}

/** Called as work advances: rows done so far out of the total. */
export type ProgressListener = (done: number, total: number) => void;

export class BackupInvalidError extends DomainError {
  constructor(reason: string, message = 'This file is not a Mutua backup', field = 'file') {
    super('backup_invalid', 'invalid', message, [{ field, message: reason }]);
  }
}

export class RestoreNotEmptyError extends ConflictError {
  constructor(details: ErrorDetail[]) {
    super('restore_not_empty', 'Restore needs an empty database', details);
  }
}

type Executor = QueryExecutorProvider;

const table = (name: string) => sql.id('public', name);
/** The name as a `regclass` literal, for catalog look-ups. */
const regclass = (name: string) => `public."${name.replaceAll('"', '""')}"`;

// ---------------------------------------------------------------- catalog

async function applicationTables(db: Executor): Promise<string[]> {
  // Partitions are left out: their rows are read and written through the partitioned table.
  const { rows } = await sql<{ name: string }>`
    select c.relname as name from pg_class c
    where c.relnamespace = 'public'::regnamespace and c.relkind in ('r', 'p') and not c.relispartition
      and c.relname <> all(${MIGRATION_TABLES}::text[])
    order by c.relname`.execute(db);
  return rows.map((r) => r.name);
}

async function appliedMigrations(db: Executor): Promise<string[]> {
  const { rows } = await sql<{ present: boolean }>`select to_regclass('public.mutua_migration') is not null as present`.execute(db);
  if (!rows[0]?.present) return [];
  const applied = await sql<{ name: string }>`select name from public.mutua_migration order by name`.execute(db);
  return applied.rows.map((r) => r.name);
}

interface ForeignKey {
  from: string;
  to: string;
  deferrable: boolean;
}

async function foreignKeys(db: Executor): Promise<ForeignKey[]> {
  const { rows } = await sql<ForeignKey>`
    select src.relname as "from", dst.relname as "to", con.condeferrable as deferrable
    from pg_constraint con
    join pg_class src on src.oid = con.conrelid
    join pg_class dst on dst.oid = con.confrelid
    where con.contype = 'f' and src.relnamespace = 'public'::regnamespace and dst.relnamespace = 'public'::regnamespace`.execute(db);
  return rows;
}

/**
 * Tables with every table they reference (through a non-deferrable key) before them; ties in
 * name order so the same schema always gives the same file.
 */
function loadOrder(tables: string[], keys: ForeignKey[]): string[] {
  const known = new Set(tables);
  const waitingOn = new Map(tables.map((t) => [t, new Set<string>()]));
  for (const key of keys) {
    if (key.deferrable || key.from === key.to || !known.has(key.from) || !known.has(key.to)) continue;
    waitingOn.get(key.from)!.add(key.to);
  }
  const order: string[] = [];
  while (waitingOn.size) {
    const ready = [...waitingOn].filter(([, on]) => on.size === 0).map(([t]) => t).sort();
    if (!ready.length) {
      throw new Error(
        `tables ${[...waitingOn.keys()].sort().join(', ')} reference each other through foreign keys that are not DEFERRABLE; ` +
          'make one of the keys of the cycle DEFERRABLE so that a restore can load them',
      );
    }
    for (const t of ready) {
      order.push(t);
      waitingOn.delete(t);
      for (const on of waitingOn.values()) on.delete(t);
    }
  }
  return order;
}

async function primaryKey(db: Executor, name: string): Promise<string[]> {
  const { rows } = await sql<{ column: string }>`
    select a.attname as "column" from pg_index i
    cross join lateral unnest(i.indkey) with ordinality as k(attnum, position)
    join pg_attribute a on a.attrelid = i.indrelid and a.attnum = k.attnum
    where i.indrelid = ${regclass(name)}::regclass and i.indisprimary
    order by k.position`.execute(db);
  return rows.map((r) => r.column);
}

/** Columns a restore writes: generated columns are computed again by PostgreSQL. */
async function insertableColumns(db: Executor, name: string): Promise<string[]> {
  const { rows } = await sql<{ column: string }>`
    select attname as "column" from pg_attribute
    where attrelid = ${regclass(name)}::regclass and attnum > 0 and not attisdropped and attgenerated = ''
    order by attnum`.execute(db);
  return rows.map((r) => r.column);
}

async function sequences(db: Executor): Promise<BackupSequence[]> {
  const { rows } = await sql<{ name: string }>`
    select relname as name from pg_class where relnamespace = 'public'::regnamespace and relkind = 'S' order by relname`.execute(db);
  const list: BackupSequence[] = [];
  for (const { name } of rows) {
    const state = await sql<{ value: string; called: boolean }>`select last_value::text as value, is_called as called from ${table(name)}`.execute(db);
    list.push({ name, ...state.rows[0]! });
  }
  return list;
}

// ---------------------------------------------------------------- backup

/**
 * Writes a backup of the whole database to `file` (replacing it only once the backup is complete),
 * from one REPEATABLE READ, READ ONLY snapshot, streaming rows through a cursor so that memory stays
 * flat whatever the size. Reads only; does not apply pending migrations. Throws when the schema
 * has a cycle of non-deferrable foreign keys (it could not be restored).
 */
export async function backupDatabase(db: Db, file: string, onProgress?: ProgressListener): Promise<BackupSummary> {
  const target = path.resolve(file);
  const partial = `${target}.partial-${process.pid}`;
  const gzip = createGzip();
  const written = pipeline(gzip, createWriteStream(partial, { mode: 0o600 }));
  // Observed below; this keeps a write error from being reported as unhandled meanwhile.
  written.catch(() => undefined);
  const write = async (text: string) => {
    if (!gzip.write(text)) await Promise.race([once(gzip, 'drain'), written]);
  };

  try {
    const header = await db
      .transaction()
      .setIsolationLevel('repeatable read')
      .setAccessMode('read only')
      .execute(async (trx) => {
        // UTC timestamps read the same anywhere; shortest-exact floats whatever the server's setting.
        await sql`set local time zone 'UTC'`.execute(trx);
        await sql`set local extra_float_digits = 1`.execute(trx);
        const migrations = await appliedMigrations(trx);
        const order = loadOrder(await applicationTables(trx), await foreignKeys(trx));
        const tables: BackupTable[] = [];
        for (const name of order) {
          const { rows } = await sql<{ rows: string }>`select count(*)::text as rows from ${table(name)}`.execute(trx);
          tables.push({ name, rows: Number(rows[0]!.rows) });
        }
        const header: BackupHeader = { format: BACKUP_FORMAT, createdAt: new Date().toISOString(), migrations, tables, sequences: await sequences(trx) };
        await write(`${JSON.stringify(header)}\n`);

        const total = tables.reduce((sum, t) => sum + t.rows, 0);
        let done = 0;
        onProgress?.(done, total);
        for (const { name, rows: expected } of tables) {
          const key = await primaryKey(trx, name);
          const orderBy = key.length ? sql`order by ${sql.join(key.map((c) => sql.id('t', c)))}` : sql``;
          await sql`declare ${sql.raw(CURSOR)} no scroll cursor for select row_to_json(t)::text as r from ${table(name)} as t ${orderBy}`.execute(trx);
          let count = 0;
          for (;;) {
            const { rows } = await sql<{ r: string }>`fetch forward ${sql.raw(String(FETCH_ROWS))} from ${sql.raw(CURSOR)}`.execute(trx);
            if (!rows.length) break;
            let chunk = '';
            // A raw newline can only be whitespace inside a json-typed column (JSON strings escape
            // theirs); a space means the same and keeps one row per line.
            for (const { r } of rows) chunk += `${r.includes('\n') ? r.replaceAll('\n', ' ') : r}\n`;
            await write(chunk);
            count += rows.length;
            done += rows.length;
            onProgress?.(done, total);
          }
          await sql`close ${sql.raw(CURSOR)}`.execute(trx);
          if (count !== expected) throw new Error(`table ${name}: counted ${expected} rows but read ${count}`);
        }
        await write(`${JSON.stringify({ end: BACKUP_FORMAT, rows: done })}\n`);
        return header;
      });
    gzip.end();
    await written;
    await fs.rename(partial, target);
    const rows = header.tables.reduce((sum, t) => sum + t.rows, 0);
    return { file: target, createdAt: header.createdAt, migrations: header.migrations, tables: header.tables, rows, bytes: (await fs.stat(target)).size };
  } catch (error) {
    gzip.destroy();
    await written.catch(() => undefined);
    await fs.rm(partial, { force: true });
    throw error;
  }
}

// ---------------------------------------------------------------- reading a backup

/** The file's lines, decompressed as they are read. */
async function* readLines(file: string): AsyncGenerator<string> {
  const gunzip = createGunzip();
  const piped = pipeline(createReadStream(file), gunzip);
  piped.catch(() => undefined); // its errors reach the loop below through gunzip
  const decoder = new StringDecoder('utf8');
  let rest = '';
  try {
    for await (const chunk of gunzip) {
      rest += decoder.write(chunk as Buffer);
      let start = 0;
      for (let end = rest.indexOf('\n'); end !== -1; end = rest.indexOf('\n', start)) {
        yield rest.slice(start, end);
        start = end + 1;
      }
      rest = rest.slice(start);
    }
  } catch (error) {
    // zlib's errors (not gzip, cut short, checksum mismatch) all mean a damaged or foreign file.
    if (typeof (error as NodeJS.ErrnoException).code === 'string' && (error as NodeJS.ErrnoException).code!.startsWith('Z_')) {
      throw new BackupInvalidError(`not a complete gzip file (${(error as Error).message})`);
    }
    throw error;
  } finally {
    gunzip.destroy();
  }
  if (rest + decoder.end()) throw new BackupInvalidError('the last line is cut short');
}

function parseJson(line: string | undefined, what: string): unknown {
  try {
    return JSON.parse(line ?? '');
  } catch {
    throw new BackupInvalidError(`${what} is not JSON`);
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isCount = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 0;

function parseHeader(line: string | undefined): BackupHeader {
  const h = parseJson(line, 'the first line');
  if (!isObject(h) || h.format !== BACKUP_FORMAT) throw new BackupInvalidError(`the first line does not name the format ${BACKUP_FORMAT}`);
  const valid =
    typeof h.createdAt === 'string' &&
    Array.isArray(h.migrations) &&
    h.migrations.every((m) => typeof m === 'string') &&
    Array.isArray(h.tables) &&
    h.tables.every((t) => isObject(t) && typeof t.name === 'string' && isCount(t.rows)) &&
    new Set(h.tables.map((t) => (t as BackupTable).name)).size === h.tables.length &&
    Array.isArray(h.sequences) &&
    h.sequences.every((s) => isObject(s) && typeof s.name === 'string' && typeof s.value === 'string' && /^-?\d+$/.test(s.value) && typeof s.called === 'boolean');
  if (!valid) throw new BackupInvalidError('the header is malformed');
  return h as unknown as BackupHeader;
}

async function readHeader(file: string): Promise<BackupHeader> {
  try {
    await fs.access(file);
  } catch {
    throw new NotFoundError('backup file', file);
  }
  const lines = readLines(file);
  try {
    const first = await lines.next();
    return parseHeader(first.done ? undefined : first.value);
  } finally {
    await lines.return(undefined);
  }
}

/**
 * Reads the whole file once before anything is written: a damaged, cut-short or edited file is
 * refused while the database is still untouched (gzip's checksum covers every byte).
 */
async function checkBody(file: string, header: BackupHeader, onRow: (done: number) => void): Promise<void> {
  const total = header.tables.reduce((sum, t) => sum + t.rows, 0);
  let line = 0;
  let trailer: unknown;
  for await (const text of readLines(file)) {
    line += 1;
    if (line === 1) continue;
    if (line <= total + 1) {
      if (!text.startsWith('{') || !text.endsWith('}')) throw new BackupInvalidError(`line ${line} is not a row`);
      if (line % INSERT_ROWS === 0) onRow(line - 1);
    } else if (line === total + 2) {
      trailer = parseJson(text, `line ${line}`);
    } else {
      throw new BackupInvalidError(`unexpected line ${line} after the end`);
    }
  }
  if (!isObject(trailer) || trailer.end !== BACKUP_FORMAT || trailer.rows !== total) {
    throw new BackupInvalidError(`the file holds ${Math.max(0, line - 2)} rows where its header announces ${total}, or its end is missing`);
  }
  onRow(total);
}

// ---------------------------------------------------------------- restore

// Unused one-time set-up links are all a fresh `mutua serve` leaves behind: they do not make a
// database "not empty", and a restore drops them (the backup's own, if any, come back).
const DISPOSABLE = new Set(['setup_link']);

async function nonEmptyTables(db: Executor): Promise<ErrorDetail[]> {
  const details: ErrorDetail[] = [];
  for (const name of (await applicationTables(db)).filter((t) => !DISPOSABLE.has(t))) {
    const { rows } = await sql<{ any: boolean }>`select exists (select from ${table(name)}) as any`.execute(db);
    if (rows[0]?.any) details.push({ field: name, message: 'has rows' });
  }
  return details;
}

function isPrefix(prefix: string[], list: string[]): boolean {
  return prefix.length <= list.length && prefix.every((name, i) => list[i] === name);
}

/**
 * Brings the (empty) database to exactly `level`, down or up. Going up to a level short of the
 * latest runs migrateToLatest on a folder holding only that level's files (links to the real
 * ones, so their imports resolve as usual).
 */
async function migrateToLevel(db: Db, level: string[], folder: string): Promise<void> {
  const applied = await appliedMigrations(db);
  for (let n = applied.length; n > level.length; n -= 1) await migrateDown(db, folder);
  if (applied.length >= level.length) return;
  const files = (await fs.readdir(folder)).filter((f) => /\.(ts|js)$/.test(f) && !f.endsWith('.d.ts'));
  if (level.length === files.length) {
    await migrateToLatest(db, folder);
    return;
  }
  const subset = await fs.mkdtemp(path.join(os.tmpdir(), 'mutua-restore-migrations-'));
  try {
    for (const f of files.filter((f) => level.includes(f.replace(/\.(ts|js)$/, '')))) {
      await fs.symlink(path.join(folder, f), path.join(subset, f));
    }
    await migrateToLatest(db, subset);
  } finally {
    await fs.rm(subset, { recursive: true, force: true });
  }
}

/**
 * Triggers that would fire on insert (tgtype bit 4), with how they are enabled (O: origin,
 * A: always, R: replica): their effects are already in the backup's rows.
 */
async function insertTriggers(db: Executor, name: string): Promise<{ name: string; mode: string }[]> {
  const { rows } = await sql<{ name: string; mode: string }>`
    select tgname as name, tgenabled::text as mode from pg_trigger
    where tgrelid = ${regclass(name)}::regclass and not tgisinternal and tgenabled <> 'D' and (tgtype & 4) <> 0`.execute(db);
  return rows;
}

const enableTrigger = { O: sql`enable trigger`, A: sql`enable always trigger`, R: sql`enable replica trigger` } as Record<string, ReturnType<typeof sql>>;

async function hasImmediateSelfReference(db: Executor, name: string): Promise<boolean> {
  const { rows } = await sql<{ any: boolean }>`
    select exists (select from pg_constraint where contype = 'f' and conrelid = ${regclass(name)}::regclass
      and confrelid = conrelid and not condeferrable) as any`.execute(db);
  return Boolean(rows[0]?.any);
}

/**
 * Restores a backup into an empty database. Order of work: the file is checked from end to end;
 * the schema is migrated to exactly the backup's migration level (which must be a prefix of this
 * version's migrations: a backup from a newer Mutua is refused); every row is loaded in ONE
 * transaction, all or nothing; then this version's newer migrations run on the restored rows,
 * as they would have on the original database. A failure while loading leaves the database
 * migrated but empty, so the restore can simply be run again.
 *
 * Errors: NotFoundError (no such file), BackupInvalidError (`backup_invalid`: damaged, foreign or
 * too new), RestoreNotEmptyError (`restore_not_empty`: some application table has rows),
 * MigrationFailedError. Progress counts each row twice: once checked, once loaded.
 */
export async function restoreDatabase(db: Db, file: string, onProgress?: ProgressListener, options: { migrationsFolder?: string } = {}): Promise<RestoreSummary> {
  const folder = options.migrationsFolder ?? migrationsFolder;
  const notEmpty = await nonEmptyTables(db);
  if (notEmpty.length) throw new RestoreNotEmptyError(notEmpty);

  const header = await readHeader(file);
  const known = (await migrationStatus(db, folder)).map((m) => m.name);
  if (!isPrefix(header.migrations, known)) {
    const unknown = header.migrations.filter((m, i) => known[i] !== m);
    throw new BackupInvalidError(`migrations unknown to this version: ${unknown.join(', ')}`, 'This backup was made by a newer version of Mutua', 'migrations');
  }
  const rows = header.tables.reduce((sum, t) => sum + t.rows, 0);
  await checkBody(file, header, (done) => onProgress?.(done, 2 * rows));

  await migrateToLevel(db, header.migrations, folder);

  await db.transaction().execute(async (trx) => {
    await sql`set constraints all deferred`.execute(trx);
    const present = await applicationTables(trx);
    const missing = header.tables.filter((t) => !present.includes(t.name)).map((t) => t.name);
    if (missing.length) throw new BackupInvalidError(`tables not in the schema at its migration level: ${missing.join(', ')}`);
    // Nobody may write between the emptiness check and the commit.
    if (present.length) await sql`lock table ${sql.join(present.map(table))} in exclusive mode`.execute(trx);
    const filled = await nonEmptyTables(trx);
    if (filled.length) throw new RestoreNotEmptyError(filled);
    for (const name of present.filter((t) => DISPOSABLE.has(t))) await sql`delete from ${table(name)}`.execute(trx);

    const lines = readLines(file);
    try {
      await lines.next(); // the header
      let done = rows;
      for (const { name, rows: count } of header.tables) {
        const columns = sql.join((await insertableColumns(trx, name)).map((c) => sql.id(c)));
        const triggers = await insertTriggers(trx, name);
        for (const t of triggers) await sql`alter table ${table(name)} disable trigger ${sql.id(t.name)}`.execute(trx);
        const staged = await hasImmediateSelfReference(trx, name);
        if (staged) await sql`create temporary table mutua_restore_stage on commit drop as select ${columns} from ${table(name)} with no data`.execute(trx);
        const into = staged ? sql.id('mutua_restore_stage') : table(name);

        let batch: string[] = [];
        let bytes = 0;
        const flush = async () => {
          if (!batch.length) return;
          const json = `[${batch.join(',')}]`;
          await sql`insert into ${into} (${columns}) overriding system value
            select ${columns} from json_populate_recordset(null::${table(name)}, ${json}::json)`.execute(trx);
          done += batch.length;
          onProgress?.(done, 2 * rows);
          batch = [];
          bytes = 0;
        };
        for (let i = 0; i < count; i += 1) {
          const next = await lines.next();
          if (next.done) throw new BackupInvalidError('the file changed while it was being restored');
          batch.push(next.value);
          bytes += next.value.length;
          if (batch.length >= INSERT_ROWS || bytes >= INSERT_BYTES) await flush();
        }
        await flush();
        if (staged) {
          // One statement: its foreign keys are checked once every row is in, whatever their order.
          await sql`insert into ${table(name)} (${columns}) overriding system value select ${columns} from mutua_restore_stage`.execute(trx);
          await sql`drop table mutua_restore_stage`.execute(trx);
        }
        for (const t of triggers) await sql`alter table ${table(name)} ${enableTrigger[t.mode]!} ${sql.id(t.name)}`.execute(trx);
      }
      for (const s of header.sequences) {
        await sql`select setval(${regclass(s.name)}::regclass, ${s.value}::int8, ${s.called})`.execute(trx);
      }
    } finally {
      await lines.return(undefined);
    }
  });

  const migrationsApplied = await migrateToLatest(db, folder);
  return { file: path.resolve(file), createdAt: header.createdAt, migrations: header.migrations, migrationsApplied, tables: header.tables, rows };
}
