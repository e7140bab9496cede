import { recordAudit, type AuditEntry, type Executor } from '../../platform/audit/audit.js';
import { roleAllows } from '../../platform/auth/roles.js';
import { inTransaction, type ServiceContext } from '../../platform/context.js';
import { NotFoundError } from '../../platform/errors.js';
import { compileSchema, describeValidationErrors } from '../../platform/http/validation.js';
import { newId, newIds } from '../../platform/ids.js';
import { resolveLocation, schemeIdsOfFederations } from '../organizations/index.js';
import type { BenefitCategory, ProviderLevel } from '../products/index.js';
import { AgreementGapError, AgreementOverlapError, DuplicateCodeError, InvalidAgreementError, InvalidInputError, NoAgreementError, UnknownLocationError } from './providers.errors.js';
import { normalizeDiagnosisCode, readCatalogue, readDiagnoses, type CatalogueRow, type ImportFile, type RawIssue, type RawReport } from './providers.files.js';
import * as repo from './providers.repository.js';
import { checkAgreement, placeVersion, type CatalogueAgreement, type ProviderCatalogue } from './providers.rules.js';
import {
  AddAgreement,
  CreateProvider,
  CreateService,
  DEFAULT_PAYMENT_DELAY_DAYS,
  type Agreement,
  type AgreementPaymentMethod,
  type Diagnosis,
  type DiagnosisQuery,
  type Provider,
  type ProviderDetail,
  type ProviderQuery,
  type ProviderType,
  type Service,
  type ServiceKind,
  type ServiceQuery,
  type UpdateProvider,
  type UpdateService,
} from './providers.schemas.js';
import type { AgreementRow, ServiceRow } from './providers.table.js';

type ReadContext = Pick<ServiceContext, 'db' | 'principal'>;

// The services check their input again with the routes' own schemas: the scheme-file loader and
// the CLI call them without going through HTTP (STYLE.md: invariants checked again in the service).
const validCreateService = compileSchema(CreateService);
const validCreateProvider = compileSchema(CreateProvider);
const validAddAgreement = compileSchema(AddAgreement);

function checkShape(validate: ReturnType<typeof compileSchema>, input: unknown): void {
  if (validate(input)) return;
  // One detail per field: a list of allowed values comes as one message per value (and a vague
  // one for the list as a whole); say them together.
  const byField = new Map<string, string[]>();
  for (const d of describeValidationErrors(validate.errors ?? [], 'en')) byField.set(d.field, [...(byField.get(d.field) ?? []), d.message]);
  const details = [...byField].map(([field, messages]) => {
    const specific = messages.length > 1 ? messages.filter((m) => m !== 'is invalid') : messages;
    const prefix = specific[0]!.split(': ')[0]!;
    const message = specific.length > 1 && specific.every((m) => m.startsWith(`${prefix}: `)) ? `${prefix}: ${specific.map((m) => m.slice(prefix.length + 2)).join(', ')}` : specific.join('; ');
    return { field, message };
  });
  throw new InvalidInputError(details);
}

// ---------------------------------------------------------------- rows to views

