import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { schemeFileJsonSchema } from '../src/modules/scheme-file/publish.js';

// Writes the published JSON Schemas of Mutua's file formats into docs/formats/.
const target = fileURLToPath(new URL('../docs/formats/scheme-file.schema.json', import.meta.url));
writeFileSync(target, schemeFileJsonSchema());
process.stdout.write(`wrote ${target}\n`);
