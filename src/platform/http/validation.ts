import { Ajv, type ErrorObject, type Options } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { FastifySchemaCompiler } from 'fastify';
import type { Locale } from '../i18n/index.js';
import { translate } from '../i18n/index.js';
import type { ErrorDetail } from '../errors.js';

// ajv-formats is CommonJS with a default export.
const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

function makeAjv(options: Options): Ajv {
  const ajv = new Ajv({ allErrors: true, strict: false, removeAdditional: false, useDefaults: true, ...options });
  addFormats(ajv);
  return ajv;
}

// Bodies are taken as sent: no type coercion (a string "12" is not the number 12) and unknown keys
// are an error. Query strings and path parameters are text by nature and are coerced.
const bodyAjv = makeAjv({ coerceTypes: false });
const textAjv = makeAjv({ coerceTypes: 'array' });

export const validatorCompiler: FastifySchemaCompiler<unknown> = ({ schema, httpPart }) => {
  const ajv = httpPart === 'body' ? bodyAjv : textAjv;
  return ajv.compile(schema as object) as ReturnType<FastifySchemaCompiler<unknown>>;
};

export function compileSchema(schema: object) {
  return bodyAjv.compile(schema);
}

function pointerToPath(pointer: string): string {
  return pointer
    .split('/')
    .slice(1)
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((acc, part) => (/^\d+$/.test(part) ? `${acc}[${part}]` : acc ? `${acc}.${part}` : part), '');
}

/** Turns ajv errors into `{ field, message }` details in the reader's language. */
export function describeValidationErrors(errors: ErrorObject[], locale: Locale, prefix = ''): ErrorDetail[] {
  const seen = new Set<string>();
  const details: ErrorDetail[] = [];
  for (const e of errors) {
    let path = pointerToPath(e.instancePath);
    let message: string;
    const p = e.params as Record<string, unknown>;
    switch (e.keyword) {
      case 'required':
        path = path ? `${path}.${String(p.missingProperty)}` : String(p.missingProperty);
        message = translate(locale, 'validation.required');
        break;
      case 'additionalProperties':
        path = path ? `${path}.${String(p.additionalProperty)}` : String(p.additionalProperty);
        message = translate(locale, 'validation.unknown_field');
        break;
      case 'type':
        message = translate(locale, 'validation.type', { type: String(p.type) });
        break;
      case 'format':
        message = translate(locale, 'validation.format', { format: String(p.format) });
        break;
      case 'enum':
        message = translate(locale, 'validation.enum', { values: (p.allowedValues as unknown[]).join(', ') });
        break;
      case 'const':
        message = translate(locale, 'validation.enum', { values: String(p.allowedValue) });
        break;
      case 'minLength':
      case 'maxLength':
      case 'minimum':
      case 'maximum':
      case 'minItems':
      case 'maxItems':
        message = translate(locale, `validation.${e.keyword.replace('Items', 'Length')}`, { limit: String(p.limit) });
        break;
      case 'pattern':
        message = translate(locale, 'validation.pattern');
        break;
      case 'anyOf':
      case 'oneOf':
      case 'if':
        // The branch errors say more; keep this one only if nothing else names the field.
        message = translate(locale, 'validation.other');
        break;
      default:
        message = translate(locale, 'validation.other');
    }
    const field = [prefix, path].filter(Boolean).join('.') || prefix || '(body)';
    const key = `${field}:${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    details.push({ field, message });
  }
  return details;
}
