import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/db.js';
import { TEST_PASSWORD, buildTestApp, json, system, userWithToken } from '../../../test/app.js';
import { verifyPassword } from '../../platform/auth/password.js';
import { SESSION_COOKIE } from '../../platform/http/app.js';
import type { App } from '../../platform/http/types.js';
import { createApiToken, createSetupLink } from './index.js';
import { hashSecret, updateUser } from './access.service.js';

interface ErrorBody {
  error: { code: string; details: { field: string }[] };
}
const errorCode = (res: LightMyRequestResponse) => json<ErrorBody>(res).error.code;

/** A session cookie from a sign-in response. */
function sessionOf(res: LightMyRequestResponse): string {
  const cookie = res.cookies.find((c) => c.name === SESSION_COOKIE);
  expect(cookie, 'session cookie').toBeDefined();
  return cookie!.value;
}

describe('signing in and out', () => {
  let tdb: TestDatabase;
  let app: App;
  let admin: Awaited<ReturnType<typeof userWithToken>>;
  // Sign-in is rate limited per address (20 a minute): each test signs in from its own.
  let address = 0;
  const signIn = (username: string, password: string) =>
    app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { username, password }, remoteAddress: `10.0.0.${address}` });
  const me = (headers: Record<string, string>) => app.inject({ method: 'GET', url: '/api/auth/me', headers });
  const withSession = (session: string) => ({ cookie: `${SESSION_COOKIE}=${session}` });

  beforeAll(async () => {
    tdb = await createTestDatabase();
    app = await buildTestApp(tdb.db);
    admin = await userWithToken(tdb.db, [{ role: 'platform_admin', scopeType: 'platform' }], 'admin');
  });

  afterAll(async () => {
    await app?.close();
    await tdb?.drop();
  });

  beforeEach(() => {
    address += 1;
  });

  it('sign-in sets an HttpOnly, SameSite=Strict session cookie, and the cookie signs the user in', async () => {
    const user = await userWithToken(tdb.db, [], 'awa');
    const res = await signIn('awa', TEST_PASSWORD);
    expect(res.statusCode).toBe(200);
    expect(json(res)).toMatchObject({ username: 'awa', id: user.userId });
    const cookie = res.cookies.find((c) => c.name === SESSION_COOKIE)!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
    expect(cookie.value.length).toBeGreaterThanOrEqual(32);
    const header = [res.headers['set-cookie']].flat().join('\n');
    expect(header).toMatch(/HttpOnly/);
    expect(header).toMatch(/SameSite=Strict/);
    const who = await me(withSession(cookie.value));
    expect(who.statusCode).toBe(200);
    expect(json(who)).toMatchObject({ username: 'awa' });
    // The database keeps a hash of the session secret, not the secret.
    const stored = await tdb.db.selectFrom('user_session').select('id').where('user_id', '=', user.userId).execute();
    expect(stored).toHaveLength(1);
    expect(stored[0]!.id).not.toBe(cookie.value);
  });

  it('usernames are matched without regard to case', async () => {
    await userWithToken(tdb.db, [], 'Moussa');
    expect((await signIn('moussa', TEST_PASSWORD)).statusCode).toBe(200);
  });

  it('a wrong password or an unknown user gets 401 invalid_credentials, without saying which', async () => {
    await userWithToken(tdb.db, [], 'binta');
    const wrong = await signIn('binta', 'not the password');
    const unknown = await signIn('nobody-here', 'not the password');
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(json(wrong)).toEqual(json(unknown));
    expect(errorCode(wrong)).toBe('invalid_credentials');
    expect(wrong.cookies.find((c) => c.name === SESSION_COOKIE)).toBeUndefined();
  });

  it('sign-out ends the session: the cookie no longer works', async () => {
    await userWithToken(tdb.db, [], 'cheikh');
    const session = sessionOf(await signIn('cheikh', TEST_PASSWORD));
    expect((await me(withSession(session))).statusCode).toBe(200);
    const out = await app.inject({ method: 'POST', url: '/api/auth/sign-out', headers: withSession(session) });
    expect(out.statusCode).toBe(204);
    const cleared = out.cookies.find((c) => c.name === SESSION_COOKIE);
    expect(cleared?.value ?? '').toBe('');
    const after = await me(withSession(session));
    expect(after.statusCode).toBe(401);
    expect(errorCode(after)).toBe('unauthenticated');
  });

  it('signing out ends only that session, not the user’s other sessions', async () => {
    await userWithToken(tdb.db, [], 'diarra');
    const laptop = sessionOf(await signIn('diarra', TEST_PASSWORD));
    const phone = sessionOf(await signIn('diarra', TEST_PASSWORD));
    await app.inject({ method: 'POST', url: '/api/auth/sign-out', headers: withSession(laptop) });
    expect((await me(withSession(laptop))).statusCode).toBe(401);
    expect((await me(withSession(phone))).statusCode).toBe(200);
  });

  it('an expired session gives 401', async () => {
    const user = await userWithToken(tdb.db, [], 'fatou');
    const session = sessionOf(await signIn('fatou', TEST_PASSWORD));
    await tdb.db.updateTable('user_session').set({ expires_at: new Date(Date.now() - 1000) }).where('user_id', '=', user.userId).execute();
    expect((await me(withSession(session))).statusCode).toBe(401);
  });

  it('a wrong password 5 times locks the account (423 account_locked), even with the right password, until the lock time has passed', async () => {
    const user = await userWithToken(tdb.db, [], 'lamine');
    for (let i = 1; i <= 5; i++) {
      const res = await signIn('lamine', `wrong password ${i}`);
      expect(res.statusCode, `attempt ${i}`).toBe(401);
    }
    const locked = await signIn('lamine', TEST_PASSWORD);
    expect(locked.statusCode).toBe(423);
    expect(errorCode(locked)).toBe('account_locked');
    expect(locked.cookies.find((c) => c.name === SESSION_COOKIE)).toBeUndefined();
    const shown = json<{ lockedUntil: string | null }>(await app.inject({ method: 'GET', url: `/api/users/${user.userId}`, headers: admin.headers }));
    expect(Date.parse(shown.lockedUntil!)).toBeGreaterThan(Date.now());
    // The lock time passes.
    await tdb.db.updateTable('app_user').set({ locked_until: new Date(Date.now() - 1000) }).where('id', '=', user.userId).execute();
    const again = await signIn('lamine', TEST_PASSWORD);
    expect(again.statusCode).toBe(200);
    expect((await me(withSession(sessionOf(again)))).statusCode).toBe(200);
  });

  it('4 wrong passwords followed by the right one do not lock, and the count starts again', async () => {
    const user = await userWithToken(tdb.db, [], 'mariama');
    for (let i = 1; i <= 4; i++) expect((await signIn('mariama', `wrong ${i}`)).statusCode).toBe(401);
    expect((await signIn('mariama', TEST_PASSWORD)).statusCode).toBe(200);
    expect((await signIn('mariama', 'wrong again')).statusCode).toBe(401);
    const row = await tdb.db.selectFrom('app_user').select(['failed_sign_ins', 'locked_until']).where('id', '=', user.userId).executeTakeFirstOrThrow();
    expect(row).toEqual({ failed_sign_ins: 1, locked_until: null });
  });

  it('a revoked API token gives 401', async () => {
    const user = await userWithToken(tdb.db, [], 'ndeye');
    const created = await app.inject({ method: 'POST', url: '/api/tokens', headers: user.headers, payload: { name: 'export script' } });
    expect(created.statusCode).toBe(201);
    const { id, token } = json<{ id: string; token: string }>(created);
    const bearer = { authorization: `Bearer ${token}` };
    expect((await me(bearer)).statusCode).toBe(200);
    // The database keeps a hash of the token, not the token.
    const row = await tdb.db.selectFrom('api_token').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.token_hash).not.toContain(token);
    const revoked = await app.inject({ method: 'DELETE', url: `/api/tokens/${id}`, headers: user.headers });
    expect(revoked.statusCode).toBe(200);
    expect(json<{ revokedAt: string | null }>(revoked).revokedAt).not.toBeNull();
    const after = await me(bearer);
    expect(after.statusCode).toBe(401);
    expect(errorCode(after)).toBe('unauthenticated');
    // The other token of the same user still works.
    expect((await me(user.headers)).statusCode).toBe(200);
  });

  it('an expired API token gives 401', async () => {
    const user = await userWithToken(tdb.db, [], 'ousmane');
    const { id, token } = await createApiToken({ db: tdb.db, ...system }, user.userId, { name: 'short-lived', expiresInDays: 1 });
    await tdb.db.updateTable('api_token').set({ expires_at: new Date(Date.now() - 1000) }).where('id', '=', id).execute();
    expect((await me({ authorization: `Bearer ${token}` })).statusCode).toBe(401);
  });

  it('one user cannot revoke another user’s token', async () => {
    const owner = await userWithToken(tdb.db, [], 'pape');
    const other = await userWithToken(tdb.db, [], 'rokhaya');
    const { id } = await createApiToken({ db: tdb.db, ...system }, owner.userId, { name: 'mine' });
    const res = await app.inject({ method: 'DELETE', url: `/api/tokens/${id}`, headers: other.headers });
    expect(res.statusCode).toBe(404);
    const tokens = json<{ id: string; revokedAt: string | null }[]>(await app.inject({ method: 'GET', url: '/api/tokens', headers: owner.headers }));
    expect(tokens.find((t) => t.id === id)?.revokedAt).toBeNull();
  });

  it('passwords are stored as scrypt hashes, never in clear, and are absent from audit records', async () => {
    const password = 'Kaolack-secret-2026';
    const newPassword = 'Ndiaffate-other-2026';
    const created = await app.inject({ method: 'POST', url: '/api/users', headers: admin.headers, payload: { username: 'samba', displayName: 'Samba', password } });
    expect(created.statusCode).toBe(201);
    expect(created.body).not.toContain(password);
    const { id } = json<{ id: string }>(created);
    const changed = await app.inject({ method: 'PATCH', url: `/api/users/${id}`, headers: admin.headers, payload: { password: newPassword } });
    expect(changed.statusCode).toBe(200);
    expect(changed.body).not.toContain(newPassword);

    const row = await tdb.db.selectFrom('app_user').select('password_hash').where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.password_hash).toMatch(/^scrypt\$\d+\$\d+\$\d+\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(row.password_hash).not.toContain(newPassword);
    expect(await verifyPassword(newPassword, row.password_hash)).toBe(true);
    expect(await verifyPassword(password, row.password_hash)).toBe(false);
    expect((await signIn('samba', newPassword)).statusCode).toBe(200);

    const records = await tdb.db.selectFrom('audit_log').select(['action', 'before', 'after']).where('entity_id', '=', id).execute();
    expect(records.map((r) => r.action)).toEqual(expect.arrayContaining(['user.create', 'user.update_password', 'user.sign_in']));
    const text = JSON.stringify(records);
    for (const secret of [password, newPassword, row.password_hash, row.password_hash.split('$')[5]!]) expect(text).not.toContain(secret);
    expect(text).not.toMatch(/password_hash|passwordHash/);
    const page = await app.inject({ method: 'GET', url: `/api/audit?entityId=${id}`, headers: admin.headers });
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain(newPassword);
    expect(page.body).not.toContain(row.password_hash);
  });

  it('a password shorter than 10 characters is refused, naming the field', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/users', headers: admin.headers, payload: { username: 'short', displayName: 'Short', password: 'abc123' } });
    expect(res.statusCode).toBe(400);
    expect(json(res)).toMatchObject({ error: { code: 'weak_password', details: [{ field: 'password' }] } });
  });

  it('a deactivated user’s sessions and tokens stop working, and they cannot sign in', async () => {
    const user = await userWithToken(tdb.db, [], 'thierno');
    const session = sessionOf(await signIn('thierno', TEST_PASSWORD));
    expect((await me(withSession(session))).statusCode).toBe(200);
    expect((await me(user.headers)).statusCode).toBe(200);

    const res = await app.inject({ method: 'PATCH', url: `/api/users/${user.userId}`, headers: admin.headers, payload: { active: false } });
    expect(res.statusCode).toBe(200);
    expect(json(res)).toMatchObject({ active: false });
    expect((await me(withSession(session))).statusCode).toBe(401);
    expect((await me(user.headers)).statusCode).toBe(401);
    const again = await signIn('thierno', TEST_PASSWORD);
    expect(again.statusCode).toBe(401);
    expect(errorCode(again)).toBe('invalid_credentials');
  });

  it('changing a password ends the user’s sessions', async () => {
    const user = await userWithToken(tdb.db, [], 'yacine');
    const session = sessionOf(await signIn('yacine', TEST_PASSWORD));
    const res = await app.inject({ method: 'PATCH', url: `/api/users/${user.userId}`, headers: admin.headers, payload: { password: 'a brand new password' } });
    expect(res.statusCode).toBe(200);
    expect((await me(withSession(session))).statusCode).toBe(401);
    expect((await signIn('yacine', TEST_PASSWORD)).statusCode).toBe(401);
  });
});

