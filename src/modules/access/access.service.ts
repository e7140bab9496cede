import { createHash } from 'node:crypto';
import { recordAudit, type Executor } from '../../platform/audit/audit.js';
import { Principal, type Grant } from '../../platform/auth/principal.js';
import { providerDirectory } from '../../platform/auth/provider-directory.js';
import { hashPassword, MIN_PASSWORD_LENGTH, UNUSABLE_HASH, verifyPassword } from '../../platform/auth/password.js';
import { permissions, roleAllows, roleDefinitions, type Permission, type Role, type ScopeType } from '../../platform/auth/roles.js';
import { ForbiddenError } from '../../platform/auth/errors.js';
import type { ServiceContext } from '../../platform/context.js';
import type { Db } from '../../platform/db/connection.js';
import { NotFoundError } from '../../platform/errors.js';
import { newId, newSecret } from '../../platform/ids.js';
import { resolveFederation, resolveScheme, schemeIdsOfFederations } from '../organizations/index.js';
import {
  AccountLockedError,
  GrantExistsError,
  InvalidCredentialsError,
  InvalidScopeError,
  LastAdminError,
  SetupDoneError,
  SetupLinkInvalidError,
  UsernameTakenError,
  WeakPasswordError,
} from './access.errors.js';
import * as repo from './access.repository.js';
import type { ApiToken, CompleteSetup, CreateApiToken, CreatedApiToken, CreateUser, GrantInput, GrantView, Me, UpdateUser, User } from './access.schemas.js';
import type { ApiTokenRow, AppUserRow } from './access.table.js';

export interface AccessSettings {
  sessionHours: number;
  loginMaxFailures: number;
  loginLockMinutes: number;
}

const API_TOKEN_PREFIX = 'mutua_';

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

function checkPasswordStrength(password: string, field = 'password') {
  if ([...password].length < MIN_PASSWORD_LENGTH) throw new WeakPasswordError(field);
}

type GrantRow = Awaited<ReturnType<typeof repo.grantsOfUsers>>[number] & { provider_scope?: string };

function toGrantView(g: GrantRow): GrantView {
  return {
    id: g.id,
    role: g.role as Role,
    scopeType: g.scope_type as ScopeType,
    scope: g.scheme_code ?? g.federation_code ?? g.provider_scope ?? (g.scope_type === 'platform' ? null : g.scope_id),
  };
}

/** Providers by id: their scheme (id, code and federation) and code, through the providers module's directory. */
async function providersOf(db: Executor, ids: string[]): Promise<Map<string, { schemeId: string; schemeCode: string; federationId: string | null; code: string }>> {
  const directory = providerDirectory();
  if (!directory || ids.length === 0) return new Map();
  const providers = await directory.describe(db, ids);
  const schemes = new Map((await repo.schemesByIds(db, [...new Set([...providers.values()].map((p) => p.schemeId))])).map((s) => [s.id, s]));
  const out = new Map<string, { schemeId: string; schemeCode: string; federationId: string | null; code: string }>();
  for (const [id, p] of providers) {
    const scheme = schemes.get(p.schemeId);
    if (scheme) out.set(id, { schemeId: p.schemeId, schemeCode: scheme.code, federationId: scheme.federation_id, code: p.code });
  }
  return out;
}

/** Grants of users, a grant on a provider named `SCHEME/PROVIDER` as it is granted. */
async function grantsOfUsers(db: Executor, userIds: string[]): Promise<GrantRow[]> {
  const rows: GrantRow[] = await repo.grantsOfUsers(db, userIds);
  const providerIds = rows.flatMap((g) => (g.scope_type === 'provider' && g.scope_id ? [g.scope_id] : []));
  if (providerIds.length === 0) return rows;
  const providers = await providersOf(db, providerIds);
  return rows.map((g) => {
    const p = g.scope_type === 'provider' && g.scope_id ? providers.get(g.scope_id) : undefined;
    return p ? { ...g, provider_scope: `${p.schemeCode}/${p.code}` } : g;
  });
}

