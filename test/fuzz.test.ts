import fc from 'fast-check';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken } from '../src/modules/access/index.js';
import type { RouteInfo } from '../src/platform/http/app.js';
import type { App } from '../src/platform/http/types.js';
import { buildTestApp, system, userWithToken } from './app.js';
import { createTestDatabase, type TestDatabase } from './db.js';

/*
 * Random and hostile input at every /api route, as a platform administrator (who passes every
 * permission check, so the input reaches validation and the services). Whatever comes in, the
 * server never answers 5xx, and every error is the documented `{ error: { code, message, details } }`
 * with field names when validation failed. Bodies are derived from each route's own schema
 * (valid ones, and each property broken in turn), so new routes are fuzzed as soon as they exist.
 */

// Bounded so the suite stays fast; raise it locally (MUTUA_FUZZ_RUNS=500) to search harder.
const RUNS_PER_ROUTE = Number(process.env.MUTUA_FUZZ_RUNS) || 30;

interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  patternProperties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  const?: unknown;
  enum?: unknown[];
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
}

// ---------------------------------------------------------------- values from a schema

const dateArb = fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2100-12-31T00:00:00Z'), noInvalidDate: true });

function validString(s: JsonSchema): fc.Arbitrary<string> {
  const fits = (v: string) => v.length >= (s.minLength ?? 0) && v.length <= (s.maxLength ?? Infinity);
  switch (s.format) {
    case 'uuid':
      return fc.uuid();
    case 'date':
      return dateArb.map((d) => d.toISOString().slice(0, 10));
    case 'date-time':
      return dateArb.map((d) => d.toISOString());
    case 'email':
      return fc.emailAddress().filter(fits);
  }
  if (s.pattern) return fc.stringMatching(new RegExp(s.pattern)).filter(fits);
  return fc.string({ minLength: s.minLength ?? 0, maxLength: Math.min(s.maxLength ?? 40, 40) });
}

/** Values that satisfy the schema (mostly: cross-field rules are the services' business). */
function valid(s: JsonSchema): fc.Arbitrary<unknown> {
  const union = s.anyOf ?? s.oneOf;
  if (union) return fc.oneof(...union.map(valid));
  if (s.allOf) return valid(Object.assign({}, ...s.allOf) as JsonSchema);
  if ('const' in s) return fc.constant(s.const);
  if (s.enum) return fc.constantFrom(...s.enum);
  switch (s.type) {
    case 'object':
      if (s.properties) {
        const props = Object.fromEntries(Object.entries(s.properties).map(([k, v]) => [k, valid(v)]));
        return fc.record(props, { requiredKeys: s.required ?? [] });
      }
      if (s.patternProperties) return fc.dictionary(fc.string({ maxLength: 12 }), valid(Object.values(s.patternProperties)[0]!), { maxKeys: 3 });
      return fc.object({ maxDepth: 1 });
    case 'array':
      return fc.array(valid(s.items ?? {}), { minLength: s.minItems ?? 0, maxLength: Math.max(s.minItems ?? 0, Math.min(s.maxItems ?? 3, 3)) });
    case 'string':
      return validString(s);
    case 'integer':
      return fc.integer({ min: s.minimum ?? -1_000_000_000, max: s.maximum ?? 1_000_000_000 });
    case 'number':
      return fc.double({ min: s.minimum ?? -1e9, max: s.maximum ?? 1e9, noNaN: true, noDefaultInfinity: true });
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    default:
      return fc.anything({ maxDepth: 2 });
  }
}

