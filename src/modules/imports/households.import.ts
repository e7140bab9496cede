import type { Transaction } from 'kysely';
import { recordAudit } from '../../platform/audit/audit.js';
import type { ServiceContext } from '../../platform/context.js';
import type { Db } from '../../platform/db/connection.js';
import type { Database } from '../../platform/db/schema.js';
import { today } from '../../platform/dates.js';
import { ConflictError, DomainError, ValidationError } from '../../platform/errors.js';
import {
  DEFAULT_CARD_PATTERN,
  addBeneficiary,
  cardPatternProblem,
  formatCard,
  getBeneficiary,
  getHousehold,
  insertHouseholdsBulk,
  listGroups,
  nameWords,
  type BulkBeneficiary,
  type BulkHousehold,
  type Household,
} from '../members/index.js';
import { getScheme, listSections, resolveLocation } from '../organizations/index.js';
import { normalizeText, valueOf } from './columns.js';
import {
  FieldReader,
  Issues,
  Rollback,
  emptyReport,
  inSavepoint,
  isUniqueViolation,
  ownTransaction,
  progressReporter,
  refusal,
  type RawReport,
  type RunOptions,
} from './import-run.js';
import { householdFields, householdValueFields, requiredHouseholdFields, type Mapping } from './imports.schemas.js';
import type { OpenTable, SheetRow } from '../../platform/spreadsheet.js';
import { Problem, birthOf, codeOf, dateOf, limited, phoneOf, textOf, yearOf } from './values.js';

type Trx = Transaction<Database>;
type Sex = BulkBeneficiary['sex'];
type Relationship = BulkBeneficiary['relationship'];
type Category = BulkHousehold['category'];

/** A batch was refused on the first pass: the transaction is rolled back and written again carefully. */
class StartOver extends Error {}

/** Households written per statement pair: a few thousand, as insertHouseholdsBulk asks. */
const BATCH_HOUSEHOLDS = 2000;

const HOUSEHOLD_LEVEL = ['category', 'group', 'section', 'location', 'householdPhone', 'address'] as const;
type HouseholdLevelField = (typeof HOUSEHOLD_LEVEL)[number];

interface MemberRow {
  row: number;
  household: string;
  level: Partial<Record<HouseholdLevelField, string>>;
  card: string | null;
  firstName: string;
  lastName: string;
  sex: Sex | null;
  relationship: Relationship | null;
  birthDate: string | null;
  birthYear: number | null;
  joinedOn: string | null;
  idDocument: string | null;
  phone: string | null;
  bad: boolean;
}

interface Draft {
  number: string;
  rows: MemberRow[];
  /** Household fields as first given, and on which row. */
  level: Partial<Record<HouseholdLevelField, { value: string; row: number }>>;
  bad: boolean;
  category: Category;
  groupId: string | null;
  sectionId: string | null;
  locationId: string | null;
  locationCode: string | null;
  address: string | null;
}

// ---------------------------------------------------------------- rows

