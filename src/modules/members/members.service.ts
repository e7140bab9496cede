import { createHash } from 'node:crypto';
import type { Transaction, Updateable } from 'kysely';
import { recordAudit, type AuditEntry } from '../../platform/audit/audit.js';
import { emitEvent } from '../../platform/events.js';
import type { ServiceContext } from '../../platform/context.js';
import type { Db } from '../../platform/db/connection.js';
import type { Database } from '../../platform/db/schema.js';
import { isCalendarDate, today } from '../../platform/dates.js';
import { NotFoundError, ValidationError, type ErrorDetail } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { translate } from '../../platform/i18n/index.js';
import { listSchemes, listSections, resolveLocation } from '../organizations/index.js';
import { DEFAULT_CARD_PATTERN, cardPatternProblem, formatCard, formatHouseholdNumber } from './card-pattern.js';
import {
  BeneficiaryInactiveError,
  DuplicateCardError,
  DuplicateGroupCodeError,
  DuplicateHouseholdNumberError,
  HouseholdIdempotencyConflictError,
  InvalidCardPatternError,
  UnknownReferenceError,
} from './members.errors.js';
import * as repo from './members.repository.js';
import {
  statusOfReason,
  type AddedBeneficiary,
  type Beneficiary,
  type BeneficiaryMatch,
  type BeneficiaryPage,
  type BeneficiaryQuery,
  type ChangeHead,
  type CreateGroup,
  type DeactivateBeneficiary,
  type DuplicateReason,
  type Group,
  type Household,
  type NewMember,
  type RegisterHousehold,
  type RegisteredHousehold,
  type UpdateBeneficiary,
  type UpdateHousehold,
  type Warning,
} from './members.schemas.js';
import type { BeneficiaryTable, MemberGroupRow } from './members.table.js';
import { nameWords, normalizePhone, searchKey } from './search-key.js';

type Trx = Transaction<Database>;

/** Runs `work` in a transaction, or in the caller's when `ctx.db` already is one (loaders). */
function inTransaction<T>(ctx: ServiceContext, work: (trx: Trx) => Promise<T>): Promise<T> {
  return ctx.db.isTransaction ? work(ctx.db as Trx) : ctx.db.transaction().execute(work);
}

const trim = (s: string) => s.trim().replace(/\s+/g, ' ');
const upper = (s: string) => s.trim().toUpperCase();

// ---------------------------------------------------------------- mapping

function toGroup(row: MemberGroupRow): Group {
  return { id: row.id, code: row.code, name: row.name, kind: row.kind as Group['kind'], createdAt: row.created_at.toISOString(), updatedAt: row.updated_at.toISOString() };
}

