import { type Insertable, type Updateable, sql } from 'kysely';
import type { Executor } from '../../platform/audit/audit.js';
import { fixedStatement } from '../../platform/db/connection.js';
import { newIds } from '../../platform/ids.js';
import type { CardHolder } from './members.service.js';
import { searchKey } from './search-key.js';
import type { BeneficiaryTable, HouseholdTable, MemberGroupTable } from './members.table.js';

// ---------------------------------------------------------------- groups

export function findGroupByCode(db: Executor, schemeId: string, code: string) {
  return db.selectFrom('member_group').selectAll().where('scheme_id', '=', schemeId).where('code', '=', code).executeTakeFirst();
}

export function listGroups(db: Executor, schemeId: string) {
  return db.selectFrom('member_group').selectAll().where('scheme_id', '=', schemeId).orderBy('code').execute();
}

export function insertGroup(db: Executor, row: Insertable<MemberGroupTable>) {
  return db.insertInto('member_group').values(row).returningAll().executeTakeFirstOrThrow();
}

// ---------------------------------------------------------------- locations (reference data)

// Locations are resolved through the organizations module. The queries below still join the
// replicated `location` reference table for codes, and walk it for "this place or below" in
// search: reads of reference data on a hot path, documented in the README.

// ---------------------------------------------------------------- households

const householdColumns = [
  'household.id',
  'household.scheme_id',
  'household.number',
  'household.category',
  'household.group_id',
  'household.section_id',
  'household.location_id',
  'household.phone',
  'household.address',
  'household.status',
  'household.created_at',
  'household.updated_at',
  'member_group.code as group_code',
  'location.code as location_code',
] as const;

function householdsQuery(db: Executor) {
  return db
    .selectFrom('household')
    .leftJoin('member_group', (j) => j.onRef('member_group.id', '=', 'household.group_id').onRef('member_group.scheme_id', '=', 'household.scheme_id'))
    .leftJoin('location', 'location.id', 'household.location_id')
    .select(householdColumns);
}

export function findHouseholdByNumber(db: Executor, schemeId: string, number: string) {
  return householdsQuery(db).where('household.scheme_id', '=', schemeId).where('household.number', '=', number).executeTakeFirst();
}

export function findHouseholdNumberById(db: Executor, schemeId: string, id: string) {
  return db.selectFrom('household').select('number').where('scheme_id', '=', schemeId).where('id', '=', id).executeTakeFirst();
}

export type HouseholdWithCodes = NonNullable<Awaited<ReturnType<typeof findHouseholdByNumber>>>;

/** Locks a household row until the transaction ends: changes to its members are serialized. */
export function lockHousehold(db: Executor, schemeId: string, id: string) {
  return db.selectFrom('household').select('id').where('scheme_id', '=', schemeId).where('id', '=', id).forUpdate().executeTakeFirst();
}

/**
 * The household registered with a device's idempotency key, after waiting for any registration
 * with the same key still in progress (a transaction-scoped lock on the key).
 */
export async function findHouseholdByIdempotencyKey(db: Executor, schemeId: string, key: string) {
  await sql`select pg_advisory_xact_lock(hashtextextended(${`household.idempotency:${schemeId}:${key}`}, 0))`.execute(db);
  return db.selectFrom('household').select(['id', 'number', 'idempotency_hash']).where('scheme_id', '=', schemeId).where('idempotency_key', '=', key).executeTakeFirst();
}

export function insertHousehold(db: Executor, row: Insertable<HouseholdTable>) {
  return db.insertInto('household').values(row).execute();
}

export function updateHousehold(db: Executor, schemeId: string, id: string, changes: Updateable<HouseholdTable>) {
  return db.updateTable('household').set(changes).where('scheme_id', '=', schemeId).where('id', '=', id).execute();
}

export async function existingHouseholdNumbers(db: Executor, schemeId: string, numbers: string[]): Promise<Set<string>> {
  if (numbers.length === 0) return new Set();
  const rows = await db.selectFrom('household').select('number').where('scheme_id', '=', schemeId).where('number', 'in', numbers).execute();
  return new Set(rows.map((r) => r.number));
}