function toUser(row: AppUserRow, grants: GrantRow[]): User {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    email: row.email,
    locale: row.locale,
    active: row.active,
    lockedUntil: row.locked_until && row.locked_until > new Date() ? row.locked_until.toISOString() : null,
    lastSignInAt: row.last_sign_in_at?.toISOString() ?? null,
    grants: grants.filter((g) => g.user_id === row.id).map(toGrantView),
  };
}

function withoutSecrets(row: AppUserRow) {
  const { password_hash: _hash, ...rest } = row;
  return rest;
}

// ---------------------------------------------------------------- principals

async function loadPrincipal(db: Executor, user: AppUserRow): Promise<Principal> {
  const rows = await db.selectFrom('role_grant').selectAll().where('user_id', '=', user.id).execute();
  const grants: Grant[] = rows.map((g) => ({ id: g.id, role: g.role as Role, scopeType: g.scope_type as ScopeType, scopeId: g.scope_id }));
  // A grant on a provider holds inside the provider's scheme: the principal knows which scheme that is.
  const providerIds = grants.flatMap((g) => (g.scopeType === 'provider' && g.scopeId ? [g.scopeId] : []));
  const providers = await providersOf(db, providerIds);
  const providerSchemes = new Map([...providers].map(([id, p]) => [id, p.schemeId]));
  return new Principal(user.id, user.username, user.display_name, user.locale, grants, providerSchemes);
}

/**
 * Principals recently authenticated, by credential hash. A hit skips three queries per request;
 * entries live a few seconds and every change to users, grants, sessions or tokens made through
 * this process empties the cache at once. Another server process sharing the database sees such a
 * change within PRINCIPAL_CACHE_MS.
 */
const PRINCIPAL_CACHE_MS = 5_000;
const principalCache = new Map<string, { principal: Principal; until: number }>();

export function forgetPrincipals(): void {
  principalCache.clear();
}

/**
 * Who is calling: a session cookie's user or an API token's user, if active. Expired sessions
 * and revoked or expired tokens give nobody. A session is extended while it is used.
 */
export async function authenticate(db: Db, settings: AccessSettings, credentials: { sessionSecret?: string; bearer?: string }): Promise<Principal | undefined> {
  const secret = credentials.bearer ?? credentials.sessionSecret;
  if (!secret) return undefined;
  const key = `${credentials.bearer ? 't' : 's'}:${hashSecret(secret)}`;
  const now = new Date();
  const cached = principalCache.get(key);
  if (cached && cached.until > now.getTime()) return cached.principal;
  let userId: string | undefined;
  let until = now.getTime() + PRINCIPAL_CACHE_MS;
  if (credentials.bearer) {
    const token = await repo.findApiTokenByHash(db, hashSecret(credentials.bearer));
    if (!token || token.revoked_at || (token.expires_at && token.expires_at <= now)) return undefined;
    userId = token.user_id;
    if (token.expires_at) until = Math.min(until, token.expires_at.getTime());
    // Record use at most once a minute per token, to keep reads cheap.
    if (!token.last_used_at || now.getTime() - token.last_used_at.getTime() > 60_000) {
      await repo.updateApiToken(db, token.id, { last_used_at: now });
    }
  } else if (credentials.sessionSecret) {
    const id = hashSecret(credentials.sessionSecret);
    const session = await repo.findSession(db, id);
    if (!session || session.expires_at <= now) return undefined;
    userId = session.user_id;
    const ttl = settings.sessionHours * 3_600_000;
    let expiresAt = session.expires_at;
    if (session.expires_at.getTime() - now.getTime() < ttl / 2) {
      expiresAt = new Date(now.getTime() + ttl);
      await repo.extendSession(db, id, expiresAt);
    }
    until = Math.min(until, expiresAt.getTime());
  }
  if (!userId) return undefined;
  const user = await repo.findUserById(db, userId);
  if (!user || !user.active) return undefined;
  const principal = await loadPrincipal(db, user);
  if (principalCache.size > 10_000) principalCache.clear();
  principalCache.set(key, { principal, until });
  return principal;
}

/**
 * Checks a username and password and opens a session. Repeated failures lock the account for a
 * while (the lock and the failure count are stored, so they hold across restarts and servers).
 * Errors: InvalidCredentialsError, AccountLockedError. Audited.
 */