/** Converts the cells of one row; every problem is recorded, the row is kept (flagged) for cross-row checks. */
function rowReader(reader: FieldReader, issues: Issues, now: string) {
  const thisYear = Number(now.slice(0, 4));
  const enumCache = new Map<string, Map<string, string | null>>();
  const lettersCache = new Map<string, boolean>();
  const hasLetters = (name: string) => {
    let ok = lettersCache.get(name);
    if (ok === undefined) {
      ok = nameWords(name).length > 0;
      if (lettersCache.size > 100_000) lettersCache.clear();
      lettersCache.set(name, ok);
    }
    return ok;
  };
  const enumValue = (field: keyof typeof householdValueFields, text: string): string | null => {
    let cache = enumCache.get(field);
    if (!cache) enumCache.set(field, (cache = new Map()));
    let value = cache.get(text);
    if (value === undefined) {
      const found = valueOf(field, text, reader.values(field));
      value = found !== undefined && (householdValueFields[field] as readonly string[]).includes(found) ? found : null;
      cache.set(text, value);
    }
    return value;
  };

  return (r: SheetRow): MemberRow | undefined => {
    let bad = false;
    const fail = (field: string, code: string, params: Record<string, string | number> = {}) => {
      issues.add(r.row, field, code, params);
      bad = true;
    };
    const take = <T>(field: string, value: T | Problem): T | null => {
      if (value instanceof Problem) {
        issues.problem(r.row, field, value);
        bad = true;
        return null;
      }
      return value;
    };
    const text = (field: string) => textOf(reader.cell(r, field));
    const enumOf = (field: keyof typeof householdValueFields) => {
      const t = text(field);
      if (t === null) return null;
      const value = enumValue(field, t);
      if (value === null) fail(field, 'unknown_value', { value: t.slice(0, 60), allowed: householdValueFields[field].join(', ') });
      return value;
    };

    const numberCell = reader.cell(r, 'householdNumber');
    const household = numberCell === null ? (fail('householdNumber', 'required'), null) : take('householdNumber', codeOf(numberCell, true));

    const level: MemberRow['level'] = {};
    const category = enumOf('category');
    if (category) level.category = category;
    for (const field of ['group', 'section'] as const) {
      const cell = reader.cell(r, field);
      if (cell !== null) {
        const code = take(field, codeOf(cell, false));
        if (code) level[field] = code;
      }
    }
    const location = text('location');
    if (location) level.location = location;
    const householdPhone = reader.cell(r, 'householdPhone');
    if (householdPhone !== null) {
      const phone = take('householdPhone', phoneOf(householdPhone));
      if (phone) level.householdPhone = phone;
    }
    const address = text('address');
    if (address) {
      const a = take('address', limited(address, 300));
      if (a) level.address = a;
    }

    const cardCell = reader.cell(r, 'card');
    const card = cardCell === null ? null : take('card', codeOf(cardCell, true));

    const names = { firstName: '', lastName: '' };
    for (const field of ['firstName', 'lastName'] as const) {
      const t = text(field);
      if (t === null) fail(field, 'required');
      else if (t.length > 100) fail(field, 'too_long', { max: 100 });
      else if (!hasLetters(t)) fail(field, 'no_letters', { value: t.slice(0, 60) });
      else names[field] = t;
    }
    const sexText = text('sex');
    const sex = sexText === null ? (fail('sex', 'required'), null) : (enumOf('sex') as Sex | null);
    const relText = text('relationship');
    const relationship = relText === null ? (fail('relationship', 'required'), null) : (enumOf('relationship') as Relationship | null);

    let birthDate: string | null = null;
    let birthYear: number | null = null;
    const birthCell = reader.cell(r, 'birthDate');
    if (birthCell !== null) {
      const birth = take('birthDate', birthOf(birthCell, reader.dateOrder));
      if (birth) {
        birthDate = birth.date;
        birthYear = birth.year;
        if (birthDate && birthDate > now) fail('birthDate', 'in_future', { value: birthDate });
      }
    }
    const yearCell = reader.cell(r, 'birthYear');
    if (yearCell !== null) {
      const year = take('birthYear', yearOf(yearCell));
      if (year !== null) {
        if (birthDate && Number(birthDate.slice(0, 4)) !== year) fail('birthYear', 'year_mismatch', { year, date: birthDate });
        else birthYear = year;
      }
    }
    if (birthYear !== null && !(birthDate && birthDate > now) && (birthYear < 1880 || birthYear > thisYear)) {
      fail(birthDate ? 'birthDate' : yearCell !== null ? 'birthYear' : 'birthDate', birthYear > thisYear ? 'in_future' : 'year_range', { value: birthYear });
    }
    if (birthCell === null && yearCell === null) fail(reader.has('birthDate') ? 'birthDate' : 'birthYear', 'birth_missing');

    let joinedOn: string | null = null;
    const joinedCell = reader.cell(r, 'joinedOn');
    if (joinedCell !== null) {
      joinedOn = take('joinedOn', dateOf(joinedCell, reader.dateOrder));
      if (joinedOn) {
        if (joinedOn > now) fail('joinedOn', 'in_future', { value: joinedOn });
        else if ((birthDate && joinedOn < birthDate) || (birthYear !== null && Number(joinedOn.slice(0, 4)) < birthYear)) fail('joinedOn', 'before_birth', { birth: birthDate ?? birthYear ?? '' });
      }
    }
    const idText = text('idDocument');
    const idDocument = idText === null ? null : take('idDocument', limited(idText, 50));
    const phoneCell = reader.cell(r, 'memberPhone');
    const phone = phoneCell === null ? null : take('memberPhone', phoneOf(phoneCell));

    // A row without a household number has nothing to be checked with; its problems are recorded.
    if (household === null) return undefined;
    return { row: r.row, household, level, card, ...names, sex, relationship, birthDate, birthYear, joinedOn, idDocument, phone, bad };
  };
}

