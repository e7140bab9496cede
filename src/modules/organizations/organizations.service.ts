import { recordAudit } from '../../platform/audit/audit.js';
import { inTransaction, type ServiceContext } from '../../platform/context.js';
import { NotFoundError, ValidationError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { isCurrencyCode } from '../../platform/money.js';
import {
  DuplicateCodeError,
  InvalidCurrencyError,
  LocationLevelMissingError,
  LocationParentDepthError,
} from './organizations.errors.js';
import * as repo from './organizations.repository.js';
import type {
  CreateFederation,
  CreateLocation,
  CreateScheme,
  CreateSection,
  Federation,
  Location,
  LocationLevel,
  LocationQuery,
  Scheme,
  Section,
  SetLocationLevels,
  UpdateFederation,
  UpdateScheme,
  UpdateSection,
} from './organizations.schemas.js';
import type { FederationRow } from './organizations.table.js';

function toFederation(row: FederationRow): Federation {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    country: row.country,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

function toScheme(row: repo.SchemeWithFederation): Scheme {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    federation: row.federation_code,
    currency: row.currency,
    country: row.country,
    targetPopulation: row.target_population,
    settings: row.settings as Scheme['settings'],
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

function toSection(row: repo.SectionWithLocation): Section {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    location: row.location_code,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

// ---------------------------------------------------------------- federations

/** Creates a federation. Errors: DuplicateCodeError. Audited. */
export async function createFederation(ctx: ServiceContext, input: CreateFederation): Promise<Federation> {
  return inTransaction(ctx, async (trx) => {
    if (await repo.findFederationByCode(trx, input.code)) throw new DuplicateCodeError('federation', input.code);
    const now = new Date();
    const row = await repo.insertFederation(trx, { id: newId(), code: input.code, name: input.name, country: input.country ?? null, created_at: now, updated_at: now });
    const federation = toFederation(row);
    await recordAudit(trx, ctx.actor, { action: 'federation.create', entityType: 'federation', entityId: row.id, after: federation });
    return federation;
  });
}

export async function listFederations(ctx: ServiceContext): Promise<Federation[]> {
  const scopes = ctx.principal?.scopesFor('organizations.read');
  return (await repo.listFederations(ctx.db, scopes?.federationIds)).map(toFederation);
}

export async function getFederation(ctx: ServiceContext, code: string): Promise<Federation> {
  const row = await repo.findFederationByCode(ctx.db, code);
  if (!row) throw new NotFoundError('federation', code);
  return toFederation(row);
}

/** Updates a federation's name or country. Errors: NotFoundError. Audited. */
export async function updateFederation(ctx: ServiceContext, code: string, input: UpdateFederation): Promise<Federation> {
  return inTransaction(ctx, async (trx) => {
    const before = await repo.findFederationByCode(trx, code);
    if (!before) throw new NotFoundError('federation', code);
    const row = await repo.updateFederation(trx, before.id, { ...input, updated_at: new Date() });
    const federation = toFederation(row);
    await recordAudit(trx, ctx.actor, { action: 'federation.update', entityType: 'federation', entityId: row.id, before: toFederation(before), after: federation });
    return federation;
  });
}

// ---------------------------------------------------------------- schemes

/** inTransaction for a change to schemes: the scheme cache is emptied as it starts and once it is over. */
async function changingSchemes<T>(ctx: ServiceContext, work: Parameters<typeof inTransaction<T>>[1]): Promise<T> {
  forgetSchemes();
  try {
    return await inTransaction(ctx, work);
  } finally {
    forgetSchemes();
  }
}

/** Creates a scheme, optionally in a federation. Errors: DuplicateCodeError, InvalidCurrencyError, NotFoundError (federation). Audited. */
export async function createScheme(ctx: ServiceContext, input: CreateScheme): Promise<Scheme> {
  if (!isCurrencyCode(input.currency)) throw new InvalidCurrencyError(input.currency);
  return changingSchemes(ctx, async (trx) => {
    if (await repo.findSchemeByCode(trx, input.code)) throw new DuplicateCodeError('scheme', input.code);
    let federationId: string | null = null;
    if (input.federation) {
      const federation = await repo.findFederationByCode(trx, input.federation);
      if (!federation) throw new NotFoundError('federation', input.federation);
      federationId = federation.id;
    }
    const now = new Date();
    const { id } = await repo.insertScheme(trx, {
      id: newId(),
      federation_id: federationId,
      code: input.code,
      name: input.name,
      currency: input.currency,
      country: input.country,
      target_population: input.targetPopulation ?? null,
      settings: JSON.stringify(input.settings ?? {}),
      created_at: now,
      updated_at: now,
    });
    const scheme = toScheme((await repo.findSchemeById(trx, id))!);
    await recordAudit(trx, ctx.actor, { action: 'scheme.create', entityType: 'scheme', entityId: id, schemeId: id, after: scheme });
    return scheme;
  });
}

export async function listSchemes(ctx: ServiceContext, federationCode?: string): Promise<Scheme[]> {
  const scopes = ctx.principal?.scopesFor('organizations.read');
  let federationId: string | undefined;
  if (federationCode) {
    const federation = await repo.findFederationByCode(ctx.db, federationCode);
    if (!federation) return [];
    federationId = federation.id;
  }
  return (await repo.listSchemes(ctx.db, scopes, federationId)).map(toScheme);
}

export async function getScheme(ctx: ServiceContext, code: string): Promise<Scheme> {
  const row = await repo.findSchemeByCode(ctx.db, code);
  if (!row) throw new NotFoundError('scheme', code);
  return toScheme(row);
}

/** Updates a scheme's name, target population or settings. Errors: NotFoundError. Audited. */
export async function updateScheme(ctx: ServiceContext, code: string, input: UpdateScheme): Promise<Scheme> {
  return changingSchemes(ctx, async (trx) => {
    const beforeRow = await repo.findSchemeByCode(trx, code);
    if (!beforeRow) throw new NotFoundError('scheme', code);
    const before = toScheme(beforeRow);
    await repo.updateScheme(trx, beforeRow.id, {
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.targetPopulation !== undefined ? { target_population: input.targetPopulation } : {}),
      ...(input.settings !== undefined ? { settings: JSON.stringify(input.settings) } : {}),
      updated_at: new Date(),
    });
    const after = toScheme((await repo.findSchemeById(trx, beforeRow.id))!);
    await recordAudit(trx, ctx.actor, { action: 'scheme.update', entityType: 'scheme', entityId: beforeRow.id, schemeId: beforeRow.id, before, after });
    return after;
  });
}

export interface ResolvedScheme {
  id: string;
  code: string;
  federationId: string | null;
  currency: string;
}

/**
 * Schemes recently resolved, by database then code: the HTTP layer resolves `:scheme` on every
 * scheme route, and the eligibility check must not pay a query for it. What is kept (id, code,
 * federation, currency) no service changes; still, every change to a scheme made through this
 * process empties the cache once committed, and entries live SCHEME_CACHE_MS so that another
 * process's change (a restore) is seen within that time. Unknown codes are not kept (a scheme
 * created next is found at once), and nothing read inside a transaction is (it may roll back).
 */
const SCHEME_CACHE_MS = 5_000;
const schemeCache = new WeakMap<object, Map<string, { scheme: ResolvedScheme; until: number; generation: number }>>();
let schemeGeneration = 0;

/** Empties the scheme cache (every database's): called when a scheme is created or changed. */
export function forgetSchemes(): void {
  schemeGeneration += 1;
}

/** The look-up the HTTP layer uses to resolve `:scheme` in a path. */
export async function resolveScheme(ctx: Pick<ServiceContext, 'db'>, code: string): Promise<ResolvedScheme | undefined> {
  const cache = ctx.db.isTransaction ? undefined : schemeCache.get(ctx.db);
  const hit = cache?.get(code);
  if (hit && hit.generation === schemeGeneration && hit.until > Date.now()) return hit.scheme;
  const generation = schemeGeneration;
  const row = await repo.findSchemeByCode(ctx.db, code);
  if (!row) return undefined;
  const scheme = { id: row.id, code: row.code, federationId: row.federation_id, currency: row.currency };
  // Kept unless a change was made while it was read (it may predate the change).
  if (!ctx.db.isTransaction && generation === schemeGeneration) {
    let map = cache;
    if (!map) schemeCache.set(ctx.db, (map = new Map()));
    if (map.size > 10_000) map.clear();
    map.set(code, { scheme, until: Date.now() + SCHEME_CACHE_MS, generation });
  }
  return scheme;
}

export async function resolveFederation(ctx: Pick<ServiceContext, 'db'>, code: string) {
  const row = await repo.findFederationByCode(ctx.db, code);
  return row ? { id: row.id, code: row.code } : undefined;
}

export async function schemeIdsOfFederations(ctx: Pick<ServiceContext, 'db'>, federationIds: string[]): Promise<string[]> {
  return (await repo.schemeIdsOfFederations(ctx.db, federationIds)).map((r) => r.id);
}

// ---------------------------------------------------------------- sections

async function locationIdOf(ctx: Pick<ServiceContext, 'db'>, code: string | null | undefined, field = 'location'): Promise<string | null> {
  if (!code) return null;
  const location = await repo.findLocationByCode(ctx.db, code);
  if (!location) throw new NotFoundError(field, code);
  return location.id;
}

/** Creates a section (local committee) of a scheme. Errors: DuplicateCodeError, NotFoundError (location). Audited. */
export async function createSection(ctx: ServiceContext, schemeId: string, input: CreateSection): Promise<Section> {
  return inTransaction(ctx, async (trx) => {
    if (await repo.findSectionByCode(trx, schemeId, input.code)) throw new DuplicateCodeError('section', input.code);
    const now = new Date();
    const id = newId();
    await repo.insertSection(trx, {
      id,
      scheme_id: schemeId,
      code: input.code,
      name: input.name,
      location_id: await locationIdOf({ db: trx }, input.location),
      created_at: now,
      updated_at: now,
    });
    const section = toSection((await repo.findSectionByCode(trx, schemeId, input.code))!);
    await recordAudit(trx, ctx.actor, { action: 'section.create', entityType: 'section', entityId: id, schemeId, after: section });
    return section;
  });
}

export async function listSections(ctx: ServiceContext, schemeId: string): Promise<Section[]> {
  return (await repo.listSections(ctx.db, schemeId)).map(toSection);
}

/** Renames a section or moves it to another location. Errors: NotFoundError. Audited. */
export async function updateSection(ctx: ServiceContext, schemeId: string, code: string, input: UpdateSection): Promise<Section> {
  return inTransaction(ctx, async (trx) => {
    const beforeRow = await repo.findSectionByCode(trx, schemeId, code);
    if (!beforeRow) throw new NotFoundError('section', code);
    await repo.updateSection(trx, beforeRow.id, {
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.location !== undefined ? { location_id: await locationIdOf({ db: trx }, input.location) } : {}),
      updated_at: new Date(),
    });
    const after = toSection((await repo.findSectionByCode(trx, schemeId, code))!);
    await recordAudit(trx, ctx.actor, { action: 'section.update', entityType: 'section', entityId: beforeRow.id, schemeId, before: toSection(beforeRow), after });
    return after;
  });
}

// ---------------------------------------------------------------- locations

export async function listLocationLevels(ctx: Pick<ServiceContext, 'db'>): Promise<LocationLevel[]> {
  return (await repo.listLocationLevels(ctx.db)).map((l) => ({ depth: l.depth, code: l.code, nameEn: l.name_en, nameFr: l.name_fr }));
}

/**
 * Sets the location hierarchy (e.g. region > district > commune > village). Depths must run
 * 1..n without gaps; a level still used by locations cannot be removed. Audited.
 */
export async function setLocationLevels(ctx: ServiceContext, input: SetLocationLevels): Promise<LocationLevel[]> {
  const depths = input.levels.map((l) => l.depth).sort((a, b) => a - b);
  const details = depths.flatMap((d, i) => (d === i + 1 ? [] : [{ field: `levels[${i}].depth`, message: `depths must run 1..${depths.length} without gaps` }]));
  const codes = new Set(input.levels.map((l) => l.code));
  if (codes.size !== input.levels.length) details.push({ field: 'levels', message: 'level codes must be unique' });
  if (details.length) {
    throw new ValidationError(details);
  }
  return inTransaction(ctx, async (trx) => {
    const before = await listLocationLevels({ db: trx });
    const inUse = (await repo.maxLocationDepthInUse(trx))?.depth ?? 0;
    if (Number(inUse) > depths.length) {
      throw new ValidationError([{ field: 'levels', message: `locations exist at depth ${inUse}` }]);
    }
    await repo.replaceLocationLevels(trx, input.levels.map((l) => ({ depth: l.depth, code: l.code, name_en: l.nameEn, name_fr: l.nameFr })));
    const after = await listLocationLevels({ db: trx });
    await recordAudit(trx, ctx.actor, { action: 'location_levels.set', entityType: 'location_levels', entityId: 'all', before, after });
    return after;
  });
}

/** Adds a location under its parent (one level up). Errors: DuplicateCodeError, LocationLevelMissingError, LocationParentDepthError. Audited. */
export async function createLocation(ctx: ServiceContext, input: CreateLocation): Promise<Location> {
  return inTransaction(ctx, async (trx) => {
    if (!(await repo.findLocationLevel(trx, input.depth))) throw new LocationLevelMissingError(input.depth);
    if (await repo.findLocationByCode(trx, input.code)) throw new DuplicateCodeError('location', input.code);
    let parentId: string | null = null;
    if (input.parent) {
      const parent = await repo.findLocationByCode(trx, input.parent);
      if (!parent) throw new NotFoundError('parent', input.parent);
      if (parent.depth !== input.depth - 1) throw new LocationParentDepthError();
      parentId = parent.id;
    } else if (input.depth !== 1) {
      throw new LocationParentDepthError();
    }
    const now = new Date();
    const id = newId();
    await repo.insertLocation(trx, { id, parent_id: parentId, depth: input.depth, code: input.code, name: input.name, created_at: now, updated_at: now });
    const location: Location = { id, code: input.code, name: input.name, depth: input.depth, parent: input.parent ?? null };
    await recordAudit(trx, ctx.actor, { action: 'location.create', entityType: 'location', entityId: id, after: location });
    return location;
  });
}

export async function listLocations(ctx: Pick<ServiceContext, 'db'>, query: LocationQuery): Promise<Location[]> {
  const parentId = query.parent ? await locationIdOf(ctx, query.parent, 'parent') : null;
  const rows = await repo.listLocations(ctx.db, { parentId, search: query.search, limit: query.limit ?? 200 });
  return rows.map((r) => ({ id: r.id, code: r.code, name: r.name, depth: r.depth, parent: r.parent_code }));
}

/** A location by its code, or else by its exact name when exactly one location has it. */
export async function resolveLocation(ctx: Pick<ServiceContext, 'db'>, codeOrName: string): Promise<{ id: string; code: string } | undefined> {
  const byCode = await repo.findLocationByCode(ctx.db, codeOrName);
  if (byCode) return { id: byCode.id, code: byCode.code };
  const byName = await repo.findLocationsByName(ctx.db, codeOrName);
  return byName.length === 1 ? { id: byName[0]!.id, code: byName[0]!.code } : undefined;
}