function toService(row: ServiceRow): Service {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    category: row.category as BenefitCategory,
    kind: row.kind as ServiceKind,
    active: row.active,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

function toProvider(row: repo.ProviderWithLocation): Provider {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    level: row.level as ProviderLevel,
    type: row.type as ProviderType | null,
    location: row.location_code,
    address: row.address,
    phone: row.phone,
    email: row.email,
    active: row.active,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

type PriceRow = Awaited<ReturnType<typeof repo.pricesOf>>[number];

function toAgreement(row: AgreementRow, prices: PriceRow[]): Agreement {
  return {
    id: row.id,
    from: row.valid_from,
    to: row.valid_to,
    paymentMethod: row.payment_method as AgreementPaymentMethod,
    paymentDelayDays: row.payment_delay_days,
    capitationAmount: row.capitation_amount,
    flatRateAmount: row.flat_rate_amount,
    replaces: row.replaces,
    createdAt: row.created_at.toISOString(),
    tariff: prices
      .filter((p) => p.agreement_id === row.id)
      .map((p) => ({ service: p.code, name: p.name, category: p.category as BenefitCategory, kind: p.kind as ServiceKind, price: p.price })),
  };
}

async function detailOf(db: Executor, schemeId: string, row: repo.ProviderWithLocation): Promise<ProviderDetail> {
  const agreements = await repo.listAgreements(db, schemeId, [row.id]);
  const prices = await repo.pricesOf(db, schemeId, agreements.map((a) => a.id));
  return { ...toProvider(row), agreements: agreements.map((a) => toAgreement(a, prices)) };
}

// ---------------------------------------------------------------- who may read which provider

/**
 * The providers of a scheme a signed-in user may read: all of them (undefined) when they read
 * providers through the platform, the scheme or its federation; else only those they are granted
 * on (a provider clerk sees their own facility, its agreements and tariff, and no other's).
 */
async function readableProviderIds(ctx: ReadContext, schemeId: string): Promise<Set<string> | undefined> {
  const principal = ctx.principal;
  if (!principal) return undefined;
  const grants = principal.grants.filter((g) => roleAllows(g.role, 'providers.read'));
  if (grants.some((g) => g.scopeType === 'platform' || (g.scopeType === 'scheme' && g.scopeId === schemeId))) return undefined;
  const federationIds = grants.flatMap((g) => (g.scopeType === 'federation' && g.scopeId ? [g.scopeId] : []));
  if (federationIds.length && (await schemeIdsOfFederations(ctx, federationIds)).includes(schemeId)) return undefined;
  return new Set(grants.flatMap((g) => (g.scopeType === 'provider' && g.scopeId ? [g.scopeId] : [])));
}

async function readableProvider(ctx: ReadContext, schemeId: string, code: string): Promise<repo.ProviderWithLocation> {
  const row = await repo.findProviderByCode(ctx.db, schemeId, code);
  const readable = row ? await readableProviderIds(ctx, schemeId) : undefined;
  // A provider the user may not read answers as a missing one.
  if (!row || (readable && !readable.has(row.id))) throw new NotFoundError('provider', code);
  return row;
}

// ---------------------------------------------------------------- services

/** Changes to one scheme's catalogue are made one at a time (an import compares, then writes). */
const catalogueLock = (schemeId: string) => `service-catalogue:${schemeId}`;

/** The scheme's catalogue, filtered (category, kind, active, a code prefix or words of the name). */
export async function listServices(ctx: Pick<ServiceContext, 'db'>, schemeId: string, query: ServiceQuery = {}): Promise<Service[]> {
  const rows = await repo.listServices(ctx.db, schemeId, { ...query, q: query.q?.trim() || undefined, limit: query.limit ?? 1000, offset: query.offset ?? 0 });
  return rows.map(toService);
}

export async function getService(ctx: Pick<ServiceContext, 'db'>, schemeId: string, code: string): Promise<Service> {
  const row = await repo.findServiceByCode(ctx.db, schemeId, code);
  if (!row) throw new NotFoundError('service', code);
  return toService(row);
}

/**
 * Adds a service, drug or supply to the scheme's catalogue (input as the scheme file's
 * `services[]`, with optional `kind` and `active`). Errors: InvalidInputError (by field),
 * DuplicateCodeError. Audited.
 */
export async function createService(ctx: ServiceContext, schemeId: string, input: CreateService): Promise<Service> {
  checkShape(validCreateService, input);
  return inTransaction(ctx, async (trx) => {
    await repo.lock(trx, catalogueLock(schemeId));
    if (await repo.findServiceByCode(trx, schemeId, input.code)) throw new DuplicateCodeError('service', input.code);
    const now = new Date();
    const id = newId();
    await repo.insertServices(trx, [
      { id, scheme_id: schemeId, code: input.code, name: input.name, category: input.category, kind: input.kind ?? 'service', active: input.active ?? true, created_at: now, updated_at: now },
    ]);
    const service = toService((await repo.findServiceByCode(trx, schemeId, input.code))!);
    await recordAudit(trx, ctx.actor, { action: 'service.create', entityType: 'service', entityId: id, schemeId, after: service });
    return service;
  });
}

/** Changes a service's name, category, kind or active flag; its code never changes. Errors: NotFoundError. Audited. */
export async function updateService(ctx: ServiceContext, schemeId: string, code: string, input: UpdateService): Promise<Service> {
  return inTransaction(ctx, async (trx) => {
    await repo.lock(trx, catalogueLock(schemeId));
    const row = await repo.findServiceByCode(trx, schemeId, code);
    if (!row) throw new NotFoundError('service', code);
    const before = toService(row);
    await repo.updateService(trx, schemeId, row.id, {
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.category !== undefined ? { category: input.category } : {}),
      ...(input.kind !== undefined ? { kind: input.kind } : {}),
      ...(input.active !== undefined ? { active: input.active } : {}),
      updated_at: new Date(),
    });
    const after = toService((await repo.findServiceByCode(trx, schemeId, code))!);
    await recordAudit(trx, ctx.actor, { action: 'service.update', entityType: 'service', entityId: row.id, schemeId, before, after });
    return after;
  });
}

export interface CatalogueImport {
  file: ImportFile;
  /** Check and report; write nothing. */
  dryRun?: boolean;
  /** A row whose code exists with other data updates the service; without it, that row is an error. */
  update?: boolean;
}

/** What a row would change in an existing service: the fields it gives that differ. */
function differences(row: CatalogueRow, existing: ServiceRow): string[] {
  const out: string[] = [];
  if (row.name !== existing.name) out.push(`name "${existing.name}" → "${row.name}"`);
  if (row.category !== existing.category) out.push(`category ${existing.category} → ${row.category}`);
  if (row.kind !== undefined && row.kind !== existing.kind) out.push(`kind ${existing.kind} → ${row.kind}`);
  if (row.active !== undefined && row.active !== existing.active) out.push(`active ${existing.active} → ${row.active}`);
  return out;
}

/**
 * Imports a catalogue file (CSV or XLSX: code, name, category, and optionally kind and active).
 * All or nothing: every bad row is reported by row and column and nothing is written when there
 * is one. A row equal to the service already there changes nothing, so importing a file again is
 * harmless; a row whose code exists with other data is an error unless `update` is asked.
 * Errors: UnreadableFileError (not a spreadsheet). Audited, one record per service written.
 */
export async function importCatalogue(ctx: ServiceContext, schemeId: string, request: CatalogueImport): Promise<RawReport> {
  const issues: RawIssue[] = [];
  const { rows, entries } = await readCatalogue(request.file, issues);
  const dryRun = Boolean(request.dryRun);
  return inTransaction(ctx, async (trx) => {
    // One import or change of the catalogue at a time per scheme: the comparison below holds until commit.
    await repo.lock(trx, catalogueLock(schemeId));
    const existing = new Map((await repo.allServices(trx, schemeId)).map((s) => [s.code, s]));
    const create: CatalogueRow[] = [];
    const update: { row: CatalogueRow; existing: ServiceRow }[] = [];
    let unchanged = 0;
    for (const entry of entries) {
      const found = existing.get(entry.code);
      if (!found) {
        create.push(entry);
        continue;
      }
      const changes = differences(entry, found);
      if (changes.length === 0) unchanged += 1;
      else if (request.update) update.push({ row: entry, existing: found });
      else issues.push({ row: entry.row, column: null, field: 'code', code: 'exists_differs', params: { code: entry.code, changes: changes.join('; ') } });
    }
    issues.sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
    const committed = !dryRun && issues.length === 0;
    const report: RawReport = {
      fileName: request.file.fileName,
      rows,
      created: create.length,
      updated: update.length,
      unchanged,
      errorCount: issues.length,
      errors: issues,
      dryRun,
      committed,
    };
    if (!committed) return report;
    const now = new Date();
    const ids = newIds(create.length, now.getTime());
    const inserted = create.map((e, i) => ({
      id: ids[i]!,
      scheme_id: schemeId,
      code: e.code,
      name: e.name,
      category: e.category,
      kind: e.kind ?? 'service',
      active: e.active ?? true,
      created_at: now,
      updated_at: now,
    }));
    await repo.insertServices(trx, inserted);
    const audit: AuditEntry[] = inserted.map((row) => ({ action: 'service.create', entityType: 'service', entityId: row.id, schemeId, after: { ...toService(row), file: request.file.fileName } }));
    for (const { row, existing: before } of update) {
      const changes = { name: row.name, category: row.category, ...(row.kind ? { kind: row.kind } : {}), ...(row.active !== undefined ? { active: row.active } : {}), updated_at: now };
      await repo.updateService(trx, schemeId, before.id, changes);
      audit.push({ action: 'service.update', entityType: 'service', entityId: before.id, schemeId, before: toService(before), after: { ...toService({ ...before, ...changes }), file: request.file.fileName } });
    }
    await recordAudit(trx, ctx.actor, audit);
    return report;
  });
}

// ---------------------------------------------------------------- diagnoses

/** Diagnoses whose code starts with the search, or whose title holds each of its words; at most 50. */
export async function searchDiagnoses(ctx: Pick<ServiceContext, 'db'>, query: DiagnosisQuery = {}): Promise<Diagnosis[]> {
  const q = query.q?.trim() || undefined;
  const prefix = q ? (normalizeDiagnosisCode(q) ?? q.toUpperCase().replace(/\s+/g, '')) : undefined;
  return repo.searchDiagnoses(ctx.db, q, prefix, Math.min(query.limit ?? 50, 50));
}

/** Whether the ICD-10 code (in any of the forms `normalizeDiagnosisCode` accepts) is in the table. */
export async function diagnosisExists(db: Executor, code: string): Promise<boolean> {
  return (await knownDiagnoses(db, [code])).has(code);
}

/** Of these codes, those in the diagnosis table (as given: "A090" is known when "A09.0" is). */
export async function knownDiagnoses(db: Executor, codes: readonly string[]): Promise<Set<string>> {
  const normalized = new Map<string, string[]>();
  for (const code of new Set(codes)) {
    const n = normalizeDiagnosisCode(code);
    if (n) normalized.set(n, [...(normalized.get(n) ?? []), code]);
  }
  const found = await repo.diagnosesByCodes(db, [...normalized.keys()]);
  return new Set(found.flatMap((r) => normalized.get(r.code) ?? []));
}

/**
 * Loads ICD-10 codes from a file (code, title), adding new codes and replacing the titles of codes
 * already there. All or nothing, every bad row reported; loading the same file again changes
 * nothing. Errors: UnreadableFileError. Audited (one record for the load).
 */
export async function loadDiagnoses(ctx: ServiceContext, file: ImportFile, options: { dryRun?: boolean } = {}): Promise<RawReport> {
  const issues: RawIssue[] = [];
  const { rows, entries } = await readDiagnoses(file, issues);
  const dryRun = Boolean(options.dryRun);
  return inTransaction(ctx, async (trx) => {
    await repo.lock(trx, 'diagnosis');
    const existing = new Map((await repo.allDiagnoses(trx)).map((d) => [d.code, d.title]));
    const created = entries.filter((e) => !existing.has(e.code));
    const updated = entries.filter((e) => existing.has(e.code) && existing.get(e.code) !== e.title);
    const committed = !dryRun && issues.length === 0;
    const report: RawReport = {
      fileName: file.fileName,
      rows,
      created: created.length,
      updated: updated.length,
      unchanged: entries.length - created.length - updated.length,
      errorCount: issues.length,
      errors: issues,
      dryRun,
      committed,
    };
    if (!committed || created.length + updated.length === 0) return report;
    const now = new Date();
    await repo.upsertDiagnoses(trx, [...created, ...updated].map((e) => ({ code: e.code, title: e.title, created_at: now })));
    await recordAudit(trx, ctx.actor, {
      action: 'diagnosis.load',
      entityType: 'diagnosis',
      entityId: newId(now.getTime()),
      schemeId: null,
      after: {
        file: file.fileName,
        created: created.map((e) => e.code),
        updated: updated.map((e) => ({ code: e.code, before: existing.get(e.code), after: e.title })),
      },
    });
    return report;
  });
}

// ---------------------------------------------------------------- providers

async function locationIdOf(ctx: Pick<ServiceContext, 'db'>, code: string | null | undefined): Promise<string | null> {
  if (code === undefined || code === null) return null;
  const location = await resolveLocation(ctx, code);
  if (!location) throw new UnknownLocationError(code);
  return location.id;
}

/** Providers of the scheme the user may read, filtered by level, active flag, or a code prefix or words of the name. */
export async function listProviders(ctx: ReadContext, schemeId: string, query: ProviderQuery = {}): Promise<Provider[]> {
  const readable = await readableProviderIds(ctx, schemeId);
  const rows = await repo.listProviders(ctx.db, schemeId, { ...query, q: query.q?.trim() || undefined, ...(readable ? { ids: [...readable] } : {}) });
  return rows.map(toProvider);
}

/** One provider with its agreement versions (oldest first) and their tariffs. Errors: NotFoundError (also for a provider the user may not read). */
export async function getProvider(ctx: ReadContext, schemeId: string, code: string): Promise<ProviderDetail> {
  return detailOf(ctx.db, schemeId, await readableProvider(ctx, schemeId, code));
}

/**
 * Registers a provider (input as the scheme file's `providers[]`: code, name, level; plus type,
 * location, address, phone, email, active). Errors: InvalidInputError, DuplicateCodeError,
 * UnknownLocationError. Audited.
 */
export async function createProvider(ctx: ServiceContext, schemeId: string, input: CreateProvider): Promise<ProviderDetail> {
  checkShape(validCreateProvider, input);
  return inTransaction(ctx, async (trx) => {
    if (await repo.findProviderByCode(trx, schemeId, input.code)) throw new DuplicateCodeError('provider', input.code);
    const locationId = await locationIdOf({ db: trx }, input.location);
    const now = new Date();
    const id = newId();
    await repo.insertProvider(trx, {
      id,
      scheme_id: schemeId,
      code: input.code,
      name: input.name,
      level: input.level,
      type: input.type ?? null,
      location_id: locationId,
      address: input.address ?? null,
      phone: input.phone ?? null,
      email: input.email ?? null,
      active: input.active ?? true,
      created_at: now,
      updated_at: now,
    });
    const provider = toProvider((await repo.findProviderByCode(trx, schemeId, input.code))!);
    await recordAudit(trx, ctx.actor, { action: 'provider.create', entityType: 'provider', entityId: id, schemeId, after: provider });
    return { ...provider, agreements: [] };
  });
}

/** Changes a provider's details (null clears an optional one); its code never changes. Errors: NotFoundError, UnknownLocationError. Audited. */
export async function updateProvider(ctx: ServiceContext, schemeId: string, code: string, input: UpdateProvider): Promise<ProviderDetail> {
  return inTransaction(ctx, async (trx) => {
    const row = await repo.findProviderByCode(trx, schemeId, code);
    if (!row) throw new NotFoundError('provider', code);
    const locationId = input.location === undefined ? undefined : await locationIdOf({ db: trx }, input.location);
    await repo.updateProvider(trx, schemeId, row.id, {
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.level !== undefined ? { level: input.level } : {}),
      ...(input.type !== undefined ? { type: input.type } : {}),
      ...(locationId !== undefined ? { location_id: locationId } : {}),
      ...(input.address !== undefined ? { address: input.address } : {}),
      ...(input.phone !== undefined ? { phone: input.phone } : {}),
      ...(input.email !== undefined ? { email: input.email } : {}),
      ...(input.active !== undefined ? { active: input.active } : {}),
      updated_at: new Date(),
    });
    const after = (await repo.findProviderByCode(trx, schemeId, code))!;
    await recordAudit(trx, ctx.actor, { action: 'provider.update', entityType: 'provider', entityId: row.id, schemeId, before: toProvider(row), after: toProvider(after) });
    return detailOf(trx, schemeId, after);
  });
}