function toBeneficiary(row: repo.BeneficiaryWithHousehold): Beneficiary {
  return {
    id: row.id,
    card: row.card,
    household: row.household_number,
    firstName: row.first_name,
    lastName: row.last_name,
    sex: row.sex as Beneficiary['sex'],
    birthDate: row.birth_date,
    birthYear: row.birth_year,
    birthDateEstimated: row.birth_date === null,
    relationship: row.relationship as Beneficiary['relationship'],
    idDocument: row.id_document,
    phone: row.phone,
    joinedOn: row.joined_on,
    status: row.status as Beneficiary['status'],
    statusReason: row.status_reason as Beneficiary['statusReason'],
    statusDate: row.status_date,
    statusNote: row.status_note,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

async function loadHousehold(ctx: ServiceContext, db: Db, schemeId: string, number: string): Promise<Household | undefined> {
  const row = await repo.findHouseholdByNumber(db, schemeId, number);
  if (!row) return undefined;
  const [members, sections] = await Promise.all([repo.listMembers(db, schemeId, row.id), listSections({ ...ctx, db }, schemeId)]);
  return {
    id: row.id,
    number: row.number,
    category: row.category as Household['category'],
    group: row.group_code,
    section: sections.find((s) => s.id === row.section_id)?.code ?? null,
    location: row.location_code,
    phone: row.phone,
    address: row.address,
    status: row.status as Household['status'],
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    members: members.map(toBeneficiary),
  };
}

function householdSummary(h: Household): Omit<Household, 'members'> {
  const { members: _members, ...rest } = h;
  return rest;
}

// ---------------------------------------------------------------- scheme settings and references

/** The scheme's code and card pattern (setting `cardPattern`, default {household:6}-{member:2}). */
async function schemeCardSettings(ctx: ServiceContext, schemeId: string): Promise<{ code: string; cardPattern: string }> {
  // organizations/index.ts offers look-ups by code only; the scheme list is short.
  const scheme = (await listSchemes({ db: ctx.db, actor: ctx.actor })).find((s) => s.id === schemeId);
  if (!scheme) throw new NotFoundError('scheme', schemeId);
  const setting = scheme.settings.cardPattern;
  const cardPattern = typeof setting === 'string' && setting.trim() ? setting.trim() : DEFAULT_CARD_PATTERN;
  const problem = cardPatternProblem(cardPattern);
  if (problem) throw new InvalidCardPatternError(cardPattern, problem);
  return { code: scheme.code, cardPattern };
}

interface References {
  groupId?: string | null;
  sectionId?: string | null;
  locationId?: string | null;
}

/** Resolves the codes a household names; undefined fields are left out (not changed). */
async function resolveReferences(ctx: ServiceContext, trx: Trx, schemeId: string, input: { group?: string | null; section?: string | null; location?: string | null }): Promise<References> {
  const refs: References = {};
  if (input.group !== undefined) {
    if (input.group === null) refs.groupId = null;
    else {
      const group = await repo.findGroupByCode(trx, schemeId, input.group);
      if (!group) throw new UnknownReferenceError('group', 'group', input.group);
      refs.groupId = group.id;
    }
  }
  if (input.section !== undefined) {
    if (input.section === null) refs.sectionId = null;
    else {
      const section = (await listSections({ ...ctx, db: trx }, schemeId)).find((s) => s.code === input.section);
      if (!section) throw new UnknownReferenceError('section', 'section', input.section);
      refs.sectionId = section.id;
    }
  }
  if (input.location !== undefined) {
    if (input.location === null) refs.locationId = null;
    else {
      const location = await resolveLocation({ db: trx }, input.location);
      if (!location) throw new UnknownReferenceError('location', 'location', input.location);
      refs.locationId = location.id;
    }
  }
  return refs;
}

// ---------------------------------------------------------------- member rules

interface CheckedMember {
  firstName: string;
  lastName: string;
  birthDate: string | null;
  birthYear: number;
  joinedOn: string;
  phone: string | null;
  idDocument: string | null;
}

/**
 * Checks a member's dates: a birth date, or else an estimated birth year; neither in the future;
 * a year that agrees with the date; joined on or after birth and not in the future.
 */
function checkMember(m: Pick<NewMember, 'firstName' | 'lastName' | 'birthDate' | 'birthYear' | 'joinedOn' | 'phone' | 'idDocument'>, prefix: string, now: string, details: ErrorDetail[]): CheckedMember {
  const at = (field: string) => (prefix ? `${prefix}.${field}` : field);
  const birthDate = m.birthDate ?? null;
  let birthYear = m.birthYear ?? null;
  const thisYear = Number(now.slice(0, 4));
  if (birthDate) {
    const year = Number(birthDate.slice(0, 4));
    if (!isCalendarDate(birthDate)) details.push({ field: at('birthDate'), message: `not a date: "${birthDate}"` });
    else if (birthDate > now) details.push({ field: at('birthDate'), message: 'is in the future' });
    if (birthYear !== null && birthYear !== year) details.push({ field: at('birthYear'), message: `does not match birthDate (${year})` });
    birthYear = year;
  } else if (birthYear === null) {
    details.push({ field: at('birthDate'), message: 'give a birth date, or an estimated birthYear when the date is unknown' });
  } else if (birthYear > thisYear) {
    details.push({ field: at('birthYear'), message: 'is in the future' });
  }
  const joinedOn = m.joinedOn ?? now;
  if (m.joinedOn !== undefined) {
    if (!isCalendarDate(joinedOn)) details.push({ field: at('joinedOn'), message: `not a date: "${joinedOn}"` });
    else if (joinedOn > now) details.push({ field: at('joinedOn'), message: 'is in the future' });
    else if ((birthDate && joinedOn < birthDate) || (birthYear !== null && Number(joinedOn.slice(0, 4)) < birthYear)) {
      details.push({ field: at('joinedOn'), message: 'is before the birth' });
    }
  }
  const firstName = trim(m.firstName);
  const lastName = trim(m.lastName);
  if (!nameWords(firstName).length) details.push({ field: at('firstName'), message: 'has no letters' });
  if (!nameWords(lastName).length) details.push({ field: at('lastName'), message: 'has no letters' });
  return {
    firstName,
    lastName,
    birthDate,
    birthYear: birthYear ?? 0,
    joinedOn,
    phone: m.phone ? normalizePhone(m.phone) : null,
    idDocument: m.idDocument ? m.idDocument.trim() : null,
  };
}

/** Spec: scheme-file.md, "Exactly one head per household". */
function checkOneHead(members: Pick<NewMember, 'relationship'>[], details: ErrorDetail[]): void {
  const heads = members.flatMap((m, i) => (m.relationship === 'head' ? [i] : []));
  if (heads.length === 0) details.push({ field: 'members', message: 'exactly one member must be the head (relationship "head"); none is' });
  for (const i of heads.slice(1)) {
    details.push({ field: `members[${i}].relationship`, message: `a household has exactly one head; members[${heads[0]}] is the head` });
  }
}

function checkGroupCategory(category: string, group: string | null | undefined, details: ErrorDetail[]): void {
  if (category === 'group' && !group) details.push({ field: 'group', message: 'a group-enrolled household names its group' });
}

// ---------------------------------------------------------------- duplicates

function warning(field: string, reason: DuplicateReason, match: repo.DuplicateCandidate): Warning {
  return {
    code: 'possible_duplicate',
    field,
    reason,
    message: translate('en', `warnings.${reason}`, { card: match.card, household: match.household_number }),
    match: { card: match.card, household: match.household_number, firstName: match.first_name, lastName: match.last_name, status: match.status as Warning['match']['status'] },
  };
}

/** Re-words warnings in the reader's language (the service words them in English). */
export function localizeWarnings(warnings: Warning[], locale: Parameters<typeof translate>[0]): Warning[] {
  return warnings.map((w) => ({ ...w, message: translate(locale, `warnings.${w.reason}`, { card: w.match.card, household: w.match.household }) }));
}

interface DuplicateProbe {
  field: string;
  key?: string;
  birthDate?: string | null;
  birthYear?: number;
  phone?: string | null;
}

/**
 * Possible duplicates of people already in the scheme: the same name key and birth (the same
 * date when both dates are known, else the same year), or the same phone. Members of
 * `ownHouseholdId` do not count (a household shares its phone). They warn, never block.
 */
async function findDuplicates(trx: Trx, schemeId: string, probes: DuplicateProbe[], ownHouseholdId?: string): Promise<Warning[]> {
  const keys = [...new Set(probes.flatMap((p) => (p.key ? [p.key] : [])))];
  const phones = [...new Set(probes.flatMap((p) => (p.phone ? [p.phone] : [])))];
  const candidates = (await repo.findDuplicateCandidates(trx, schemeId, keys, phones)).filter((c) => c.household_id !== ownHouseholdId);
  const warnings: Warning[] = [];
  const seen = new Set<string>();
  const add = (w: Warning) => {
    const id = `${w.field}|${w.reason}|${w.match.card}`;
    if (seen.has(id) || warnings.filter((x) => x.field === w.field).length >= 5) return;
    seen.add(id);
    warnings.push(w);
  };
  for (const p of probes) {
    for (const c of candidates) {
      if (p.key && c.search_key === p.key) {
        const sameBirth = p.birthDate && c.birth_date ? p.birthDate === c.birth_date : p.birthYear === c.birth_year;
        if (sameBirth) add(warning(p.field, 'same_name_and_birth', c));
      }
      if (p.phone && (c.phone === p.phone || c.household_phone === p.phone)) add(warning(p.field, 'same_phone', c));
    }
  }
  return warnings;
}

// ---------------------------------------------------------------- cards

/**
 * Cards for members that have none, from the pattern and the member's rank; a rank whose card is
 * taken (a card given by hand, in this request or earlier) is skipped.
 */
async function generateCards(trx: Trx, schemeId: string, pattern: string, scheme: string, household: string, wanted: { rank: number }[], taken: Set<string>): Promise<string[]> {
  const first = wanted.map((w) => formatCard(pattern, { household, member: w.rank, scheme }));
  const existing = await repo.existingCards(trx, schemeId, first);
  const cards: string[] = [];
  let spare = Math.max(0, ...wanted.map((w) => w.rank));
  for (let card of first) {
    while (taken.has(card) || existing.has(card)) {
      spare += 1;
      card = formatCard(pattern, { household, member: spare, scheme });
      if ((await repo.existingCards(trx, schemeId, [card])).size) existing.add(card);
    }
    taken.add(card);
    cards.push(card);
  }
  return cards;
}

async function nextFreeHouseholdNumber(trx: Trx, schemeId: string): Promise<string> {
  for (;;) {
    const number = formatHouseholdNumber(await repo.reserveHouseholdNumbers(trx, schemeId, 1));
    if (!(await repo.existingHouseholdNumbers(trx, schemeId, [number])).size) return number;
  }
}

// ---------------------------------------------------------------- groups

/** Creates a group (association, cooperative, union) through which households enrol. Errors: DuplicateGroupCodeError. Audited. */
export async function createGroup(ctx: ServiceContext, schemeId: string, input: CreateGroup): Promise<Group> {
  return inTransaction(ctx, async (trx) => {
    if (await repo.findGroupByCode(trx, schemeId, input.code)) throw new DuplicateGroupCodeError(input.code);
    const now = new Date();
    const row = await repo.insertGroup(trx, { id: newId(), scheme_id: schemeId, code: input.code, name: trim(input.name), kind: input.kind, created_at: now, updated_at: now });
    const group = toGroup(row);
    await recordAudit(trx, ctx.actor, { action: 'group.create', entityType: 'member_group', entityId: row.id, schemeId, after: group });
    return group;
  });
}

export async function listGroups(ctx: ServiceContext, schemeId: string): Promise<Group[]> {
  return (await repo.listGroups(ctx.db, schemeId)).map(toGroup);
}

// ---------------------------------------------------------------- households

/**
 * Registers a household and its members, all or nothing. Exactly one member is the head. The
 * number and the cards are taken as given (uppercased) or generated: the next free number of the
 * scheme, and cards from the scheme's `cardPattern`. People who may already be registered (same
 * name and birth, or same phone) come back as warnings. Errors: ValidationError (one head, dates,
 * group of a group-enrolled household), UnknownReferenceError (group, section, location),
 * DuplicateHouseholdNumberError, DuplicateCardError, InvalidCardPatternError. Audited.
 * With an `idempotencyKey` (a device working offline), a retry of the same content returns the
 * household registered first (`replayed`, no warnings, nothing written); the same key with other
 * content is HouseholdIdempotencyConflictError.
 */
export async function registerHousehold(ctx: ServiceContext, schemeId: string, input: RegisterHousehold): Promise<RegisteredHousehold & { replayed: boolean }> {
  const now = today();
  const details: ErrorDetail[] = [];
  checkOneHead(input.members, details);
  checkGroupCategory(input.category, input.group, details);
  const checked = input.members.map((m, i) => checkMember(m, `members[${i}]`, now, details));
  const givenCards = input.members.map((m) => (m.card ? upper(m.card) : null));
  givenCards.forEach((card, i) => {
    const first = card ? givenCards.indexOf(card) : i;
    if (card && first !== i) details.push({ field: `members[${i}].card`, message: `${card} is also members[${first}].card` });
  });
  if (details.length) throw new ValidationError(details);
  const settings = await schemeCardSettings(ctx, schemeId);

  const key = input.idempotencyKey ?? null;
  const hash = key ? contentHash({ ...input, idempotencyKey: undefined }) : null;

  return inTransaction(ctx, async (trx) => {
    if (key) {
      const first = await repo.findHouseholdByIdempotencyKey(trx, schemeId, key);
      if (first) {
        if (first.idempotency_hash !== hash) throw new HouseholdIdempotencyConflictError();
        return { household: (await loadHousehold(ctx, trx, schemeId, first.number))!, warnings: [], replayed: true };
      }
    }
    const refs = await resolveReferences(ctx, trx, schemeId, input);
    let number: string;
    if (input.number) {
      number = upper(input.number);
      if ((await repo.existingHouseholdNumbers(trx, schemeId, [number])).size) throw new DuplicateHouseholdNumberError(number);
    } else {
      number = await nextFreeHouseholdNumber(trx, schemeId);
    }

    const taken = await repo.existingCards(trx, schemeId, givenCards.filter((c): c is string => Boolean(c)));
    givenCards.forEach((card, i) => {
      if (card && taken.has(card)) throw new DuplicateCardError(`members[${i}].card`, card);
    });
    // Ranks: the head first, then the others in the order given.
    const order = input.members.map((_m, i) => i).sort((a, b) => Number(input.members[b]!.relationship === 'head') - Number(input.members[a]!.relationship === 'head'));
    const rankOf = new Map(order.map((index, position) => [index, position + 1]));
    const missing = order.filter((i) => !givenCards[i]);
    const used = new Set(givenCards.filter((c): c is string => Boolean(c)));
    const generated = await generateCards(trx, schemeId, settings.cardPattern, settings.code, number, missing.map((i) => ({ rank: rankOf.get(i)! })), used);
    const cards = [...givenCards];
    missing.forEach((i, k) => (cards[i] = generated[k]!));

    const householdPhone = input.phone ? normalizePhone(input.phone) : null;
    const keys = checked.map((m) => searchKey(m.firstName, m.lastName));
    const warnings = await findDuplicates(trx, schemeId, [
      ...checked.map((m, i) => ({ field: `members[${i}]`, key: keys[i], birthDate: m.birthDate, birthYear: m.birthYear, phone: m.phone })),
      ...(householdPhone ? [{ field: 'phone', phone: householdPhone }] : []),
    ]);

    const at = new Date();
    const householdId = newId();
    await repo.insertHousehold(trx, {
      id: householdId,
      scheme_id: schemeId,
      number,
      category: input.category,
      group_id: refs.groupId ?? null,
      section_id: refs.sectionId ?? null,
      location_id: refs.locationId ?? null,
      phone: householdPhone,
      address: input.address ? input.address.trim() : null,
      status: 'active',
      idempotency_key: key,
      idempotency_hash: hash,
      created_at: at,
      updated_at: at,
    });
    await repo.insertBeneficiaries(
      trx,
      order.map((i) => {
        const m = input.members[i]!;
        const c = checked[i]!;
        return {
          id: newId(),
          scheme_id: schemeId,
          household_id: householdId,
          card: cards[i]!,
          first_name: c.firstName,
          last_name: c.lastName,
          sex: m.sex,
          birth_date: c.birthDate,
          birth_year: c.birthYear,
          relationship: m.relationship,
          id_document: c.idDocument,
          phone: c.phone,
          joined_on: c.joinedOn,
          status: 'active',
          status_reason: null,
          status_date: null,
          status_note: null,
          search_key: keys[i]!,
          created_at: at,
          updated_at: at,
        };
      }),
    );
    const household = (await loadHousehold(ctx, trx, schemeId, number))!;
    await recordAudit(trx, ctx.actor, [
      { action: 'household.create', entityType: 'household', entityId: householdId, schemeId, after: householdSummary(household) },
      ...household.members.map((b): AuditEntry => ({ action: 'beneficiary.create', entityType: 'beneficiary', entityId: b.id, schemeId, after: b })),
    ]);
    return { household, warnings, replayed: false };
  });
}

/** SHA-256 of a value's JSON with keys sorted at every level (the same content however it was spelled). */
function contentHash(value: unknown): string {
  const canonical = (v: unknown): unknown =>
    Array.isArray(v) ? v.map(canonical) : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).filter(([, x]) => x !== undefined).sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, x]) => [k, canonical(x)])) : v;
  return createHash('sha256').update(JSON.stringify(canonical(value))).digest('hex');
}

