import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { schemeFileJsonSchema } from './publish.js';

const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;
const published = readFileSync(new URL('../../../docs/formats/scheme-file.schema.json', import.meta.url), 'utf8');

describe('the published scheme file schema', () => {
  it('is the schema the loader validates with (run `npm run formats` after changing the format)', () => {
    expect(published).toBe(schemeFileJsonSchema());
  });

  it('accepts the spec’s example and rejects a typo in a key', () => {
    const ajv = new Ajv2020({ strict: false });
    addFormats(ajv);
    const validate = ajv.compile(JSON.parse(published) as object);
    const example = JSON.parse(readFileSync(new URL('../../../docs/examples/scheme-file.example.json', import.meta.url), 'utf8')) as { households: Record<string, unknown>[] };
    expect(validate(example)).toBe(true);
    example.households[0]!.categroy = 'regular';
    expect(validate(example)).toBe(false);
  });
});