// ---------------------------------------------------------------- households

function groupRows(members: MemberRow[], issues: Issues): Draft[] {
  const drafts = new Map<string, Draft>();
  for (const m of members) {
    let d = drafts.get(m.household);
    if (!d) {
      d = { number: m.household, rows: [], level: {}, bad: false, category: 'regular', groupId: null, sectionId: null, locationId: null, locationCode: null, address: null };
      drafts.set(m.household, d);
    }
    d.rows.push(m);
    if (m.bad) d.bad = true;
    for (const field of HOUSEHOLD_LEVEL) {
      const value = m.level[field];
      if (value === undefined) continue;
      const first = d.level[field];
      if (!first) d.level[field] = { value, row: m.row };
      else if (normalizeText(first.value) !== normalizeText(value)) {
        issues.add(m.row, field, 'household_inconsistent', { household: d.number, first: first.value, firstRow: first.row });
        d.bad = true;
      }
    }
  }
  return [...drafts.values()];
}

/** Exactly one head per household (spec: scheme-file.md), and a group for a group-enrolled household. */
function checkHouseholds(drafts: Draft[], issues: Issues): void {
  for (const d of drafts) {
    const heads = d.rows.filter((m) => m.relationship === 'head');
    const unknownRelationship = d.rows.some((m) => m.relationship === null);
    if (heads.length === 0 && !unknownRelationship) {
      issues.add(d.rows[0]!.row, 'relationship', 'no_head', { household: d.number });
      d.bad = true;
    }
    for (const extra of heads.slice(1)) {
      issues.add(extra.row, 'relationship', 'several_heads', { household: d.number, firstRow: heads[0]!.row });
      d.bad = true;
    }
    d.category = (d.level.category?.value as Category | undefined) ?? 'regular';
    if (d.category === 'group' && !d.level.group) {
      issues.add(d.level.category!.row, 'group', 'group_required', { household: d.number });
      d.bad = true;
    }
  }
}

/**
 * Cards: those given must be unique in the file; the missing ones come from the scheme's card
 * pattern and the member's rank (the head first, then the file's order), as registration does,
 * so that running the same file again gives the same cards.
 */
function assignCards(drafts: Draft[], issues: Issues, pattern: string | (() => string), scheme: string): void {
  const given = new Map<string, number>();
  for (const d of drafts) {
    for (const m of d.rows) {
      if (!m.card) continue;
      const first = given.get(m.card);
      if (first !== undefined) {
        issues.add(m.row, 'card', 'duplicate_card', { card: m.card, firstRow: first });
        d.bad = true;
      } else given.set(m.card, m.row);
    }
  }
  for (const d of drafts) {
    d.rows.sort((a, b) => Number(b.relationship === 'head') - Number(a.relationship === 'head') || a.row - b.row);
    if (d.rows.every((m) => m.card)) continue;
    const p = typeof pattern === 'function' ? pattern() : pattern;
    let spare = d.rows.length;
    d.rows.forEach((m, i) => {
      if (m.card) return;
      let card = formatCard(p, { household: d.number, member: i + 1, scheme });
      while (given.has(card)) card = formatCard(p, { household: d.number, member: ++spare, scheme });
      given.set(card, m.row);
      m.card = card;
    });
  }
}

async function resolveReferences(ctx: ServiceContext, schemeId: string, drafts: Draft[], issues: Issues): Promise<void> {
  const upper = (s: string) => s.toUpperCase();
  const groups = new Map((await listGroups(ctx, schemeId)).map((g) => [upper(g.code), g.id]));
  const sections = new Map((await listSections(ctx, schemeId)).map((s) => [upper(s.code), { id: s.id, code: s.code }]));
  const locations = new Map<string, { id: string; code: string } | undefined>();
  for (const d of drafts) {
    const { group, section, location, address } = d.level;
    if (group) {
      d.groupId = groups.get(upper(group.value)) ?? null;
      if (!d.groupId) {
        issues.add(group.row, 'group', 'unknown_group', { value: group.value });
        d.bad = true;
      }
    }
    if (section) {
      d.sectionId = sections.get(upper(section.value))?.id ?? null;
      if (!d.sectionId) {
        issues.add(section.row, 'section', 'unknown_section', { value: section.value });
        d.bad = true;
      }
    }
    d.address = address?.value ?? null;
    if (location) {
      const key = location.value;
      if (!locations.has(key)) locations.set(key, await resolveLocation(ctx, key));
      const found = locations.get(key);
      if (found) {
        d.locationId = found.id;
        d.locationCode = found.code;
      } else {
        // Free-text places that match no registered location are kept as the address, as the
        // scheme file loader does.
        d.address = d.address ?? key;
        issues.warn(location.row, 'location_as_address', { value: key });
      }
    }
  }
}

