import { Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import type { Db } from '../../platform/db/connection.js';
import { SESSION_COOKIE } from '../../platform/http/app.js';
import { requestContext } from '../../platform/http/context.js';
import { Uuid } from '../../platform/http/schemas.js';
import type { App } from '../../platform/http/types.js';
import { ApiToken, CompleteSetup, CreateApiToken, CreatedApiToken, CreateUser, GrantInput, Me, SetupStatus, SignIn, UpdateUser, User } from './access.schemas.js';
import * as service from './access.service.js';

const UserParams = Type.Object({ id: Uuid() }, { additionalProperties: false });
const GrantParams = Type.Object({ id: Uuid(), grantId: Uuid() }, { additionalProperties: false });
const TokenParams = Type.Object({ id: Uuid() }, { additionalProperties: false });

export async function accessRoutes(app: App, { db, settings, secureCookies }: { db: Db; settings: service.AccessSettings; secureCookies: boolean }) {
  const ctx = (request: FastifyRequest) => requestContext(db, request);
  const tags = ['access'];

  app.post('/api/auth/sign-in', {
    schema: { tags, summary: 'Sign in with a username and password; sets the session cookie', body: SignIn, response: { 200: Me } },
    config: { scope: 'public', rateLimit: { max: 20, timeWindow: '1 minute' } },
  }, async (request, reply) => {
    const { sessionSecret, expiresAt, principal } = await service.signIn(db, settings, request.body, request.id);
    reply.setCookie(SESSION_COOKIE, sessionSecret, { httpOnly: true, sameSite: 'strict', secure: secureCookies, path: '/', expires: expiresAt });
    return service.me({ db, actor: request.actor, principal });
  });

  app.post('/api/auth/sign-out', {
    schema: { tags, summary: 'Sign out: ends this session', response: { 204: Type.Null() } },
    config: { scope: 'authenticated' },
  }, async (request, reply) => {
    await service.signOut(ctx(request), request.cookies[SESSION_COOKIE]);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.status(204).send(null);
  });

  app.get('/api/auth/me', {
    schema: { tags, summary: 'The signed-in user, their roles and permissions', response: { 200: Me } },
    config: { scope: 'authenticated' },
  }, async (request) => service.me(ctx(request)));

  app.get('/api/setup', {
    schema: { tags, summary: 'Whether the first administrator still has to be created', response: { 200: SetupStatus } },
    config: { scope: 'public' },
  }, async () => ({ needed: await service.setupNeeded(db) }));

  app.post('/api/setup', {
    schema: { tags, summary: 'Create the first administrator with the one-time link printed by `mutua serve`', body: CompleteSetup, response: { 201: User } },
    config: { scope: 'public', rateLimit: { max: 10, timeWindow: '1 minute' } },
  }, async (request, reply) => reply.status(201).send(await service.completeSetup(db, request.body, request.id)));

  app.get('/api/users', {
    schema: { tags, summary: 'Users of the schemes you can see', response: { 200: Type.Array(User) } },
    config: { scope: 'any', permission: 'users.read' },
  }, async (request) => service.listUsers(ctx(request)));

  app.post('/api/users', {
    schema: { tags, summary: 'Create a user with their roles', body: CreateUser, response: { 201: User } },
    config: { scope: 'any', permission: 'users.manage' },
  }, async (request, reply) => reply.status(201).send(await service.createUser(ctx(request), request.body)));

  app.get('/api/users/:id', {
    schema: { tags, summary: 'One user', params: UserParams, response: { 200: User } },
    config: { scope: 'any', permission: 'users.read' },
  }, async (request) => service.getUser(ctx(request), request.params.id));

  app.patch('/api/users/:id', {
    schema: { tags, summary: 'Change a user’s profile, password or active flag', params: UserParams, body: UpdateUser, response: { 200: User } },
    config: { scope: 'any', permission: 'users.manage' },
  }, async (request) => service.updateUser(ctx(request), request.params.id, request.body));

  app.post('/api/users/:id/grants', {
    schema: { tags, summary: 'Grant a role on a scope', params: UserParams, body: GrantInput, response: { 201: User } },
    config: { scope: 'any', permission: 'users.manage' },
  }, async (request, reply) => reply.status(201).send(await service.grantRole(ctx(request), request.params.id, request.body)));

  app.delete('/api/users/:id/grants/:grantId', {
    schema: { tags, summary: 'Take a role away', params: GrantParams, response: { 200: User } },
    config: { scope: 'any', permission: 'users.manage' },
  }, async (request) => service.revokeGrant(ctx(request), request.params.id, request.params.grantId));

  app.get('/api/tokens', {
    schema: { tags, summary: 'Your API tokens', response: { 200: Type.Array(ApiToken) } },
    config: { scope: 'authenticated' },
  }, async (request) => service.listApiTokens(ctx(request), request.principal!.userId));

  app.post('/api/tokens', {
    schema: { tags, summary: 'Create an API token for integrations (acts as you)', body: CreateApiToken, response: { 201: CreatedApiToken } },
    config: { scope: 'authenticated' },
  }, async (request, reply) => reply.status(201).send(await service.createApiToken(ctx(request), request.principal!.userId, request.body)));

  app.delete('/api/tokens/:id', {
    schema: { tags, summary: 'Revoke one of your API tokens', params: TokenParams, response: { 200: ApiToken } },
    config: { scope: 'authenticated' },
  }, async (request) => service.revokeApiToken(ctx(request), request.principal!.userId, request.params.id));

}
