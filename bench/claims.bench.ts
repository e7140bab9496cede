import { fork, type ChildProcess } from 'node:child_process';
import { existsSync, promises as fs } from 'node:fs';
import { Session } from 'node:inspector/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { systemActor } from '../src/platform/audit/audit.js';
import { connect, databaseName, withDatabase, type Db } from '../src/platform/db/connection.js';
import type { Database } from '../src/platform/db/schema.js';
import { startEmbedded, type EmbeddedServer } from '../src/platform/db/embedded.js';
import { migrateToLatest } from '../src/platform/db/migrate.js';
import { createApiToken, findUserByUsername } from '../src/modules/access/index.js';
import { adjudicateSubmitted } from '../src/modules/claims/index.js';
// As `mutua serve` and the `mutua` commands do: the books post every decided claim (the ledger
// listens to the claims module's events), so the batch is measured with its postings.
import '../src/modules/finance/index.js';
import { generateDemo, type DemoResult } from '../src/demo/index.js';
import { REFERENCE_DATE } from '../src/demo/households.js';
import { Random } from '../src/demo/random.js';
import { addDays } from '../src/platform/dates.js';
import { loadAverage, report } from './lib.js';

// Claims (issue #4 acceptance). On a demo federation whose providers sent about BENCH_CLAIM_LINES
// claim lines (default 1,000,000), all `submitted` (`mutua demo --no-adjudicate`):
// 1. batch adjudication of every line, scheme after scheme, as `mutua claims adjudicate` runs it
//    (chunks of BENCH_CHUNK claims, one transaction each): lines/s, with the CPU the Node process
//    and the database used, and the time spent in SQL by statement (the rest is the engine and the
//    JavaScript around it; BENCH_CPU_PROF=<folder> writes a CPU profile of the run);
// 2. in the same run, the same decided rows inserted bare, into empty copies of claim_decision
//    (same columns and indexes, no foreign key): by the database alone (insert ... select), and
//    through the engine's own unnest statement in chunks as large as the run's: rows/s, and the
//    run's ratio to each (targets: 20,000 lines/s on the embedded server, ratio >= 0.3);
// 3. single claims submitted over HTTP (POST /api/schemes/:scheme/claims, decided at once) with a
//    claims officer's API token, random members and a new number each, by autocannon against the
//    server in its own process: requests/s, p50, p99 (target: p99 under 20 ms).
//
// Env: BENCH_CLAIM_LINES, BENCH_CLAIM_RATE (1: the demo's utilization), BENCH_HOUSEHOLDS (default:
// enough for the lines), BENCH_CHUNK (the engine's default, 5000), BENCH_SECONDS (20), BENCH_CONNECTIONS (10),
// BENCH_SKIP_HTTP=1, BENCH_CPU_PROF, BENCH_FRESH=1 (generate again), BENCH_DATA_DIR, BENCH_KEEP_RUN=1
// (keep the adjudicated copy), BENCH_DATABASE_URL (an external server: generated each run).
const LINES = Number(process.env.BENCH_CLAIM_LINES ?? 1_000_000);
const RATE = Number(process.env.BENCH_CLAIM_RATE ?? 1);
// The demo sends about 13 claim lines per household at rate 1 (claims.ts).
const HOUSEHOLDS = Number(process.env.BENCH_HOUSEHOLDS ?? Math.round(LINES / 13 / Math.max(RATE, 0.01)));
// Claims per chunk (one transaction each): the engine's default (5000) unless given.
const CHUNK = process.env.BENCH_CHUNK ? Number(process.env.BENCH_CHUNK) : undefined;
const ENGINE_CHUNK = 5000;
const DURATION = Number(process.env.BENCH_SECONDS ?? 20);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const SCHEME = 'MUT-DEMO-1';
const log = (message: string) => process.stderr.write(`[claims] ${message}\n`);
const load = () => loadAverage().join(' ');
const round = (x: number, digits = 2) => Math.round(x * 10 ** digits) / 10 ** digits;

