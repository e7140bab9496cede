import { type ExpressionBuilder, type Insertable, type Updateable, sql } from 'kysely';
import type { Executor } from '../../platform/audit/audit.js';
import type { Database } from '../../platform/db/schema.js';
import type { AgreementPriceTable, AgreementTable, DiagnosisTable, ProviderTable, ServiceTable } from './providers.table.js';

// ---------------------------------------------------------------- search helpers

// Accented letters of the languages Mutua serves, and their plain forms: searches match
// "cesarienne" with "Césarienne" without the unaccent extension (not installed everywhere).
const ACCENTS: [string, string][] = [
  ['àáâäãåā', 'a'],
  ['ç', 'c'],
  ['èéêëē', 'e'],
  ['ìíîïī', 'i'],
  ['ñ', 'n'],
  ['òóôöõō', 'o'],
  ['ùúûüū', 'u'],
  ['ýÿ', 'y'],
];
// Upper-case accented letters are listed too: lower() folds only ASCII under the C locale.
const PAIRS = ACCENTS.flatMap(([letters, plain]) => [...letters, ...letters.toUpperCase()].map((letter) => [letter, plain] as const));
const FROM = PAIRS.map(([letter]) => letter).join('');
const TO = PAIRS.map(([, plain]) => plain).join('');
const FOLD = new Map<string, string>(PAIRS);

/** Lower case without accents, as the SQL below folds stored text. */
export function fold(text: string): string {
  let out = '';
  for (const ch of text.toLowerCase()) out += FOLD.get(ch) ?? ch;
  return out;
}

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);
const words = (q: string) => fold(q).split(/\s+/).filter(Boolean).slice(0, 10);

/** `column` folded (lower case, accents off) in SQL. */
const folded = (column: string) => sql<string>`translate(lower(${sql.ref(column)}), ${FROM}, ${TO})`;

/** Rows whose `codeColumn` starts with `q`, or whose `textColumn` holds every word of `q`. */
function codeOrWords(eb: ExpressionBuilder<Database, keyof Database>, codeColumn: string, textColumn: string, q: string, codePrefix = q) {
  const byWords = words(q).map((w) => eb(folded(textColumn), 'like', `%${escapeLike(w)}%`));
  return eb.or([eb(sql.ref(codeColumn), 'ilike', `${escapeLike(codePrefix)}%`), ...(byWords.length ? [eb.and(byWords)] : [])]);
}

