import { fork, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, openSync, promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { sql } from 'kysely';
import { systemActor } from '../src/platform/audit/audit.js';
import { createApiToken, findUserByUsername } from '../src/modules/access/index.js';
import { generateDemo, type DemoResult } from '../src/demo/index.js';
import { REFERENCE_DATE } from '../src/demo/households.js';
import { Random } from '../src/demo/random.js';
import { loadAverage, openBenchDatabase, report } from './lib.js';

// The eligibility check (issue acceptance): a provider clerk asks whether a card is covered and
// waits for the answer. On a demo federation of BENCH_BENEFICIARIES members (default 1,000,000,
// about 161,000 households with a year of contributions), random cards of one scheme are checked
// over HTTP on loopback by an enrolment agent's API token, with autocannon; then, in the same run
// and through the server's own pool, the same look-up without HTTP: the service call, and one
// bare SQL statement (unprepared and prepared). The server runs in a process of its own, as
// `mutua serve` does, so its memory is the server's. Targets: p99 under 10 ms, 2,000 requests/s.
// The last lines (metric `summary`, one per variant and round) gather the acceptance figures:
// requests/s, p50, p99, the server's RSS, bare SQL statements/s and the ratio of HTTP to them.
//
// Env: BENCH_BENEFICIARIES, BENCH_SECONDS (20), BENCH_CONNECTIONS (10), BENCH_LOG_LEVEL (silent),
// BENCH_HTTP_ONLY (1: the HTTP figures and memory only), BENCH_ROUNDS (1), BENCH_QUIET_LOAD and
// BENCH_WAIT_SECONDS (wait for a quieter machine before each round), BENCH_VARIANTS (as-is),
// BENCH_BASELINE_DIR (for the `baseline` variant), MUTUA_DB_POOL_SIZE (the server's pool, default
// 10), BENCH_CPU_PROF (a folder: CPU profile of the server), BENCH_DATA_DIR and BENCH_FRESH (the
// kept demo database, below), BENCH_SHARED_BUFFERS (the embedded server's shared_buffers instead
// of its default), BENCH_DATABASE_URL (an external server instead of an embedded one).
const BENEFICIARIES = Number(process.env.BENCH_BENEFICIARIES ?? 1_000_000);
const DURATION = Number(process.env.BENCH_SECONDS ?? 20);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
// Only the HTTP figures and the memory (to profile the server under HTTP load alone).
const HTTP_ONLY = process.env.BENCH_HTTP_ONLY === '1';
// Measurement rounds on the same database, each after waiting (up to BENCH_WAIT_SECONDS, default
// 600) for the 1-minute load average to fall below BENCH_QUIET_LOAD when that is set: on a shared
// machine, other work moves the figures.
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 1);
const QUIET_LOAD = process.env.BENCH_QUIET_LOAD ? Number(process.env.BENCH_QUIET_LOAD) : undefined;
const WAIT_SECONDS = Number(process.env.BENCH_WAIT_SECONDS ?? 600);
// Servers to measure, each in a process of its own, comma-separated: `as-is` (the code as it is),
// `unprepared` (the same with every statement sent unnamed, parsed and planned each time),
// `logged` (the same logging every request at info, the default of `mutua serve`), and
// `baseline`: the server of another checkout of Mutua, BENCH_BASELINE_DIR (say, the commit
// before a change: `git worktree add /tmp/before HEAD~1`), so that a change is measured against
// what it changes in the same run, on the same database and machine load. Options follow a
// slash: `/poolN` (`as-is/pool4`: the server's database pool of N connections,
// MUTUA_DB_POOL_SIZE) and `/logged` (`baseline/logged`).
const VARIANTS = (process.env.BENCH_VARIANTS ?? 'as-is').split(',').map((v) => v.trim()).filter(Boolean);
const BASELINE_DIR = process.env.BENCH_BASELINE_DIR;
if (VARIANTS.some((v) => v.startsWith('baseline')) && !BASELINE_DIR) throw new Error('the baseline variant needs BENCH_BASELINE_DIR, a checkout of Mutua to compare with');

// The demo generator averages 6.2 members per household.
const HOUSEHOLDS = Math.round(BENEFICIARIES / 6.2);
const SCHEME = 'MUT-DEMO-1';
const log = (message: string) => process.stderr.write(`[eligibility] ${message}\n`);
const load = () => loadAverage().join(' ');

