import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { defaultWebRoot } from '../src/server.js';
import { report } from './lib.js';

// The web app's weight on a slow connection (issue #7: under 250 KB of gzipped JavaScript for
// the first screen): the scripts web/dist/index.html loads before anything is shown (the entry
// and its preloaded chunks), then every chunk together, which later screens load on demand.
// Reads the built app (`npm run build`, which `npm install` runs); builds nothing.
const BUDGET = 250 * 1024;

if (!existsSync(path.join(defaultWebRoot, 'index.html'))) {
  process.stderr.write(`no built web app in ${defaultWebRoot}: run npm run build first\n`);
  process.exit(1);
}
const html = readFileSync(path.join(defaultWebRoot, 'index.html'), 'utf8');
const first = [...new Set([...html.matchAll(/(?:src|href)="(\/assets\/[^"]+\.js)"/g)].map((m) => m[1]!))];
const sizes = (file: string) => {
  const bytes = readFileSync(path.join(defaultWebRoot, file));
  return { raw: bytes.length, gzipped: gzipSync(bytes).length };
};
let firstRaw = 0;
let firstGzipped = 0;
for (const file of first) {
  const s = sizes(file);
  firstRaw += s.raw;
  firstGzipped += s.gzipped;
  report('web', 'first_screen_script', s.gzipped / 1024, 'KiB gzipped', { file, raw_kib: Math.round(s.raw / 1024) });
}
report('web', 'first_screen_js', firstGzipped / 1024, 'KiB gzipped', { raw_kib: Math.round(firstRaw / 1024), budget_kib: BUDGET / 1024, ratio_to_budget: Math.round((firstGzipped / BUDGET) * 100) / 100, scripts: first.length });
const all = readdirSync(path.join(defaultWebRoot, 'assets')).filter((f) => f.endsWith('.js'));
const total = all.reduce((sum, f) => sum + sizes(`/assets/${f}`).gzipped, 0);
report('web', 'all_chunks_js', total / 1024, 'KiB gzipped', { chunks: all.length });
