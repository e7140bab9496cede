import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * Runs every bench/*.bench.ts (or those named on the command line) one after the other, each in
 * its own process so one's memory and connections do not disturb the next. Each prints one JSON
 * line per figure.
 */
const folder = fileURLToPath(new URL('.', import.meta.url));
const wanted = process.argv.slice(2);
const files = readdirSync(folder)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => wanted.length === 0 || wanted.some((w) => f.startsWith(w)))
  .sort();
let failed = 0;
for (const file of files) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', `${folder}${file}`], { stdio: 'inherit', env: process.env });
  if (result.status !== 0) {
    failed += 1;
    process.stderr.write(`bench ${file} failed with exit code ${result.status}\n`);
  }
}
process.exit(failed ? 1 : 0);
