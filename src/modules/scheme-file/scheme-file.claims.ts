/**
 * The providers-and-claims part of a scheme file: `services`, `providers` (with their agreements),
 * `guaranteeLetters`, `claims` and `claimPayments`. Written inside the loader's transaction, after
 * everything else; the claims the file brings are decided together, in the engine's order, then
 * the payments are applied (spec: scheme-file.md, "A claims[] entry is a submitted claim").
 */
import type { ServiceContext } from '../../platform/context.js';
import { addDays } from '../../platform/dates.js';
import type { ErrorDetail } from '../../platform/errors.js';
import { adjudicateSubmitted, claimsByNumber, issueApprovedLetter, payClaimsInFull, submitClaim } from '../claims/index.js';
import { addAgreement, createProvider, createService, providerCatalogue } from '../providers/index.js';
import { SchemeFileInvalidError } from './scheme-file.errors.js';
import type { SchemeFile } from './scheme-file.schemas.js';

type Count = (kind: string, created: boolean) => void;
type At = <T>(path: string, work: () => Promise<T>) => Promise<T>;

function duplicates<T>(items: T[], key: (item: T) => string, path: (i: number) => string, what: string, errors: ErrorDetail[]) {
  const seen = new Map<string, number>();
  items.forEach((item, i) => {
    const k = key(item);
    if (seen.has(k)) errors.push({ field: path(i), message: `${what} ${k} appears twice (first at ${path(seen.get(k)!)})` });
    else seen.set(k, i);
  });
}

/** What can be checked in the file alone. */
export function checkClaimsPart(file: SchemeFile): ErrorDetail[] {
  const errors: ErrorDetail[] = [];
  duplicates(file.services ?? [], (s) => s.code, (i) => `services[${i}].code`, 'service', errors);
  duplicates(file.providers ?? [], (p) => p.code, (i) => `providers[${i}].code`, 'provider', errors);
  (file.providers ?? []).forEach((p, i) => {
    p.agreements.forEach((a, j) => {
      if (a.to && a.to < a.from) errors.push({ field: `providers[${i}].agreements[${j}].to`, message: `is before from (${a.from})` });
      duplicates(a.tariff, (t) => t.service, (k) => `providers[${i}].agreements[${j}].tariff[${k}].service`, 'service', errors);
    });
  });
  duplicates(file.guaranteeLetters ?? [], (l) => l.number, (i) => `guaranteeLetters[${i}].number`, 'letter', errors);
  (file.guaranteeLetters ?? []).forEach((l, i) => {
    if (l.validTo < l.validFrom) errors.push({ field: `guaranteeLetters[${i}].validTo`, message: `is before validFrom (${l.validFrom})` });
  });
  duplicates(file.claims ?? [], (c) => `${c.provider}/${c.number}`, (i) => `claims[${i}].number`, 'claim', errors);
  // Claims paid by the file may be in it or loaded before: the payment itself checks they exist.
  const paid = new Map<string, string>();
  (file.claimPayments ?? []).forEach((p, i) => {
    p.claims.forEach((number, j) => {
      const key = `${p.provider}/${number}`;
      const path = `claimPayments[${i}].claims[${j}]`;
      if (paid.has(key)) errors.push({ field: path, message: `claim ${number} of ${p.provider} is already paid at ${paid.get(key)}` });
      else paid.set(key, path);
    });
  });
  return errors;
}

const sameTariff = (a: Map<string, number>, b: { service: string; price: number }[]) => a.size === b.length && b.every((t) => a.get(t.service) === t.price);