/** A household with all its members. Errors: NotFoundError. */
export async function getHousehold(ctx: ServiceContext, schemeId: string, number: string): Promise<Household> {
  const household = await loadHousehold(ctx, ctx.db, schemeId, upper(number));
  if (!household) throw new NotFoundError('household', number);
  return household;
}

/** The number of a household known by id (other modules keep ids). Errors: NotFoundError. */
export async function householdNumberById(ctx: ServiceContext, schemeId: string, householdId: string): Promise<string> {
  const row = await repo.findHouseholdNumberById(ctx.db, schemeId, householdId);
  if (!row) throw new NotFoundError('household', householdId);
  return row.number;
}

async function lockedHousehold(trx: Trx, schemeId: string, number: string) {
  const row = await repo.findHouseholdByNumber(trx, schemeId, upper(number));
  if (!row) throw new NotFoundError('household', number);
  await repo.lockHousehold(trx, schemeId, row.id);
  return row;
}

/**
 * Changes a household's category, group, section, location, phone or address. Errors:
 * NotFoundError, ValidationError (a group-enrolled household without group), UnknownReferenceError. Audited.
 */
export async function updateHousehold(ctx: ServiceContext, schemeId: string, number: string, input: UpdateHousehold): Promise<Household> {
  return inTransaction(ctx, async (trx) => {
    const row = await lockedHousehold(trx, schemeId, number);
    const before = (await loadHousehold(ctx, trx, schemeId, row.number))!;
    const details: ErrorDetail[] = [];
    checkGroupCategory(input.category ?? before.category, input.group !== undefined ? input.group : before.group, details);
    if (details.length) throw new ValidationError(details);
    const refs = await resolveReferences(ctx, trx, schemeId, input);
    await repo.updateHousehold(trx, schemeId, row.id, {
      ...(input.category !== undefined ? { category: input.category } : {}),
      ...(refs.groupId !== undefined ? { group_id: refs.groupId } : {}),
      ...(refs.sectionId !== undefined ? { section_id: refs.sectionId } : {}),
      ...(refs.locationId !== undefined ? { location_id: refs.locationId } : {}),
      ...(input.phone !== undefined ? { phone: input.phone ? normalizePhone(input.phone) : null } : {}),
      ...(input.address !== undefined ? { address: input.address ? input.address.trim() : null } : {}),
      updated_at: new Date(),
    });
    const after = (await loadHousehold(ctx, trx, schemeId, row.number))!;
    await recordAudit(trx, ctx.actor, { action: 'household.update', entityType: 'household', entityId: row.id, schemeId, before: householdSummary(before), after: householdSummary(after) });
    return after;
  });
}