// The demo database takes minutes to generate at 1M: it is made once per size and kept in
// bench/out/eligibility-<beneficiaries> (BENCH_DATA_DIR: another folder; BENCH_FRESH=1: make it
// again), then reused by the next runs. With BENCH_DATABASE_URL, a new database each run.
const dataDir = process.env.BENCH_DATABASE_URL ? undefined : path.resolve(process.env.BENCH_DATA_DIR ?? fileURLToPath(new URL(`./out/eligibility-${BENEFICIARIES}`, import.meta.url)));
const marker = dataDir ? path.join(dataDir, 'demo.json') : undefined;
const kept = marker && process.env.BENCH_FRESH !== '1' && existsSync(marker) ? (JSON.parse(await fs.readFile(marker, 'utf8')) as DemoResult) : undefined;
// A folder without its marker holds a generation that did not finish.
if (dataDir && !kept) await fs.rm(dataDir, { recursive: true, force: true });
const database = await openBenchDatabase({ keepIn: dataDir });
const ctx = { db: database.db, actor: systemActor('bench') };
const folder = await fs.mkdtemp(path.join(os.tmpdir(), 'mutua-bench-eligibility-'));
let server: ChildProcess | undefined;

/**
 * CPU time (ms) each process of the database server has used so far, by pid, from /proc (Linux,
 * a server on this machine): with the Node processes' own, it says where a request's CPU goes.
 * Undefined when it cannot be read.
 */
async function databaseCpu(): Promise<Map<number, number> | undefined> {
  try {
    const rows = await sql<{ pid: number }>`select pid from pg_stat_activity`.execute(database.db);
    const cpu = new Map<number, number>();
    for (const { pid } of rows.rows) {
      const stat = await fs.readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
      if (!stat) continue;
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      cpu.set(pid, (Number(fields[11]) + Number(fields[12])) * 10); // USER_HZ is 100 on Linux
    }
    return cpu;
  } catch {
    return undefined;
  }
}

/** CPU used between two readings by the processes alive at the second (idle ones may have left). */
function cpuBetween(before: Map<number, number> | undefined, after: Map<number, number> | undefined): number | undefined {
  if (!before || !after) return undefined;
  let ms = 0;
  for (const [pid, used] of after) ms += used - (before.get(pid) ?? 0);
  return ms;
}

/** Blocks found in the database's shared buffers and blocks it had to read (from the OS), so far. */
async function bufferCounts(): Promise<{ hit: number; read: number }> {
  const { rows } = await sql<{ hit: string; read: string }>`select blks_hit::text as hit, blks_read::text as read from pg_stat_database where datname = current_database()`.execute(database.db);
  return { hit: Number(rows[0]!.hit), read: Number(rows[0]!.read) };
}

/** CPU used during `work` by the server process, the database and this process (the load generator), in ms. */
async function cpuDuring<T>(
  child: ChildProcess,
  work: () => Promise<T>,
): Promise<{ result: T; server: number; serverSystem: number; database: number | undefined; client: number; buffers: { hit: number; read: number } }> {
  const cpu = () => ask<{ user: number; system: number }>(child, { type: 'cpu' }, 'cpu');
  const [server0, db0, buffers0, client0] = [await cpu(), await databaseCpu(), await bufferCounts(), process.cpuUsage()];
  const result = await work();
  const client = process.cpuUsage(client0);
  const [server1, db1, buffers1] = [await cpu(), await databaseCpu(), await bufferCounts()];
  const buffers = { hit: buffers1.hit - buffers0.hit, read: buffers1.read - buffers0.read };
  const server = (server1.user + server1.system - server0.user - server0.system) / 1000;
  return { result, server, serverSystem: (server1.system - server0.system) / 1000, database: cpuBetween(db0, db1), client: (client.user + client.system) / 1000, buffers };
}

async function quieter(): Promise<void> {
  if (QUIET_LOAD === undefined) return;
  const until = Date.now() + WAIT_SECONDS * 1000;
  while (loadAverage()[0] >= QUIET_LOAD && Date.now() < until) {
    log(`waiting for the load (${load()}) to fall below ${QUIET_LOAD}`);
    await new Promise((resolve) => setTimeout(resolve, 15_000));
  }
}

