import type { Executor } from '../../platform/audit/audit.js';
import type { FederationTable, LocationTable, SchemeTable, SectionTable } from './organizations.table.js';
import type { Insertable, Updateable } from 'kysely';

export function findFederationByCode(db: Executor, code: string) {
  return db.selectFrom('federation').selectAll().where('code', '=', code).executeTakeFirst();
}

export function findFederationById(db: Executor, id: string) {
  return db.selectFrom('federation').selectAll().where('id', '=', id).executeTakeFirst();
}

export function listFederations(db: Executor, ids?: string[]) {
  let q = db.selectFrom('federation').selectAll().orderBy('code');
  if (ids) q = q.where('id', 'in', ids.length ? ids : ['00000000-0000-0000-0000-000000000000']);
  return q.execute();
}

export function insertFederation(db: Executor, row: Insertable<FederationTable>) {
  return db.insertInto('federation').values(row).returningAll().executeTakeFirstOrThrow();
}

export function updateFederation(db: Executor, id: string, changes: Updateable<FederationTable>) {
  return db.updateTable('federation').set(changes).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

const schemeColumns = [
  'scheme.id',
  'scheme.code',
  'scheme.name',
  'scheme.currency',
  'scheme.country',
  'scheme.target_population',
  'scheme.settings',
  'scheme.federation_id',
  'scheme.created_at',
  'scheme.updated_at',
  'federation.code as federation_code',
] as const;

function schemesQuery(db: Executor) {
  return db.selectFrom('scheme').leftJoin('federation', 'federation.id', 'scheme.federation_id').select(schemeColumns);
}

export function findSchemeByCode(db: Executor, code: string) {
  return schemesQuery(db).where('scheme.code', '=', code).executeTakeFirst();
}

export function findSchemeById(db: Executor, id: string) {
  return schemesQuery(db).where('scheme.id', '=', id).executeTakeFirst();
}

export type SchemeWithFederation = NonNullable<Awaited<ReturnType<typeof findSchemeById>>>;

export function listSchemes(db: Executor, filter?: { schemeIds: string[]; federationIds: string[] }, federationId?: string) {
  let q = schemesQuery(db).orderBy('scheme.code');
  if (filter) {
    const none = ['00000000-0000-0000-0000-000000000000'];
    q = q.where((eb) =>
      eb.or([
        eb('scheme.id', 'in', filter.schemeIds.length ? filter.schemeIds : none),
        eb('scheme.federation_id', 'in', filter.federationIds.length ? filter.federationIds : none),
      ]),
    );
  }
  if (federationId) q = q.where('scheme.federation_id', '=', federationId);
  return q.execute();
}

export function insertScheme(db: Executor, row: Insertable<SchemeTable>) {
  return db.insertInto('scheme').values(row).returning('id').executeTakeFirstOrThrow();
}

export function updateScheme(db: Executor, id: string, changes: Updateable<SchemeTable>) {
  return db.updateTable('scheme').set(changes).where('id', '=', id).execute();
}

export function schemeIdsOfFederations(db: Executor, federationIds: string[]) {
  if (federationIds.length === 0) return Promise.resolve([] as { id: string }[]);
  return db.selectFrom('scheme').select('id').where('federation_id', 'in', federationIds).execute();
}

const sectionColumns = [
  'section.id',
  'section.code',
  'section.name',
  'section.scheme_id',
  'section.location_id',
  'section.created_at',
  'section.updated_at',
  'location.code as location_code',
] as const;

export function listSections(db: Executor, schemeId: string) {
  return db
    .selectFrom('section')
    .leftJoin('location', 'location.id', 'section.location_id')
    .select(sectionColumns)
    .where('section.scheme_id', '=', schemeId)
    .orderBy('section.code')
    .execute();
}

export function findSectionByCode(db: Executor, schemeId: string, code: string) {
  return db
    .selectFrom('section')
    .leftJoin('location', 'location.id', 'section.location_id')
    .select(sectionColumns)
    .where('section.scheme_id', '=', schemeId)
    .where('section.code', '=', code)
    .executeTakeFirst();
}

export type SectionWithLocation = NonNullable<Awaited<ReturnType<typeof findSectionByCode>>>;

export function insertSection(db: Executor, row: Insertable<SectionTable>) {
  return db.insertInto('section').values(row).execute();
}

export function updateSection(db: Executor, id: string, changes: Updateable<SectionTable>) {
  return db.updateTable('section').set(changes).where('id', '=', id).execute();
}

export function listLocationLevels(db: Executor) {
  return db.selectFrom('location_level').selectAll().orderBy('depth').execute();
}

export function findLocationLevel(db: Executor, depth: number) {
  return db.selectFrom('location_level').selectAll().where('depth', '=', depth).executeTakeFirst();
}

export async function replaceLocationLevels(db: Executor, levels: { depth: number; code: string; name_en: string; name_fr: string }[]) {
  const depths = levels.map((l) => l.depth);
  await db.deleteFrom('location_level').where('depth', 'not in', depths).execute();
  for (const level of levels) {
    await db
      .insertInto('location_level')
      .values(level)
      .onConflict((oc) => oc.column('depth').doUpdateSet({ code: level.code, name_en: level.name_en, name_fr: level.name_fr }))
      .execute();
  }
}

export function maxLocationDepthInUse(db: Executor) {
  return db.selectFrom('location').select((eb) => eb.fn.max('depth').as('depth')).executeTakeFirst();
}

const locationColumns = ['location.id', 'location.code', 'location.name', 'location.depth', 'location.parent_id', 'parent.code as parent_code'] as const;

function locationsQuery(db: Executor) {
  return db.selectFrom('location').leftJoin('location as parent', 'parent.id', 'location.parent_id').select(locationColumns);
}

export function findLocationByCode(db: Executor, code: string) {
  return locationsQuery(db).where('location.code', '=', code).executeTakeFirst();
}

export function listLocations(db: Executor, filter: { parentId: string | null; search?: string; limit: number }) {
  let q = locationsQuery(db).orderBy('location.name').limit(filter.limit);
  if (filter.search) {
    q = q.where('location.name', 'ilike', `%${filter.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  } else {
    q = filter.parentId ? q.where('location.parent_id', '=', filter.parentId) : q.where('location.parent_id', 'is', null);
  }
  return q.execute();
}

export function insertLocation(db: Executor, row: Insertable<LocationTable>) {
  return db.insertInto('location').values(row).execute();
}

export function findLocationsByName(db: Executor, name: string) {
  return db.selectFrom('location').select(['id', 'code']).where((eb) => eb(eb.fn('lower', ['name']), '=', name.toLowerCase())).limit(2).execute();
}
