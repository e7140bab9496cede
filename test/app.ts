import type { LightMyRequestResponse } from 'fastify';
import { loadConfig } from '../src/platform/config.js';
import type { Db } from '../src/platform/db/connection.js';
import type { App } from '../src/platform/http/types.js';
import { systemActor } from '../src/platform/audit/audit.js';
import { createApiToken, createUser, type GrantInput } from '../src/modules/access/index.js';
import { buildServer } from '../src/server.js';

export const testConfig = () => loadConfig({ MUTUA_LOG_LEVEL: 'silent' } as NodeJS.ProcessEnv);

/** The whole HTTP server on a test database, without the web app and without listening. */
export async function buildTestApp(db: Db): Promise<App> {
  const app = await buildServer(db, testConfig(), { webRoot: null });
  await app.ready();
  return app;
}

export const system = { actor: systemActor('test') };

export const TEST_PASSWORD = 'correct horse battery';

let counter = 0;

/** Creates a user with these grants and returns a bearer token that acts as them. */
export async function userWithToken(db: Db, grants: GrantInput[], username = `user${++counter}_${Date.now() % 100000}`): Promise<{ userId: string; username: string; token: string; headers: Record<string, string> }> {
  const user = await createUser({ db, ...system }, { username, displayName: username, password: TEST_PASSWORD, grants });
  const { token } = await createApiToken({ db, ...system }, user.id, { name: 'test' });
  return { userId: user.id, username, token, headers: { authorization: `Bearer ${token}` } };
}

export function json<T = unknown>(response: LightMyRequestResponse): T {
  return response.json() as T;
}