/** Marks the household active when it has active members, inactive when none is left. */
async function syncHouseholdStatus(ctx: ServiceContext, trx: Trx, schemeId: string, household: Household, audit: AuditEntry[]): Promise<void> {
  const status = household.members.some((m) => m.status === 'active') ? 'active' : 'inactive';
  if (status === household.status) return;
  await repo.updateHousehold(trx, schemeId, household.id, { status, updated_at: new Date() });
  audit.push({ action: 'household.update', entityType: 'household', entityId: household.id, schemeId, before: { status: household.status }, after: { status } });
}

/**
 * Makes an active member the head; the former head stays a member with the relationship given.
 * Errors: NotFoundError, UnknownReferenceError (card not an active member), ValidationError (already head). Audited.
 */
export async function changeHead(ctx: ServiceContext, schemeId: string, number: string, input: ChangeHead): Promise<Household> {
  return inTransaction(ctx, async (trx) => {
    const row = await lockedHousehold(trx, schemeId, number);
    const before = (await loadHousehold(ctx, trx, schemeId, row.number))!;
    const card = upper(input.card);
    const target = before.members.find((m) => m.card === card && m.status === 'active');
    if (!target) throw new UnknownReferenceError('card', 'active member', card);
    if (target.relationship === 'head') throw new ValidationError([{ field: 'card', message: `${card} is already the head` }]);
    const former = before.members.find((m) => m.relationship === 'head' && m.status === 'active');
    const at = new Date();
    // The former head first: the database allows one active head at a time.
    if (former) await repo.updateBeneficiary(trx, schemeId, former.id, { relationship: input.formerHeadRelationship, updated_at: at });
    await repo.updateBeneficiary(trx, schemeId, target.id, { relationship: 'head', updated_at: at });
    const after = (await loadHousehold(ctx, trx, schemeId, row.number))!;
    const changed = after.members.filter((m) => m.id === target.id || m.id === former?.id);
    await recordAudit(
      trx,
      ctx.actor,
      changed.map((b) => ({ action: 'beneficiary.update', entityType: 'beneficiary', entityId: b.id, schemeId, before: before.members.find((m) => m.id === b.id), after: b })),
    );
    return after;
  });
}