export async function signIn(db: Db, settings: AccessSettings, input: { username: string; password: string }, requestId?: string): Promise<{ sessionSecret: string; expiresAt: Date; principal: Principal }> {
  const now = new Date();
  const user = await repo.findUserByUsername(db, input.username);
  // Spend the same time whether or not the user exists, so timing does not reveal usernames.
  const ok = await verifyPassword(input.password, user?.password_hash ?? UNUSABLE_HASH);
  if (!user || !user.active) throw new InvalidCredentialsError();
  if (user.locked_until && user.locked_until > now) throw new AccountLockedError(user.locked_until);
  const actor = { userId: user.id, label: user.username, requestId };
  if (!ok) {
    const failures = user.failed_sign_ins + 1;
    const lock = failures >= settings.loginMaxFailures;
    await db.transaction().execute(async (trx) => {
      await repo.updateUser(trx, user.id, {
        failed_sign_ins: lock ? 0 : failures,
        locked_until: lock ? new Date(now.getTime() + settings.loginLockMinutes * 60_000) : user.locked_until,
      });
      await recordAudit(trx, actor, { action: lock ? 'user.locked' : 'user.sign_in_failed', entityType: 'user', entityId: user.id, after: { failedSignIns: failures } });
    });
    throw new InvalidCredentialsError();
  }
  const sessionSecret = newSecret();
  const expiresAt = new Date(now.getTime() + settings.sessionHours * 3_600_000);
  await db.transaction().execute(async (trx) => {
    await repo.insertSession(trx, { id: hashSecret(sessionSecret), user_id: user.id, created_at: now, expires_at: expiresAt });
    await repo.updateUser(trx, user.id, { failed_sign_ins: 0, locked_until: null, last_sign_in_at: now });
    await recordAudit(trx, actor, { action: 'user.sign_in', entityType: 'user', entityId: user.id });
  });
  await repo.deleteExpiredSessions(db, now);
  return { sessionSecret, expiresAt, principal: await loadPrincipal(db, user) };
}

export async function signOut(ctx: ServiceContext, sessionSecret: string | undefined): Promise<void> {
  if (!sessionSecret) return;
  await ctx.db.transaction().execute(async (trx) => {
    await repo.deleteSession(trx, hashSecret(sessionSecret));
    if (ctx.actor.userId) await recordAudit(trx, ctx.actor, { action: 'user.sign_out', entityType: 'user', entityId: ctx.actor.userId });
  });
  forgetPrincipals();
}

export async function me(ctx: ServiceContext): Promise<Me> {
  const principal = ctx.principal!;
  const grants = await grantsOfUsers(ctx.db, [principal.userId]);
  return {
    id: principal.userId,
    username: principal.username,
    displayName: principal.displayName,
    locale: principal.locale,
    grants: grants.map(toGrantView),
    permissions: permissions.filter((p) => principal.hasAnywhere(p)),
  };
}

// ---------------------------------------------------------------- users and grants

interface ResolvedScope {
  scopeType: ScopeType;
  scopeId: string | null;
  target: { schemeId?: string; federationId?: string | null; providerId?: string };
}