// The demo database (claims submitted, none decided) is made once per size and kept in
// bench/out/claims-<lines> (BENCH_DATA_DIR: another folder); each run adjudicates a copy of it
// (create database ... template), dropped at the end.
const external = process.env.BENCH_DATABASE_URL;
const dataDir = external ? undefined : path.resolve(process.env.BENCH_DATA_DIR ?? fileURLToPath(new URL(`./out/claims-${LINES}${RATE === 1 ? '' : `-r${RATE}`}`, import.meta.url)));
const marker = dataDir ? path.join(dataDir, 'demo.json') : undefined;
const kept = marker && process.env.BENCH_FRESH !== '1' && existsSync(marker) ? (JSON.parse(await fs.readFile(marker, 'utf8')) as DemoResult) : undefined;
if (dataDir && !kept) await fs.rm(dataDir, { recursive: true, force: true });

let embedded: EmbeddedServer | undefined;
let serverUrl: string;
let source: string;
if (dataDir) {
  embedded = await startEmbedded(dataDir);
  serverUrl = embedded.serverUrl;
  source = databaseName(embedded.url);
} else {
  serverUrl = withDatabase(external!, 'postgres');
  source = `mutua_bench_claims_src_${process.pid}`;
}
const runName = `mutua_bench_claims_run_${process.pid}`;