// ---------------------------------------------------------------- beneficiaries

/** A card's holder as a coverage check reads it: who, born when, member since, still active, which household. */
export type CardHolder = Pick<Beneficiary, 'id' | 'card' | 'household' | 'firstName' | 'lastName' | 'sex' | 'birthDate' | 'birthYear' | 'joinedOn' | 'status' | 'statusDate'> & {
  householdId: string;
};

/**
 * The holder of a card, in one query: the eligibility check and the claims engine call this for
 * every card they see (getBeneficiary and getHousehold give the full records). Errors: NotFoundError.
 */
export async function getCardHolder(ctx: ServiceContext, schemeId: string, card: string): Promise<CardHolder> {
  const row = await repo.findCardHolder(ctx.db, schemeId, upper(card));
  if (!row) throw new NotFoundError('beneficiary', card);
  return {
    id: row.id,
    card: row.card,
    household: row.household_number,
    householdId: row.household_id,
    firstName: row.first_name,
    lastName: row.last_name,
    sex: row.sex as Beneficiary['sex'],
    birthDate: row.birth_date,
    birthYear: row.birth_year,
    joinedOn: row.joined_on,
    status: row.status as Beneficiary['status'],
    statusDate: row.status_date,
  };
}

/** One beneficiary by card. Errors: NotFoundError. */
export async function getBeneficiary(ctx: ServiceContext, schemeId: string, card: string): Promise<Beneficiary> {
  const row = await repo.findBeneficiaryByCard(ctx.db, schemeId, upper(card));
  if (!row) throw new NotFoundError('beneficiary', card);
  return toBeneficiary(row);
}

