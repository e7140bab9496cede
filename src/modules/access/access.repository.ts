import type { Insertable, Updateable } from 'kysely';
import type { Executor } from '../../platform/audit/audit.js';
import type { ApiTokenTable, AppUserTable, RoleGrantTable } from './access.table.js';

export function findUserById(db: Executor, id: string) {
  return db.selectFrom('app_user').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findUserByUsername(db: Executor, username: string) {
  return db.selectFrom('app_user').selectAll().where((eb) => eb(eb.fn('lower', ['username']), '=', username.toLowerCase())).executeTakeFirst();
}

export function insertUser(db: Executor, row: Insertable<AppUserTable>) {
  return db.insertInto('app_user').values(row).execute();
}

export function updateUser(db: Executor, id: string, changes: Updateable<AppUserTable>) {
  return db.updateTable('app_user').set(changes).where('id', '=', id).execute();
}

/** Users visible through grants on these scopes (or all users when no filter). */
export function listUsers(db: Executor, filter?: { schemeIds: string[]; federationIds: string[]; providerIds?: string[]; selfId: string }) {
  let q = db.selectFrom('app_user').selectAll().orderBy('username');
  if (filter) {
    const none = ['00000000-0000-0000-0000-000000000000'];
    q = q.where((eb) =>
      eb.or([
        eb('id', '=', filter.selfId),
        eb.exists(
          eb
            .selectFrom('role_grant')
            .select('role_grant.id')
            .whereRef('role_grant.user_id', '=', 'app_user.id')
            .where((g) =>
              g.or([
                g.and([g('role_grant.scope_type', '=', 'scheme'), g('role_grant.scope_id', 'in', filter.schemeIds.length ? filter.schemeIds : none)]),
                g.and([g('role_grant.scope_type', '=', 'federation'), g('role_grant.scope_id', 'in', filter.federationIds.length ? filter.federationIds : none)]),
                g.and([g('role_grant.scope_type', '=', 'provider'), g('role_grant.scope_id', 'in', filter.providerIds?.length ? filter.providerIds : none)]),
              ]),
            ),
        ),
      ]),
    );
  }
  return q.execute();
}

export function grantsOfUsers(db: Executor, userIds: string[]) {
  if (userIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('role_grant')
    .leftJoin('scheme', (j) => j.onRef('scheme.id', '=', 'role_grant.scope_id').on('role_grant.scope_type', '=', 'scheme'))
    .leftJoin('federation', (j) => j.onRef('federation.id', '=', 'role_grant.scope_id').on('role_grant.scope_type', '=', 'federation'))
    .select(['role_grant.id', 'role_grant.user_id', 'role_grant.role', 'role_grant.scope_type', 'role_grant.scope_id', 'scheme.code as scheme_code', 'federation.code as federation_code'])
    .where('role_grant.user_id', 'in', userIds)
    .orderBy('role_grant.created_at')
    .execute();
}

/** Schemes by id, for naming the scheme of a grant on a provider (as grantsOfUsers joins the scheme of a scheme grant). */
export function schemesByIds(db: Executor, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('scheme').select(['id', 'code', 'federation_id']).where('id', 'in', ids).execute();
}

export function findGrant(db: Executor, userId: string, grantId: string) {
  return db.selectFrom('role_grant').selectAll().where('user_id', '=', userId).where('id', '=', grantId).executeTakeFirst();
}

export function findSameGrant(db: Executor, g: { user_id: string; role: string; scope_type: string; scope_id: string | null }) {
  let q = db.selectFrom('role_grant').select('id').where('user_id', '=', g.user_id).where('role', '=', g.role).where('scope_type', '=', g.scope_type);
  q = g.scope_id ? q.where('scope_id', '=', g.scope_id) : q.where('scope_id', 'is', null);
  return q.executeTakeFirst();
}

export function insertGrant(db: Executor, row: Insertable<RoleGrantTable>) {
  return db.insertInto('role_grant').values(row).execute();
}

export function deleteGrant(db: Executor, id: string) {
  return db.deleteFrom('role_grant').where('id', '=', id).execute();
}

export async function countPlatformAdmins(db: Executor): Promise<number> {
  const row = await db
    .selectFrom('role_grant')
    .innerJoin('app_user', 'app_user.id', 'role_grant.user_id')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('role_grant.role', '=', 'platform_admin')
    .where('app_user.active', '=', true)
    .executeTakeFirstOrThrow();
  return row.n;
}

export function insertSession(db: Executor, row: { id: string; user_id: string; created_at: Date; expires_at: Date }) {
  return db.insertInto('user_session').values(row).execute();
}

export function findSession(db: Executor, id: string) {
  return db.selectFrom('user_session').selectAll().where('id', '=', id).executeTakeFirst();
}

export function extendSession(db: Executor, id: string, expiresAt: Date) {
  return db.updateTable('user_session').set({ expires_at: expiresAt }).where('id', '=', id).execute();
}

export function deleteSession(db: Executor, id: string) {
  return db.deleteFrom('user_session').where('id', '=', id).execute();
}

export function deleteSessionsOfUser(db: Executor, userId: string) {
  return db.deleteFrom('user_session').where('user_id', '=', userId).execute();
}

export function deleteExpiredSessions(db: Executor, now: Date) {
  return db.deleteFrom('user_session').where('expires_at', '<', now).execute();
}

export function insertApiToken(db: Executor, row: Insertable<ApiTokenTable>) {
  return db.insertInto('api_token').values(row).execute();
}

export function findApiTokenByHash(db: Executor, hash: string) {
  return db.selectFrom('api_token').selectAll().where('token_hash', '=', hash).executeTakeFirst();
}

export function findApiToken(db: Executor, userId: string, id: string) {
  return db.selectFrom('api_token').selectAll().where('user_id', '=', userId).where('id', '=', id).executeTakeFirst();
}

export function listApiTokens(db: Executor, userId: string) {
  return db.selectFrom('api_token').selectAll().where('user_id', '=', userId).orderBy('created_at').execute();
}

export function updateApiToken(db: Executor, id: string, changes: Updateable<ApiTokenTable>) {
  return db.updateTable('api_token').set(changes).where('id', '=', id).execute();
}

export function insertSetupLink(db: Executor, row: { token_hash: string; created_at: Date; expires_at: Date }) {
  return db.insertInto('setup_link').values(row).execute();
}

export function findSetupLink(db: Executor, hash: string) {
  return db.selectFrom('setup_link').selectAll().where('token_hash', '=', hash).forUpdate().executeTakeFirst();
}

export function markSetupLinkUsed(db: Executor, hash: string, at: Date) {
  return db.updateTable('setup_link').set({ used_at: at }).where('token_hash', '=', hash).execute();
}

export async function countUsers(db: Executor): Promise<number> {
  const row = await db.selectFrom('app_user').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return row.n;
}