/** Writes the part; `count(kind, created)` tallies the summary, `at` reports refusals at a path. */
export async function loadClaimsPart(t: ServiceContext, schemeId: string, file: SchemeFile, count: Count, at: At, notes: string[]): Promise<void> {
  const catalogue = await providerCatalogue(t.db, schemeId);
  for (const [i, s] of (file.services ?? []).entries()) {
    const existing = catalogue.services.get(s.code);
    if (existing) {
      if (existing.name !== s.name || existing.category !== s.category) {
        throw new SchemeFileInvalidError([{ field: `services[${i}]`, message: `service ${s.code} is loaded as "${existing.name}" (${existing.category})` }]);
      }
      count('service', false);
      continue;
    }
    await at(`services[${i}]`, () => createService(t, schemeId, { code: s.code, name: s.name, category: s.category }));
    count('service', true);
  }

  for (const [i, p] of (file.providers ?? []).entries()) {
    const existing = catalogue.providers.get(p.code);
    if (existing) {
      if (existing.name !== p.name || existing.level !== p.level) throw new SchemeFileInvalidError([{ field: `providers[${i}]`, message: `provider ${p.code} is loaded as "${existing.name}" (${existing.level})` }]);
      count('provider', false);
    } else {
      await at(`providers[${i}]`, () => createProvider(t, schemeId, { code: p.code, name: p.name, level: p.level }));
      count('provider', true);
    }
    const loaded = existing ? (catalogue.agreements.get(existing.id) ?? []) : [];
    const agreements = [...p.agreements.entries()].sort(([, a], [, b]) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
    for (const [j, a] of agreements) {
      const path = `providers[${i}].agreements[${j}]`;
      const same = loaded.find((x) => x.from === a.from);
      if (same) {
        // An open agreement followed by a later one was closed the day before the later one starts.
        const closedByNext = (a.to ?? null) === null && same.to !== null && p.agreements.some((x) => x.from === addDays(same.to!, 1));
        const differs =
          (same.to ?? null) !== (a.to ?? null) && !closedByNext ? 'to' : same.paymentMethod !== a.paymentMethod ? 'paymentMethod' : a.paymentDelayDays != null && same.paymentDelayDays !== a.paymentDelayDays ? 'paymentDelayDays' : (a.capitationAmount ?? null) !== same.capitationAmount ? 'capitationAmount' : (a.flatRateAmount ?? null) !== same.flatRateAmount ? 'flatRateAmount' : !sameTariff(same.prices, a.tariff) ? 'tariff' : undefined;
        if (differs) throw new SchemeFileInvalidError([{ field: `${path}.${differs}`, message: `the agreement of ${p.code} from ${a.from} is loaded with other terms; a change is a new agreement with its own from` }]);
        count('agreement', false);
        continue;
      }
      await at(path, () =>
        addAgreement(t, schemeId, p.code, {
          from: a.from,
          to: a.to ?? null,
          paymentMethod: a.paymentMethod,
          paymentDelayDays: a.paymentDelayDays ?? undefined,
          capitationAmount: a.capitationAmount ?? null,
          flatRateAmount: a.flatRateAmount ?? null,
          tariff: a.tariff.map((x) => ({ service: x.service, price: x.price })),
        }),
      );
      count('agreement', true);
    }
  }

  const known = await providerCatalogue(t.db, schemeId);
  for (const [i, l] of (file.guaranteeLetters ?? []).entries()) {
    if (l.provider && !known.providers.has(l.provider)) notes.push(`guaranteeLetters[${i}].provider: no provider ${l.provider} is registered; the letter matches no claim until it is`);
    const result = await at(`guaranteeLetters[${i}]`, () =>
      issueApprovedLetter(t, schemeId, { number: l.number, member: l.member, provider: l.provider ?? null, category: l.category, validFrom: l.validFrom, validTo: l.validTo }),
    );
    count('guarantee letter', result.created);
  }

  let submitted = 0;
  for (const [i, c] of (file.claims ?? []).entries()) {
    const path = `claims[${i}]`;
    const existing = (await claimsByNumber(t, schemeId, c.number)).find((x) => x.provider === c.provider);
    if (existing) {
      const lines = existing.lines.map((l) => `${l.service}:${l.quantity}:${l.unitPrice}`).join('|');
      const differs =
        existing.member !== c.member.trim().toUpperCase() ? 'member'
        : existing.from !== c.from ? 'from'
        : existing.to !== c.to ? 'to'
        : existing.submittedOn !== c.submittedOn ? 'submittedOn'
        : (existing.diagnosis ?? null) !== (c.diagnosis ?? null) ? 'diagnosis'
        : (existing.guaranteeLetter ?? null) !== (c.guaranteeLetter ?? null) ? 'guaranteeLetter'
        : lines !== c.lines.map((l) => `${l.service}:${l.quantity}:${l.unitPrice}`).join('|') ? 'lines'
        : undefined;
      if (differs) throw new SchemeFileInvalidError([{ field: `${path}.${differs}`, message: `claim ${c.number} of ${c.provider} is loaded with other facts` }]);
      count('claim', false);
      continue;
    }
    await at(path, () =>
      submitClaim(
        t,
        schemeId,
        { number: c.number, provider: c.provider, member: c.member, from: c.from, to: c.to, submittedOn: c.submittedOn, diagnosis: c.diagnosis ?? null, guaranteeLetter: c.guaranteeLetter ?? null, lines: c.lines },
        { source: 'file', adjudicate: false },
      ),
    );
    count('claim', true);
    submitted += 1;
  }
  if (submitted > 0) {
    const run = await adjudicateSubmitted(t, schemeId);
    notes.push(`${run.claims} claims adjudicated: ${run.approved} lines approved, ${run.reduced} reduced, ${run.rejected} rejected; payable ${run.payable}`);
  }

  for (const [i, p] of (file.claimPayments ?? []).entries()) {
    const result = await at(`claimPayments[${i}]`, () => payClaimsInFull(t, schemeId, { provider: p.provider, date: p.date, reference: p.reference, claims: p.claims }));
    count('claim payment', result.created);
  }
}