/**
 * Adds a member to a household. A household keeps exactly one active head: a head may be added
 * only to a household that has none (all its members left), and such a household takes a head
 * first. The card is given or generated (next rank in the household). Errors: NotFoundError,
 * ValidationError, DuplicateCardError, InvalidCardPatternError. Audited.
 */
export async function addBeneficiary(ctx: ServiceContext, schemeId: string, number: string, input: NewMember): Promise<AddedBeneficiary> {
  const details: ErrorDetail[] = [];
  const checked = checkMember(input, '', today(), details);
  if (details.length) throw new ValidationError(details);
  const settings = await schemeCardSettings(ctx, schemeId);
  return inTransaction(ctx, async (trx) => {
    const row = await lockedHousehold(trx, schemeId, number);
    const household = (await loadHousehold(ctx, trx, schemeId, row.number))!;
    const head = household.members.find((m) => m.relationship === 'head' && m.status === 'active');
    if (input.relationship === 'head' && head) {
      throw new ValidationError([{ field: 'relationship', message: `the household already has a head (${head.card}); to change it, use …/households/${row.number}/head` }]);
    }
    if (input.relationship !== 'head' && !head) throw new ValidationError([{ field: 'relationship', message: 'the household has no active head: add its head first' }]);

    let card: string;
    if (input.card) {
      card = upper(input.card);
      if ((await repo.existingCards(trx, schemeId, [card])).size) throw new DuplicateCardError('card', card);
    } else {
      const rank = (await repo.countMembers(trx, schemeId, row.id)) + 1;
      [card] = (await generateCards(trx, schemeId, settings.cardPattern, settings.code, row.number, [{ rank }], new Set())) as [string];
    }
    const key = searchKey(checked.firstName, checked.lastName);
    const warnings = await findDuplicates(trx, schemeId, [{ field: 'member', key, birthDate: checked.birthDate, birthYear: checked.birthYear, phone: checked.phone }], row.id);
    const at = new Date();
    const id = newId();
    await repo.insertBeneficiaries(trx, [
      {
        id,
        scheme_id: schemeId,
        household_id: row.id,
        card,
        first_name: checked.firstName,
        last_name: checked.lastName,
        sex: input.sex,
        birth_date: checked.birthDate,
        birth_year: checked.birthYear,
        relationship: input.relationship,
        id_document: checked.idDocument,
        phone: checked.phone,
        joined_on: checked.joinedOn,
        status: 'active',
        status_reason: null,
        status_date: null,
        status_note: null,
        search_key: key,
        created_at: at,
        updated_at: at,
      },
    ]);
    const beneficiary = toBeneficiary((await repo.findBeneficiaryByCard(trx, schemeId, card))!);
    const audit: AuditEntry[] = [{ action: 'beneficiary.create', entityType: 'beneficiary', entityId: id, schemeId, after: beneficiary }];
    await syncHouseholdStatus(ctx, trx, schemeId, { ...household, members: [...household.members, beneficiary] }, audit);
    await recordAudit(trx, ctx.actor, audit);
    await emitEvent(trx, ctx.actor, 'members.beneficiaryAdded', { schemeId, householdId: row.id, beneficiaryId: id, joinedOn: beneficiary.joinedOn });
    return { beneficiary, warnings };
  });
}

/**
 * Corrects a beneficiary's names, sex, birth, relationship, document, phone or joining date.
 * The head is changed with changeHead, not here. Errors: NotFoundError, ValidationError. Audited
 * with before and after.
 */