async function resolveGrantScope(db: Executor, input: GrantInput, field: string): Promise<ResolvedScope> {
  const definition = roleDefinitions[input.role];
  if (!definition.scopes.includes(input.scopeType)) {
    throw new InvalidScopeError(`${field}.scopeType`, `${input.role} is granted on ${definition.scopes.join(' or ')}, not ${input.scopeType}`);
  }
  if (input.scopeType === 'platform') {
    if (input.scope) throw new InvalidScopeError(`${field}.scope`, 'a platform grant names no scope');
    return { scopeType: 'platform', scopeId: null, target: {} };
  }
  if (!input.scope) throw new InvalidScopeError(`${field}.scope`, `name the ${input.scopeType}`);
  const [first, providerCode] = input.scope.split('/');
  if (input.scopeType !== 'provider' && providerCode !== undefined) {
    throw new InvalidScopeError(`${field}.scope`, `a ${input.scopeType} is named by its code alone`);
  }
  if (input.scopeType === 'scheme') {
    const scheme = await resolveScheme({ db: db as Db }, input.scope);
    if (!scheme) throw new NotFoundError('scheme', input.scope);
    return { scopeType: 'scheme', scopeId: scheme.id, target: { schemeId: scheme.id, federationId: scheme.federationId } };
  }
  if (input.scopeType === 'federation') {
    const federation = await resolveFederation({ db: db as Db }, input.scope);
    if (!federation) throw new NotFoundError('federation', input.scope);
    return { scopeType: 'federation', scopeId: federation.id, target: { federationId: federation.id } };
  }
  // A provider code is unique within its scheme only: a provider is named SCHEME/PROVIDER. The
  // providers module registers the directory that finds it (see platform/auth/provider-directory.ts).
  if (providerCode === undefined) {
    throw new InvalidScopeError(`${field}.scope`, 'name the provider as SCHEME/PROVIDER: provider codes are unique within a scheme only');
  }
  const scheme = await resolveScheme({ db: db as Db }, first!);
  const providerId = scheme ? await providerDirectory()?.findId(db, scheme.id, providerCode) : undefined;
  if (!scheme || !providerId) throw new NotFoundError('provider', input.scope);
  return { scopeType: 'provider', scopeId: providerId, target: { schemeId: scheme.id, federationId: scheme.federationId, providerId } };
}

/** Whether the principal may hand out this grant: user management on its scope, and never more than a platform admin's own. */
function assertMayGrant(principal: Principal | undefined, role: Role, scope: ResolvedScope) {
  if (!principal) return; // the system (CLI) may grant anything
  if (principal.hasOnPlatform('users.manage')) return;
  if (role === 'platform_admin' || scope.scopeType === 'platform') throw new ForbiddenError();
  // A scope the principal cannot see answers as a missing one, so that grants cannot probe codes.
  if (!principal.can('organizations.read', scope.target)) throw new NotFoundError(scope.scopeType);
  if (!principal.can('users.manage', scope.target)) throw new ForbiddenError();
}

async function userVisibility(ctx: ServiceContext) {
  const principal = ctx.principal;
  if (!principal) return undefined;
  const scopes = principal.scopesFor('users.read');
  if (!scopes) return undefined;
  const schemeIds = [...scopes.schemeIds, ...(await schemeIdsOfFederations(ctx, scopes.federationIds))];
  // Users granted on a provider are seen by those who see its scheme.
  const providerIds = (await providerDirectory()?.idsOfSchemes(ctx.db, schemeIds)) ?? [];
  return { schemeIds, federationIds: scopes.federationIds, providerIds, selfId: principal.userId };
}

async function visibleUser(ctx: ServiceContext, id: string): Promise<AppUserRow> {
  const filter = await userVisibility(ctx);
  const user = await repo.findUserById(ctx.db, id);
  if (!user) throw new NotFoundError('user', id);
  if (filter) {
    const visible = await repo.listUsers(ctx.db, filter);
    if (!visible.some((u) => u.id === id)) throw new NotFoundError('user', id);
  }
  return user;
}

export async function listUsers(ctx: ServiceContext): Promise<User[]> {
  const rows = await repo.listUsers(ctx.db, await userVisibility(ctx));
  const grants = await grantsOfUsers(ctx.db, rows.map((r) => r.id));
  return rows.map((r) => toUser(r, grants));
}

export async function getUser(ctx: ServiceContext, id: string): Promise<User> {
  const user = await visibleUser(ctx, id);
  return toUser(user, await grantsOfUsers(ctx.db, [id]));
}

export async function findUserByUsername(ctx: Pick<ServiceContext, 'db'>, username: string): Promise<User | undefined> {
  const user = await repo.findUserByUsername(ctx.db, username);
  return user ? toUser(user, await grantsOfUsers(ctx.db, [user.id])) : undefined;
}

/**
 * Creates a user with their first grants, in one transaction. A creator who is not a platform
 * administrator must give at least one grant they are allowed to give, so the new user is never
 * out of their sight. Errors: UsernameTakenError, WeakPasswordError, InvalidScopeError,
 * ForbiddenError, NotFoundError (scope). Audited (without the password).
 */
