import type { ServiceContext } from '../../platform/context.js';
import { NotFoundError } from '../../platform/errors.js';
import { exportedClaimPayments, exportedClaims, exportedLetters } from '../claims/index.js';
import { householdAccount, listSponsorships, listSubsidizers } from '../coverage/index.js';
import { listExpenses } from '../finance/index.js';
import { getHousehold, householdNumbers, listGroups } from '../members/index.js';
import { getScheme } from '../organizations/index.js';
import { listProducts } from '../products/index.js';
import { getProvider, listProviders, listServices } from '../providers/index.js';
import type { SchemeFile } from './scheme-file.schemas.js';

type FileHousehold = NonNullable<SchemeFile['households']>[number];
type FilePayment = NonNullable<SchemeFile['payments']>[number];

/** Drops null and undefined members so the file carries only what is known. */
function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== null && v !== undefined)) as T;
}

/**
 * Writes a scheme as a `mutua.scheme/1` file (spec: scheme-file.md): the file `mutua load` reads
 * back into the same records. Only active beneficiaries are written (the format has no member
 * status); reversed payments and their reversals are left out (together they amount to nothing);
 * each period is written as an enrolment (a period starting the day after another ends is read
 * back as its renewal); a group remittance's parts carry the remittance receipt with `/n`.
 * Claims are written as submitted (loading decides them again with the engine: a reviewer's
 * override is not in the format); paid claims as claim payments by provider, date and
 * reference; approved guarantee letters; expenses, leaving out a corrected expense and its
 * correction (together they amount to nothing).
 */
export async function exportSchemeFile(ctx: ServiceContext, schemeCode: string, onProgress?: (done: number) => void): Promise<SchemeFile> {
  const scheme = await getScheme(ctx, schemeCode).catch(() => undefined);
  if (!scheme) throw new NotFoundError('scheme', schemeCode);
  const groups = await listGroups(ctx, scheme.id);
  const households: FileHousehold[] = [];
  const enrolments: NonNullable<SchemeFile['enrolments']> = [];
  const payments: FilePayment[] = [];
  let done = 0;
  for await (const number of householdNumbers(ctx, scheme.id)) {
    const household = await getHousehold(ctx, scheme.id, number);
    const members = household.members.filter((m) => m.status === 'active');
    if (members.length === 0) continue;
    const sponsors = await listSponsorships(ctx, scheme.id, number);
    households.push(
      compact({
        number,
        category: household.category,
        group: household.group,
        subsidizer: sponsors[0]?.subsidizer ?? null,
        location: household.location,
        section: household.section,
        phone: household.phone,
        address: household.address,
        members: members.map((m) =>
          compact({
            card: m.card,
            firstName: m.firstName,
            lastName: m.lastName,
            sex: m.sex,
            birthDate: m.birthDate,
            birthYear: m.birthDate ? null : m.birthYear,
            relationship: m.relationship,
            joinedOn: m.joinedOn,
            idDocument: m.idDocument,
            phone: m.phone,
          }),
        ),
      }) as FileHousehold,
    );
    const account = await householdAccount(ctx, scheme.id, number);
    for (const period of account.periods) enrolments.push({ household: number, product: period.product, start: period.start });
    const parts = new Map<string, number>();
    for (const p of account.payments) {
      if (p.reversalOf || p.reversedBy) continue;
      let receipt = p.receipt;
      if (!receipt) {
        const base = p.note?.split(' ')[0] ?? p.id;
        const n = (parts.get(base) ?? 0) + 1;
        parts.set(base, n);
        receipt = `${base}/${n}`;
      }
      payments.push(compact({ household: number, date: p.date, amount: p.amount, method: p.method, payer: p.payer, group: p.group, subsidizer: p.subsidizer, receipt, collector: p.collector }) as FilePayment);
    }
    onProgress?.((done += 1));
  }
  const providers: NonNullable<SchemeFile['providers']> = [];
  for (const p of await listProviders(ctx, scheme.id)) {
    const detail = await getProvider(ctx, scheme.id, p.code);
    providers.push({
      code: p.code,
      name: p.name,
      level: p.level,
      agreements: detail.agreements.map((a) =>
        compact({
          from: a.from,
          to: a.to,
          paymentMethod: a.paymentMethod,
          paymentDelayDays: a.paymentDelayDays,
          capitationAmount: a.capitationAmount,
          flatRateAmount: a.flatRateAmount,
          tariff: a.tariff.map((t) => ({ service: t.service, price: t.price })),
        }) as NonNullable<SchemeFile['providers']>[number]['agreements'][number],
      ),
    });
  }
  const claims: NonNullable<SchemeFile['claims']> = [];
  for await (const page of exportedClaims(ctx.db, scheme.id)) for (const c of page) claims.push(compact(c) as NonNullable<SchemeFile['claims']>[number]);
  const expenses = await listExpenses(ctx, scheme.id);
  const corrected = new Set(expenses.flatMap((e) => (e.correctionOf ? [e.correctionOf] : [])));
  return {
    format: 'mutua.scheme/1',
    scheme: compact({
      code: scheme.code,
      name: scheme.name,
      currency: scheme.currency,
      country: scheme.country,
      federation: scheme.federation,
      targetPopulation: scheme.targetPopulation,
      cardPattern: typeof scheme.settings.cardPattern === 'string' ? scheme.settings.cardPattern : null,
    }) as SchemeFile['scheme'],
    services: (await listServices(ctx, scheme.id)).map((x) => ({ code: x.code, name: x.name, category: x.category })),
    products: (await listProducts(ctx, scheme.id)).map((p) => ({ code: p.code, name: p.name, versions: p.versions.map((v) => v.definition) })),
    providers,
    groups: groups.map((g) => ({ code: g.code, name: g.name, kind: g.kind })),
    subsidizers: (await listSubsidizers(ctx, scheme.id)).map((s) => ({ code: s.code, name: s.name, share: s.share })),
    households,
    enrolments: enrolments.sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : a.household < b.household ? -1 : 1)),
    payments: payments.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.receipt < b.receipt ? -1 : 1)),
    guaranteeLetters: (await exportedLetters(ctx.db, scheme.id)).map((l) => compact(l) as NonNullable<SchemeFile['guaranteeLetters']>[number]),
    claims,
    claimPayments: await exportedClaimPayments(ctx.db, scheme.id),
    expenses: expenses
      .filter((e) => !e.correctionOf && !corrected.has(e.id))
      .map((e) => ({ date: e.date, account: e.account, amount: e.amount, label: e.label })),
  };
}
