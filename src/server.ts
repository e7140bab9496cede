import { projectRoot, version } from './platform/version.js';
import { sql } from 'kysely';
import { SESSION_COOKIE, buildHttpApp } from './platform/http/app.js';
import type { App } from './platform/http/types.js';
import type { Config } from './platform/config.js';
import type { Db } from './platform/db/connection.js';
import { accessRoutes, authenticate } from './modules/access/index.js';
import { auditRoutes } from './modules/audit/index.js';
import { claimAttachmentsRoutes, claimsRoutes } from './modules/claims/index.js';
import { coverageRoutes } from './modules/coverage/index.js';
import { financeRoutes, ledgerRoutes } from './modules/finance/index.js';
import { pricingRoutes } from './modules/pricing/index.js';
import { offlineRoutes } from './modules/offline/index.js';
import { reservesRoutes } from './modules/reserves/index.js';
import { reportsRoutes } from './modules/reports/index.js';
import { indicatorsRoutes } from './modules/indicators/index.js';
import { documentsRoutes } from './modules/documents/index.js';
import { importsRoutes } from './modules/imports/index.js';
import { productsRoutes } from './modules/products/index.js';
import { providersRoutes } from './modules/providers/index.js';
import { membersRoutes } from './modules/members/index.js';
import { organizationsRoutes, resolveFederation, resolveScheme } from './modules/organizations/index.js';

export { version };
export const defaultWebRoot = `${projectRoot}web/dist`;

/**
 * The composition root: the HTTP platform with every module's routes. The only place that knows
 * all modules.
 */
export async function buildServer(db: Db, config: Config, options: { webRoot?: string | null } = {}): Promise<App> {
  const settings = { sessionHours: config.sessionHours, loginMaxFailures: config.loginMaxFailures, loginLockMinutes: config.loginLockMinutes };
  const app = await buildHttpApp({
    logLevel: config.logLevel,
    version,
    webRoot: options.webRoot === null ? undefined : (options.webRoot ?? defaultWebRoot),
    authenticate: (request) => {
      const header = request.headers.authorization;
      const bearer = header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
      return authenticate(db, settings, { bearer, sessionSecret: bearer ? undefined : request.cookies[SESSION_COOKIE] });
    },
    resolveScheme: (code) => resolveScheme({ db }, code),
    resolveFederation: (code) => resolveFederation({ db }, code),
    checkReady: async () => {
      await sql`select 1`.execute(db);
    },
  });
  await app.register(accessRoutes, { db, settings, secureCookies: config.secureCookies });
  await app.register(organizationsRoutes, { db });
  await app.register(productsRoutes, { db });
  await app.register(coverageRoutes, { db });
  await app.register(auditRoutes, { db });
  await app.register(membersRoutes, { db });
  await app.register(documentsRoutes, { db });
  await app.register(importsRoutes, { db });
  await app.register(providersRoutes, { db });
  await app.register(claimsRoutes, { db });
  await app.register(claimAttachmentsRoutes, { db });
  await app.register(financeRoutes, { db });
  await app.register(ledgerRoutes, { db });
  await app.register(pricingRoutes, { db });
  await app.register(offlineRoutes, { db });
  await app.register(reservesRoutes, { db });
  await app.register(reportsRoutes, { db });
  await app.register(indicatorsRoutes, { db });
  return app;
}