/** Serializes writes to one scheme's catalogue or to one provider's agreements, for this transaction. */
export async function lock(db: Executor, key: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtextextended(${key}, 0))`.execute(db);
}

// ---------------------------------------------------------------- services

export function findServiceByCode(db: Executor, schemeId: string, code: string) {
  return db.selectFrom('service').selectAll().where('scheme_id', '=', schemeId).where('code', '=', code).executeTakeFirst();
}

export interface ServiceFilter {
  category?: string;
  kind?: string;
  q?: string;
  active?: boolean;
  limit: number;
  offset: number;
}

export function listServices(db: Executor, schemeId: string, filter: ServiceFilter) {
  let q = db.selectFrom('service').selectAll().where('scheme_id', '=', schemeId);
  if (filter.category) q = q.where('category', '=', filter.category);
  if (filter.kind) q = q.where('kind', '=', filter.kind);
  if (filter.active !== undefined) q = q.where('active', '=', filter.active);
  const search = filter.q;
  if (search) q = q.where((eb) => codeOrWords(eb as never, 'service.code', 'service.name', search));
  return q.orderBy('code').limit(filter.limit).offset(filter.offset).execute();
}

/** Every service of a scheme (the catalogue is hundreds or a few thousand rows). */
export function allServices(db: Executor, schemeId: string) {
  return db.selectFrom('service').selectAll().where('scheme_id', '=', schemeId).orderBy('code').execute();
}

export function servicesByCodes(db: Executor, schemeId: string, codes: string[]) {
  if (codes.length === 0) return Promise.resolve([]);
  return db.selectFrom('service').selectAll().where('scheme_id', '=', schemeId).where('code', 'in', codes).execute();
}

export async function insertServices(db: Executor, rows: Insertable<ServiceTable>[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 1000) await db.insertInto('service').values(rows.slice(i, i + 1000)).execute();
}

export function updateService(db: Executor, schemeId: string, id: string, changes: Updateable<ServiceTable>) {
  return db.updateTable('service').set(changes).where('scheme_id', '=', schemeId).where('id', '=', id).execute();
}

// ---------------------------------------------------------------- providers

const providerColumns = [
  'provider.id',
  'provider.scheme_id',
  'provider.code',
  'provider.name',
  'provider.level',
  'provider.type',
  'provider.location_id',
  'provider.address',
  'provider.phone',
  'provider.email',
  'provider.active',
  'provider.created_at',
  'provider.updated_at',
  // Location codes come from the replicated `location` reference table (read only, as members
  // does); locations are resolved by code through the organizations module.
  'location.code as location_code',
] as const;

export function findProviderByCode(db: Executor, schemeId: string, code: string) {
  return db
    .selectFrom('provider')
    .leftJoin('location', 'location.id', 'provider.location_id')
    .select(providerColumns)
    .where('provider.scheme_id', '=', schemeId)
    .where('provider.code', '=', code)
    .executeTakeFirst();
}

export type ProviderWithLocation = NonNullable<Awaited<ReturnType<typeof findProviderByCode>>>;

/** Locks a provider's row for this transaction: its agreements change one writer at a time. */
export function lockProviderByCode(db: Executor, schemeId: string, code: string) {
  return db.selectFrom('provider').select(['id', 'code']).where('scheme_id', '=', schemeId).where('code', '=', code).forUpdate().executeTakeFirst();
}

export interface ProviderFilter {
  level?: string;
  active?: boolean;
  q?: string;
  /** Only these providers (a provider clerk's own). */
  ids?: string[];
}

export function listProviders(db: Executor, schemeId: string, filter: ProviderFilter) {
  let q = db.selectFrom('provider').leftJoin('location', 'location.id', 'provider.location_id').select(providerColumns).where('provider.scheme_id', '=', schemeId);
  if (filter.level) q = q.where('provider.level', '=', filter.level);
  if (filter.active !== undefined) q = q.where('provider.active', '=', filter.active);
  if (filter.ids) q = filter.ids.length ? q.where('provider.id', 'in', filter.ids) : q.where(sql<boolean>`false`);
  const search = filter.q;
  if (search) q = q.where((eb) => codeOrWords(eb as never, 'provider.code', 'provider.name', search));
  return q.orderBy('provider.code').execute();
}

export function allProviders(db: Executor, schemeId: string) {
  return db.selectFrom('provider').select(['id', 'code', 'name', 'level', 'active']).where('scheme_id', '=', schemeId).orderBy('code').execute();
}

export function insertProvider(db: Executor, row: Insertable<ProviderTable>) {
  return db.insertInto('provider').values(row).execute();
}

export function updateProvider(db: Executor, schemeId: string, id: string, changes: Updateable<ProviderTable>) {
  return db.updateTable('provider').set(changes).where('scheme_id', '=', schemeId).where('id', '=', id).execute();
}

export function providerIdByCode(db: Executor, schemeId: string, code: string) {
  return db.selectFrom('provider').select('id').where('scheme_id', '=', schemeId).where('code', '=', code).executeTakeFirst();
}

export function providersByIds(db: Executor, ids: readonly string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('provider').select(['id', 'scheme_id', 'code']).where('id', 'in', [...ids]).execute();
}

export function providerIdsOfSchemes(db: Executor, schemeIds: readonly string[]) {
  if (schemeIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('provider').select('id').where('scheme_id', 'in', [...schemeIds]).execute();
}

// ---------------------------------------------------------------- agreements

export function listAgreements(db: Executor, schemeId: string, providerIds?: string[]) {
  let q = db.selectFrom('agreement').selectAll().where('scheme_id', '=', schemeId);
  if (providerIds) {
    if (providerIds.length === 0) return Promise.resolve([]);
    q = q.where('provider_id', 'in', providerIds);
  }
  return q.orderBy('provider_id').orderBy('valid_from').execute();
}

export function findAgreementOn(db: Executor, schemeId: string, providerId: string, date: string) {
  return db
    .selectFrom('agreement')
    .selectAll()
    .where('scheme_id', '=', schemeId)
    .where('provider_id', '=', providerId)
    .where('valid_from', '<=', date)
    .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>=', date)]))
    .executeTakeFirst();
}

export function insertAgreement(db: Executor, row: Insertable<AgreementTable>) {
  return db.insertInto('agreement').values(row).execute();
}

/**
 * Closes a version: the one change ever made to an agreement (a version claims may have used
 * keeps its terms; only its end moves, and only earlier).
 */
export function closeAgreement(db: Executor, schemeId: string, id: string, validTo: string) {
  return db
    .updateTable('agreement')
    .set({ valid_to: validTo })
    .where('scheme_id', '=', schemeId)
    .where('id', '=', id)
    .where('valid_from', '<=', validTo)
    .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>', validTo)]))
    .executeTakeFirst();
}

export async function insertPrices(db: Executor, rows: Insertable<AgreementPriceTable>[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 2000) await db.insertInto('agreement_price').values(rows.slice(i, i + 2000)).execute();
}

/** Tariff lines of agreements, with their service's code, name, category and kind. */
export function pricesOf(db: Executor, schemeId: string, agreementIds?: string[]) {
  let q = db
    .selectFrom('agreement_price')
    .innerJoin('service', (j) => j.onRef('service.id', '=', 'agreement_price.service_id').onRef('service.scheme_id', '=', 'agreement_price.scheme_id'))
    .select(['agreement_price.agreement_id', 'agreement_price.price', 'service.code', 'service.name', 'service.category', 'service.kind'])
    .where('agreement_price.scheme_id', '=', schemeId);
  if (agreementIds) {
    if (agreementIds.length === 0) return Promise.resolve([]);
    q = q.where('agreement_price.agreement_id', 'in', agreementIds);
  }
  return q.orderBy('service.code').execute();
}

// ---------------------------------------------------------------- diagnoses

export function searchDiagnoses(db: Executor, q: string | undefined, codePrefix: string | undefined, limit: number) {
  let query = db.selectFrom('diagnosis').select(['code', 'title']);
  if (q) {
    query = query
      .where((eb) => codeOrWords(eb as never, 'diagnosis.code', 'diagnosis.title', q, codePrefix ?? q))
      // Codes that start with the search first, then in code order.
      .orderBy(sql`case when code like ${`${escapeLike(codePrefix ?? q)}%`} then 0 else 1 end`);
  }
  return query.orderBy('code').limit(limit).execute();
}

export function allDiagnoses(db: Executor) {
  return db.selectFrom('diagnosis').select(['code', 'title']).execute();
}

export async function upsertDiagnoses(db: Executor, rows: Insertable<DiagnosisTable>[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 2000) {
    await db
      .insertInto('diagnosis')
      .values(rows.slice(i, i + 2000))
      .onConflict((oc) => oc.column('code').doUpdateSet((eb) => ({ title: eb.ref('excluded.title') })))
      .execute();
  }
}

export function diagnosesByCodes(db: Executor, codes: string[]) {
  if (codes.length === 0) return Promise.resolve([]);
  return db.selectFrom('diagnosis').select('code').where('code', 'in', codes).execute();
}
