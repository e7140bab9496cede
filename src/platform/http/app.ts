import { existsSync } from 'node:fs';
import path from 'node:path';
import Fastify, { type FastifyError, type FastifyReply, type FastifyRequest } from 'fastify';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { DomainError, type ErrorDetail } from '../errors.js';
import { newIds } from '../ids.js';
import { isLocale, pickLocale, translate, type Locale } from '../i18n/index.js';
import type { Principal } from '../auth/principal.js';
import { ErrorBody } from './schemas.js';
import type { App, RouteScope, ScopedFederation, ScopedScheme } from './types.js';
import { describeValidationErrors, validatorCompiler } from './validation.js';

export interface HttpDeps {
  logLevel: string;
  /** Reads the session cookie or bearer token; undefined when nobody is signed in. */
  authenticate(request: FastifyRequest): Promise<Principal | undefined>;
  resolveScheme(code: string): Promise<ScopedScheme | undefined>;
  resolveFederation(code: string): Promise<ScopedFederation | undefined>;
  /** Readiness: throws when the database cannot answer. */
  checkReady(): Promise<void>;
  /** Folder of the built web app, served at `/`. */
  webRoot?: string;
  version: string;
}

export const SESSION_COOKIE = 'mutua_session';

/** Every /api route as declared, for tests that walk all routes (role matrix, fuzzing). */
export interface RouteInfo {
  method: string;
  url: string;
  schema: { body?: object; querystring?: object; params?: object; response?: object };
  config: { scope?: RouteScope; permission?: string | null };
}

function errorReply(reply: FastifyReply, status: number, code: string, message: string, details: ErrorDetail[] = []) {
  return reply.status(status).send({ error: { code, message, details } });
}

const STATUS: Record<DomainError['kind'], number> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  locked: 423,
  rate_limited: 429,
};

const FASTIFY_CODES: Record<string, { status: number; code: string }> = {
  FST_ERR_CTP_INVALID_JSON_BODY: { status: 400, code: 'invalid_json' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { status: 400, code: 'invalid_json' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { status: 400, code: 'invalid_json' },
  FST_ERR_CTP_BODY_TOO_LARGE: { status: 413, code: 'payload_too_large' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { status: 415, code: 'unsupported_media_type' },
  FST_ERR_CTP_INVALID_TYPE: { status: 415, code: 'unsupported_media_type' },
};

function requestLocale(request: FastifyRequest): Locale {
  const header = request.headers['accept-language'];
  if (header) return pickLocale(header);
  const userLocale = request.principal?.locale;
  return userLocale && isLocale(userLocale) ? userLocale : 'en';
}

/**
 * The headers @fastify/helmet sets with Mutua's options, read once from a throwaway instance: the
 * plugin rebuilds helmet's middleware on every request (parsing the policy each time), a
 * measurable share of a short request such as the eligibility check.
 */
async function securityHeaders(): Promise<Record<string, string>> {
  const probe = Fastify({ logger: false });
  await probe.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        styleSrc: ["'self'", "'unsafe-inline'"],
        scriptSrc: ["'self'"],
        connectSrc: ["'self'"],
        workerSrc: ["'self'", 'blob:'],
        mediaSrc: ["'self'", 'blob:'],
      },
    },
    crossOriginEmbedderPolicy: false,
  });
  probe.get('/', async (_request, reply) => reply.getHeaders());
  const response = await probe.inject({ method: 'GET', url: '/' });
  await probe.close();
  const headers = response.json<Record<string, unknown>>();
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, String(value)]));
}

// Request ids (UUID v7, as every id) taken from a batch made at once: a random buffer per
// request costs more than the rest of the id. A batch is not used beyond a second, so the ids
// still say when the request came.
let idBatch: string[] = [];
let idBatchAt = 0;
function requestId(): string {
  const now = Date.now();
  if (idBatch.length === 0 || now - idBatchAt > 1_000) {
    idBatch = newIds(64, now);
    idBatchAt = now;
  }
  return idBatch.pop()!;
}

