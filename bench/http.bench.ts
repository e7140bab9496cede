import autocannon from 'autocannon';
import { sql } from 'kysely';
import { loadConfig } from '../src/platform/config.js';
import { systemActor } from '../src/platform/audit/audit.js';
import { createApiToken, findUserByUsername } from '../src/modules/access/index.js';
import { generateDemo } from '../src/demo/index.js';
import { buildServer } from '../src/server.js';
import { openBenchDatabase, percentile, report } from './lib.js';

// An authenticated read route under load from autocannon on loopback, next to the same read as a
// bare SQL query through the same pool in the same run: the gap is what Mutua's HTTP, auth and
// serialization cost.
const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);

const database = await openBenchDatabase();
const ctx = { db: database.db, actor: systemActor('bench') };
await generateDemo(ctx, { seed: 1, households: 0 });
const manager = (await findUserByUsername(ctx, 'manager'))!;
const { token } = await createApiToken(ctx, manager.id, { name: 'bench' });
const app = await buildServer(database.db, loadConfig({ MUTUA_LOG_LEVEL: 'silent' } as NodeJS.ProcessEnv), { webRoot: null });
await app.listen({ port: 0, host: '127.0.0.1' });
const address = app.server.address();
const port = typeof address === 'object' && address ? address.port : 0;
const url = `http://127.0.0.1:${port}/api/schemes/MUT-DEMO-1`;

try {
  const result = await autocannon({ url, connections: CONNECTIONS, duration: DURATION, headers: { authorization: `Bearer ${token}` } });
  if (result.non2xx > 0) throw new Error(`${result.non2xx} requests failed`);
  report('http', 'scheme_read_requests_per_s', result.requests.average, 'req/s', { route: 'GET /api/schemes/:scheme', connections: CONNECTIONS, seconds: DURATION, db: database.kind });
  report('http', 'scheme_read_p50', result.latency.p50, 'ms');
  report('http', 'scheme_read_p99', result.latency.p99, 'ms');

  // Baseline: the scheme look-up alone, as SQL, with as many concurrent loops as connections.
  const latencies: number[] = [];
  const end = Date.now() + DURATION * 1000;
  let count = 0;
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      while (Date.now() < end) {
        const t = performance.now();
        await sql`select s.*, f.code as federation_code from scheme s left join federation f on f.id = s.federation_id where s.code = ${'MUT-DEMO-1'}`.execute(database.db);
        latencies.push(performance.now() - t);
        count += 1;
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  const bare = count / DURATION;
  report('http', 'bare_sql_queries_per_s', bare, 'q/s');
  report('http', 'bare_sql_p99', percentile(latencies, 99), 'ms');
  report('http', 'http_to_bare_sql_ratio', result.requests.average / bare, 'ratio');
} finally {
  await app.close();
  await database.close();
}
