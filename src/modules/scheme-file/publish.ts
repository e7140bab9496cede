import { SchemeFile } from './scheme-file.schemas.js';

/** The JSON Schema of the scheme file as published in docs/formats (draft 2020-12 compatible). */
export function schemeFileJsonSchema(): string {
  return `${JSON.stringify({ $schema: 'https://json-schema.org/draft/2020-12/schema', ...SchemeFile }, null, 2)}\n`;
}
