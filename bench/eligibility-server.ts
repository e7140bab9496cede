import { readFileSync } from 'node:fs';
import { Kysely, PostgresDialect, sql } from 'kysely';
import { loadConfig } from '../src/platform/config.js';
import { systemActor } from '../src/platform/audit/audit.js';
import { connect, type Db } from '../src/platform/db/connection.js';
import type { Database } from '../src/platform/db/schema.js';
import { beneficiaryCoverage } from '../src/modules/coverage/index.js';
import { Random } from '../src/demo/random.js';
import { buildServer } from '../src/server.js';
import { percentile } from './lib.js';

/**
 * The server side of eligibility.bench.ts, in a process of its own as `mutua serve` runs: the
 * HTTP server on the bench database with the default pool, which the parent loads over loopback;
 * then, on request, the same look-up without HTTP (the service, and one bare SQL query) through
 * the same pool, and the process's memory. Messages: {type: 'loop', kind, seconds, connections}
 * -> {count, seconds, p50, p99}; {type: 'memory'}; {type: 'cpu'} (process.cpuUsage());
 * {type: 'queries'} (per-query times of the service's look-up); {type: 'close'}.
 */
const env = process.env;
const config = loadConfig({ ...env, MUTUA_LOG_LEVEL: env.BENCH_LOG_LEVEL ?? 'silent' });
// `unprepared`: every statement sent unnamed, as before prepared statements (connection.ts).
const handle = connect(env.BENCH_SERVER_DATABASE_URL!, { poolSize: config.poolSize, prepare: env.BENCH_VARIANT !== 'unprepared' });
const app = await buildServer(handle.db, config, { webRoot: null });
await app.listen({ port: 0, host: '127.0.0.1' });
const address = app.server.address();
const port = typeof address === 'object' && address ? address.port : 0;

const schemeId = env.BENCH_SCHEME_ID!;
const date = env.BENCH_DATE!;
// Read only for the loops, after the memory of the HTTP server alone has been taken.
let cards: string[] = [];
const card = () => {
  if (!cards.length) cards = readFileSync(env.BENCH_CARDS_FILE!, 'utf8').split('\n').filter(Boolean);
  return cards[Math.floor(random.next() * cards.length)]!;
};
const random = new Random(7);
const ctx = { db: handle.db, actor: systemActor('bench') };

// The look-up in one statement, as the server makes it (members' cardHolderStatement with the
// coverage module's columns): the card's holder and household number, and the household's
// periods, dues and payments as the status rules need them (product versions are read once and
// kept, so they are not in it).
const lookUp = `
  select b.id, b.card, b.first_name, b.last_name, b.sex, b.birth_date, b.birth_year, b.joined_on, b.status, b.status_date,
         b.household_id, h.number as household_number,
    (select coalesce(json_agg(json_build_object('id', p.id, 'start', p.start_date, 'end', p.end_date, 'renewalOf', p.renewal_of,
                                                'versionId', p.product_version_id) order by p.start_date), '[]')
       from coverage_period p where p.scheme_id = $1 and p.household_id = b.household_id) as periods,
    (select coalesce(json_agg(json_build_object('id', d.id, 'periodId', d.period_id, 'seq', d.seq, 'dueDate', d.due_date, 'amount', d.amount,
                                                'original', d.original) order by d.due_date, d.seq), '[]')
       from due d where d.scheme_id = $1 and d.household_id = b.household_id) as dues,
    (select coalesce(json_agg(json_build_object('id', x.id, 'date', x.date, 'amount', x.amount, 'reversalOf', x.reversal_of)
                              order by x.date, x.created_at, x.id), '[]')
       from payment x where x.scheme_id = $1 and x.household_id = b.household_id) as payments
    from beneficiary b join household h on h.id = b.household_id and h.scheme_id = b.scheme_id
   where b.scheme_id = $1 and b.card = $2`;

const kinds: Record<string, (card: string) => Promise<unknown>> = {
  // The eligibility check's service call, without HTTP (auth, scheme look-up, serialization).
  service: (card) => beneficiaryCoverage(ctx, schemeId, card, date),
  // One statement, parsed each time (pool.query is not made to prepare: connection.ts).
  bare: (card) => handle.pool.query(lookUp, [schemeId, card]),
  // The same statement prepared once per connection.
  prepared: (card) => handle.pool.query({ name: 'bench_eligibility', text: lookUp, values: [schemeId, card] }),
};

async function loop(kind: string, seconds: number, connections: number) {
  const run = kinds[kind]!;
  const latencies: number[] = [];
  const end = Date.now() + seconds * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (Date.now() < end) {
        const t = performance.now();
        await run(card());
        latencies.push(performance.now() - t);
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return { count: latencies.length, seconds: elapsed, p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
}

/** Each query of the service's look-up, timed, over `samples` random cards one after the other. */
async function queryTimes(samples: number) {
  const times = new Map<string, number[]>();
  // On the server's own pool, whose statements are prepared as the server's are; not destroyed
  // (that would end the pool).
  const traced = new Kysely<Database>({
    dialect: new PostgresDialect({ pool: handle.pool }),
    log(event) {
      if (event.level !== 'query') return;
      const text = event.query.sql.replace(/\s+/g, ' ').slice(0, 90);
      (times.get(text) ?? times.set(text, []).get(text)!).push(event.queryDurationMillis);
    },
  }) as Db;
  const totals: number[] = [];
  for (let i = 0; i < samples; i += 1) {
    const t = performance.now();
    await beneficiaryCoverage({ db: traced, actor: ctx.actor }, schemeId, card(), date);
    totals.push(performance.now() - t);
  }
  const summary = [...times.entries()].map(([text, list]) => {
    list.sort((a, b) => a - b);
    return { query: text, perCall: list.length / samples, p50: percentile(list, 50), mean: list.reduce((s, x) => s + x, 0) / list.length };
  });
  totals.sort((a, b) => a - b);
  return { samples, callP50: percentile(totals, 50), callMean: totals.reduce((s, x) => s + x, 0) / totals.length, queries: summary };
}

process.on('message', (message: { type: string; kind?: string; seconds?: number; connections?: number; samples?: number }) => {
  void (async () => {
    switch (message.type) {
      case 'loop':
        process.send!({ type: 'loop', ...(await loop(message.kind!, message.seconds!, message.connections!)) });
        break;
      case 'queries':
        process.send!({ type: 'queries', ...(await queryTimes(message.samples ?? 500)) });
        break;
      case 'memory': {
        const usage = process.memoryUsage();
        // With --expose-gc: what is still live after a full collection.
        const gc = (globalThis as { gc?: () => void }).gc;
        gc?.();
        process.send!({ type: 'memory', ...usage, liveHeap: gc ? process.memoryUsage().heapUsed : null });
        break;
      }
      case 'cpu':
        process.send!({ type: 'cpu', ...process.cpuUsage() });
        break;
      case 'close':
        await app.close();
        await handle.close();
        process.exit(0);
    }
  })().catch((error: unknown) => {
    process.stderr.write(`eligibility server: ${String(error)}\n`);
    process.exit(1);
  });
});
await sql`select 1`.execute(handle.db);
process.send!({ type: 'listening', port });