function ask<T>(child: ChildProcess, message: object, type: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const onMessage = (m: { type: string }) => {
      if (m.type !== type) return;
      child.off('message', onMessage);
      child.off('exit', onExit);
      resolve(m as T);
    };
    const onExit = (code: number | null) => reject(new Error(`the server exited (${code})`));
    child.on('message', onMessage);
    child.once('exit', onExit);
    if (Object.keys(message).length) child.send(message);
  });
}

/** CPU per request: the server's (Node), the database's, the load generator's. */
function reportCpu(kind: string, cpu: { server: number; serverSystem: number; database: number | undefined; client: number; buffers: { hit: number; read: number } }, requests: number, tag: object) {
  const per = (ms: number) => Math.round((ms / requests) * 1000) / 1000;
  report('eligibility', `${kind}_cpu_per_request`, per(cpu.server + (cpu.database ?? 0) + cpu.client), 'ms', {
    ...tag,
    server: per(cpu.server),
    // Of which in the kernel (system calls: sockets), the rest in Node.
    serverSystem: per(cpu.serverSystem),
    database: cpu.database === undefined ? null : per(cpu.database),
    client: per(cpu.client),
    // Per request: 8 kB blocks found in shared buffers, and read from outside them.
    blocksHit: Math.round((cpu.buffers.hit / requests) * 10) / 10,
    blocksRead: Math.round((cpu.buffers.read / requests) * 10) / 10,
  });
}

