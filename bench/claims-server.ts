import { loadConfig } from '../src/platform/config.js';
import { connect } from '../src/platform/db/connection.js';
import { buildServer } from '../src/server.js';

/**
 * The server side of claims.bench.ts: `mutua serve` on the bench database in a process of its
 * own, with the default pool, which the parent loads over loopback. Messages: {type: 'cpu'}
 * (process.cpuUsage()), {type: 'close'}.
 */
const env = process.env;
const config = loadConfig({ ...env, MUTUA_LOG_LEVEL: env.BENCH_LOG_LEVEL ?? 'silent' });
const handle = connect(env.BENCH_SERVER_DATABASE_URL!, { poolSize: config.poolSize });
const app = await buildServer(handle.db, config, { webRoot: null });
await app.listen({ port: 0, host: '127.0.0.1' });
const address = app.server.address();
const port = typeof address === 'object' && address ? address.port : 0;

process.on('message', (message: { type: string }) => {
  void (async () => {
    switch (message.type) {
      case 'cpu':
        process.send!({ type: 'cpu', ...process.cpuUsage() });
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
