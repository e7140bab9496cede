#!/usr/bin/env node
// The `mutua` command: runs the compiled CLI (built by `npm install`, via the prepare script).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const compiled = fileURLToPath(new URL('../dist/src/cli/main.js', import.meta.url));
if (!existsSync(compiled)) {
  process.stderr.write('mutua is not built yet: run `npm install` (or `npm run build`) in the project folder first.\n');
  process.exit(1);
}
await import(compiled);
