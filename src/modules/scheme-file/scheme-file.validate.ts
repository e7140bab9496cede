import { Ajv, type ErrorObject } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { ErrorDetail } from '../../platform/errors.js';
import { SchemeFile } from './scheme-file.schemas.js';

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

// Validation of a whole file against the published schema, with messages a person with the file
// open in a spreadsheet can act on: the path as in the file, the offending value.
const ajv = new Ajv({ allErrors: true, strict: false, verbose: true });
addFormats(ajv);
const validate = ajv.compile(SchemeFile);

function pathOf(e: ErrorObject): string {
  const parts = e.instancePath.split('/').slice(1);
  let path = parts.reduce((acc, part) => (/^\d+$/.test(part) ? `${acc}[${part}]` : acc ? `${acc}.${part}` : part), '');
  const p = e.params as Record<string, unknown>;
  if (e.keyword === 'required') path = path ? `${path}.${String(p.missingProperty)}` : String(p.missingProperty);
  if (e.keyword === 'additionalProperties') path = path ? `${path}.${String(p.additionalProperty)}` : String(p.additionalProperty);
  return path || '(file)';
}

function show(value: unknown): string {
  const text = JSON.stringify(value);
  return text === undefined ? String(value) : text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

function messageOf(e: ErrorObject): string {
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'required':
      return 'is required';
    case 'additionalProperties':
      return 'is not a known field';
    case 'format':
      return p.format === 'date' ? `not a date: ${show(e.data)}` : `not a valid ${String(p.format)}: ${show(e.data)}`;
    case 'type':
      return `must be ${String(p.type)}, not ${show(e.data)}`;
    case 'enum':
      return `must be one of ${(p.allowedValues as unknown[]).join(', ')}, not ${show(e.data)}`;
    case 'const':
      return `must be ${show(p.allowedValue)}, not ${show(e.data)}`;
    case 'minimum':
    case 'maximum':
      return `must be ${e.keyword === 'minimum' ? 'at least' : 'at most'} ${String(p.limit)}, not ${show(e.data)}`;
    case 'minLength':
      return 'must not be empty';
    case 'maxLength':
      return `must have at most ${String(p.limit)} characters`;
    case 'minItems':
      return `must have at least ${String(p.limit)} item(s)`;
    case 'pattern':
      return `has an invalid form: ${show(e.data)}`;
    default:
      return e.message ?? 'is invalid';
  }
}

/**
 * Checks a parsed file against the schema. Unions (a literal list, or a value or null) report
 * one error per branch; only the most telling one per path is kept.
 */
export function validateSchemeFile(input: unknown): { ok: true; file: SchemeFile } | { ok: false; errors: ErrorDetail[] } {
  if (validate(input)) return { ok: true, file: input as SchemeFile };
  const byPath = new Map<string, ErrorDetail>();
  const rank = (e: ErrorObject) => (e.keyword === 'anyOf' ? 0 : e.keyword === 'type' && e.params && (e.params as { type?: string }).type === 'null' ? 1 : e.keyword === 'const' ? 2 : 3);
  const best = new Map<string, ErrorObject>();
  for (const e of validate.errors ?? []) {
    const path = pathOf(e);
    const current = best.get(path);
    if (!current || rank(e) > rank(current)) best.set(path, e);
  }
  // Literal unions (enums written as anyOf of consts) read better as one list of allowed values.
  for (const [path, e] of best) {
    if (e.keyword === 'const') {
      const allowed = (validate.errors ?? []).filter((x) => pathOf(x) === path && x.keyword === 'const').map((x) => (x.params as { allowedValue: unknown }).allowedValue);
      byPath.set(path, { field: path, message: allowed.length > 1 ? `must be one of ${allowed.join(', ')}, not ${show(e.data)}` : messageOf(e) });
    } else {
      byPath.set(path, { field: path, message: messageOf(e) });
    }
  }
  return { ok: false, errors: [...byPath.values()] };
}