describe('the first administrator and the last one', () => {
  let tdb: TestDatabase;
  let app: App;
  const setupStatus = async () => json<{ needed: boolean }>(await app.inject({ method: 'GET', url: '/api/setup' }));
  const completeSetup = (token: string, username: string, remoteAddress = '10.1.0.1') =>
    app.inject({ method: 'POST', url: '/api/setup', remoteAddress, payload: { token, username, displayName: username, password: TEST_PASSWORD } });

  beforeAll(async () => {
    tdb = await createTestDatabase();
    app = await buildTestApp(tdb.db);
  });

  afterAll(async () => {
    await app?.close();
    await tdb?.drop();
  });

  it('the set-up link creates the first administrator once, and only while no administrator exists', async () => {
    expect(await setupStatus()).toEqual({ needed: true });
    const link = await createSetupLink(tdb.db);
    expect(link).toEqual(expect.any(String));
    const expired = (await createSetupLink(tdb.db))!;
    await tdb.db.updateTable('setup_link').set({ expires_at: new Date(Date.now() - 1000) }).where('token_hash', '=', hashSecret(expired)).execute();

    const wrong = await completeSetup('not-the-right-token', 'root');
    expect(wrong.statusCode).toBe(400);
    expect(errorCode(wrong)).toBe('setup_link_invalid');
    const late = await completeSetup(expired, 'root');
    expect(late.statusCode).toBe(400);
    expect(errorCode(late)).toBe('setup_link_invalid');
    expect(await setupStatus()).toEqual({ needed: true });

    const done = await completeSetup(link!, 'root');
    expect(done.statusCode).toBe(201);
    expect(json(done)).toMatchObject({ username: 'root', active: true, grants: [{ role: 'platform_admin', scopeType: 'platform', scope: null }] });
    expect(await setupStatus()).toEqual({ needed: false });
    const signedIn = await app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { username: 'root', password: TEST_PASSWORD } });
    expect(signedIn.statusCode).toBe(200);

    // Used: not again, whether or not an administrator exists.
    const twice = await completeSetup(link!, 'root2');
    expect(twice.statusCode).toBe(409);
    expect(errorCode(twice)).toBe('setup_done');
    expect(await createSetupLink(tdb.db)).toBeUndefined();
    await tdb.db.updateTable('app_user').set({ active: false }).where('username', '=', 'root').execute();
    expect(await setupStatus()).toEqual({ needed: true });
    const reused = await completeSetup(link!, 'root3');
    expect(reused.statusCode).toBe(400);
    expect(errorCode(reused)).toBe('setup_link_invalid');
    await tdb.db.updateTable('app_user').set({ active: true }).where('username', '=', 'root').execute();
  });

  it('a link made before an administrator existed no longer works once one does', async () => {
    // `root` is the administrator from the test above; a link left over from before is refused.
    await tdb.db.insertInto('setup_link').values({ token_hash: hashSecret('left-over-link-secret'), created_at: new Date(), expires_at: new Date(Date.now() + 3_600_000) }).execute();
    const res = await completeSetup('left-over-link-secret', 'intruder');
    expect(res.statusCode).toBe(409);
    expect(errorCode(res)).toBe('setup_done');
    const users = await tdb.db.selectFrom('app_user').select('username').execute();
    expect(users.map((u) => u.username)).not.toContain('intruder');
  });

  it('the last platform administrator cannot lose the role nor be deactivated (409 last_admin)', async () => {
    const admins = await tdb.db.selectFrom('app_user').select('id').where('username', '=', 'root').execute();
    const rootId = admins[0]!.id;
    const root = await userWithTokenFor(rootId);
    const user = json<{ grants: { id: string; role: string }[] }>(await app.inject({ method: 'GET', url: `/api/users/${rootId}`, headers: root }));
    const grantId = user.grants.find((g) => g.role === 'platform_admin')!.id;

    const revoke = await app.inject({ method: 'DELETE', url: `/api/users/${rootId}/grants/${grantId}`, headers: root });
    expect(revoke.statusCode).toBe(409);
    expect(errorCode(revoke)).toBe('last_admin');
    const deactivate = await app.inject({ method: 'PATCH', url: `/api/users/${rootId}`, headers: root, payload: { active: false } });
    expect(deactivate.statusCode).toBe(409);
    expect(errorCode(deactivate)).toBe('last_admin');
    // Nor from the command line, which acts as the system.
    await expect(updateUser({ db: tdb.db, ...system }, rootId, { active: false })).rejects.toMatchObject({ code: 'last_admin' });
    expect(json(await app.inject({ method: 'GET', url: `/api/users/${rootId}`, headers: root }))).toMatchObject({ active: true, grants: [{ role: 'platform_admin' }] });
    expect(await setupStatus()).toEqual({ needed: false });
  });

  it('with a second administrator, one can step down; then the other is the last', async () => {
    const rootId = (await tdb.db.selectFrom('app_user').select('id').where('username', '=', 'root').executeTakeFirstOrThrow()).id;
    const root = await userWithTokenFor(rootId);
    const second = await userWithToken(tdb.db, [{ role: 'platform_admin', scopeType: 'platform' }], 'second-admin');
    const deactivated = await app.inject({ method: 'PATCH', url: `/api/users/${second.userId}`, headers: root, payload: { active: false } });
    expect(deactivated.statusCode).toBe(200);
    // An inactive administrator does not count: root is the last again.
    const deactivateRoot = await updateUser({ db: tdb.db, ...system }, rootId, { active: false }).catch((e: unknown) => e);
    expect(deactivateRoot).toMatchObject({ code: 'last_admin' });
    // Taking the role from the inactive one is not taking it from the last active one.
    const secondUser = json<{ grants: { id: string }[] }>(await app.inject({ method: 'GET', url: `/api/users/${second.userId}`, headers: root }));
    const revoke = await app.inject({ method: 'DELETE', url: `/api/users/${second.userId}/grants/${secondUser.grants[0]!.id}`, headers: root });
    expect(revoke.statusCode).toBe(200);
  });

  /** A bearer token for an existing user. */
  async function userWithTokenFor(userId: string): Promise<Record<string, string>> {
    const { token } = await createApiToken({ db: tdb.db, ...system }, userId, { name: 'test' });
    return { authorization: `Bearer ${token}` };
  }
});