const HUGE = 'x'.repeat(200_000);
const hostileStrings = fc.constantFrom(
  '',
  ' ',
  HUGE,
  '€'.repeat(10_000),
  'a\u0000b',
  '\u0000',
  '\ud800',
  '\u202e\u0645\u062b\u0627\u0644',
  '👩‍👩‍👧‍👦'.repeat(50),
  "'; drop table scheme; --",
  '%',
  '../../etc/passwd',
  '<script>alert(1)</script>',
  '${jndi:ldap://x}',
  '__proto__',
  'constructor',
);
const badDates = fc.constantFrom(
  '2023-02-29',
  '2024-02-30',
  '2024-13-01',
  '2024-00-10',
  '2024-1-1',
  '0000-00-00',
  '0000-01-01',
  '9999-12-31',
  '10000-01-01',
  '-000001-01-01',
  '2024-01-01T00:00:00Z',
  '2024-01-01T25:61:61Z',
  'yesterday',
  '01/02/2024',
);
const badUuids = fc.constantFrom('00000000-0000-0000-0000-000000000000', 'not-a-uuid', '{01a20076-8cf6-7108-864c-929aecaa64a3}', 'ffffffff-ffff-ffff-ffff-ffffffffffff', '01a20076-8cf6-7108-864c-929aecaa64a');
const badNumbers = (s: JsonSchema) =>
  fc.constantFrom(
    ...[s.minimum !== undefined ? s.minimum - 1 : -1, s.maximum !== undefined ? s.maximum + 1 : 2 ** 31, 1.5, -0, 1e308, -1e308, 2 ** 53 + 2, 2 ** 31, -(2 ** 31) - 1, 0.1 + 0.2],
  );

const JSON_TYPES = ['string', 'number', 'integer', 'boolean', 'null', 'object', 'array'] as const;
const sampleOfType: Record<(typeof JSON_TYPES)[number], fc.Arbitrary<unknown>> = {
  string: fc.oneof(fc.string({ unit: 'binary', maxLength: 30 }), fc.constantFrom('12', 'true', 'null', '[]', '{}')),
  number: fc.double({ noNaN: true, noDefaultInfinity: true }),
  integer: fc.integer(),
  boolean: fc.boolean(),
  null: fc.constant(null),
  object: fc.object({ maxDepth: 1 }),
  array: fc.array(fc.anything({ maxDepth: 1 }), { maxLength: 3 }),
};

function typesOf(s: JsonSchema): string[] {
  const union = s.anyOf ?? s.oneOf;
  if (union) return union.flatMap(typesOf);
  if ('const' in s) return [s.const === null ? 'null' : typeof s.const];
  return [s.type ?? []].flat();
}

/** Values of the wrong JSON type for this schema. */
function wrongType(s: JsonSchema): fc.Arbitrary<unknown> {
  const accepted = new Set(typesOf(s));
  if (accepted.has('number')) accepted.add('integer');
  if (accepted.has('integer')) accepted.add('number');
  const others = JSON_TYPES.filter((t) => !accepted.has(t)).map((t) => sampleOfType[t]);
  return others.length ? fc.oneof(...others) : fc.anything({ maxDepth: 1 });
}

/** Values that break the schema: wrong types, out-of-range numbers, hostile strings, bad dates. */
function invalid(s: JsonSchema): fc.Arbitrary<unknown> {
  const union = s.anyOf ?? s.oneOf;
  const choices: fc.Arbitrary<unknown>[] = [wrongType(s)];
  const types = typesOf(s);
  if (union) choices.push(...union.filter((u) => typesOf(u).some((t) => t !== 'null')).map(invalid));
  if (types.includes('string')) {
    choices.push(hostileStrings, badDates, badUuids);
    // One character too many; for limits in the megabytes (file uploads) the body limit answers
    // before the schema, and building such strings a few hundred times exhausts the test's memory.
    if (s.maxLength !== undefined && s.maxLength <= 1_000_000) choices.push(fc.string({ minLength: s.maxLength + 1, maxLength: s.maxLength + 3 }));
  }
  if (s.enum || 'const' in s) choices.push(fc.constantFrom('platform_admin ', 'PLATFORM', 'other', ''));
  if (types.includes('integer') || types.includes('number')) choices.push(badNumbers(s));
  if (types.includes('object') && s.properties) choices.push(brokenObject(s));
  if (types.includes('array') && s.items) {
    const items = s.items;
    choices.push(fc.array(invalid(items), { minLength: 1, maxLength: 2 }));
    if (s.maxItems !== undefined) choices.push(valid(items).map((v) => Array.from({ length: s.maxItems! + 1 }, () => v)));
  }
  return fc.oneof(...choices);
}