export async function createUser(ctx: ServiceContext, input: CreateUser): Promise<User> {
  checkPasswordStrength(input.password);
  const passwordHash = await hashPassword(input.password);
  const grants = input.grants ?? [];
  if (ctx.principal && !ctx.principal.hasOnPlatform('users.manage') && grants.length === 0) {
    throw new InvalidScopeError('grants', 'give the new user at least one role on a scheme you manage');
  }
  const id = await ctx.db.transaction().execute(async (trx) => {
    if (await repo.findUserByUsername(trx, input.username)) throw new UsernameTakenError(input.username);
    const now = new Date();
    const id = newId();
    await repo.insertUser(trx, {
      id,
      username: input.username,
      display_name: input.displayName,
      email: input.email ?? null,
      locale: input.locale ?? 'en',
      password_hash: passwordHash,
      created_at: now,
      updated_at: now,
    });
    await recordAudit(trx, ctx.actor, {
      action: 'user.create',
      entityType: 'user',
      entityId: id,
      after: { username: input.username, displayName: input.displayName, email: input.email ?? null, locale: input.locale ?? 'en' },
    });
    for (const [i, grant] of grants.entries()) await addGrant(trx, ctx, id, grant, `grants[${i}]`);
    return id;
  });
  return getUser({ ...ctx, principal: undefined }, id);
}

async function addGrant(trx: Executor, ctx: ServiceContext, userId: string, input: GrantInput, field: string): Promise<string> {
  const scope = await resolveGrantScope(trx, input, field);
  assertMayGrant(ctx.principal, input.role, scope);
  const row = { user_id: userId, role: input.role, scope_type: scope.scopeType, scope_id: scope.scopeId };
  if (await repo.findSameGrant(trx, row)) throw new GrantExistsError();
  const id = newId();
  await repo.insertGrant(trx, { id, ...row, created_at: new Date() });
  await recordAudit(trx, ctx.actor, {
    action: 'user.grant',
    entityType: 'user',
    entityId: userId,
    schemeId: scope.target.schemeId ?? null,
    after: { grantId: id, role: input.role, scopeType: input.scopeType, scope: input.scope ?? null },
  });
  return id;
}

/** Grants a role on a scope. Errors: as createUser, plus GrantExistsError. Audited. */
export async function grantRole(ctx: ServiceContext, userId: string, input: GrantInput): Promise<User> {
  await visibleUser(ctx, userId);
  await ctx.db.transaction().execute((trx) => addGrant(trx, ctx, userId, input, 'body'));
  forgetPrincipals();
  return getUser(ctx, userId);
}

/** Takes a grant away. The last platform administrator cannot lose the role. Audited. */
export async function revokeGrant(ctx: ServiceContext, userId: string, grantId: string): Promise<User> {
  await visibleUser(ctx, userId);
  await ctx.db.transaction().execute(async (trx) => {
    const grant = await repo.findGrant(trx, userId, grantId);
    if (!grant) throw new NotFoundError('grant', grantId);
    const provider = grant.scope_type === 'provider' && grant.scope_id ? (await providersOf(trx, [grant.scope_id])).get(grant.scope_id) : undefined;
    const target =
      grant.scope_type === 'scheme'
        ? { schemeId: grant.scope_id ?? undefined }
        : grant.scope_type === 'federation'
          ? { federationId: grant.scope_id }
          : provider
            ? { schemeId: provider.schemeId, federationId: provider.federationId, providerId: grant.scope_id ?? undefined }
            : {};
    assertMayGrant(ctx.principal, grant.role as Role, { scopeType: grant.scope_type as ScopeType, scopeId: grant.scope_id, target });
    // Only active administrators count: taking the role from an inactive one leaves the count as it is.
    const holder = await repo.findUserById(trx, userId);
    if (grant.role === 'platform_admin' && holder?.active && (await repo.countPlatformAdmins(trx)) <= 1) throw new LastAdminError();
    await repo.deleteGrant(trx, grantId);
    await recordAudit(trx, ctx.actor, {
      action: 'user.revoke',
      entityType: 'user',
      entityId: userId,
      schemeId: grant.scope_type === 'scheme' ? grant.scope_id : (provider?.schemeId ?? null),
      before: { grantId, role: grant.role, scopeType: grant.scope_type, scopeId: grant.scope_id },
    });
  });
  forgetPrincipals();
  return getUser(ctx, userId);
}

