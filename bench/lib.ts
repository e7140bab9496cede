import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { connect, withDatabase, type DbHandle } from '../src/platform/db/connection.js';
import { startEmbedded } from '../src/platform/db/embedded.js';
import { migrateToLatest } from '../src/platform/db/migrate.js';

/**
 * One figure, printed as one JSON line: what `npm run bench` reports. Each line carries the
 * machine's load average over the last minute (`load1`): other work on a shared machine moves
 * the figures, and a figure taken under load should say so.
 */
export function report(bench: string, metric: string, value: number, unit: string, extra: Record<string, unknown> = {}): void {
  process.stdout.write(`${JSON.stringify({ bench, metric, value: Math.round(value * 100) / 100, unit, ...extra, load1: loadAverage()[0] })}\n`);
}

/** The load averages over 1, 5 and 15 minutes (as /proc/loadavg gives them), two decimals. */
export function loadAverage(): [number, number, number] {
  const [a, b, c] = os.loadavg().map((x) => Math.round(x * 100) / 100);
  return [a!, b!, c!];
}

export interface BenchDatabase extends DbHandle {
  kind: 'embedded' | 'external';
  close(): Promise<void>;
}

/**
 * A fresh, migrated database for one benchmark: on the server named by BENCH_DATABASE_URL when
 * set (a new database there, dropped after), else on a new embedded server in a temporary folder.
 * With `keepIn` (and no BENCH_DATABASE_URL), the embedded server's data folder is that folder,
 * kept after the run so that the next run can reuse what was generated there (the caller decides
 * whether it can).
 */
export async function openBenchDatabase(options: { keepIn?: string } = {}): Promise<BenchDatabase> {
  const external = process.env.BENCH_DATABASE_URL;
  if (!external && options.keepIn) {
    // BENCH_SHARED_BUFFERS: the embedded server's cache instead of its default (embedded.ts).
    const server = await startEmbedded(options.keepIn, { sharedBuffers: process.env.BENCH_SHARED_BUFFERS });
    const handle = connect(server.url, { poolSize: 20 });
    await migrateToLatest(handle.db);
    return {
      ...handle,
      kind: 'embedded',
      async close() {
        await handle.close();
        await server.stop();
      },
    };
  }
  if (external) {
    const name = `mutua_bench_${process.pid}`;
    const admin = new pg.Client({ connectionString: withDatabase(external, 'postgres') });
    await admin.connect();
    await admin.query(`drop database if exists ${name}`);
    await admin.query(`create database ${name}`);
    await admin.end();
    const handle = connect(withDatabase(external, name), { poolSize: 20 });
    await migrateToLatest(handle.db);
    return {
      ...handle,
      kind: 'external',
      async close() {
        await handle.close();
        const a = new pg.Client({ connectionString: withDatabase(external, 'postgres') });
        await a.connect();
        await a.query(`drop database if exists ${name} with (force)`);
        await a.end();
      },
    };
  }
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'mutua-bench-'));
  const server = await startEmbedded(dir, { sharedBuffers: process.env.BENCH_SHARED_BUFFERS });
  const handle = connect(server.url, { poolSize: 20 });
  await migrateToLatest(handle.db);
  return {
    ...handle,
    kind: 'embedded',
    async close() {
      await handle.close();
      await server.stop();
      await fs.rm(dir, { recursive: true, force: true });
    },
  };
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}
