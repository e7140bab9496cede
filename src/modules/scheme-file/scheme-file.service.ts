import { inTransaction, type ServiceContext } from '../../platform/context.js';
import type { Db } from '../../platform/db/connection.js';
import { DomainError, type ErrorDetail } from '../../platform/errors.js';
import { createSubsidizer, enrolHousehold, householdAccount, listSponsorships, listSubsidizers, recordPayment, sponsorHousehold } from '../coverage/index.js';
import { addBeneficiary, createGroup, getHousehold, listGroups, registerHousehold, type Household } from '../members/index.js';
import { createFederation, createScheme, getFederation, getScheme, resolveLocation, updateScheme } from '../organizations/index.js';
import { addVersion, checkVersions, createProduct, listProducts, type VersionDefinition } from '../products/index.js';
import { listExpenses, recordExpense } from '../finance/index.js';
import { checkClaimsPart, loadClaimsPart } from './scheme-file.claims.js';
import { SchemeFileInvalidError } from './scheme-file.errors.js';
import type { LoadSummary, SchemeFile } from './scheme-file.schemas.js';
import { validateSchemeFile } from './scheme-file.validate.js';


class Rollback extends Error {}

function duplicates<T>(items: T[], key: (item: T) => string, path: (i: number) => string, what: string, errors: ErrorDetail[]) {
  const seen = new Map<string, number>();
  items.forEach((item, i) => {
    const k = key(item);
    if (seen.has(k)) errors.push({ field: path(i), message: `${what} ${k} appears twice (first at ${path(seen.get(k)!)})` });
    else seen.set(k, i);
  });
}

/** Everything that can be checked in the file alone, before the database is read. */
function checkFile(file: SchemeFile): ErrorDetail[] {
  const errors: ErrorDetail[] = [];
  const products = file.products ?? [];
  const groups = new Set((file.groups ?? []).map((g) => g.code));
  const subsidizers = new Set((file.subsidizers ?? []).map((s) => s.code));
  const households = file.households ?? [];
  const numbers = new Set(households.map((h) => h.number));
  duplicates(products, (p) => p.code, (i) => `products[${i}].code`, 'product', errors);
  products.forEach((p, i) => errors.push(...checkVersions(p.versions, `products[${i}].versions`)));
  duplicates(file.groups ?? [], (g) => g.code, (i) => `groups[${i}].code`, 'group', errors);
  duplicates(file.subsidizers ?? [], (s) => s.code, (i) => `subsidizers[${i}].code`, 'subsidizer', errors);
  duplicates(households, (h) => h.number, (i) => `households[${i}].number`, 'household', errors);
  const cards = new Map<string, string>();
  households.forEach((h, i) => {
    const heads = h.members.filter((m) => m.relationship === 'head').length;
    if (heads !== 1) errors.push({ field: `households[${i}].members`, message: `must have exactly one head, has ${heads}` });
    if (h.group && !groups.has(h.group)) errors.push({ field: `households[${i}].group`, message: `no group ${h.group} in the file` });
    if (h.category === 'group' && !h.group) errors.push({ field: `households[${i}].group`, message: 'is required for a group-enrolled household' });
    if (h.subsidizer && !subsidizers.has(h.subsidizer)) errors.push({ field: `households[${i}].subsidizer`, message: `no subsidizer ${h.subsidizer} in the file` });
    h.members.forEach((m, j) => {
      const path = `households[${i}].members[${j}]`;
      if (cards.has(m.card)) errors.push({ field: `${path}.card`, message: `card ${m.card} is already used at ${cards.get(m.card)}` });
      else cards.set(m.card, `${path}.card`);
      if (!m.birthDate && !m.birthYear) errors.push({ field: `${path}.birthDate`, message: 'give a birth date or an estimated birthYear' });
      if (m.birthDate && m.birthYear && Number(m.birthDate.slice(0, 4)) !== m.birthYear) errors.push({ field: `${path}.birthYear`, message: `does not match the birth date ${m.birthDate}` });
    });
  });
  const productCodes = new Set(products.map((p) => p.code));
  (file.enrolments ?? []).forEach((e, i) => {
    if (!numbers.has(e.household)) errors.push({ field: `enrolments[${i}].household`, message: `no household ${e.household} in the file` });
    if (!productCodes.has(e.product)) errors.push({ field: `enrolments[${i}].product`, message: `no product ${e.product} in the file` });
  });
  duplicates(file.enrolments ?? [], (e) => `${e.household} ${e.start}`, (i) => `enrolments[${i}]`, 'enrolment', errors);
  (file.payments ?? []).forEach((p, i) => {
    if (!numbers.has(p.household)) errors.push({ field: `payments[${i}].household`, message: `no household ${p.household} in the file` });
    if (p.payer === 'group' && !p.group) errors.push({ field: `payments[${i}].group`, message: 'is required when a group pays' });
    if (p.payer === 'subsidizer' && !p.subsidizer) errors.push({ field: `payments[${i}].subsidizer`, message: 'is required when a subsidizer pays' });
    if (p.group && !groups.has(p.group)) errors.push({ field: `payments[${i}].group`, message: `no group ${p.group} in the file` });
    if (p.subsidizer && !subsidizers.has(p.subsidizer)) errors.push({ field: `payments[${i}].subsidizer`, message: `no subsidizer ${p.subsidizer} in the file` });
  });
  duplicates(file.payments ?? [], (p) => p.receipt, (i) => `payments[${i}].receipt`, 'receipt', errors);
  errors.push(...checkClaimsPart(file));
  return errors;
}