function toBulk(d: Draft, now: string): BulkHousehold {
  return {
    number: d.number,
    category: d.category,
    groupId: d.groupId,
    sectionId: d.sectionId,
    locationId: d.locationId,
    phone: d.level.householdPhone?.value ?? null,
    address: d.address,
    members: d.rows.map((m) => ({
      card: m.card!,
      firstName: m.firstName,
      lastName: m.lastName,
      sex: m.sex!,
      birthDate: m.birthDate,
      birthYear: m.birthYear!,
      relationship: m.relationship!,
      idDocument: m.idDocument,
      phone: m.phone,
      joinedOn: m.joinedOn ?? now,
    })),
  };
}

// ---------------------------------------------------------------- what is there already

async function notFoundAsUndefined<T>(work: Promise<T>): Promise<T | undefined> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof DomainError && error.kind === 'not_found') return undefined;
    throw error;
  }
}

const sameName = (a: string, b: string) => normalizeText(a) === normalizeText(b);

/** The first field of a row that differs from the member registered with its card, or undefined. */
function memberDifference(m: MemberRow, loaded: Household['members'][number]): { field: string; loaded: string; value: string } | undefined {
  const checks: [string, boolean, unknown, unknown][] = [
    ['firstName', !sameName(m.firstName, loaded.firstName), loaded.firstName, m.firstName],
    ['lastName', !sameName(m.lastName, loaded.lastName), loaded.lastName, m.lastName],
    ['sex', m.sex !== loaded.sex, loaded.sex, m.sex],
    ['relationship', m.relationship !== loaded.relationship, loaded.relationship, m.relationship],
    ['birthDate', m.birthDate !== null && m.birthDate !== loaded.birthDate, loaded.birthDate ?? loaded.birthYear, m.birthDate],
    ['birthYear', m.birthDate === null && m.birthYear !== loaded.birthYear, loaded.birthYear, m.birthYear],
    ['joinedOn', m.joinedOn !== null && m.joinedOn !== loaded.joinedOn, loaded.joinedOn, m.joinedOn],
    ['idDocument', m.idDocument !== null && m.idDocument !== loaded.idDocument, loaded.idDocument ?? '', m.idDocument],
    ['memberPhone', m.phone !== null && m.phone !== loaded.phone, loaded.phone ?? '', m.phone],
  ];
  const hit = checks.find(([, differs]) => differs);
  return hit ? { field: hit[0], loaded: String(hit[2]), value: String(hit[3]) } : undefined;
}

function householdDifference(d: Draft, loaded: Household): { field: HouseholdLevelField; loaded: string; value: string; row: number } | undefined {
  const given = d.level;
  const checks: [HouseholdLevelField, string | null][] = [
    ['category', loaded.category],
    ['group', loaded.group],
    ['section', loaded.section],
    ['location', loaded.location],
    ['householdPhone', loaded.phone],
  ];
  for (const [field, value] of checks) {
    const g = given[field];
    if (!g) continue;
    const mine = field === 'location' ? d.locationCode : field === 'category' ? d.category : g.value;
    if (mine === null) continue;
    if ((value ?? '').toUpperCase() !== mine.toUpperCase()) return { field, loaded: value ?? '', value: g.value, row: g.row };
  }
  return undefined;
}

interface Counts {
  households: number;
  beneficiaries: number;
  skippedHouseholds: number;
  skippedBeneficiaries: number;
}

/**
 * Sorts the households of a batch the database refused (a number or card already used) into
 * those already loaded (compared row by row: the same are skipped, the different are errors),
 * new members of households already there (added through the members service), and new
 * households (written in bulk). Looks things up one by one through the members module: slow, and
 * only for batches that need it.
 */
