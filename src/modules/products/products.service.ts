import { recordAudit, type Executor } from '../../platform/audit/audit.js';
import { inTransaction, type ServiceContext } from '../../platform/context.js';
import { NotFoundError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { IncoherentProductError, ProductCodeTakenError, VersionInUseError } from './products.errors.js';
import * as repo from './products.repository.js';
import { checkVersion, checkVersions, resolveVersion, type ResolvedVersion } from './products.rules.js';
import type { CreateProduct, Product, ProductVersion, VersionDefinition } from './products.schemas.js';
import type { ProductRow, ProductVersionRow } from './products.table.js';

function toVersion(row: ProductVersionRow): ProductVersion {
  return { id: row.id, inUse: row.in_use, createdAt: row.created_at.toISOString(), definition: row.definition };
}

function toProduct(row: ProductRow, versions: ProductVersionRow[]): Product {
  return { id: row.id, code: row.code, name: row.name, versions: versions.filter((v) => v.product_id === row.id).map(toVersion) };
}

// The stored definition keeps only what was given; defaults are applied when the rules read it.
function normalize(definition: VersionDefinition): VersionDefinition {
  return JSON.parse(JSON.stringify(definition)) as VersionDefinition;
}

/**
 * Creates a benefit package with its first versions. Errors: ProductCodeTakenError,
 * IncoherentProductError (every problem, by field). Audited.
 */
export async function createProduct(ctx: ServiceContext, schemeId: string, input: CreateProduct): Promise<Product> {
  const details = checkVersions(input.versions);
  if (details.length) throw new IncoherentProductError(details);
  const run = async (t: Executor) => {
    if (await repo.findProductByCode(t, schemeId, input.code)) throw new ProductCodeTakenError(input.code);
    const now = new Date();
    const id = newId();
    await repo.insertProduct(t, { id, scheme_id: schemeId, code: input.code, name: input.name, created_at: now, updated_at: now });
    for (const version of input.versions) {
      await repo.insertVersion(t, { id: newId(), scheme_id: schemeId, product_id: id, effective_from: version.effectiveFrom, definition: JSON.stringify(normalize(version)), created_at: now, updated_at: now });
    }
    const product = toProduct((await repo.findProductByCode(t, schemeId, input.code))!, await repo.listVersions(t, schemeId, [id]));
    await recordAudit(t, ctx.actor, { action: 'product.create', entityType: 'product', entityId: id, schemeId, after: product });
    return product;
  };
  return inTransaction(ctx, run);
}

export async function listProducts(ctx: Pick<ServiceContext, 'db'>, schemeId: string): Promise<Product[]> {
  const products = await repo.listProducts(ctx.db, schemeId);
  const versions = await repo.listVersions(ctx.db, schemeId, products.map((p) => p.id));
  return products.map((p) => toProduct(p, versions));
}

export async function getProduct(ctx: Pick<ServiceContext, 'db'>, schemeId: string, code: string): Promise<Product> {
  const product = await repo.findProductByCode(ctx.db, schemeId, code);
  if (!product) throw new NotFoundError('product', code);
  return toProduct(product, await repo.listVersions(ctx.db, schemeId, [product.id]));
}

/**
 * Adds a version (a change to a package is a new version from a date). Errors: NotFoundError,
 * IncoherentProductError, or a conflict when a version already starts that day. Audited.
 */
export async function addVersion(ctx: ServiceContext, schemeId: string, productCode: string, input: VersionDefinition): Promise<Product> {
  const details = checkVersion(input, 'body');
  if (details.length) throw new IncoherentProductError(details);
  return inTransaction(ctx, async (trx) => {
    const product = await repo.findProductByCode(trx, schemeId, productCode);
    if (!product) throw new NotFoundError('product', productCode);
    if (await repo.findVersion(trx, schemeId, product.id, input.effectiveFrom)) {
      throw new IncoherentProductError([{ field: 'effectiveFrom', message: `a version is already effective from ${input.effectiveFrom}` }]);
    }
    const now = new Date();
    const id = newId();
    await repo.insertVersion(trx, { id, scheme_id: schemeId, product_id: product.id, effective_from: input.effectiveFrom, definition: JSON.stringify(normalize(input)), created_at: now, updated_at: now });
    await recordAudit(trx, ctx.actor, { action: 'product.add_version', entityType: 'product_version', entityId: id, schemeId, after: input });
    return toProduct(product, await repo.listVersions(trx, schemeId, [product.id]));
  });
}

/**
 * Corrects a version no coverage period uses yet. A version in use is never edited
 * (VersionInUseError): make a new version instead. Audited with before and after.
 */
export async function replaceVersion(ctx: ServiceContext, schemeId: string, productCode: string, effectiveFrom: string, input: VersionDefinition): Promise<Product> {
  const details = checkVersion(input, 'body');
  if (input.effectiveFrom !== effectiveFrom) details.push({ field: 'effectiveFrom', message: `must stay ${effectiveFrom}; add a new version to change the date` });
  if (details.length) throw new IncoherentProductError(details);
  return inTransaction(ctx, async (trx) => {
    const product = await repo.findProductByCode(trx, schemeId, productCode);
    if (!product) throw new NotFoundError('product', productCode);
    const version = await repo.findVersion(trx, schemeId, product.id, effectiveFrom);
    if (!version) throw new NotFoundError('product version', effectiveFrom);
    if (version.in_use) throw new VersionInUseError(effectiveFrom);
    const result = await repo.replaceVersionDefinition(trx, version.id, JSON.stringify(normalize(input)));
    if (Number(result.numUpdatedRows) !== 1) throw new VersionInUseError(effectiveFrom);
    await recordAudit(trx, ctx.actor, { action: 'product.replace_version', entityType: 'product_version', entityId: version.id, schemeId, before: version.definition, after: input });
    return toProduct(product, await repo.listVersions(trx, schemeId, [product.id]));
  });
}

export interface VersionOnDate {
  id: string;
  productId: string;
  productCode: string;
  version: ResolvedVersion;
}

/** The version of a product effective on a date, resolved with defaults; undefined when none. */
export async function productVersionOn(db: Executor, schemeId: string, productCode: string, date: string): Promise<VersionOnDate | undefined> {
  const product = await repo.findProductByCode(db, schemeId, productCode);
  if (!product) return undefined;
  const row = await repo.findVersionOn(db, schemeId, product.id, date);
  return row ? { id: row.id, productId: product.id, productCode: product.code, version: resolveVersion(row.definition) } : undefined;
}

/** Resolved versions by id, for the rules engine. */
export async function versionsByIds(db: Executor, schemeId: string, ids: string[]): Promise<Map<string, ResolvedVersion>> {
  const rows = await repo.findVersionsByIds(db, schemeId, [...new Set(ids)]);
  return new Map(rows.map((r) => [r.id, resolveVersion(r.definition)]));
}

/** Marks a version as used by coverage: from then on it is never edited. */
export async function markVersionInUse(db: Executor, schemeId: string, versionId: string): Promise<void> {
  await repo.markInUse(db, schemeId, versionId);
}
