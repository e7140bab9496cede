import { compileErrors, validate } from '@readme/openapi-parser';
import type { OpenAPIV3 } from 'openapi-types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../src/platform/http/types.js';
import { buildTestApp } from './app.js';
import { createTestDatabase, type TestDatabase } from './db.js';

// The published API description is what integrators generate clients from: it must be valid
// OpenAPI 3 by a validator that is not the one producing it, and it must describe every route.

let tdb: TestDatabase;
let app: App;
let doc: OpenAPIV3.Document;

const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

/** `/api/users/:id` as OpenAPI writes it: `/api/users/{id}`. */
const openApiPath = (url: string) => url.replace(/:([A-Za-z0-9_]+)/g, '{$1}');

function operation(method: string, url: string): OpenAPIV3.OperationObject | undefined {
  const item = doc.paths[openApiPath(url)];
  return item?.[method.toLowerCase() as (typeof METHODS)[number]];
}

beforeAll(async () => {
  tdb = await createTestDatabase();
  app = await buildTestApp(tdb.db);
  const res = await app.inject({ method: 'GET', url: '/api/openapi.json' });
  expect(res.statusCode).toBe(200);
  doc = res.json<OpenAPIV3.Document>();
});

afterAll(async () => {
  await app?.close();
  await tdb?.drop();
});

describe('the published OpenAPI document', () => {
  it('is served without signing in', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
  });

  it('is a valid OpenAPI 3 document for an independent validator', async () => {
    expect(doc.openapi).toMatch(/^3\./);
    // validate() dereferences in place: give it a copy.
    const result = await validate(structuredClone(doc) as never);
    expect(result.valid ? '' : compileErrors(result)).toBe('');
    expect(result.specification).toBe('OpenAPI');
  });

  it('the validator used above does reject a broken document', async () => {
    // Guards the test above against a validator that accepts anything.
    const broken = structuredClone(doc) as unknown as Record<string, unknown>;
    delete broken.info;
    const paths = broken.paths as Record<string, Record<string, { responses?: unknown }>>;
    const first = Object.values(paths)[0]!;
    delete Object.values(first)[0]!.responses;
    const result = await validate(broken as never);
    expect(result.valid).toBe(false);
  });

  it('describes every /api route, with its path parameters and a schema for each success response', () => {
    expect(app.apiRoutes.length).toBeGreaterThan(20);
    const problems: string[] = [];
    for (const route of app.apiRoutes) {
      const name = `${route.method} ${route.url}`;
      const op = operation(route.method, route.url);
      if (!op) {
        problems.push(`${name}: missing`);
        continue;
      }
      const declared = Object.keys(route.schema.response ?? {}).filter((s) => /^2\d\d$/.test(s));
      if (declared.length === 0) problems.push(`${name}: declares no success response`);
      for (const status of declared) {
        const response = op.responses[status] as OpenAPIV3.ResponseObject | undefined;
        if (!response) {
          problems.push(`${name}: response ${status} missing`);
          continue;
        }
        // 204 has no body by definition; every other success describes its body: JSON, or a file's media type.
        if (status !== '204' && !Object.values(response.content ?? {}).some((media) => media.schema)) problems.push(`${name}: response ${status} has no schema`);
      }
      for (const range of ['4XX', '5XX']) {
        const response = op.responses[range] as OpenAPIV3.ResponseObject | undefined;
        const schema = response?.content?.['application/json']?.schema as OpenAPIV3.ReferenceObject | undefined;
        if (schema?.$ref !== '#/components/schemas/ErrorBody') problems.push(`${name}: ${range} is not described as ErrorBody`);
      }
      const pathParams = [...route.url.matchAll(/:([A-Za-z0-9_]+)/g)].map((m) => m[1]);
      const documented = ((op.parameters ?? []) as OpenAPIV3.ParameterObject[]).filter((p) => p.in === 'path').map((p) => p.name);
      if (pathParams.sort().join() !== documented.sort().join()) problems.push(`${name}: path parameters ${documented.join()} instead of ${pathParams.join()}`);
      if (route.schema.body && !Object.values((op.requestBody as OpenAPIV3.RequestBodyObject | undefined)?.content ?? {}).some((media) => media.schema)) {
        problems.push(`${name}: request body not described`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('lists no operation that the server does not have', () => {
    const served = new Set(app.apiRoutes.map((r) => `${r.method} ${openApiPath(r.url)}`));
    const documented = Object.entries(doc.paths).flatMap(([path, item]) =>
      METHODS.filter((m) => item?.[m]).map((m) => `${m.toUpperCase()} ${path}`),
    );
    expect(documented.filter((d) => !served.has(d))).toEqual([]);
  });

  it('says which operations need credentials: none for public ones, a session or a token for the rest', () => {
    const wrong: string[] = [];
    for (const route of app.apiRoutes) {
      const op = operation(route.method, route.url);
      const security = op?.security ?? doc.security ?? [];
      const needsCredentials = security.length > 0 && security.every((requirement) => Object.keys(requirement).length > 0);
      if (needsCredentials !== (route.config.scope !== 'public')) wrong.push(`${route.method} ${route.url} (${route.config.scope})`);
    }
    expect(wrong).toEqual([]);
  });
});