async function sortOutBatch(t: ServiceContext, trx: Trx, schemeId: string, batch: Draft[], issues: Issues, counts: Counts, now: string): Promise<Draft[]> {
  const fresh: Draft[] = [];
  for (const d of batch) {
    const loaded = await notFoundAsUndefined(getHousehold(t, schemeId, d.number));
    if (!loaded) {
      let clash = false;
      for (const m of d.rows) {
        const other = await notFoundAsUndefined(getBeneficiary(t, schemeId, m.card!));
        if (other) {
          issues.add(m.row, 'card', 'card_taken', { card: m.card!, name: `${other.firstName} ${other.lastName}`, household: other.household });
          clash = true;
        }
      }
      if (!clash) fresh.push(d);
      continue;
    }
    const difference = householdDifference(d, loaded);
    if (difference) {
      issues.add(difference.row, difference.field, 'household_differs', { household: d.number, loaded: difference.loaded, value: difference.value });
      continue;
    }
    const activeHead = loaded.members.find((x) => x.relationship === 'head' && x.status === 'active');
    let same = true;
    for (const m of d.rows) {
      const mine = loaded.members.find((x) => x.card === m.card);
      if (mine) {
        const diff = memberDifference(m, mine);
        if (diff) {
          issues.add(m.row, diff.field, 'member_differs', { card: m.card!, ...diff });
          same = false;
        } else counts.skippedBeneficiaries += 1;
        continue;
      }
      same = false;
      const other = await notFoundAsUndefined(getBeneficiary(t, schemeId, m.card!));
      if (other) {
        issues.add(m.row, 'card', 'card_taken', { card: m.card!, name: `${other.firstName} ${other.lastName}`, household: other.household });
        continue;
      }
      if (m.relationship === 'head' && activeHead) {
        issues.add(m.row, 'relationship', 'head_exists', { household: d.number, card: activeHead.card });
        continue;
      }
      // A new member of a household already registered: through the service, which checks the
      // household's rules and charges what the member owes for a current coverage period.
      const added = await inSavepoint(trx, () =>
        addBeneficiary(t, schemeId, d.number, {
          card: m.card,
          firstName: m.firstName,
          lastName: m.lastName,
          sex: m.sex!,
          birthDate: m.birthDate,
          birthYear: m.birthYear,
          relationship: m.relationship!,
          idDocument: m.idDocument,
          phone: m.phone,
          joinedOn: m.joinedOn ?? now,
        }),
      );
      if (added.ok) counts.beneficiaries += 1;
      else {
        const { code, params } = refusal(added.error);
        issues.add(m.row, null, code, params);
      }
    }
    if (same) counts.skippedHouseholds += 1;
  }
  return fresh;
}

// ---------------------------------------------------------------- the run

/** The mapping read against a households file's columns. Errors: MappingInvalidError. */
export function householdsFieldReader(columns: string[], mapping: Mapping): FieldReader {
  return new FieldReader(columns, mapping, householdFields, requiredHouseholdFields, (has) =>
    has('birthDate') || has('birthYear') ? [] : [{ field: 'mapping.columns.birthDate', message: 'is required: name the column of birth dates, or of estimated years of birth' }],
  );
}

/**
 * Imports households and their beneficiaries from a file, one row per beneficiary (see the
 * module's README for the columns). All or nothing: every row is checked, in the file and
 * against the scheme, and the file is written in one transaction only when no row is bad; a dry
 * run does the same and rolls back. Rows already loaded (same card, same data) are skipped;
 * rows that differ from what is registered are errors. Errors: MappingInvalidError, and
 * UnreadableFileError from reading the file; row problems are in the report.
 */