try {
  let demo: DemoResult;
  if (kept) {
    demo = kept;
    log(`reusing the demo database in ${dataDir} (${demo.households} households, ${demo.beneficiaries} beneficiaries; BENCH_FRESH=1 to make it again)`);
  } else {
    log(`generating ${HOUSEHOLDS} households (about ${BENEFICIARIES} beneficiaries) on the ${database.kind} database; load ${load()}`);
    let lastReport = 0;
    const started = performance.now();
    demo = await generateDemo(ctx, {
      seed: 1,
      households: HOUSEHOLDS,
      onProgress: (done, total, label) => {
        if (label === 'households' && (done === total || performance.now() - lastReport > 10_000)) {
          lastReport = performance.now();
          log(`${done}/${total} households, ${Math.round((performance.now() - started) / 1000)} s, load ${load()}`);
        }
      },
    });
    const seconds = (performance.now() - started) / 1000;
    report('eligibility', 'generator_rows_per_s', demo.rows / seconds, 'rows/s', {
      rows: demo.rows,
      households: demo.households,
      beneficiaries: demo.beneficiaries,
      periods: demo.periods,
      dues: demo.dues,
      payments: demo.payments,
      seconds: Math.round(seconds),
      db: database.kind,
    });
    if (marker) await fs.writeFile(marker, JSON.stringify(demo));
  }

  const size = await sql<{ size: string; buffers: string }>`select pg_size_pretty(pg_database_size(current_database())) as size, current_setting('shared_buffers') as buffers`.execute(database.db);
  log(`database ${size.rows[0]!.size}, shared_buffers ${size.rows[0]!.buffers}`);
  // What a server answering checks all day holds in its cache: the tables and indexes the look-up
  // reads, loaded before the first variant so that each variant meets the same cache.
  try {
    await sql`create extension if not exists pg_prewarm`.execute(database.db);
    const relations = ['beneficiary', 'beneficiary_scheme_card_uq', 'household', 'household_scheme_id_uq', 'coverage_period', 'coverage_period_start_uq', 'due', 'due_household_idx', 'payment', 'payment_household_idx'];
    const { rows } = await sql<{ blocks: number }>`select sum(pg_prewarm(r::regclass))::int as blocks from unnest(${relations}::text[]) as r`.execute(database.db);
    log(`prewarmed ${Math.round((rows[0]!.blocks * 8) / 1024)} MB of the look-up's tables and indexes`);
  } catch (error) {
    log(`no prewarm: ${String(error)}`);
  }
  const scheme = await database.db.selectFrom('scheme').select('id').where('code', '=', SCHEME).executeTakeFirstOrThrow();
  const cards = (await database.db.selectFrom('beneficiary').select('card').where('scheme_id', '=', scheme.id).execute()).map((r) => r.card);
  const cardsFile = path.join(folder, 'cards.txt');
  await fs.writeFile(cardsFile, cards.join('\n'));
  const agent = (await findUserByUsername(ctx, 'agent'))!;
  const { token } = await createApiToken(ctx, agent.id, { name: 'bench' });

  const profile = process.env.BENCH_CPU_PROF;
  const startServer = async (variant: string) => {
    // A variant may be followed by options: `/poolN` (the server's pool of N connections instead
    // of the default) and `/logged` (the server logging at info, as `mutua serve` does by default,
    // into a file: not into a pipe read here, which this process, busy making the load, would
    // drain too late, and the server would wait on a full pipe). `logged` alone is `as-is/logged`.
    const [first, ...options] = variant.split('/');
    const logged = first === 'logged' || options.includes('logged');
    const kind = first === 'logged' ? 'as-is' : first!;
    const pool = options.map((o) => o.match(/^pool(\d+)$/)?.[1]).find(Boolean);
    const script = kind === 'baseline' ? path.resolve(BASELINE_DIR!, 'bench/eligibility-server.ts') : fileURLToPath(new URL('./eligibility-server.ts', import.meta.url));
    const logFile = logged ? openSync(path.join(folder, `${variant.replace(/\W/g, '-')}.log`), 'w') : undefined;
    server = fork(script, {
      execArgv: ['--import', 'tsx', '--expose-gc', ...(profile ? ['--cpu-prof', `--cpu-prof-dir=${profile}`] : [])],
      env: {
        ...process.env,
        ...(logged ? { BENCH_LOG_LEVEL: 'info' } : {}),
        ...(pool ? { MUTUA_DB_POOL_SIZE: pool } : {}),
        BENCH_SERVER_DATABASE_URL: database.url,
        BENCH_SCHEME_ID: scheme.id,
        BENCH_DATE: REFERENCE_DATE,
        BENCH_CARDS_FILE: cardsFile,
        BENCH_VARIANT: kind === 'baseline' ? 'as-is' : kind,
      },
      stdio: ['ignore', logFile ?? 'inherit', 'inherit', 'ipc'],
    });
    if (logFile !== undefined) closeSync(logFile);
    return (await ask<{ port: number }>(server, {}, 'listening')).port;
  };
  const stopServer = async () => {
    if (!server || server.exitCode !== null) return;
    server.send({ type: 'close' });
    await new Promise((resolve) => server!.once('exit', resolve));
  };

  const random = new Random(11);
  const target = (port: number) => ({
    url: `http://127.0.0.1:${port}`,
    headers: { authorization: `Bearer ${token}` },
    requests: [{ method: 'GET' as const, setupRequest: (request: autocannon.Request) => ({ ...request, path: `/api/schemes/${SCHEME}/coverage/${cards[Math.floor(random.next() * cards.length)]}?date=${REFERENCE_DATE}` }) }],
  });

  type Summary = {
    variant: string;
    round: number;
    requestsPerS: number;
    p50: number;
    p99: number;
    loadBefore: string;
    serverRssMiB?: number;
    bareSqlPerS?: number;
    preparedSqlPerS?: number;
    httpToBareSql?: number;
    httpToPreparedSql?: number;
  };
  const summary: Summary[] = [];
  const round2 = (x: number) => Math.round(x * 100) / 100;
  for (const variant of VARIANTS) {
    const port = await startServer(variant);
    // The loops without HTTP run on the default server only.
    const asIs = variant === 'as-is';
    log(`server ${variant}: ${cards.length} cards of ${SCHEME}; warming up; load ${load()}`);
    await autocannon({ ...target(port), connections: CONNECTIONS, duration: 3 });
    for (let round = 1; round <= ROUNDS; round += 1) {
      await quieter();
      const loadBefore = load();
      log(`${variant}, round ${round}: HTTP, ${CONNECTIONS} connections for ${DURATION} s; load ${loadBefore}`);
      const measured = await cpuDuring(server!, () => autocannon({ ...target(port), connections: CONNECTIONS, duration: DURATION }));
      const http = measured.result;
      if (http.non2xx > 0 || http.errors > 0) throw new Error(`${http.non2xx} requests answered non-2xx, ${http.errors} errors`);
      const tag = { variant, round };
      const where = { route: 'GET /api/schemes/:scheme/coverage/:card', connections: CONNECTIONS, seconds: DURATION, beneficiaries: demo.beneficiaries, ...tag, loadBefore };
      report('eligibility', 'http_requests_per_s', http.requests.average, 'req/s', where);
      report('eligibility', 'http_p50', http.latency.p50, 'ms', tag);
      report('eligibility', 'http_p99', http.latency.p99, 'ms', tag);
      reportCpu('http', measured, http.requests.total, tag);

      const line: Summary = { variant, round, requestsPerS: round2(http.requests.average), p50: http.latency.p50, p99: http.latency.p99, loadBefore };
      summary.push(line);
      if (round === 1) {
        // The server's memory right after the load, and what is live after a full collection.
        const memory = await ask<NodeJS.MemoryUsage & { liveHeap: number | null }>(server!, { type: 'memory' }, 'memory');
        const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;
        report('eligibility', 'server_rss', mb(memory.rss), 'MiB', { beneficiaries: demo.beneficiaries, after: 'load', variant });
        report('eligibility', 'server_heap_used', mb(memory.heapUsed), 'MiB', { heapTotal: mb(memory.heapTotal), liveAfterGc: memory.liveHeap === null ? null : mb(memory.liveHeap), variant });
        line.serverRssMiB = mb(memory.rss);
      }
      if (HTTP_ONLY || !asIs) continue;

      const rates: Record<string, number> = {};
      for (const kind of ['service', 'bare', 'prepared']) {
        const before = load();
        log(`round ${round}: ${kind}, ${CONNECTIONS} concurrent loops for ${DURATION} s through the server's pool; load ${before}`);
        const run = await cpuDuring(server!, () => ask<{ count: number; seconds: number; p50: number; p99: number }>(server!, { type: 'loop', kind, seconds: DURATION, connections: CONNECTIONS }, 'loop'));
        const f = run.result;
        rates[kind] = f.count / f.seconds;
        report('eligibility', `${kind}_per_s`, rates[kind], kind === 'service' ? 'calls/s' : 'q/s', { round, loadBefore: before });
        report('eligibility', `${kind}_p50`, f.p50, 'ms', { round });
        report('eligibility', `${kind}_p99`, f.p99, 'ms', { round });
        reportCpu(kind, { ...run, client: 0 }, f.count, { round });
      }
      report('eligibility', 'http_to_bare_sql_ratio', http.requests.average / rates.bare!, 'ratio', { round });
      report('eligibility', 'http_to_prepared_sql_ratio', http.requests.average / rates.prepared!, 'ratio', { round });
      report('eligibility', 'http_to_service_ratio', http.requests.average / rates.service!, 'ratio', { round });
      Object.assign(line, {
        bareSqlPerS: round2(rates.bare!),
        preparedSqlPerS: round2(rates.prepared!),
        httpToBareSql: round2(http.requests.average / rates.bare!),
        httpToPreparedSql: round2(http.requests.average / rates.prepared!),
      });
    }

    if (asIs && !HTTP_ONLY) {
      // Where a call's time goes: each query of the service's look-up, one call at a time.
      type Times = { samples: number; callP50: number; callMean: number; queries: { query: string; perCall: number; p50: number; mean: number }[] };
      const queries = await ask<Times>(server!, { type: 'queries', samples: 500 }, 'queries');
      report('eligibility', 'service_call_alone_p50', queries.callP50, 'ms', { samples: queries.samples, queries: queries.queries.length });
      for (const q of queries.queries) report('eligibility', 'service_query_p50', q.p50, 'ms', { query: q.query, perCall: q.perCall, mean: Math.round(q.mean * 1000) / 1000 });
    }
    await stopServer();
  }
  // The figures of the acceptance, one line per variant and round, together at the end.
  for (const line of summary) report('eligibility', 'summary', line.requestsPerS, 'req/s', { ...line, beneficiaries: demo.beneficiaries });
} finally {
  if (server && server.exitCode === null) {
    server.send({ type: 'close' });
    await new Promise((resolve) => server!.once('exit', resolve));
  }
  await database.close();
  await fs.rm(folder, { recursive: true, force: true });
}
