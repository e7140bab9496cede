import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../src/platform/db/open.js';
import { report } from './lib.js';

// Open + migrate: a first start (initialise the embedded server's data folder, start it, create
// the database, apply every migration) and a second start on the same folder (start, nothing to
// migrate), as a scheme manager's laptop sees them.
const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'mutua-bench-startup-'));
try {
  let t = performance.now();
  const first = await openDatabase({ databaseUrl: undefined, dataDir: dir, poolSize: 2 });
  report('startup', 'first_open_and_migrate', performance.now() - t, 'ms', { migrations: first.migrationsApplied.length });
  await first.close();
  t = performance.now();
  const second = await openDatabase({ databaseUrl: undefined, dataDir: dir, poolSize: 2 });
  report('startup', 'second_open', performance.now() - t, 'ms');
  t = performance.now();
  await second.close();
  report('startup', 'stop', performance.now() - t, 'ms');
} finally {
  await fs.rm(dir, { recursive: true, force: true });
}