export async function importHouseholds(ctx: ServiceContext, scheme: { id: string; code: string }, table: OpenTable, mapping: Mapping, options: RunOptions): Promise<RawReport> {
  const started = performance.now();
  const columns = table.columns.map((c) => c.name);
  const reader = householdsFieldReader(columns, mapping);
  const issues = new Issues((field) => reader.columnName(columns, field));
  const progress = progressReporter(options.onProgress);
  const now = today();
  const report = emptyReport('households', options);

  // Read and check every row.
  const convert = rowReader(reader, issues, now);
  const members: MemberRow[] = [];
  const expected = options.expectedRows ?? 0;
  for await (const chunk of table.rows) {
    for (const row of chunk) {
      const member = convert(row);
      if (member) members.push(member);
    }
    report.rows += chunk.length;
    progress('reading', report.rows, Math.max(expected, report.rows));
  }
  const total = report.rows;

  // Across rows: households, heads, cards, references.
  progress('checking', 0, total);
  const drafts = groupRows(members, issues);
  checkHouseholds(drafts, issues);
  let pattern: string | undefined;
  const cardPattern = () => {
    if (pattern === undefined) throw new Error('card pattern not loaded');
    return pattern;
  };
  if (members.some((m) => !m.card)) {
    const setting = (await getScheme(ctx, scheme.code)).settings.cardPattern;
    pattern = typeof setting === 'string' && setting.trim() ? setting.trim() : DEFAULT_CARD_PATTERN;
    const problem = cardPatternProblem(pattern);
    if (problem) throw new ValidationError([{ field: 'settings.cardPattern', message: `the scheme's card pattern "${pattern}" ${problem}; give every card in the file, or correct the setting` }]);
  }
  assignCards(drafts, issues, cardPattern, scheme.code);
  await resolveReferences(ctx, scheme.id, drafts, issues);
  progress('checking', total, total);

  const good = drafts.filter((d) => !d.bad);
  let counts: Counts;

  /**
   * Writes the checked households. Most files are new households: each batch is written at once,
   * the database's unique indexes checking its numbers and cards. When it refuses one (a file
   * run again, a card already someone else's) the transaction starts over `careful`: each batch
   * in a savepoint, and a refused batch sorted out household by household. The first pass uses
   * no savepoint because past 64 of them in one transaction every other session's visibility
   * checks slow down.
   */
  const write = async (trx: Trx, careful: boolean) => {
    const t: ServiceContext = { ...ctx, db: trx as unknown as Db };
    counts = { households: 0, beneficiaries: 0, skippedHouseholds: 0, skippedBeneficiaries: 0 };
    let done = total - good.reduce((n, d) => n + d.rows.length, 0);
    progress('writing', done, total);
    for (let i = 0; i < good.length; i += BATCH_HOUSEHOLDS) {
      let batch = good.slice(i, i + BATCH_HOUSEHOLDS);
      let written: { households: number; beneficiaries: number };
      if (!careful) {
        try {
          written = await insertHouseholdsBulk(trx, scheme.id, batch.map((d) => toBulk(d, now)));
        } catch (error) {
          throw isUniqueViolation(error) ? new StartOver() : error;
        }
      } else {
        let attempt = await inSavepoint(trx, () => insertHouseholdsBulk(trx, scheme.id, batch.map((d) => toBulk(d, now))));
        if (!attempt.ok) {
          if (!isUniqueViolation(attempt.error)) throw attempt.error;
          batch = await sortOutBatch(t, trx, scheme.id, batch, issues, counts, now);
          attempt = await inSavepoint(trx, () => insertHouseholdsBulk(trx, scheme.id, batch.map((d) => toBulk(d, now))));
          if (!attempt.ok) {
            if (isUniqueViolation(attempt.error)) throw new ConflictError('import_conflict', 'Households or cards of this file were registered while it was being imported: run the import again');
            throw attempt.error;
          }
        }
        written = attempt.value;
      }
      if (batch.length) {
        counts.households += written.households;
        counts.beneficiaries += written.beneficiaries;
        await recordAudit(trx, ctx.actor, {
          action: 'import.households',
          entityType: 'household_batch',
          entityId: `${options.importId ?? 'file'}:${batch[0]!.number}-${batch.at(-1)!.number}`,
          schemeId: scheme.id,
          after: { file: options.fileName, households: written.households, beneficiaries: written.beneficiaries, first: batch[0]!.number, last: batch.at(-1)!.number },
        });
      }
      done += good.slice(i, i + BATCH_HOUSEHOLDS).reduce((n, d) => n + d.rows.length, 0);
      progress('writing', done, total);
    }
    report.created = { households: counts.households, beneficiaries: counts.beneficiaries };
    report.skipped = { households: counts.skippedHouseholds, beneficiaries: counts.skippedBeneficiaries };
    report.errors = issues.sorted();
    report.errorCount = issues.count;
    report.warnings = issues.warnings;
    report.seconds = (performance.now() - started) / 1000;
    if (options.dryRun || issues.count) throw new Rollback(report);
    report.committed = true;
    await recordAudit(trx, ctx.actor, {
      action: 'import.commit',
      entityType: 'import',
      entityId: options.importId ?? `file:${options.fileName}`,
      schemeId: scheme.id,
      after: { kind: 'households', file: options.fileName, rows: report.rows, created: report.created, skipped: report.skipped },
    });
    return report;
  };

  try {
    return await ownTransaction(ctx, (trx) => write(trx, false));
  } catch (error) {
    if (!(error instanceof StartOver)) throw error;
    return ownTransaction(ctx, (trx) => write(trx, true));
  }
}