/**
 * Changes a user's profile, password or active flag. Others' accounts need user management on
 * a scope the user is in; deactivating or changing a password ends the user's sessions. Audited.
 */
export async function updateUser(ctx: ServiceContext, id: string, input: UpdateUser): Promise<User> {
  const before = await visibleUser(ctx, id);
  const principal = ctx.principal;
  if (principal && principal.userId !== id) {
    const grants = await repo.grantsOfUsers(ctx.db, [id]);
    // A password or the active flag acts on every role the user holds: a scheme manager may change
    // only accounts whose roles all lie in schemes they manage (never a platform administrator's).
    const providers = await providersOf(ctx.db, grants.flatMap((g) => (g.scope_type === 'provider' && g.scope_id ? [g.scope_id] : [])));
    const inManagedScheme = (g: (typeof grants)[number]) => {
      if (g.scope_type === 'scheme') return Boolean(g.scope_id) && principal.can('users.manage', { schemeId: g.scope_id! });
      // A provider's clerk belongs to the provider's scheme.
      const provider = g.scope_type === 'provider' && g.scope_id ? providers.get(g.scope_id) : undefined;
      return Boolean(provider) && principal.can('users.manage', { schemeId: provider!.schemeId, federationId: provider!.federationId });
    };
    const manageable = principal.hasOnPlatform('users.manage') || (grants.length > 0 && grants.every(inManagedScheme));
    if (!manageable) throw new ForbiddenError();
  }
  if (input.password !== undefined) checkPasswordStrength(input.password);
  const passwordHash = input.password !== undefined ? await hashPassword(input.password) : undefined;
  await ctx.db.transaction().execute(async (trx) => {
    if (input.active === false && before.active) {
      const isAdmin = (await repo.grantsOfUsers(trx, [id])).some((g) => g.role === 'platform_admin');
      if (isAdmin && (await repo.countPlatformAdmins(trx)) <= 1) throw new LastAdminError();
    }
    // Checked after the last-administrator rule, so that the last administrator is told why.
    if (principal && principal.userId === id && input.active === false) throw new ForbiddenError();
    await repo.updateUser(trx, id, {
      ...(input.displayName !== undefined ? { display_name: input.displayName } : {}),
      ...(input.email !== undefined ? { email: input.email } : {}),
      ...(input.locale !== undefined ? { locale: input.locale } : {}),
      ...(input.active !== undefined ? { active: input.active } : {}),
      ...(passwordHash ? { password_hash: passwordHash, failed_sign_ins: 0, locked_until: null } : {}),
      updated_at: new Date(),
    });
    if (passwordHash || input.active === false) await repo.deleteSessionsOfUser(trx, id);
    const after = (await repo.findUserById(trx, id))!;
    await recordAudit(trx, ctx.actor, {
      action: passwordHash ? 'user.update_password' : 'user.update',
      entityType: 'user',
      entityId: id,
      before: withoutSecrets(before),
      after: withoutSecrets(after),
    });
  });
  forgetPrincipals();
  return getUser({ ...ctx, principal: undefined }, id);
}

// ---------------------------------------------------------------- API tokens

function toApiToken(row: ApiTokenRow): ApiToken {
  return {
    id: row.id,
    name: row.name,
    createdAt: row.created_at.toISOString(),
    expiresAt: row.expires_at?.toISOString() ?? null,
    revokedAt: row.revoked_at?.toISOString() ?? null,
    lastUsedAt: row.last_used_at?.toISOString() ?? null,
  };
}