function sameVersion(a: VersionDefinition, b: VersionDefinition): boolean {
  const norm = (v: VersionDefinition) => JSON.stringify(v, (_k, value: unknown) => (value === null ? undefined : value));
  const sortKeys = (v: VersionDefinition) => JSON.stringify(JSON.parse(norm(v)), (_k, value: unknown) =>
    value && typeof value === 'object' && !Array.isArray(value) ? Object.fromEntries(Object.entries(value as object).sort(([x], [y]) => (x < y ? -1 : 1))) : value,
  );
  return sortKeys(a) === sortKeys(b);
}

async function tryGetHousehold(ctx: ServiceContext, schemeId: string, number: string): Promise<Household | undefined> {
  try {
    return await getHousehold(ctx, schemeId, number);
  } catch (error) {
    if (error instanceof DomainError && error.kind === 'not_found') return undefined;
    throw error;
  }
}

/** Runs a service call for one item of the file; a refusal becomes an error at the item's path. */
async function at<T>(path: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof DomainError) {
      const details = error.details.length ? error.details.map((d) => ({ field: `${path}.${d.field}`.replace(/\.body$/, ''), message: d.message })) : [{ field: path, message: error.message }];
      throw new SchemeFileInvalidError(details);
    }
    throw error;
  }
}

/**
 * Loads a `mutua.scheme/1` file (spec: scheme-file.md): validated against the published schema,
 * checked as a whole, then written in one transaction — all or nothing. Loading the same file
 * again changes nothing: records already there (by code, number, card, receipt, start date) are
 * compared and kept; a record that differs from what is there is an error, never an update.
 * With `dryRun`, everything is checked and written, then rolled back.
 * Errors: SchemeFileInvalidError listing every problem as `path: message`.
 */
