import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The project root, from src/platform or dist/src/platform. */
export const projectRoot = fileURLToPath(new URL(import.meta.url.includes('/dist/') ? '../../../' : '../../', import.meta.url));

export const version = (JSON.parse(readFileSync(`${projectRoot}package.json`, 'utf8')) as { version: string }).version;