/** Creates an API token for the acting user (or, from the CLI, for `userId`); the secret is returned once. Audited. */
export async function createApiToken(ctx: ServiceContext, userId: string, input: CreateApiToken): Promise<CreatedApiToken> {
  const secret = API_TOKEN_PREFIX + newSecret();
  const now = new Date();
  const row = {
    id: newId(),
    user_id: userId,
    name: input.name,
    token_hash: hashSecret(secret),
    created_at: now,
    expires_at: input.expiresInDays ? new Date(now.getTime() + input.expiresInDays * 86_400_000) : null,
    revoked_at: null,
    last_used_at: null,
  };
  await ctx.db.transaction().execute(async (trx) => {
    if (!(await repo.findUserById(trx, userId))) throw new NotFoundError('user', userId);
    await repo.insertApiToken(trx, row);
    await recordAudit(trx, ctx.actor, { action: 'api_token.create', entityType: 'api_token', entityId: row.id, after: { userId, name: input.name, expiresAt: row.expires_at } });
  });
  return { ...toApiToken(row), token: secret };
}

export async function listApiTokens(ctx: ServiceContext, userId: string): Promise<ApiToken[]> {
  return (await repo.listApiTokens(ctx.db, userId)).map(toApiToken);
}

export async function revokeApiToken(ctx: ServiceContext, userId: string, id: string): Promise<ApiToken> {
  const revoked = await ctx.db.transaction().execute(async (trx) => {
    const token = await repo.findApiToken(trx, userId, id);
    if (!token) throw new NotFoundError('api token', id);
    const now = new Date();
    if (!token.revoked_at) {
      await repo.updateApiToken(trx, id, { revoked_at: now });
      await recordAudit(trx, ctx.actor, { action: 'api_token.revoke', entityType: 'api_token', entityId: id, before: { revokedAt: null }, after: { revokedAt: now } });
    }
    return toApiToken({ ...token, revoked_at: token.revoked_at ?? now });
  });
  forgetPrincipals();
  return revoked;
}

// ---------------------------------------------------------------- first administrator

export async function setupNeeded(db: Db): Promise<boolean> {
  return (await repo.countPlatformAdmins(db)) === 0;
}

/** Makes a one-time link secret (valid 24 h) to create the first administrator; undefined once one exists. */
export async function createSetupLink(db: Db): Promise<string | undefined> {
  if (!(await setupNeeded(db))) return undefined;
  const secret = newSecret();
  const now = new Date();
  await repo.insertSetupLink(db, { token_hash: hashSecret(secret), created_at: now, expires_at: new Date(now.getTime() + 86_400_000) });
  return secret;
}

/** Uses a set-up link to create the first platform administrator. Errors: SetupDoneError, SetupLinkInvalidError, WeakPasswordError. Audited. */
export async function completeSetup(db: Db, input: CompleteSetup, requestId?: string): Promise<User> {
  checkPasswordStrength(input.password);
  const passwordHash = await hashPassword(input.password);
  const id = await db.transaction().execute(async (trx) => {
    if ((await repo.countPlatformAdmins(trx)) > 0) throw new SetupDoneError();
    const now = new Date();
    const link = await repo.findSetupLink(trx, hashSecret(input.token));
    if (!link || link.used_at || link.expires_at <= now) throw new SetupLinkInvalidError();
    if (await repo.findUserByUsername(trx, input.username)) throw new UsernameTakenError(input.username);
    await repo.markSetupLinkUsed(trx, link.token_hash, now);
    const id = newId();
    const actor = { userId: id, label: input.username, requestId };
    await repo.insertUser(trx, { id, username: input.username, display_name: input.displayName, email: null, locale: input.locale ?? 'en', password_hash: passwordHash, created_at: now, updated_at: now });
    await repo.insertGrant(trx, { id: newId(), user_id: id, role: 'platform_admin', scope_type: 'platform', scope_id: null, created_at: now });
    await recordAudit(trx, actor, { action: 'setup.complete', entityType: 'user', entityId: id, after: { username: input.username, role: 'platform_admin' } });
    return id;
  });
  return getUser({ db, actor: { userId: id, label: input.username } }, id);
}

export function permissionsOf(role: Role): Permission[] {
  return permissions.filter((p) => roleAllows(role, p));
}