export async function loadSchemeFile(ctx: ServiceContext, input: unknown, options: { dryRun?: boolean } = {}): Promise<LoadSummary> {
  const validated = validateSchemeFile(input);
  if (!validated.ok) throw new SchemeFileInvalidError(validated.errors);
  const file = validated.file;
  const fileErrors = checkFile(file);
  if (fileErrors.length) throw new SchemeFileInvalidError(fileErrors);

  const created: Record<string, number> = {};
  const unchanged: Record<string, number> = {};
  const notes: string[] = [];
  const count = (map: Record<string, number>, kind: string) => (map[kind] = (map[kind] ?? 0) + 1);

  const run = async (trx: Db): Promise<LoadSummary> => {
    const t: ServiceContext = { ...ctx, db: trx };
    const s = file.scheme;

    if (s.federation) {
      const exists = await getFederation(t, s.federation).then(() => true, (e: unknown) => (e instanceof DomainError && e.kind === 'not_found' ? false : Promise.reject(e)));
      if (!exists) {
        await at('scheme.federation', () => createFederation(t, { code: s.federation!, name: s.federation!, country: s.country }));
        count(created, 'federation');
      }
    }
    let scheme = await getScheme(t, s.code).catch((e: unknown) => (e instanceof DomainError && e.kind === 'not_found' ? undefined : Promise.reject(e)));
    if (scheme) {
      const problems: ErrorDetail[] = [];
      if (scheme.currency !== s.currency) problems.push({ field: 'scheme.currency', message: `scheme ${s.code} keeps its books in ${scheme.currency}, not ${s.currency}` });
      if ((scheme.federation ?? null) !== (s.federation ?? null)) problems.push({ field: 'scheme.federation', message: `scheme ${s.code} belongs to ${scheme.federation ?? 'no federation'}` });
      if (problems.length) throw new SchemeFileInvalidError(problems);
      count(unchanged, 'scheme');
    } else {
      scheme = await at('scheme', () =>
        createScheme(t, {
          code: s.code,
          name: s.name,
          currency: s.currency,
          country: s.country,
          federation: s.federation ?? null,
          targetPopulation: s.targetPopulation ?? null,
          settings: s.cardPattern ? { cardPattern: s.cardPattern } : {},
        }),
      );
      count(created, 'scheme');
    }
    if (s.cardPattern && scheme.settings.cardPattern !== s.cardPattern) {
      await updateScheme(t, s.code, { settings: { ...scheme.settings, cardPattern: s.cardPattern } });
    }
    const schemeId = scheme.id;

    const existingSubsidizers = new Map((await listSubsidizers(t, schemeId)).map((x) => [x.code, x]));
    for (const [i, sub] of (file.subsidizers ?? []).entries()) {
      const existing = existingSubsidizers.get(sub.code);
      if (existing) {
        if (existing.share !== sub.share) throw new SchemeFileInvalidError([{ field: `subsidizers[${i}].share`, message: `subsidizer ${sub.code} is loaded with share ${existing.share}` }]);
        count(unchanged, 'subsidizer');
      } else {
        await at(`subsidizers[${i}]`, () => createSubsidizer(t, schemeId, sub));
        count(created, 'subsidizer');
      }
    }

    const existingGroups = new Map((await listGroups(t, schemeId)).map((g) => [g.code, g]));
    for (const [i, group] of (file.groups ?? []).entries()) {
      const existing = existingGroups.get(group.code);
      if (existing) {
        if (existing.kind !== group.kind) throw new SchemeFileInvalidError([{ field: `groups[${i}].kind`, message: `group ${group.code} is loaded as ${existing.kind}` }]);
        count(unchanged, 'group');
      } else {
        await at(`groups[${i}]`, () => createGroup(t, schemeId, group));
        count(created, 'group');
      }
    }

    const existingProducts = new Map((await listProducts(t, schemeId)).map((p) => [p.code, p]));
    for (const [i, product] of (file.products ?? []).entries()) {
      const existing = existingProducts.get(product.code);
      if (!existing) {
        await at(`products[${i}]`, () => createProduct(t, schemeId, product));
        count(created, 'product');
        continue;
      }
      for (const [j, version] of product.versions.entries()) {
        const loaded = existing.versions.find((v) => v.definition.effectiveFrom === version.effectiveFrom);
        if (!loaded) {
          await at(`products[${i}].versions[${j}]`, () => addVersion(t, schemeId, product.code, version));
          count(created, 'product version');
        } else if (!sameVersion(loaded.definition, version)) {
          throw new SchemeFileInvalidError([{ field: `products[${i}].versions[${j}]`, message: `differs from the version of ${version.effectiveFrom} already loaded; a change is a new version with its own effectiveFrom` }]);
        } else {
          count(unchanged, 'product version');
        }
      }
    }

    const sponsorships: { index: number; number: string; subsidizer: string; from: string }[] = [];
    for (const [i, h] of (file.households ?? []).entries()) {
      const path = `households[${i}]`;
      let location: string | null = null;
      let address = h.address ?? null;
      if (h.location) {
        const found = await resolveLocation(t, h.location);
        if (found) location = found.code;
        else {
          // Free-text places that match no registered location are kept as the household's address.
          address = address ?? h.location;
          notes.push(`${path}.location: no location "${h.location}" is registered; kept as the address`);
        }
      }
      const existing = await tryGetHousehold(t, schemeId, h.number);
      if (!existing) {
        await at(path, () =>
          registerHousehold(t, schemeId, {
            number: h.number,
            category: h.category,
            group: h.group ?? null,
            section: h.section ?? null,
            location,
            phone: h.phone ?? null,
            address,
            members: h.members.map((m) => ({ ...m, birthDate: m.birthDate ?? null, birthYear: m.birthYear ?? null })),
          }),
        );
        count(created, 'household');
        count(created, 'beneficiary');
        created.beneficiary! += h.members.length - 1;
      } else {
        count(unchanged, 'household');
        for (const [j, m] of h.members.entries()) {
          const loaded = existing.members.find((x) => x.card === m.card);
          if (!loaded) {
            await at(`${path}.members[${j}]`, () => addBeneficiary(t, schemeId, h.number, { ...m, birthDate: m.birthDate ?? null, birthYear: m.birthYear ?? null }));
            count(created, 'beneficiary');
            continue;
          }
          const differs = (['firstName', 'lastName', 'sex', 'relationship', 'joinedOn'] as const).find((k) => loaded[k] !== m[k]) ?? ((m.birthDate ?? null) !== loaded.birthDate ? 'birthDate' : undefined);
          if (differs) throw new SchemeFileInvalidError([{ field: `${path}.members[${j}].${differs}`, message: `card ${m.card} is loaded with ${JSON.stringify(loaded[differs])}` }]);
          count(unchanged, 'beneficiary');
        }
      }
      if (h.subsidizer) sponsorships.push({ index: i, number: h.number, subsidizer: h.subsidizer, from: h.members.map((m) => m.joinedOn).sort()[0]! });
    }

    const enrolments = [...(file.enrolments ?? []).entries()].sort(([, a], [, b]) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
    for (const [i, e] of enrolments) {
      const account = await householdAccount(t, schemeId, e.household);
      const same = account.periods.find((p) => p.start === e.start);
      if (same) {
        if (same.product !== e.product) throw new SchemeFileInvalidError([{ field: `enrolments[${i}].product`, message: `household ${e.household} is enrolled from ${e.start} in ${same.product}` }]);
        count(unchanged, 'enrolment');
        continue;
      }
      await at(`enrolments[${i}]`, () => enrolHousehold(t, schemeId, e));
      count(created, 'enrolment');
    }

    const payments = [...(file.payments ?? []).entries()].sort(([, a], [, b]) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
    const paidByReceipt = new Map<string, { household: string; date: string; amount: number }>();
    for (const number of new Set(payments.map(([, p]) => p.household))) {
      for (const p of (await householdAccount(t, schemeId, number)).payments) if (p.receipt) paidByReceipt.set(p.receipt, p);
    }
    for (const [i, p] of payments) {
      const loaded = paidByReceipt.get(p.receipt);
      if (loaded) {
        if (loaded.household !== p.household || loaded.date !== p.date || loaded.amount !== p.amount) {
          throw new SchemeFileInvalidError([{ field: `payments[${i}].receipt`, message: `receipt ${p.receipt} is loaded for household ${loaded.household}, ${loaded.date}, ${loaded.amount}` }]);
        }
        count(unchanged, 'payment');
        continue;
      }
      await at(`payments[${i}]`, () => recordPayment(t, schemeId, { ...p, group: p.group ?? null, subsidizer: p.subsidizer ?? null, collector: p.collector ?? null }));
      count(created, 'payment');
    }

    for (const sp of sponsorships) {
      // A sponsorship is recorded once: re-loading finds the household already sponsored.
      const sponsored = await listSponsorships(t, schemeId, sp.number);
      if (sponsored.some((x) => x.subsidizer === sp.subsidizer)) {
        count(unchanged, 'sponsorship');
        continue;
      }
      await at(`households[${sp.index}].subsidizer`, () => sponsorHousehold(t, schemeId, sp.number, { subsidizer: sp.subsidizer, from: sp.from }));
      count(created, 'sponsorship');
    }

    await loadClaimsPart(t, schemeId, file, (kind, isNew) => count(isNew ? created : unchanged, kind), at, notes);

    // Expenses have no key of their own: one is the same as another with the same date, account,
    // amount and label; the file adds as many as it has beyond those already there.
    const loadedExpenses = new Map<string, number>();
    for (const e of await listExpenses(t, schemeId)) {
      const key = `${e.date}|${e.account}|${e.amount}|${e.label}`;
      loadedExpenses.set(key, (loadedExpenses.get(key) ?? 0) + 1);
    }
    for (const [i, e] of (file.expenses ?? []).entries()) {
      const key = `${e.date}|${e.account}|${e.amount}|${e.label}`;
      const left = loadedExpenses.get(key) ?? 0;
      if (left > 0) {
        loadedExpenses.set(key, left - 1);
        count(unchanged, 'expense');
        continue;
      }
      await at(`expenses[${i}]`, () => recordExpense(t, schemeId, { date: e.date, account: e.account, amount: e.amount, label: e.label }));
      count(created, 'expense');
    }

    const summary = { scheme: s.code, created, unchanged, notes };
    if (options.dryRun) throw new Rollback();
    return summary;
  };

  try {
    return await inTransaction(ctx, (trx) => run(trx as Db));
  } catch (error) {
    if (error instanceof Rollback) return { scheme: file.scheme.code, created, unchanged, notes: [...notes, 'dry run: nothing was written'] };
    throw error;
  }
}