export async function updateBeneficiary(ctx: ServiceContext, schemeId: string, card: string, input: UpdateBeneficiary): Promise<Beneficiary> {
  return inTransaction(ctx, async (trx) => {
    const row = await repo.findBeneficiaryByCard(trx, schemeId, upper(card));
    if (!row) throw new NotFoundError('beneficiary', card);
    await repo.lockHousehold(trx, schemeId, row.household_id);
    const before = toBeneficiary(row);
    const details: ErrorDetail[] = [];
    if (input.relationship !== undefined && input.relationship !== before.relationship && (input.relationship === 'head' || before.relationship === 'head')) {
      details.push({ field: 'relationship', message: `the head is changed with …/households/${before.household}/head` });
    }
    // A new date brings its year; clearing the date keeps the year as the estimate.
    const birthDate = input.birthDate !== undefined ? input.birthDate : before.birthDate;
    const birthYear = input.birthYear ?? (input.birthDate ? undefined : before.birthYear);
    const checked = checkMember(
      {
        firstName: input.firstName ?? before.firstName,
        lastName: input.lastName ?? before.lastName,
        birthDate,
        birthYear,
        joinedOn: input.joinedOn ?? before.joinedOn,
        phone: input.phone !== undefined ? input.phone : before.phone,
        idDocument: input.idDocument !== undefined ? input.idDocument : before.idDocument,
      },
      '',
      today(),
      details,
    );
    if (details.length) throw new ValidationError(details);
    const changes: Updateable<BeneficiaryTable> = {
      first_name: checked.firstName,
      last_name: checked.lastName,
      search_key: searchKey(checked.firstName, checked.lastName),
      birth_date: checked.birthDate,
      birth_year: checked.birthYear,
      joined_on: checked.joinedOn,
      phone: checked.phone,
      id_document: checked.idDocument,
      ...(input.sex !== undefined ? { sex: input.sex } : {}),
      ...(input.relationship !== undefined ? { relationship: input.relationship } : {}),
    };
    await repo.updateBeneficiary(trx, schemeId, row.id, { ...changes, updated_at: new Date() });
    const after = toBeneficiary((await repo.findBeneficiaryByCard(trx, schemeId, row.card))!);
    await recordAudit(trx, ctx.actor, { action: 'beneficiary.update', entityType: 'beneficiary', entityId: row.id, schemeId, before, after });
    return after;
  });
}

/**
 * Records that a beneficiary died, left, or stopped for another reason, on a date. Nothing is
 * deleted: the row keeps its status, reason and date, and the audit log its before and after.
 * When the head leaves a household that keeps active members, `newHead` names who takes over.
 * A household left with no active member becomes inactive. Errors: NotFoundError,
 * BeneficiaryInactiveError, ValidationError (date, newHead), UnknownReferenceError (newHead). Audited.
 */
export async function deactivateBeneficiary(ctx: ServiceContext, schemeId: string, card: string, input: DeactivateBeneficiary): Promise<Household> {
  return inTransaction(ctx, async (trx) => {
    const row = await repo.findBeneficiaryByCard(trx, schemeId, upper(card));
    if (!row) throw new NotFoundError('beneficiary', card);
    if (row.status !== 'active') throw new BeneficiaryInactiveError(row.card, row.status);
    await repo.lockHousehold(trx, schemeId, row.household_id);
    const household = (await loadHousehold(ctx, trx, schemeId, row.household_number))!;
    const details: ErrorDetail[] = [];
    if (!isCalendarDate(input.date)) details.push({ field: 'date', message: `not a date: "${input.date}"` });
    else if (input.date > today()) details.push({ field: 'date', message: 'is in the future' });
    else if (input.date < (row.birth_date ?? `${row.birth_year}-01-01`)) details.push({ field: 'date', message: 'is before the birth' });
    const others = household.members.filter((m) => m.status === 'active' && m.id !== row.id);
    const isHead = row.relationship === 'head';
    let newHead: Beneficiary | undefined;
    if (input.newHead) {
      const wanted = upper(input.newHead);
      if (!isHead) details.push({ field: 'newHead', message: 'only when the head leaves' });
      else {
        newHead = others.find((m) => m.card === wanted);
        if (!newHead) throw new UnknownReferenceError('newHead', 'active member of the household', wanted);
      }
    } else if (isHead && others.length) {
      details.push({ field: 'newHead', message: 'the head leaves a household with active members: name the member who becomes head' });
    }
    if (details.length) throw new ValidationError(details);

    const at = new Date();
    await repo.updateBeneficiary(trx, schemeId, row.id, {
      status: statusOfReason[input.reason],
      status_reason: input.reason,
      status_date: input.date,
      status_note: input.note ? input.note.trim() : null,
      updated_at: at,
    });
    if (newHead) await repo.updateBeneficiary(trx, schemeId, newHead.id, { relationship: 'head', updated_at: at });
    let after = (await loadHousehold(ctx, trx, schemeId, row.household_number))!;
    const audit: AuditEntry[] = [
      { action: 'beneficiary.deactivate', entityType: 'beneficiary', entityId: row.id, schemeId, before: toBeneficiary(row), after: after.members.find((m) => m.id === row.id) },
    ];
    if (newHead) {
      audit.push({ action: 'beneficiary.update', entityType: 'beneficiary', entityId: newHead.id, schemeId, before: newHead, after: after.members.find((m) => m.id === newHead!.id) });
    }
    await syncHouseholdStatus(ctx, trx, schemeId, after, audit);
    await recordAudit(trx, ctx.actor, audit);
    if (audit.some((a) => a.entityType === 'household')) after = (await loadHousehold(ctx, trx, schemeId, row.household_number))!;
    return after;
  });
}

