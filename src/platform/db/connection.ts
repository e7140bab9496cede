import pg from 'pg';
import { CompiledQuery, Kysely, PostgresDialect } from 'kysely';
import type { Database } from './schema.js';

// pg's type parsers are global: set them once, here, so that every query returns the same
// JavaScript types whichever module runs it.
//   int8 (bigint, count) -> number, refusing values beyond 2^53 rather than losing precision
//   numeric              -> string, exact (rates and ratios are applied with integer arithmetic)
//   date                 -> string YYYY-MM-DD, a calendar date with no time zone
const INT8 = 20;
const NUMERIC = 1700;
const DATE = 1082;
pg.types.setTypeParser(INT8, (value: string) => {
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw new RangeError(`bigint value ${value} is beyond the safe integer range`);
  return n;
});
pg.types.setTypeParser(NUMERIC, (value: string) => value);
pg.types.setTypeParser(DATE, (value: string) => value);

export type Db = Kysely<Database>;

export interface DbHandle {
  db: Db;
  pool: pg.Pool;
  url: string;
  close(): Promise<void>;
}

// Prepared statements. Kysely sends every query as an unnamed statement, which PostgreSQL parses,
// analyses and plans each time: for the eligibility check's look-ups that is most of the
// database's work (bench/eligibility.bench.ts: about 1.1 ms of database CPU per look-up unnamed,
// 0.25 ms prepared). A statement text seen PREPARE_AFTER times is given a name, so each
// connection parses it once and then only binds and executes it (as JDBC does after 5 uses).
// Names are per process, so one text has one name on every connection. Bounded: texts longer
// than PREPARE_MAX_TEXT (bulk inserts with thousands of values) and statements without
// parameters are never named, and at most PREPARE_MAX_NAMES texts are, so a connection holds at
// most that many prepared statements. Schema changes are safe: PostgreSQL re-plans a prepared
// statement whose tables changed, and one whose result columns changed is sent unnamed again
// (prepareStatements); migrations run before the server answers anyway.
const PREPARE_AFTER = 2;
const PREPARE_MAX_TEXT = 8_000;
const PREPARE_MAX_NAMES = 1_000;
const statementNames = new Map<string, string>();
const statementUses = new Map<string, number>();

/** The name a statement text is prepared under, or undefined while it is sent unnamed. */
export function statementName(text: string): string | undefined {
  const name = statementNames.get(text);
  if (name !== undefined || text.length > PREPARE_MAX_TEXT || statementNames.size >= PREPARE_MAX_NAMES) return name;
  const uses = (statementUses.get(text) ?? 0) + 1;
  if (uses < PREPARE_AFTER) {
    // Texts used once (generated ones) must not pile up.
    if (statementUses.size >= 10 * PREPARE_MAX_NAMES) statementUses.clear();
    statementUses.set(text, uses);
    return undefined;
  }
  statementUses.delete(text);
  const named = `mutua_${statementNames.size + 1}`;
  statementNames.set(text, named);
  return named;
}

type QueryFunction = (config: unknown, values?: unknown, callback?: unknown) => unknown;

/**
 * Makes a connection send parameterized statements as named ones (statementName). A prepared
 * statement whose result columns changed since it was prepared (a table altered under a running
 * server) fails with "cached plan must not change result type": that connection then sends it
 * unnamed, and the failed call is run again unnamed when it was not inside a transaction.
 */
function prepareStatements(client: pg.PoolClient): void {
  const query = client.query.bind(client) as QueryFunction;
  const stale = new Set<string>();
  (client as unknown as { query: QueryFunction }).query = (config, values, callback) => {
    // Only the plain (text, values) form Kysely uses; query objects (cursors, named queries)
    // and callbacks go through untouched.
    if (typeof config !== 'string' || !Array.isArray(values) || values.length === 0 || callback !== undefined) return query(config, values, callback);
    const name = statementName(config);
    if (name === undefined || stale.has(name)) return query(config, values);
    const outsideTransaction = client.getTransactionStatus() === 'I';
    return (query({ name, text: config, values }) as Promise<unknown>).catch((error: unknown) => {
      if ((error as { code?: string }).code !== '0A000') throw error;
      stale.add(name);
      if (!outsideTransaction) throw error;
      return query(config, values);
    });
  };
}

/**
 * A pool of connections and Kysely over it. `prepare` (default true) names the statements used
 * repeatedly (statementName); turn it off for a connection pooler that does not keep prepared
 * statements (PgBouncer in transaction mode before 1.21).
 */
export function connect(url: string, options: { poolSize?: number; applicationName?: string; prepare?: boolean } = {}): DbHandle {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize ?? 10,
    application_name: options.applicationName ?? 'mutua',
    idleTimeoutMillis: 30_000,
  });
  // An idle client losing its connection (server restart) must not crash the process.
  pool.on('error', () => undefined);
  if (options.prepare !== false) pool.on('connect', prepareStatements);
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  let closed = false;
  return {
    db,
    pool,
    url,
    async close() {
      if (closed) return;
      closed = true;
      await db.destroy();
    },
  };
}

/**
 * A statement of fixed text with positional parameters ($1, $2…), run without Kysely's query
 * builder and compiler, whose work per call is a measurable share of a short request: for hot
 * paths such as the eligibility check. The same text every time, so it is prepared
 * (statementName). Works on a Kysely instance or a transaction.
 */
export function fixedStatement<Row>(text: string): (db: Pick<Db, 'executeQuery'>, ...parameters: unknown[]) => Promise<Row[]> {
  return async (db, ...parameters) => (await db.executeQuery<Row>(CompiledQuery.raw(text, parameters))).rows;
}

/** Replaces the database name of a connection URL. */
export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${encodeURIComponent(database)}`;
  return u.toString();
}

export function databaseName(url: string): string {
  return decodeURIComponent(new URL(url).pathname.replace(/^\//, '')) || 'postgres';
}

export async function createDatabaseIfMissing(serverUrl: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: withDatabase(serverUrl, 'postgres') });
  await client.connect();
  try {
    const { rowCount } = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (!rowCount) await client.query(`create database ${client.escapeIdentifier(name)}`);
  } finally {
    await client.end();
  }
}