// ---------------------------------------------------------------- agreements

/**
 * Adds a version of a provider's agreement (input as the scheme file's
 * `providers[].agreements[]`, plus `capitationAmount` and `flatRateAmount`). A version never
 * overlaps another; one that starts inside an earlier open (or longer) version replaces it from
 * its start: that version is closed the day before, the only change ever made to a version
 * (a tariff change is a new version). Errors: NotFoundError (provider), InvalidInputError,
 * InvalidAgreementError (by field: dates, the amount of the payment method, tariff services not in
 * the catalogue), AgreementOverlapError, AgreementGapError. Audited.
 */
export async function addAgreement(ctx: ServiceContext, schemeId: string, providerCode: string, input: AddAgreement): Promise<ProviderDetail> {
  checkShape(validAddAgreement, input);
  return inTransaction(ctx, async (trx) => {
    // One writer at a time per provider: the overlap check holds until commit.
    const provider = await repo.lockProviderByCode(trx, schemeId, providerCode);
    if (!provider) throw new NotFoundError('provider', providerCode);
    const services = await repo.servicesByCodes(trx, schemeId, [...new Set(input.tariff.map((t) => t.service))]);
    const details = checkAgreement(input, new Set(services.map((s) => s.code)));
    if (details.length) throw new InvalidAgreementError(details);
    const to = input.to ?? null;
    const existing = await repo.listAgreements(trx, schemeId, [provider.id]);
    const placement = placeVersion(
      existing.map((a) => ({ id: a.id, from: a.valid_from, to: a.valid_to })),
      input.from,
      to,
    );
    if (placement.kind === 'overlap') throw new AgreementOverlapError(providerCode, placement.other, placement.field);
    if (placement.kind === 'gap') throw new AgreementGapError(providerCode, placement.current, placement.gapFrom);
    const audit: AuditEntry[] = [];
    let replaces: string | null = null;
    if (placement.kind === 'replaces') {
      const closed = await repo.closeAgreement(trx, schemeId, placement.current.id, placement.closeOn);
      if (Number(closed.numUpdatedRows) !== 1) throw new AgreementOverlapError(providerCode, placement.current, 'from');
      replaces = placement.current.id;
      audit.push({ action: 'agreement.close', entityType: 'agreement', entityId: replaces, schemeId, before: { to: placement.current.to }, after: { to: placement.closeOn, replacedFrom: input.from } });
    }
    const now = new Date();
    const id = newId(now.getTime());
    await repo.insertAgreement(trx, {
      id,
      scheme_id: schemeId,
      provider_id: provider.id,
      valid_from: input.from,
      valid_to: to,
      payment_method: input.paymentMethod,
      payment_delay_days: input.paymentDelayDays ?? DEFAULT_PAYMENT_DELAY_DAYS,
      capitation_amount: input.capitationAmount ?? null,
      flat_rate_amount: input.flatRateAmount ?? null,
      replaces,
      created_at: now,
    });
    const serviceIds = new Map(services.map((s) => [s.code, s.id]));
    await repo.insertPrices(trx, input.tariff.map((t) => ({ scheme_id: schemeId, agreement_id: id, service_id: serviceIds.get(t.service)!, price: t.price })));
    const detail = await detailOf(trx, schemeId, (await repo.findProviderByCode(trx, schemeId, providerCode))!);
    audit.push({ action: 'agreement.create', entityType: 'agreement', entityId: id, schemeId, after: { provider: providerCode, ...detail.agreements.find((a) => a.id === id) } });
    await recordAudit(trx, ctx.actor, audit);
    return detail;
  });
}