/**
 * Finds beneficiaries by name (any order, accents, apostrophes, doubled letters and the end of
 * words do not matter: "ndiaye awa", "Awa Ndiaye" and "awa ndiay" all find "Awa N'Diaye"), card
 * or phone, optionally within a household, a location (and below) or a status. When no name
 * matches word by word, the closest spellings by trigram similarity are returned instead (with
 * `fuzzy: true`) if pg_trgm is installed. Errors: UnknownReferenceError (location).
 */
export async function searchBeneficiaries(ctx: ServiceContext, schemeId: string, query: BeneficiaryQuery): Promise<BeneficiaryPage> {
  const limit = query.limit ?? 50;
  const offset = query.offset ?? 0;
  let locationId: string | undefined;
  if (query.location) {
    const location = await resolveLocation(ctx, query.location);
    if (!location) throw new UnknownReferenceError('location', 'location', query.location);
    locationId = location.id;
  }
  const text = query.search?.trim() ?? '';
  // Words without a letter are card or phone digits, not names.
  const words = nameWords(text).filter((w) => /\p{L}/u.test(w));
  const phone = normalizePhone(text);
  const filter: repo.BeneficiarySearch = {
    schemeId,
    words,
    orCard: /^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(text) ? upper(text) : undefined,
    orPhone: /^\+?\d{6,}$/.test(phone) ? phone : undefined,
    card: query.card ? upper(query.card) : undefined,
    phone: query.phone ? normalizePhone(query.phone) : undefined,
    householdNumber: query.household ? upper(query.household) : undefined,
    locationId,
    status: query.status,
    limit,
    offset,
  };
  let rows = await repo.searchBeneficiaries(ctx.db, filter);
  let fuzzy = false;
  if (!rows.length && words.length && (await repo.trigramAvailable(ctx.db)) && !(await repo.anyBeneficiaryMatches(ctx.db, filter))) {
    rows = await repo.searchBeneficiaries(ctx.db, { ...filter, similarTo: [...words].sort().join(' '), orCard: undefined, orPhone: undefined });
    fuzzy = true;
  }
  const items: BeneficiaryMatch[] = rows.slice(0, limit).map((r) => ({ ...toBeneficiary(r), location: r.location_code }));
  return { items, limit, offset, next: rows.length > limit ? offset + limit : null, fuzzy };
}

export interface HouseholdSummary {
  number: string;
  head: string | null;
  phone: string | null;
  section: string | null;
  /** Active members, as the contribution rules need them. */
  activeMembers: { birthDate: string | null; birthYear: number | null }[];
}

/** Summaries of many households at once, by id (lists of arrears, renewals, statements). */
export async function householdSummaries(ctx: ServiceContext, schemeId: string, ids: string[]): Promise<Map<string, HouseholdSummary>> {
  const unique = [...new Set(ids)];
  const result = new Map<string, HouseholdSummary>();
  const sections = new Map((await listSections(ctx, schemeId)).map((s) => [s.id, s.code]));
  // Large campaigns: a few thousand ids per query keeps each statement's parameters in bounds.
  for (let i = 0; i < unique.length; i += 5000) {
    const { households, members } = await repo.householdsByIds(ctx.db, schemeId, unique.slice(i, i + 5000));
    const byHousehold = new Map<string, typeof members>();
    for (const m of members) byHousehold.set(m.household_id, [...(byHousehold.get(m.household_id) ?? []), m]);
    for (const h of households) {
      const own = byHousehold.get(h.id) ?? [];
      const head = own.find((m) => m.relationship === 'head');
      result.set(h.id, {
        number: h.number,
        head: head ? `${head.first_name} ${head.last_name}` : null,
        phone: h.phone ?? head?.phone ?? null,
        section: h.section_id ? (sections.get(h.section_id) ?? null) : null,
        activeMembers: own.map((m) => ({ birthDate: m.birth_date, birthYear: m.birth_year })),
      });
    }
  }
  return result;
}

/** Every household number of a scheme, in order, page by page (exports walk a whole scheme this way). */
export async function* householdNumbers(ctx: ServiceContext, schemeId: string, pageSize = 1000): AsyncGenerator<string> {
  let after: string | null = null;
  for (;;) {
    const page = await repo.householdNumbersPage(ctx.db, schemeId, after, pageSize);
    for (const row of page) yield row.number;
    if (page.length < pageSize) return;
    after = page[page.length - 1]!.number;
  }
}