/** A valid object with one thing wrong: a property broken, a required one missing, or an unknown one added. */
function brokenObject(s: JsonSchema): fc.Arbitrary<unknown> {
  const keys = Object.keys(s.properties ?? {});
  const base = valid(s) as fc.Arbitrary<Record<string, unknown>>;
  const choices: fc.Arbitrary<unknown>[] = [
    fc.tuple(base, fc.string({ minLength: 1, maxLength: 12 }).filter((k) => !keys.includes(k)), fc.anything({ maxDepth: 1 })).map(([o, k, v]) => ({ ...o, [k]: v })),
  ];
  if (keys.length) {
    choices.push(fc.constantFrom(...keys).chain((k) => fc.tuple(base, invalid(s.properties![k]!)).map(([o, v]) => ({ ...o, [k]: v }))));
  }
  if (s.required?.length) {
    choices.push(fc.tuple(base, fc.constantFrom(...s.required)).map(([o, k]) => Object.fromEntries(Object.entries(o).filter(([key]) => key !== k))));
  }
  return fc.oneof(...choices);
}

// ---------------------------------------------------------------- requests

type Body = { kind: 'none' } | { kind: 'json'; value: unknown } | { kind: 'raw'; text: string; contentType: string };

const rawBodies = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 50 }).map((text) => ({ kind: 'raw' as const, text, contentType: 'application/json' })),
  fc.constantFrom(
    '{"__proto__": {"isAdmin": true}}',
    '{"constructor": {"prototype": {"isAdmin": true}}}',
    '{"a":',
    '[',
    'null',
    '"text"',
    '1e400',
    '{"code": "\\ud800"}',
  ).map((text) => ({ kind: 'raw' as const, text, contentType: 'application/json' })),
  fc.constantFrom('text/plain', 'application/x-www-form-urlencoded', 'application/xml', 'multipart/form-data; boundary=x').map((contentType) => ({
    kind: 'raw' as const,
    text: 'code=X&name=Y',
    contentType,
  })),
);

function bodyArb(route: RouteInfo): fc.Arbitrary<Body> {
  const schema = route.schema.body as JsonSchema | undefined;
  const json = (a: fc.Arbitrary<unknown>) => a.map((value) => ({ kind: 'json' as const, value }));
  const choices: fc.Arbitrary<Body>[] = [json(fc.anything()), json(fc.object()), rawBodies, fc.constant({ kind: 'none' as const })];
  if (schema) choices.push(json(valid(schema)), json(invalid(schema)), json(invalid(schema)), json(invalid(schema)));
  return fc.oneof(...choices);
}

/** Query strings: from the route's schema (valid and broken), random pairs, and malformed text. */
function queryArb(route: RouteInfo): fc.Arbitrary<string> {
  const schema = route.schema.querystring as JsonSchema | undefined;
  const toQuery = (o: unknown) => {
    if (!o || typeof o !== 'object') return '';
    return Object.entries(o)
      .flatMap(([k, v]) => [v].flat().map((item) => `${encode(k)}=${encode(typeof item === 'object' ? JSON.stringify(item) : String(item))}`))
      .join('&');
  };
  const choices: fc.Arbitrary<string>[] = [
    fc.constant(''),
    fc.dictionary(fc.string({ maxLength: 10 }), fc.oneof(fc.string({ unit: 'binary', maxLength: 20 }), hostileStrings), { maxKeys: 4 }).map(toQuery),
    fc.constantFrom('%', 'a=%E0%A4%A', 'limit=1e400', 'limit=-1', 'limit=&limit=2', 'limit=0x10', '=&=&', 'from=2024-02-30', '%00=%00', 'a[b][c]=d'),
  ];
  if (schema) choices.push(valid(schema).map(toQuery), invalid(schema).map(toQuery), invalid(schema).map(toQuery));
  return fc.oneof(...choices);
}

/** encodeURIComponent, except that a lone surrogate is sent as the (invalid) bytes it would be. */
function encode(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    return [...value].map((c) => (/[\ud800-\udfff]/.test(c) ? '%ED%A0%80' : encodeURIComponent(c))).join('');
  }
}

/** Path parameters: an existing value, random text, or malformed encodings. */
function paramsArb(route: RouteInfo, existing: Record<string, string>): fc.Arbitrary<Record<string, string>> {
  const names = [...route.url.matchAll(/:([A-Za-z0-9_]+)/g)].map((m) => m[1]!);
  const one = (name: string) =>
    fc.oneof(
      fc.constant(encode(existing[name] ?? 'X')),
      fc.string({ unit: 'binary', minLength: 1, maxLength: 30 }).map(encode),
      hostileStrings.filter((s) => s.length > 0 && s.length < 1000).map(encode),
      badUuids.map(encode),
      fc.constantFrom('%', '%E0%A4%A', '%00', '%2F', '..', '%2e%2e', 'a%20b', encode(HUGE.slice(0, 5000))),
    );
  return fc.record(Object.fromEntries(names.map((n) => [n, one(n)])));
}