export async function buildHttpApp(deps: HttpDeps): Promise<App> {
  const app = Fastify({
    logger: {
      level: deps.logLevel,
      redact: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
    },
    genReqId: requestId,
    bodyLimit: 10 * 1024 * 1024,
    trustProxy: false,
    // The router refuses badly encoded paths and over-long parameters before any hook runs: answer
    // them in the same error shape as everything else rather than Fastify's own.
    frameworkErrors: (error, request, reply) => {
      const locale = pickLocale(request.headers['accept-language']);
      if (error.code === 'FST_ERR_BAD_URL' || error.code === 'FST_ERR_MAX_PARAM_LENGTH') {
        return errorReply(reply, error.statusCode ?? 400, 'bad_request', translate(locale, 'errors.validation_failed'));
      }
      request.log.error({ err: error }, 'router error');
      return errorReply(reply, 500, 'internal', translate(locale, 'errors.internal'));
    },
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.decorateRequest('principal', undefined);
  app.decorateRequest('scheme', undefined);
  app.decorateRequest('federation', undefined);
  app.decorateRequest('locale', 'en');
  app.decorateRequest('actor', undefined as never);
  app.addSchema(ErrorBody);

  // The security headers (helmet's) are the same on every response: set from a copy made once.
  const security = await securityHeaders();
  app.addHook('onRequest', (_request, reply, done) => {
    reply.headers(security);
    done();
  });
  await app.register(cookie);
  await app.register(rateLimit, { global: false });
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: { title: 'Mutua API', version: deps.version, description: 'Management and monitoring of community-based health micro-insurance schemes' },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE },
          token: { type: 'http', scheme: 'bearer' },
        },
      },
      security: [{ session: [] }, { token: [] }],
    },
    refResolver: { buildLocalReference: (json, _baseUri, _fragment, i) => String(json.$id ?? `def-${i}`) },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });

  // Every /api route must say who may call it and must describe its responses: startup fails
  // otherwise, so an unprotected route cannot ship by accident.
  const routes: RouteInfo[] = [];
  app.decorate('apiRoutes', routes);
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/') || route.url.startsWith('/api/docs') || route.url === '/api/openapi.json') return;
    for (const method of [route.method].flat()) {
      if (method !== 'HEAD') routes.push({ method, url: route.url, schema: route.schema as RouteInfo['schema'], config: route.config as RouteInfo['config'] });
    }
    const config = (route.config ?? {}) as { permission?: unknown; scope?: RouteScope };
    if (!config.scope) throw new Error(`route ${String(route.method)} ${route.url} declares no scope`);
    if (config.scope !== 'public' && config.scope !== 'authenticated' && !config.permission) {
      throw new Error(`route ${String(route.method)} ${route.url} declares no permission`);
    }
    route.schema = route.schema ?? {};
    // The document's default asks for a session or a token; public routes must say they need neither.
    if (config.scope === 'public') (route.schema as { security?: unknown[] }).security ??= [];
    if (!route.schema.response) throw new Error(`route ${String(route.method)} ${route.url} declares no response schema`);
    const response = route.schema.response as Record<string, unknown>;
    response['4xx'] = response['4xx'] ?? { $ref: 'ErrorBody#' };
    response['5xx'] = response['5xx'] ?? { $ref: 'ErrorBody#' };
  });

  app.addHook('onRequest', async (request, reply) => {
    request.actor = { userId: null, label: 'anonymous', requestId: request.id };
    if (!request.url.startsWith('/api/') || request.url.startsWith('/api/docs')) return;
    request.principal = await deps.authenticate(request);
    request.locale = requestLocale(request);
    if (request.principal) {
      request.actor = { userId: request.principal.userId, label: request.principal.label, requestId: request.id };
    }
    const scope = request.routeOptions.config.scope;
    if (scope && scope !== 'public' && !request.principal) {
      return errorReply(reply, 401, 'unauthenticated', translate(request.locale, 'errors.unauthenticated'));
    }
  });

  // PostgreSQL cannot store a NUL character in text, nor a lone UTF-16 surrogate in JSON: refuse
  // such input here, naming the field, rather than fail in the database.
  app.addHook('preValidation', async (request, reply) => {
    const fields = [
      ...unstorableText(request.params, 'params'),
      ...unstorableText(request.query, 'querystring'),
      ...unstorableText(request.body, ''),
    ];
    if (fields.length === 0) return;
    const message = translate(request.locale, 'validation.other');
    return errorReply(reply, 400, 'validation_failed', translate(request.locale, 'errors.validation_failed'), fields.map((field) => ({ field, message })));
  });

  // After validation: the scope named in the path, and the permission on it.
  app.addHook('preHandler', async (request, reply) => {
    const { scope, permission } = request.routeOptions.config;
    const principal = request.principal;
    if (!scope || scope === 'public' || scope === 'authenticated' || !principal || !permission) return;
    const params = (request.params ?? {}) as Record<string, string>;
    const forbidden = () => errorReply(reply, 403, 'forbidden', translate(request.locale, 'errors.forbidden'));
    const notFound = () => errorReply(reply, 404, 'not_found', translate(request.locale, 'errors.not_found'));
    switch (scope) {
      case 'any':
        if (!principal.hasAnywhere(permission)) return forbidden();
        return;
      case 'platform':
        if (!principal.hasOnPlatform(permission)) return forbidden();
        return;
      case 'scheme': {
        const scheme = params.scheme ? await deps.resolveScheme(params.scheme) : undefined;
        const target = scheme ? { schemeId: scheme.id, federationId: scheme.federationId } : undefined;
        // Existence must not leak: a scheme the user cannot see answers as a missing one.
        if (!scheme || !target || !principal.can('organizations.read', target)) return notFound();
        if (!principal.can(permission, target)) return forbidden();
        request.scheme = scheme;
        return;
      }
      case 'federation': {
        const federation = params.federation ? await deps.resolveFederation(params.federation) : undefined;
        const target = federation ? { federationId: federation.id } : undefined;
        if (!federation || !target || !principal.can('organizations.read', target)) return notFound();
        if (!principal.can(permission, target)) return forbidden();
        request.federation = federation;
        return;
      }
    }
  });

  app.setErrorHandler((error: FastifyError & { validation?: unknown[]; validationContext?: string }, request, reply) => {
    const locale = request.locale ?? 'en';
    if (error instanceof DomainError) {
      const message = translateError(locale, error);
      return errorReply(reply, STATUS[error.kind], error.code, message, error.details);
    }
    if (error.validation) {
      const details = describeValidationErrors(error.validation as never, locale, error.validationContext === 'body' ? '' : error.validationContext);
      return errorReply(reply, 400, 'validation_failed', translate(locale, 'errors.validation_failed'), details);
    }
    const known = error.code ? FASTIFY_CODES[error.code] : undefined;
    if (known) return errorReply(reply, known.status, known.code, translate(locale, `errors.${known.code}`));
    if (error.statusCode === 429) return errorReply(reply, 429, 'rate_limited', translate(locale, 'errors.rate_limited'));
    const pgCode = (error as { code?: string }).code;
    // Last line of defence for database constraint errors a service did not anticipate.
    if (pgCode === '23505') return errorReply(reply, 409, 'conflict', translate(locale, 'errors.duplicate_code'));
    if (pgCode === '22P02' || pgCode === '22003' || pgCode === '22007' || pgCode === '22008') {
      return errorReply(reply, 400, 'validation_failed', translate(locale, 'errors.validation_failed'));
    }
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      return errorReply(reply, error.statusCode, 'bad_request', translate(locale, 'errors.validation_failed'));
    }
    request.log.error({ err: error }, 'unhandled error');
    return errorReply(reply, 500, 'internal', translate(locale, 'errors.internal'));
  });

  app.setNotFoundHandler((request, reply) => {
    const url = request.url.split('?')[0] ?? '';
    if (request.method === 'GET' && !url.startsWith('/api/') && deps.webRoot && existsSync(path.join(deps.webRoot, 'index.html'))) {
      // The web app routes in the browser: unknown paths get its page.
      return reply.type('text/html').sendFile('index.html', deps.webRoot);
    }
    return errorReply(reply, 404, 'route_not_found', translate(request.locale ?? 'en', 'errors.route_not_found'));
  });

  app.get('/api/openapi.json', { schema: { hide: true }, config: { scope: 'public' } }, async () => app.swagger());
  app.get('/healthz', { schema: { hide: true } }, async () => ({ status: 'ok' }));
  app.get('/readyz', { schema: { hide: true } }, async (_request, reply) => {
    try {
      await deps.checkReady();
      return { status: 'ready' };
    } catch {
      return reply.status(503).send({ status: 'unavailable' });
    }
  });

  if (deps.webRoot && existsSync(deps.webRoot)) {
    await app.register(fastifyStatic, { root: deps.webRoot, prefix: '/', wildcard: false, index: ['index.html'] });
  }

  return app;
}

// eslint-disable-next-line no-control-regex -- the NUL character is exactly what is looked for
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Paths of the strings (values or keys) that hold a NUL character or a lone surrogate. */
function unstorableText(value: unknown, path: string, depth = 0): string[] {
  if (typeof value === 'string') return UNSTORABLE.test(value) ? [path || '(body)'] : [];
  if (!value || typeof value !== 'object' || depth > 64) return [];
  return Object.entries(value).flatMap(([key, item]) => {
    const itemPath = Array.isArray(value) ? `${path}[${key}]` : path ? `${path}.${key}` : key;
    return [...(UNSTORABLE.test(key) ? [itemPath] : []), ...unstorableText(item, itemPath, depth + 1)];
  });
}

function translateError(locale: Locale, error: DomainError): string {
  const key = `errors.${error.code}`;
  const translated = translate(locale, key, error.params);
  return translated === key ? error.message : translated;
}