/** The agreement of a provider valid on a date, with its tariff. Errors: NotFoundError (provider), NoAgreementError. */
export async function tariffOn(ctx: ReadContext, schemeId: string, providerCode: string, date: string): Promise<Agreement> {
  const provider = await readableProvider(ctx, schemeId, providerCode);
  const row = await repo.findAgreementOn(ctx.db, schemeId, provider.id, date);
  if (!row) throw new NoAgreementError(providerCode, date);
  return toAgreement(row, await repo.pricesOf(ctx.db, schemeId, [row.id]));
}

// ---------------------------------------------------------------- for the claims engine

/** Everything the claims engine needs about a scheme's services, providers and agreements, in four queries. */
export async function providerCatalogue(db: Executor, schemeId: string): Promise<ProviderCatalogue> {
  // One after the other: `db` may be a transaction, which is one connection.
  const services = await repo.allServices(db, schemeId);
  const providers = await repo.allProviders(db, schemeId);
  const agreements = await repo.listAgreements(db, schemeId);
  const prices = await repo.pricesOf(db, schemeId);
  const pricesByAgreement = new Map<string, Map<string, number>>();
  for (const p of prices) {
    let map = pricesByAgreement.get(p.agreement_id);
    if (!map) pricesByAgreement.set(p.agreement_id, (map = new Map()));
    map.set(p.code, p.price);
  }
  const byProvider = new Map<string, CatalogueAgreement[]>();
  for (const a of agreements) {
    const list = byProvider.get(a.provider_id) ?? [];
    list.push({
      id: a.id,
      providerId: a.provider_id,
      from: a.valid_from,
      to: a.valid_to,
      paymentMethod: a.payment_method as AgreementPaymentMethod,
      paymentDelayDays: a.payment_delay_days,
      capitationAmount: a.capitation_amount,
      flatRateAmount: a.flat_rate_amount,
      prices: pricesByAgreement.get(a.id) ?? new Map(),
    });
    byProvider.set(a.provider_id, list);
  }
  for (const list of byProvider.values()) list.sort((x, y) => (x.from < y.from ? -1 : x.from > y.from ? 1 : 0));
  return {
    services: new Map(services.map((s) => [s.code, { id: s.id, code: s.code, name: s.name, category: s.category as BenefitCategory, kind: s.kind as ServiceKind, active: s.active }])),
    providers: new Map(providers.map((p) => [p.code, { id: p.id, code: p.code, name: p.name, level: p.level as ProviderLevel, active: p.active }])),
    agreements: byProvider,
  };
}