// ---------------------------------------------------------------- the property

let tdb: TestDatabase;
let app: App;
let headers: Record<string, string>;
const existing: Record<string, string> = {};

beforeAll(async () => {
  tdb = await createTestDatabase();
  app = await buildTestApp(tdb.db);
  const admin = await userWithToken(tdb.db, [{ role: 'platform_admin', scopeType: 'platform' }], 'fuzz-admin');
  headers = admin.headers;
  const post = async (url: string, payload: object, status = 201) => {
    const res = await app.inject({ method: 'POST', url, headers, payload });
    expect(res.statusCode, res.body).toBe(status);
    return res.json<{ id: string; grants?: { id: string }[] }>();
  };
  await post('/api/federations', { code: 'FED-1', name: 'Federation' });
  await post('/api/schemes', { code: 'MUT-1', name: 'Scheme', federation: 'FED-1', currency: 'XOF', country: 'SN' });
  await post('/api/schemes/MUT-1/sections', { code: 'SEC-1', name: 'Section' });
  // Someone else to be changed at random (not the administrator the fuzzer acts as).
  const target = await userWithToken(tdb.db, [{ role: 'enrolment_agent', scopeType: 'scheme', scope: 'MUT-1' }], 'fuzz-target');
  const grants = (await app.inject({ method: 'GET', url: `/api/users/${target.userId}`, headers })).json<{ grants: { id: string }[] }>().grants;
  const token = await createApiToken({ db: tdb.db, ...system }, admin.userId, { name: 'to revoke at random' });
  Object.assign(existing, { scheme: 'MUT-1', federation: 'FED-1', section: 'SEC-1', id: target.userId, grantId: grants[0]!.id });
  existing.tokenId = token.id;
});

afterAll(async () => {
  await app?.close();
  await tdb?.drop();
});

const shorten = (text: string) => (text.length > 200 ? `${text.slice(0, 200)}…(${text.length} characters)` : text);

interface ErrorBody {
  error?: { code?: unknown; message?: unknown; details?: { field?: unknown; message?: unknown }[] };
}

/** What the answer must look like, whatever the request: undefined when it does. */
function problemWith(res: LightMyRequestResponse): string | undefined {
  if (res.statusCode >= 500) return `answered ${res.statusCode}`;
  if (res.statusCode < 400) return undefined;
  let body: ErrorBody;
  try {
    body = res.json<ErrorBody>();
  } catch {
    return `a ${res.statusCode} that is not JSON`;
  }
  const error = body.error;
  if (typeof error?.code !== 'string' || error.code === '') return `a ${res.statusCode} without error.code`;
  if (typeof error.message !== 'string' || error.message === '') return `a ${res.statusCode} without error.message`;
  if (!Array.isArray(error.details)) return `a ${res.statusCode} without error.details`;
  if (error.code === 'validation_failed') {
    if (error.details.length === 0) return 'validation_failed without details';
    if (!error.details.every((d) => typeof d.field === 'string' && d.field !== '' && typeof d.message === 'string' && d.message !== '')) return 'validation_failed with a detail that names no field';
  }
  return undefined;
}

