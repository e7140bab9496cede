import { Kysely, PostgresDialect } from 'kysely';
import { loadConfig } from '../src/platform/config.js';
import { connect, type Db } from '../src/platform/db/connection.js';
import type { Database } from '../src/platform/db/schema.js';
import { buildServer } from '../src/server.js';

/**
 * The server side of claims.bench.ts: `mutua serve` on the bench database in a process of its
 * own, with the default pool, which the parent loads over loopback. Every statement's time is
 * summed by text (a closure call per query) so that the parent can say where a request's time
 * goes. Messages: {type: 'cpu'} (process.cpuUsage()), {type: 'sql', reset?} (the sums since the
 * last reset), {type: 'close'}.
 */
const env = process.env;
const config = loadConfig({ ...env, MUTUA_LOG_LEVEL: env.BENCH_LOG_LEVEL ?? 'silent' });
const handle = connect(env.BENCH_SERVER_DATABASE_URL!, { poolSize: config.poolSize });
let statements = new Map<string, { n: number; ms: number }>();
const traced = new Kysely<Database>({
  dialect: new PostgresDialect({ pool: handle.pool }),
  log(event) {
    if (event.level !== 'query') return;
    const text = event.query.sql.replace(/\s+/g, ' ').trim().slice(0, 80);
    const s = statements.get(text) ?? statements.set(text, { n: 0, ms: 0 }).get(text)!;
    s.n += 1;
    s.ms += event.queryDurationMillis;
  },
}) as Db;
const app = await buildServer(traced, config, { webRoot: null });
await app.listen({ port: 0, host: '127.0.0.1' });
const address = app.server.address();
const port = typeof address === 'object' && address ? address.port : 0;

process.on('message', (message: { type: string; reset?: boolean }) => {
  void (async () => {
    switch (message.type) {
      case 'cpu':
        process.send!({ type: 'cpu', ...process.cpuUsage() });
        break;
      case 'sql':
        process.send!({ type: 'sql', statements: [...statements].map(([text, s]) => ({ text, ...s })) });
        if (message.reset) statements = new Map();
        break;
      case 'close':
        await app.close();
        await handle.close();
        process.exit(0);
    }
  })().catch((error: unknown) => {
    process.stderr.write(`claims server: ${String(error)}\n`);
    process.exit(1);
  });
});
process.send!({ type: 'listening', port });