export async function countHouseholds(db: Executor, schemeId: string): Promise<number> {
  const row = await db.selectFrom('household').select((eb) => eb.fn.countAll<number>().as('n')).where('scheme_id', '=', schemeId).executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * Reserves `count` household numbers of a scheme's counter and returns the first; the counter
 * row stays locked until the transaction ends, so concurrent registrations get distinct numbers.
 */
export async function reserveHouseholdNumbers(db: Executor, schemeId: string, count: number): Promise<number> {
  const row = await db
    .insertInto('household_sequence')
    .values({ scheme_id: schemeId, last_value: count })
    .onConflict((oc) => oc.column('scheme_id').doUpdateSet({ last_value: sql`household_sequence.last_value + ${count}` }))
    .returning('last_value')
    .executeTakeFirstOrThrow();
  return Number(row.last_value) - count + 1;
}

// ---------------------------------------------------------------- beneficiaries

const beneficiaryColumns = [
  'beneficiary.id',
  'beneficiary.scheme_id',
  'beneficiary.household_id',
  'beneficiary.card',
  'beneficiary.first_name',
  'beneficiary.last_name',
  'beneficiary.sex',
  'beneficiary.birth_date',
  'beneficiary.birth_year',
  'beneficiary.relationship',
  'beneficiary.id_document',
  'beneficiary.phone',
  'beneficiary.joined_on',
  'beneficiary.status',
  'beneficiary.status_reason',
  'beneficiary.status_date',
  'beneficiary.status_note',
  'beneficiary.created_at',
  'beneficiary.updated_at',
  'household.number as household_number',
] as const;

function beneficiariesQuery(db: Executor) {
  return db
    .selectFrom('beneficiary')
    .innerJoin('household', (j) => j.onRef('household.id', '=', 'beneficiary.household_id').onRef('household.scheme_id', '=', 'beneficiary.scheme_id'))
    .select(beneficiaryColumns);
}

export type BeneficiaryWithHousehold = Awaited<ReturnType<typeof listMembers>>[number];

/** The members of a household, ever: the head first, then by card. */
export function listMembers(db: Executor, schemeId: string, householdId: string) {
  return beneficiariesQuery(db)
    .where('beneficiary.scheme_id', '=', schemeId)
    .where('beneficiary.household_id', '=', householdId)
    .orderBy(sql`beneficiary.relationship = 'head' and beneficiary.status = 'active'`, 'desc')
    .orderBy('beneficiary.card')
    .execute();
}

/**
 * What a coverage check needs of a card's holder, in one indexed look-up: no member list, no
 * codes of group, section or location. A fixed statement (prepared): the eligibility check and
 * the claims engine run it for every card they see.
 */
interface CardHolderRow {
  id: string;
  card: string;
  first_name: string;
  last_name: string;
  sex: string;
  birth_date: string | null;
  birth_year: number;
  joined_on: string;
  status: string;
  status_date: string | null;
  household_id: string;
  household_number: string;
}

const cardHolderColumns = `b.id, b.card, b.first_name, b.last_name, b.sex, b.birth_date, b.birth_year, b.joined_on, b.status, b.status_date,
       b.household_id, h.number as household_number`;
const cardHolderSource = `from beneficiary b join household h on h.id = b.household_id and h.scheme_id = b.scheme_id
 where b.scheme_id = $1 and b.card = $2`;
const cardHolder = fixedStatement<CardHolderRow>(`select ${cardHolderColumns}\n  ${cardHolderSource}`);

export async function findCardHolder(db: Executor, schemeId: string, card: string) {
  return (await cardHolder(db, schemeId, card))[0];
}

/**
 * The holder of a card (as getCardHolder: the card trimmed and upper-cased) and, in the same
 * statement, columns of another module computed from the holder's household: one round trip
 * where a caller would otherwise make two (the eligibility check reads the household's coverage
 * facts this way; the second round trip was a quarter of its cost at 1M members). The caller's
 * SQL reads only its own tables: `columns(household)` gives a select list in which `household`
 * is the SQL expression of the household's id and $1 the scheme's id. It is called once, here,
 * and must be constant text (never built from input); the statement's text never changes, so it
 * is prepared. Undefined when no beneficiary has the card.
 */
export function cardHolderStatement<Extra extends object>(
  columns: (household: string) => string,
): (db: Executor, schemeId: string, card: string) => Promise<{ holder: CardHolder; extra: Extra } | undefined> {
  const statement = fixedStatement<CardHolderRow & Extra>(`select ${cardHolderColumns},\n  ${columns('b.household_id')}\n  ${cardHolderSource}`);
  return async (db, schemeId, card) => {
    const row = (await statement(db, schemeId, card.trim().toUpperCase()))[0];
    return row && { holder: toCardHolder(row), extra: row };
  };
}

function toCardHolder(row: CardHolderRow): CardHolder {
  return {
    id: row.id,
    card: row.card,
    household: row.household_number,
    householdId: row.household_id,
    firstName: row.first_name,
    lastName: row.last_name,
    sex: row.sex as CardHolder['sex'],
    birthDate: row.birth_date,
    birthYear: row.birth_year,
    joinedOn: row.joined_on,
    status: row.status as CardHolder['status'],
    statusDate: row.status_date,
  };
}

export function findBeneficiaryByCard(db: Executor, schemeId: string, card: string) {
  return beneficiariesQuery(db).where('beneficiary.scheme_id', '=', schemeId).where('beneficiary.card', '=', card).executeTakeFirst();
}

export async function existingCards(db: Executor, schemeId: string, cards: string[]): Promise<Set<string>> {
  if (cards.length === 0) return new Set();
  const rows = await db.selectFrom('beneficiary').select('card').where('scheme_id', '=', schemeId).where('card', 'in', cards).execute();
  return new Set(rows.map((r) => r.card));
}

export async function countMembers(db: Executor, schemeId: string, householdId: string): Promise<number> {
  const row = await db
    .selectFrom('beneficiary')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('scheme_id', '=', schemeId)
    .where('household_id', '=', householdId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export function insertBeneficiaries(db: Executor, rows: Insertable<BeneficiaryTable>[]) {
  return db.insertInto('beneficiary').values(rows).execute();
}

export function updateBeneficiary(db: Executor, schemeId: string, id: string, changes: Updateable<BeneficiaryTable>) {
  return db.updateTable('beneficiary').set(changes).where('scheme_id', '=', schemeId).where('id', '=', id).execute();
}

export interface DuplicateCandidate {
  card: string;
  first_name: string;
  last_name: string;
  status: string;
  search_key: string;
  birth_date: string | null;
  birth_year: number;
  phone: string | null;
  household_id: string;
  household_number: string;
  household_phone: string | null;
}

/**
 * People of the scheme who share a name key, or a phone (their own or their household's, in
 * which case the household's head stands for it). Three indexed look-ups rather than one query
 * with ORs across tables, which no index serves.
 */
export async function findDuplicateCandidates(db: Executor, schemeId: string, keys: string[], phones: string[]): Promise<DuplicateCandidate[]> {
  const columns = [
    'beneficiary.card',
    'beneficiary.first_name',
    'beneficiary.last_name',
    'beneficiary.status',
    'beneficiary.search_key',
    'beneficiary.birth_date',
    'beneficiary.birth_year',
    'beneficiary.phone',
    'beneficiary.household_id',
    'household.number as household_number',
    'household.phone as household_phone',
  ] as const;
  const base = () =>
    db
      .selectFrom('beneficiary')
      .innerJoin('household', (j) => j.onRef('household.id', '=', 'beneficiary.household_id').onRef('household.scheme_id', '=', 'beneficiary.scheme_id'))
      .select(columns)
      .where('beneficiary.scheme_id', '=', schemeId);
  const found: DuplicateCandidate[] = [];
  if (keys.length) found.push(...(await base().where('beneficiary.search_key', 'in', keys).limit(200).execute()));
  if (phones.length) {
    found.push(...(await base().where('beneficiary.phone', 'in', phones).limit(200).execute()));
    found.push(
      ...(await base()
        .where('household.phone', 'in', phones)
        .where('household.scheme_id', '=', schemeId)
        .where('beneficiary.relationship', '=', 'head')
        .limit(200)
        .execute()),
    );
  }
  return found;
}

// ---------------------------------------------------------------- search

export interface BeneficiarySearch {
  schemeId: string;
  /** Normalized name words (with a letter), each of which must begin a word of the name key. */
  words: string[];
  /** Alternatives to the words, from the same free text: an exact card or phone. */
  orCard?: string;
  orPhone?: string;
  card?: string;
  phone?: string;
  householdNumber?: string;
  locationId?: string;
  status?: string;
  /** A normalized key to match by trigram similarity instead of the words (closest first). */
  similarTo?: string;
  limit: number;
  offset: number;
}

/** The member's phone, or the household's: the households found first, as an indexable array. */
function phoneMatches(schemeId: string, phone: string) {
  return sql<boolean>`(beneficiary.phone = ${phone} or beneficiary.household_id = any(array(
    select h.id from household h where h.scheme_id = ${schemeId} and h.phone = ${phone})))`;
}

function searchQuery(db: Executor, s: BeneficiarySearch) {
  let q = db
    .selectFrom('beneficiary')
    .innerJoin('household', (j) => j.onRef('household.id', '=', 'beneficiary.household_id').onRef('household.scheme_id', '=', 'beneficiary.scheme_id'))
    .leftJoin('location', 'location.id', 'household.location_id')
    .select([...beneficiaryColumns, 'location.code as location_code'])
    .where('beneficiary.scheme_id', '=', s.schemeId);
  if (s.similarTo) {
    // similarity for whole names, word similarity for a part of one (pg_trgm thresholds 0.3, 0.6).
    q = q.where(sql<boolean>`(beneficiary.search_key % ${s.similarTo} or ${s.similarTo} <% beneficiary.search_key)`);
  } else if (s.words.length || s.orCard || s.orPhone) {
    // Every alternative is a condition on beneficiary that an index answers, so PostgreSQL can
    // combine them (BitmapAnd of the words' trigram scans, BitmapOr of the alternatives).
    q = q.where((eb) => {
      const alternatives = [];
      if (s.words.length) alternatives.push(eb.and(s.words.map((w) => eb('beneficiary.search_key', 'like', `% ${w}%`))));
      if (s.orCard) alternatives.push(eb('beneficiary.card', '=', s.orCard));
      if (s.orPhone) alternatives.push(phoneMatches(s.schemeId, s.orPhone));
      return eb.or(alternatives);
    });
  }
  if (s.card) q = q.where('beneficiary.card', '=', s.card);
  if (s.phone) q = q.where(phoneMatches(s.schemeId, s.phone));
  if (s.householdNumber) q = q.where('household.number', '=', s.householdNumber);
  if (s.status) q = q.where('beneficiary.status', '=', s.status);
  if (s.locationId) {
    // The location or anywhere below it (a district holds its villages).
    q = q.where(
      'household.location_id',
      'in',
      sql<string>`(with recursive below(id) as (select ${s.locationId}::uuid union all select l.id from location l join below on l.parent_id = below.id) select id from below)`,
    );
  }
  return q;
}

/** One page of matches, plus one row to tell whether another page follows. */
export function searchBeneficiaries(db: Executor, s: BeneficiarySearch) {
  let q = searchQuery(db, s);
  // Names come back alphabetically; lists without a name follow the cards (whose index serves
  // the order: a scheme of half a million members is not sorted to show fifty).
  if (s.similarTo) {
    q = q.orderBy(sql`greatest(similarity(beneficiary.search_key, ${s.similarTo}), word_similarity(${s.similarTo}, beneficiary.search_key))`, 'desc');
  } else if (s.words.length) {
    q = q.orderBy('beneficiary.last_name').orderBy('beneficiary.first_name');
  }
  q = q.orderBy('beneficiary.card');
  return q.limit(s.limit + 1).offset(s.offset).execute();
}

export async function anyBeneficiaryMatches(db: Executor, s: BeneficiarySearch): Promise<boolean> {
  const rows = await searchQuery(db, { ...s, limit: 1, offset: 0 }).limit(1).execute();
  return rows.length > 0;
}

const trigram = new WeakMap<object, Promise<boolean>>();

/** Whether pg_trgm is installed (see the members migration); asked once per connection pool. */
export function trigramAvailable(db: Executor): Promise<boolean> {
  let known = trigram.get(db);
  if (!known) {
    known = sql<{ ok: boolean }>`select exists (select 1 from pg_extension where extname = 'pg_trgm') as ok`
      .execute(db)
      .then((r) => Boolean(r.rows[0]?.ok));
    trigram.set(db, known);
  }
  return known;
}

// ---------------------------------------------------------------- bulk

/** A member as bulk loaders give it: codes resolved, cards and numbers already decided. */
export interface BulkBeneficiary {
  card: string;
  firstName: string;
  lastName: string;
  sex: 'F' | 'M';
  birthDate: string | null;
  birthYear: number;
  relationship: 'head' | 'spouse' | 'child' | 'parent' | 'other';
  idDocument: string | null;
  phone: string | null;
  joinedOn: string;
}

export interface BulkHousehold {
  number: string;
  category: 'regular' | 'indigent' | 'group';
  groupId: string | null;
  sectionId: string | null;
  locationId: string | null;
  phone: string | null;
  address: string | null;
  members: BulkBeneficiary[];
}

// Names repeat (a village has a few dozen family names): remember recent keys.
const keyCache = new Map<string, string>();
function cachedSearchKey(firstName: string, lastName: string): string {
  const id = `${firstName}\u0000${lastName}`;
  let key = keyCache.get(id);
  if (key === undefined) {
    key = searchKey(firstName, lastName);
    if (keyCache.size >= 50_000) keyCache.clear();
    keyCache.set(id, key);
  }
  return key;
}

/**
 * What a bulk insert made: counts, and the ids (`ids.households[i]` for the i-th household given,
 * `ids.beneficiaries[i][j]` for its j-th member) so callers can go on to write rows that refer
 * to them (coverage periods, card fees). The ids are not enumerable: spreading or logging the
 * result (an audit record, a test's toEqual) sees the counts, not thousands of uuids.
 */
export interface BulkInsertResult {
  households: number;
  beneficiaries: number;
  readonly ids: { households: string[]; beneficiaries: string[][] };
}

function bulkInsertResult(households: string[], beneficiaries: string[][]): BulkInsertResult {
  const result = { households: households.length, beneficiaries: beneficiaries.reduce((n, m) => n + m.length, 0) };
  return Object.defineProperty(result, 'ids', { value: { households, beneficiaries }, enumerable: false }) as BulkInsertResult;
}

/**
 * Inserts households and their members in two statements, whatever their number: each column
 * travels as one array parameter (no parameter limit, one round trip). Callers own the
 * transaction and the audit record, validate first (one active head, cards and numbers free in
 * the scheme; the database refuses violations of either) and keep batches to a few thousand
 * households. A household with no member is stored inactive.
 */
export async function insertHouseholdsBulk(db: Executor, schemeId: string, households: BulkHousehold[]): Promise<BulkInsertResult> {
  const memberCount = households.reduce((n, h) => n + h.members.length, 0);
  if (!households.length) return bulkInsertResult([], []);
  const now = new Date();
  const ids = newIds(households.length + memberCount, now.getTime());
  // One array per column, sent as typed arrays and unnested: the constants (scheme, status of
  // new members, timestamps) travel once, and PostgreSQL parses each value by its column type.
  const h = { id: [] as string[], number: [] as string[], category: [] as string[], group: [] as (string | null)[], section: [] as (string | null)[], location: [] as (string | null)[], phone: [] as (string | null)[], address: [] as (string | null)[], status: [] as string[] };
  const b = {
    id: [] as string[],
    household: [] as string[],
    card: [] as string[],
    firstName: [] as string[],
    lastName: [] as string[],
    sex: [] as string[],
    birthDate: [] as (string | null)[],
    birthYear: [] as number[],
    relationship: [] as string[],
    idDocument: [] as (string | null)[],
    phone: [] as (string | null)[],
    joinedOn: [] as string[],
    searchKey: [] as string[],
  };
  let next = 0;
  const memberIds: string[][] = [];
  for (const household of households) {
    const id = ids[next++]!;
    const ofHousehold: string[] = [];
    memberIds.push(ofHousehold);
    h.id.push(id);
    h.number.push(household.number);
    h.category.push(household.category);
    h.group.push(household.groupId);
    h.section.push(household.sectionId);
    h.location.push(household.locationId);
    h.phone.push(household.phone);
    h.address.push(household.address);
    h.status.push(household.members.length ? 'active' : 'inactive');
    for (const m of household.members) {
      const memberId = ids[next++]!;
      ofHousehold.push(memberId);
      b.id.push(memberId);
      b.household.push(id);
      b.card.push(m.card);
      b.firstName.push(m.firstName);
      b.lastName.push(m.lastName);
      b.sex.push(m.sex);
      b.birthDate.push(m.birthDate);
      b.birthYear.push(m.birthYear);
      b.relationship.push(m.relationship);
      b.idDocument.push(m.idDocument);
      b.phone.push(m.phone);
      b.joinedOn.push(m.joinedOn);
      b.searchKey.push(cachedSearchKey(m.firstName, m.lastName));
    }
  }
  await sql`
    insert into household (id, scheme_id, number, category, group_id, section_id, location_id, phone, address, status, created_at, updated_at)
    select id, ${schemeId}::uuid, number, category, group_id, section_id, location_id, phone, address, status, ${now}::timestamptz, ${now}::timestamptz
    from unnest(${h.id}::uuid[], ${h.number}::text[], ${h.category}::text[], ${h.group}::uuid[], ${h.section}::uuid[], ${h.location}::uuid[],
                ${h.phone}::text[], ${h.address}::text[], ${h.status}::text[])
      as u(id, number, category, group_id, section_id, location_id, phone, address, status)`.execute(db);
  if (memberCount) {
    await sql`
      insert into beneficiary (id, scheme_id, household_id, card, first_name, last_name, sex, birth_date, birth_year, relationship,
                               id_document, phone, joined_on, status, search_key, created_at, updated_at)
      select id, ${schemeId}::uuid, household_id, card, first_name, last_name, sex, birth_date, birth_year, relationship,
             id_document, phone, joined_on, 'active', search_key, ${now}::timestamptz, ${now}::timestamptz
      from unnest(${b.id}::uuid[], ${b.household}::uuid[], ${b.card}::text[], ${b.firstName}::text[], ${b.lastName}::text[], ${b.sex}::text[],
                  ${b.birthDate}::date[], ${b.birthYear}::int[], ${b.relationship}::text[], ${b.idDocument}::text[], ${b.phone}::text[],
                  ${b.joinedOn}::date[], ${b.searchKey}::text[])
        as u(id, household_id, card, first_name, last_name, sex, birth_date, birth_year, relationship, id_document, phone, joined_on, search_key)`.execute(db);
  }
  return bulkInsertResult(h.id, memberIds);
}

/** Households by id with their active members, for lists built by other modules (arrears, renewals). */
export async function householdsByIds(db: Executor, schemeId: string, ids: string[]) {
  if (ids.length === 0) return { households: [], members: [] };
  const households = await db
    .selectFrom('household')
    .select(['id', 'number', 'phone', 'section_id'])
    .where('scheme_id', '=', schemeId)
    .where('id', 'in', ids)
    .execute();
  const members = await db
    .selectFrom('beneficiary')
    .select(['household_id', 'first_name', 'last_name', 'relationship', 'birth_date', 'birth_year', 'phone'])
    .where('scheme_id', '=', schemeId)
    .where('household_id', 'in', ids)
    .where('status', '=', 'active')
    .execute();
  return { households, members };
}

/**
 * Refreshes the planner's statistics after a bulk load: without them a freshly loaded table of a
 * million members looks empty and searches get slow plans until autovacuum comes by.
 */
export async function analyzeMemberTables(db: Executor): Promise<void> {
  await sql`analyze household`.execute(db);
  await sql`analyze beneficiary`.execute(db);
}

/** Household numbers of a scheme in order, a page at a time (keyset: after the last number seen). */
export function householdNumbersPage(db: Executor, schemeId: string, after: string | null, limit: number) {
  let q = db.selectFrom('household').select('number').where('scheme_id', '=', schemeId).orderBy('number').limit(limit);
  if (after !== null) q = q.where('number', '>', after);
  return q.execute();
}