describe('hostile input at every API route', () => {
  it('inputs that once broke the server get a clear 4xx naming the field', async () => {
    const cases: { method: 'GET' | 'POST' | 'PATCH'; url: string; payload?: object; status: number; field?: string }[] = [
      // PostgreSQL refuses NUL in text and lone surrogates in JSON: these were 500s.
      { method: 'POST', url: '/api/federations', payload: { code: 'F-NUL', name: 'a\u0000b' }, status: 400, field: 'name' },
      { method: 'POST', url: '/api/federations', payload: { code: 'F-SUR', name: 'a\ud800b' }, status: 400, field: 'name' },
      { method: 'POST', url: '/api/schemes', payload: { code: 'S-NUL', name: 'S', currency: 'XOF', country: 'SN', settings: { 'key\u0000': 1 } }, status: 400, field: 'settings.key\u0000' },
      { method: 'POST', url: '/api/auth/sign-in', payload: { username: '\u0000', password: 'whatever-it-is' }, status: 400, field: 'username' },
      { method: 'GET', url: '/api/audit?entityType=a%00b', status: 400, field: 'querystring.entityType' },
      { method: 'GET', url: '/api/schemes/%00', status: 400, field: 'params.scheme' },
      // The router's own refusals used to answer in Fastify's error shape.
      { method: 'GET', url: '/api/schemes/%E0%A4%A', status: 400 },
      { method: 'GET', url: `/api/schemes/${'x'.repeat(500)}`, status: 414 },
    ];
    for (const c of cases) {
      const res = await app.inject({ method: c.method, url: c.url, headers, ...(c.payload ? { payload: c.payload } : {}) });
      expect(problemWith(res), `${c.method} ${c.url}`).toBeUndefined();
      expect(res.statusCode, `${c.method} ${c.url}: ${res.body}`).toBe(c.status);
      if (c.field) expect(res.json<ErrorBody>().error?.details?.map((d) => d.field)).toContain(c.field);
    }
    // An emoji is not a lone surrogate: ordinary text in any script is accepted.
    const fine = await app.inject({ method: 'POST', url: '/api/federations', headers, payload: { code: 'F-EMOJI', name: 'Union 👩‍👩‍👧‍👦 مثال' } });
    expect(fine.statusCode).toBe(201);
  });

  it('never answers 5xx, and every error says what went wrong', async () => {
    const failures: string[] = [];
    const statuses = new Map<number, number>();
    let unauthenticated = 0;
    for (const route of app.apiRoutes) {
      const params = route.url.includes('/api/tokens/') ? { ...existing, id: existing.tokenId! } : existing;
      const request = fc.record({
        params: paramsArb(route, params),
        query: queryArb(route),
        body: bodyArb(route),
        address: fc.ipV4(),
        locale: fc.constantFrom(undefined, 'fr', 'en-GB,en;q=0.9', 'xx', ';q=abc'),
      });
      let found = '';
      try {
        await fc.assert(
          fc.asyncProperty(request, async (r) => {
            const path = route.url.replace(/:([A-Za-z0-9_]+)/g, (_m, name: string) => r.params[name]!);
            const requestHeaders: Record<string, string> = { ...headers };
            if (r.locale) requestHeaders['accept-language'] = r.locale;
            let payload: string | undefined;
            if (r.body.kind === 'json' && r.body.value !== undefined) {
              payload = JSON.stringify(r.body.value);
              requestHeaders['content-type'] = 'application/json';
            } else if (r.body.kind === 'raw') {
              payload = r.body.text;
              requestHeaders['content-type'] = r.body.contentType;
            }
            const res = await app.inject({
              method: route.method as 'GET',
              url: r.query ? `${path}?${r.query}` : path,
              headers: requestHeaders,
              remoteAddress: r.address,
              ...(payload === undefined ? {} : { payload }),
            });
            statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
            if (res.statusCode === 401 && res.json<ErrorBody>().error?.code === 'unauthenticated') unauthenticated += 1;
            const problem = problemWith(res);
            if (problem) {
              found = `${problem}: ${res.body.slice(0, 300)}\n    request: ${route.method} ${shorten(path)}${r.query ? `?${shorten(r.query)}` : ''} ${shorten(payload ?? '')}`;
              throw new Error(found);
            }
          }),
          { numRuns: RUNS_PER_ROUTE, endOnFailure: true },
        );
      } catch (error) {
        // The seed line lets `fc.assert(..., { seed, path })` replay the failure.
        const seed = (error as Error).message.split('\n').find((line) => line.includes('seed')) ?? '';
        failures.push(`${route.method} ${route.url}: ${found || (error as Error).message.slice(0, 1000)} ${seed}`);
      }
    }
    expect(failures).toEqual([]);
    // The fuzzer really got in: signed in all along, and past validation often enough to change things.
    const total = [...statuses.values()].reduce((a, b) => a + b, 0);
    expect(total).toBe(app.apiRoutes.length * RUNS_PER_ROUTE);
    expect(unauthenticated).toBe(0);
    const succeeded = [...statuses].filter(([status]) => status < 300).reduce((a, [, n]) => a + n, 0);
    expect(succeeded).toBeGreaterThan(app.apiRoutes.length);
  }, 180_000);
});
