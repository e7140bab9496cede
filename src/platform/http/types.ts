import type { FastifyBaseLogger, FastifyInstance, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Actor } from '../audit/audit.js';
import type { Principal } from '../auth/principal.js';
import type { Permission } from '../auth/roles.js';
import type { Locale } from '../i18n/index.js';
import type { RouteInfo } from './app.js';

/**
 * How a route is protected. `permission` is required on every /api route (startup fails without
 * it). `scope` says where the permission must be held:
 *   public        — no sign-in (health, sign-in, set-up)
 *   authenticated — any signed-in user (own profile, sign-out)
 *   any           — the permission on some scope; the service filters what is shown
 *   platform      — the permission on the platform scope
 *   scheme        — on the scheme named by the `:scheme` path parameter (its code)
 *   federation    — on the federation named by the `:federation` path parameter (its code)
 */
export type RouteScope = 'public' | 'authenticated' | 'any' | 'platform' | 'scheme' | 'federation';

export interface ScopedScheme {
  id: string;
  code: string;
  federationId: string | null;
  currency: string;
}

export interface ScopedFederation {
  id: string;
  code: string;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    permission?: Permission | null;
    scope?: RouteScope;
  }
  interface FastifyInstance {
    apiRoutes: RouteInfo[];
  }
  interface FastifyRequest {
    principal: Principal | undefined;
    locale: Locale;
    actor: Actor;
    scheme: ScopedScheme | undefined;
    federation: ScopedFederation | undefined;
  }
}

export type App = FastifyInstance<RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression, FastifyBaseLogger, TypeBoxTypeProvider>;