async function admin(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

/** CPU time (ms) each process of the database server has used so far, by pid (Linux, same machine). */
async function databaseCpu(db: Db): Promise<Map<number, number> | undefined> {
  try {
    const rows = await sql<{ pid: number }>`select pid from pg_stat_activity`.execute(db);
    const cpu = new Map<number, number>();
    for (const { pid } of rows.rows) {
      const stat = await fs.readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
      if (!stat) continue;
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      cpu.set(pid, (Number(fields[11]) + Number(fields[12])) * 10);
    }
    return cpu;
  } catch {
    return undefined;
  }
}

function cpuBetween(before: Map<number, number> | undefined, after: Map<number, number> | undefined): number | null {
  if (!before || !after) return null;
  let ms = 0;
  for (const [pid, used] of after) ms += used - (before.get(pid) ?? 0);
  return ms;
}

let server: ChildProcess | undefined;
let run: ReturnType<typeof connect> | undefined;
try {
  // ---------------------------------------------------------------- the submitted claims
  let demo: DemoResult;
  if (kept) {
    demo = kept;
    log(`reusing the demo database in ${dataDir} (${demo.households} households, ${demo.claims} claims, ${demo.claimLines} lines; BENCH_FRESH=1 to make it again)`);
    // Migrations added since it was made.
    const handle = connect(embedded!.url, { poolSize: 2 });
    await migrateToLatest(handle.db).finally(() => handle.close());
  } else {
    if (external) await admin(`create database ${source}`);
    const url = embedded ? embedded.url : withDatabase(external!, source);
    const handle = connect(url, { poolSize: 20 });
    try {
      await migrateToLatest(handle.db);
      log(`generating ${HOUSEHOLDS} households with claims at rate ${RATE}, not adjudicated; load ${load()}`);
      let last = 0;
      const started = performance.now();
      demo = await generateDemo(
        { db: handle.db, actor: systemActor('bench') },
        {
          seed: 1,
          households: HOUSEHOLDS,
          claimRate: RATE,
          adjudicate: false,
          onProgress: (done, total, label) => {
            if (label === 'households' && (done === total || performance.now() - last > 15_000)) {
              last = performance.now();
              log(`${done}/${total} households, ${Math.round((performance.now() - started) / 1000)} s, load ${load()}`);
            }
          },
        },
      );
      const seconds = (performance.now() - started) / 1000;
      report('claims', 'generator_rows_per_s', demo.rows / seconds, 'rows/s', { rows: demo.rows, households: demo.households, claims: demo.claims, claimLines: demo.claimLines, seconds: Math.round(seconds) });
    } finally {
      await handle.close();
    }
    if (marker) await fs.writeFile(marker, JSON.stringify(demo));
  }

  // Each run decides a copy: the kept database stays undecided.
  await admin(`drop database if exists ${runName}`);
  const copyStarted = performance.now();
  await admin(`create database ${runName} template ${source} strategy file_copy`);
  log(`copied the database for this run in ${round((performance.now() - copyStarted) / 1000, 1)} s`);
  run = connect(withDatabase(serverUrl, runName), { poolSize: 20 });
  const db = run.db;
  const ctx = { db, actor: systemActor('bench') };

  // ---------------------------------------------------------------- 1. batch adjudication
  const schemes = await db.selectFrom('scheme').select(['id', 'code']).orderBy('code').execute();
  const submitted = await sql<{ claims: number; lines: number }>`
    select count(distinct c.id)::int as claims, count(*)::int as lines from claim c join claim_line l on l.claim_id = c.id where c.status = 'submitted'`.execute(db);
  log(`${submitted.rows[0]!.claims} claims, ${submitted.rows[0]!.lines} lines submitted in ${schemes.length} schemes; load ${load()}`);

  // Time in SQL by statement, through the same pool (the log costs a closure call per query).
  const statements = new Map<string, { n: number; ms: number }>();
  const traced = new Kysely<Database>({
    dialect: new PostgresDialect({ pool: run.pool }),
    log(event) {
      if (event.level !== 'query') return;
      const text = event.query.sql.replace(/\s+/g, ' ').trim().slice(0, 80);
      const s = statements.get(text) ?? statements.set(text, { n: 0, ms: 0 }).get(text)!;
      s.n += 1;
      s.ms += event.queryDurationMillis;
    },
  }) as Db;
  const profileDir = process.env.BENCH_CPU_PROF;
  const session = profileDir ? new Session() : undefined;
  if (session) {
    session.connect();
    await session.post('Profiler.enable');
    await session.post('Profiler.start');
  }
  const loadBefore = load();
  const db0 = await databaseCpu(db);
  const node0 = process.cpuUsage();
  const started = performance.now();
  const totals = { claims: 0, lines: 0, approved: 0, reduced: 0, rejected: 0 };
  let last = started;
  for (const scheme of schemes) {
    const done = await adjudicateSubmitted({ db: traced, actor: ctx.actor }, scheme.id, {
      ...(CHUNK ? { chunk: CHUNK } : {}),
      onProgress: (t, remaining) => {
        if (performance.now() - last < 15_000) return;
        last = performance.now();
        log(`${scheme.code}: ${t.claims} claims, ${t.lines} lines decided, ${remaining} claims left, ${Math.round((totals.lines + t.lines) / ((last - started) / 1000))} lines/s, load ${load()}`);
      },
    });
    for (const key of ['claims', 'lines', 'approved', 'reduced', 'rejected'] as const) totals[key] += done[key];
  }
  const wall = performance.now() - started;
  const nodeCpu = process.cpuUsage(node0);
  const dbCpu = cpuBetween(db0, await databaseCpu(db));
  if (session) {
    const { profile } = await session.post('Profiler.stop');
    await fs.mkdir(profileDir!, { recursive: true });
    const file = path.join(profileDir!, `claims-adjudication-${Date.now()}.cpuprofile`);
    await fs.writeFile(file, JSON.stringify(profile));
    log(`CPU profile of the run: ${file}`);
    session.disconnect();
  }
  const rate = totals.lines / (wall / 1000);
  const sqlMs = [...statements.values()].reduce((s, x) => s + x.ms, 0);
  report('claims', 'adjudication_lines_per_s', rate, 'lines/s', {
    lines: totals.lines,
    claims: totals.claims,
    approved: totals.approved,
    reduced: totals.reduced,
    rejected: totals.rejected,
    seconds: round(wall / 1000, 1),
    chunk: CHUNK ?? ENGINE_CHUNK,
    schemes: schemes.length,
    db: embedded ? 'embedded' : 'external',
    loadBefore,
  });
  // Where the time went: in SQL statements (as the driver saw them: the database's work and the
  // round trip), and in Node (the engine and the code around it) for the rest; CPU used by each.
  report('claims', 'adjudication_time_split', round(sqlMs / wall, 3), 'share in SQL', {
    wallMs: Math.round(wall),
    sqlMs: Math.round(sqlMs),
    nodeCpuMs: Math.round((nodeCpu.user + nodeCpu.system) / 1000),
    dbCpuMs: dbCpu,
    perLineUs: { wall: round((wall * 1000) / totals.lines, 1), sql: round((sqlMs * 1000) / totals.lines, 1), nodeCpu: round((nodeCpu.user + nodeCpu.system) / totals.lines, 1), dbCpu: dbCpu === null ? null : round((dbCpu * 1000) / totals.lines, 1) },
  });
  for (const [text, s] of [...statements].sort((a, b) => b[1].ms - a[1].ms).slice(0, 8)) {
    report('claims', 'adjudication_sql_ms', s.ms, 'ms', { statement: text, calls: s.n, perCallMs: round(s.ms / s.n, 1), share: round(s.ms / wall, 3) });
  }

  // ---------------------------------------------------------------- 2. the same rows, inserted bare
  const decisions = Number((await sql<{ n: string }>`select count(*)::text as n from claim_decision`.execute(db)).rows[0]!.n);
  await sql`create table bench_decision_select (like claim_decision including all)`.execute(db);
  await sql`create table bench_decision_unnest (like claim_decision including all)`.execute(db);
  await sql`checkpoint`.execute(db);
  let t = performance.now();
  await sql`insert into bench_decision_select select * from claim_decision`.execute(db);
  const selectRate = decisions / ((performance.now() - t) / 1000);
  report('claims', 'bare_insert_select_rows_per_s', selectRate, 'rows/s', { rows: decisions, statement: 'insert into <copy of claim_decision> select * from claim_decision' });

  // Through the engine's statement (claims.repository.ts writeDecisions), chunk by chunk as the
  // run wrote them: the rows read back first, only the inserts timed.
  const perChunk = Math.max(1, Math.round((totals.lines / Math.max(totals.claims, 1)) * (CHUNK ?? ENGINE_CHUNK)));
  type Row = { id: string; scheme_id: string; claim_id: string; line_id: string; decision: string; reasons: string[]; asked: number; allowed: number; payable: number; member_share: number; product_version_id: string | null; benefit_category: string | null; flags: string[]; decided_by: string; decided_at: Date };
  let insertMs = 0;
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const { rows } = await sql<Row>`
      select id, scheme_id, claim_id, line_id, decision, reasons, asked, allowed, payable, member_share, product_version_id, benefit_category, flags, decided_by, decided_at
        from claim_decision where id > ${after}::uuid order by id limit ${perChunk}`.execute(db);
    if (rows.length === 0) break;
    after = rows[rows.length - 1]!.id;
    const col = <T>(pick: (r: Row) => T) => rows.map(pick);
    t = performance.now();
    await sql`
      insert into bench_decision_unnest (id, scheme_id, claim_id, line_id, current, kind, decision, reasons, asked, allowed, payable, member_share,
                                         product_version_id, benefit_category, flags, note, decided_by, decided_at)
      select u.id, ${rows[0]!.scheme_id}::uuid, u.claim_id, u.line_id, true, 'engine', u.decision,
             coalesce(string_to_array(nullif(u.reasons, ''), ','), '{}'), u.asked, u.allowed, u.payable, u.member_share,
             u.version_id, u.category, coalesce(string_to_array(nullif(u.flags, ''), ','), '{}'), null, ${rows[0]!.decided_by}, ${rows[0]!.decided_at}
        from unnest(${col((r) => r.id)}::uuid[], ${col((r) => r.claim_id)}::uuid[], ${col((r) => r.line_id)}::uuid[], ${col((r) => r.decision)}::text[], ${col((r) => r.reasons.join(','))}::text[],
                    ${col((r) => r.asked)}::bigint[], ${col((r) => r.allowed)}::bigint[], ${col((r) => r.payable)}::bigint[], ${col((r) => r.member_share)}::bigint[],
                    ${col((r) => r.product_version_id)}::uuid[], ${col((r) => r.benefit_category)}::text[], ${col((r) => r.flags.join(','))}::text[])
             as u(id, claim_id, line_id, decision, reasons, asked, allowed, payable, member_share, version_id, category, flags)`.execute(db);
    insertMs += performance.now() - t;
  }
  const unnestRate = decisions / (insertMs / 1000);
  report('claims', 'bare_insert_unnest_rows_per_s', unnestRate, 'rows/s', { rows: decisions, rowsPerStatement: perChunk, statement: 'the engine’s insert ... select from unnest(...), into a copy of claim_decision' });
  report('claims', 'adjudication_to_bare_select_ratio', rate / selectRate, 'ratio');
  report('claims', 'adjudication_to_bare_unnest_ratio', rate / unnestRate, 'ratio');
  await sql`drop table bench_decision_select, bench_decision_unnest`.execute(db);

  // ---------------------------------------------------------------- 3. single claims over HTTP
  if (process.env.BENCH_SKIP_HTTP !== '1') {
    const scheme = schemes.find((s) => s.code === SCHEME)!;
    const cards = (await db.selectFrom('beneficiary').select('card').where('scheme_id', '=', scheme.id).execute()).map((r) => r.card);
    // Where members go for a consultation: health posts and centres, at their tariff.
    const tariffs = await sql<{ code: string; level: string; consultation: number; drug: number }>`
      select p.code, p.level,
             max(ap.price) filter (where s.code in ('CONS-ICP', 'CONS-MG'))::int as consultation, max(ap.price) filter (where s.code = 'PARA500')::int as drug
        from provider p join agreement a on a.provider_id = p.id and a.valid_to is null
        join agreement_price ap on ap.agreement_id = a.id join service s on s.id = ap.service_id
       where p.scheme_id = ${scheme.id} and p.level in ('health_post', 'health_centre')
       group by p.code, p.level order by p.code`.execute(db);
    const providers = tariffs.rows.filter((p) => p.consultation && p.drug);
    const officer = (await findUserByUsername(ctx, 'claims'))!;
    const { token } = await createApiToken(ctx, officer.id, { name: 'bench' });

    server = fork(fileURLToPath(new URL('./claims-server.ts', import.meta.url)), {
      execArgv: ['--import', 'tsx', ...(profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [])],
      env: { ...process.env, BENCH_SERVER_DATABASE_URL: withDatabase(serverUrl, runName) },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const child = server;
    const port = await new Promise<number>((resolve, reject) => {
      child.once('message', (m: { port: number }) => resolve(m.port));
      child.once('exit', (code) => reject(new Error(`the server exited (${code})`)));
    });
    const random = new Random(17);
    let sequence = 0;
    const body = () => {
      const provider = providers[Math.floor(random.next() * providers.length)]!;
      const from = addDays(REFERENCE_DATE, -random.int(0, 20));
      sequence += 1;
      return JSON.stringify({
        number: `HTTP-${process.pid}-${sequence}`,
        provider: provider.code,
        member: cards[Math.floor(random.next() * cards.length)],
        from,
        to: from,
        submittedOn: REFERENCE_DATE,
        diagnosis: 'B54',
        lines: [
          { service: provider.level === 'health_post' ? 'CONS-ICP' : 'CONS-MG', quantity: 1, unitPrice: provider.consultation },
          { service: 'PARA500', quantity: 1, unitPrice: provider.drug },
        ],
      });
    };
    const target = {
      url: `http://127.0.0.1:${port}`,
      // Seconds before a request counts as an error: slow answers are measured, not dropped.
      timeout: 60,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      requests: [{ method: 'POST' as const, path: `/api/schemes/${SCHEME}/claims`, setupRequest: (request: autocannon.Request) => ({ ...request, body: body() }) }],
    };
    const ask = <T>(type: string, message: object = {}) =>
      new Promise<T>((resolve) => {
        const onMessage = (m: { type: string }) => {
          if (m.type !== type) return;
          child.off('message', onMessage);
          resolve(m as T);
        };
        child.on('message', onMessage);
        child.send({ type, ...message });
      });
    // Warmed up one request at a time: requests still queued on the server when autocannon stops
    // would otherwise run into the next phase.
    log(`HTTP: warming up; load ${load()}`);
    await autocannon({ ...target, connections: 1, duration: 3 });
    // One request at a time first: what one submission costs, and where, without queueing.
    await ask('sql', { reset: true });
    const alone = Math.min(DURATION, 10);
    const aloneLoad = load();
    log(`HTTP: 1 connection for ${alone} s; load ${aloneLoad}`);
    const one = await autocannon({ ...target, connections: 1, duration: alone });
    const { statements } = await ask<{ statements: { text: string; n: number; ms: number }[] }>('sql', { reset: true });
    report('claims', 'http_submit_one_connection_requests_per_s', one.requests.average, 'req/s', { errors: one.errors, non2xx: one.non2xx, loadBefore: aloneLoad });
    report('claims', 'http_submit_one_connection_p50', one.latency.p50, 'ms');
    report('claims', 'http_submit_one_connection_p99', one.latency.p99, 'ms');
    const requests = Math.max(1, one.requests.total);
    report('claims', 'http_submit_sql_per_request', statements.reduce((s, x) => s + x.ms, 0) / requests, 'ms', {
      statementsPerRequest: round(statements.reduce((s, x) => s + x.n, 0) / requests, 1),
      requests,
    });
    for (const s of [...statements].sort((a, b) => b.ms - a.ms).slice(0, 8)) {
      report('claims', 'http_submit_sql_ms_per_request', s.ms / requests, 'ms', { statement: s.text, perRequest: round(s.n / requests, 1) });
    }
    const httpLoad = load();
    log(`HTTP: ${CONNECTIONS} connections for ${DURATION} s; load ${httpLoad}`);
    const result = await autocannon({ ...target, connections: CONNECTIONS, duration: DURATION });
    if (result.non2xx > 0 || result.errors > 0) log(`${result.non2xx} requests answered non-2xx, ${result.errors} errors`);
    const where = { route: 'POST /api/schemes/:scheme/claims', connections: CONNECTIONS, seconds: DURATION, decidedLines: totals.lines, non2xx: result.non2xx, errors: result.errors, loadBefore: httpLoad };
    report('claims', 'http_submit_requests_per_s', result.requests.average, 'req/s', where);
    report('claims', 'http_submit_p50', result.latency.p50, 'ms');
    report('claims', 'http_submit_p99', result.latency.p99, 'ms');
    // Under load, what a request spends in SQL, and of that waiting for the scheme's lock on
    // single submissions (claims.engine.ts lockSingle: one decided at a time per scheme).
    const busy = (await ask<{ statements: { text: string; n: number; ms: number }[] }>('sql', { reset: true })).statements;
    const served = Math.max(1, result.requests.total);
    const locks = busy.filter((s) => s.text.startsWith('select pg_advisory_xact_lock')).reduce((sum, s) => sum + s.ms, 0);
    report('claims', 'http_submit_lock_wait_per_request', locks / served, 'ms', { sqlPerRequest: round(busy.reduce((sum, s) => sum + s.ms, 0) / served, 1), requests: served });
  }
  report('claims', 'summary', round(rate), 'lines/s', { lines: totals.lines, loadAverage: load() });
} finally {
  if (server && server.exitCode === null) {
    const child = server;
    child.send({ type: 'close' });
    await new Promise((resolve) => child.once('exit', resolve));
  }
  await run?.close();
  if (process.env.BENCH_KEEP_RUN !== '1') await admin(`drop database if exists ${runName} with (force)`).catch(() => undefined);
  if (external) await admin(`drop database if exists ${source} with (force)`).catch(() => undefined);
  await embedded?.stop();
}
