import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/db.js';
import { system } from '../../test/app.js';
import { searchBeneficiaries } from '../modules/members/index.js';
import { listAudit } from '../modules/audit/index.js';
import { beneficiaryCoverage, householdAccount, listSubsidizers, renewHousehold } from '../modules/coverage/index.js';
import { listProducts } from '../modules/products/index.js';
import type { Db } from '../platform/db/connection.js';
import { generateDemo, type DemoResult } from './generate.js';
import { REFERENCE_DATE, demoHousehold } from './households.js';
import { Random } from './random.js';

let first: TestDatabase;
let second: TestDatabase;
let result: DemoResult;
const progress: [number, number, string][] = [];
let secondRun: Promise<DemoResult> | undefined;
/** The same demo (seed 5) on the second database, made once for the tests that compare. */
const onSecond = () => (secondRun ??= generateDemo({ db: second.db, ...system }, { seed: 5, households: 2400 }));

function people(db: Db, limit: number) {
  return db
    .selectFrom('beneficiary')
    .select(['card', 'first_name', 'last_name', 'sex', 'birth_date', 'birth_year', 'relationship', 'joined_on'])
    .orderBy('card')
    .limit(limit)
    .execute();
}

beforeAll(async () => {
  [first, second] = await Promise.all([createTestDatabase(), createTestDatabase()]);
  result = await generateDemo({ db: first.db, ...system }, { seed: 5, households: 2400, onProgress: (done, total, label) => progress.push([done, total, label]) });
});

afterAll(async () => {
  await Promise.all([first.drop(), second.drop()]);
});

describe('the demo population', () => {
  it('enrols the households asked for, split across the schemes, with their members', async () => {
    expect(result).toMatchObject({ households: 2400, skipped: [] });
    const counts = await first.db
      .selectFrom('household')
      .innerJoin('scheme', 'scheme.id', 'household.scheme_id')
      .select(['scheme.code', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('scheme.code')
      .orderBy('scheme.code')
      .execute();
    expect(counts.map((c) => [c.code, Number(c.n)])).toEqual([['MUT-DEMO-1', 1200], ['MUT-DEMO-2', 1200]]);
    const members = await first.db.selectFrom('beneficiary').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(members.n)).toBe(result.beneficiaries);
    expect(progress.filter(([, , step]) => step === 'households').at(-1)).toEqual([2400, 2400, 'households']);
  });

  it('looks like a young rural population: households of about six, slightly more women, four in ten children', async () => {
    const rows = await first.db.selectFrom('beneficiary').select(['sex', 'birth_year', 'relationship', 'household_id']).execute();
    const share = (p: (r: (typeof rows)[number]) => boolean) => rows.filter(p).length / rows.length;
    expect(rows.length / 2400).toBeGreaterThan(5.5);
    expect(rows.length / 2400).toBeLessThan(7);
    expect(share((r) => r.sex === 'F')).toBeGreaterThan(0.49);
    expect(share((r) => r.sex === 'F')).toBeLessThan(0.54);
    expect(share((r) => 2025 - r.birth_year < 15)).toBeGreaterThan(0.37);
    expect(share((r) => 2025 - r.birth_year < 15)).toBeLessThan(0.47);
    const heads = rows.filter((r) => r.relationship === 'head');
    expect(heads.length).toBe(2400);
    expect(heads.every((h) => 2025 - h.birth_year >= 18)).toBe(true);
    expect(heads.filter((h) => h.sex === 'M').length / heads.length).toBeGreaterThan(0.7);
    for (const relationship of ['spouse', 'child', 'parent', 'other']) expect(rows.some((r) => r.relationship === relationship)).toBe(true);
  });

  it('has mostly regular households, some indigent, and a few enrolled through groups', async () => {
    const rows = await first.db.selectFrom('household').select(['category', 'group_id', 'location_id', 'section_id']).execute();
    const share = (c: string) => rows.filter((r) => r.category === c).length / rows.length;
    expect(share('regular')).toBeGreaterThan(0.8);
    expect(share('indigent')).toBeGreaterThan(0.06);
    expect(share('indigent')).toBeLessThan(0.14);
    expect(share('group')).toBeGreaterThan(0.025);
    expect(share('group')).toBeLessThan(0.08);
    expect(rows.every((r) => (r.category === 'group') === (r.group_id !== null))).toBe(true);
    expect(rows.every((r) => r.location_id && r.section_id)).toBe(true);
  });

  it('cards follow each scheme’s pattern and the people can be searched', async () => {
    const sample = await people(first.db, 3);
    expect(sample.map((p) => p.card)).toEqual(['D1-000001-01', 'D1-000001-02', 'D1-000001-03']);
    const scheme = await first.db.selectFrom('scheme').select('id').where('code', '=', 'MUT-DEMO-2').executeTakeFirstOrThrow();
    const page = await searchBeneficiaries({ db: first.db, ...system }, scheme.id, { search: 'ndiaye', limit: 5 });
    expect(page.items).toHaveLength(5);
    expect(page.items.every((b) => b.card.startsWith('D2-'))).toBe(true);
  });

  it('writes one audit record per batch, not one per row', async () => {
    const audit = await listAudit({ db: first.db, ...system }, { action: 'demo.generate' });
    expect(audit.records).toHaveLength(4);
    expect(audit.records.reduce((n, r) => n + (r.after as { households: number }).households, 0)).toBe(2400);
  });

  it('running it again adds nothing', async () => {
    const again = await generateDemo({ db: first.db, ...system }, { seed: 5, households: 2400 });
    expect(again).toMatchObject({ households: 0, beneficiaries: 0, skipped: ['MUT-DEMO-1', 'MUT-DEMO-2'] });
    const households = await first.db.selectFrom('household').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(households.n)).toBe(2400);
  });

  it('the same seed gives the same people on another database', async () => {
    await onSecond();
    expect(await people(second.db, 500)).toEqual(await people(first.db, 500));
  });

  it('another seed gives other people', () => {
    const make = (seed: number) => {
      const random = new Random(seed);
      return Array.from({ length: 20 }, (_, i) => demoHousehold(random, String(i), (r) => `${i}-${r}`, [{ locationId: 'x', sectionId: null }], ['g']));
    };
    expect(make(1)).toEqual(make(1));
    expect(make(2)).not.toEqual(make(1));
  });
});

async function schemeIds(db: Db): Promise<Map<string, string>> {
  const rows = await db.selectFrom('scheme').select(['id', 'code']).execute();
  return new Map(rows.map((r) => [r.code, r.id]));
}

/** Every payment of the demo, by household number, in a stable order. */
function payments(db: Db) {
  return db
    .selectFrom('payment')
    .innerJoin('household', 'household.id', 'payment.household_id')
    .innerJoin('scheme', 'scheme.id', 'payment.scheme_id')
    .leftJoin('subsidizer', 'subsidizer.id', 'payment.subsidizer_id')
    .leftJoin('member_group', 'member_group.id', 'payment.group_id')
    .select(['scheme.code as scheme', 'household.number', 'payment.date', 'payment.amount', 'payment.method', 'payment.payer', 'payment.receipt', 'payment.collector', 'subsidizer.code as subsidizer', 'member_group.code as group'])
    .orderBy('scheme.code')
    .orderBy('household.number')
    .orderBy('payment.date')
    .orderBy('payment.amount')
    .orderBy('payment.receipt')
    .execute();
}

describe('a year of contributions', () => {
  it('gives each scheme a per-person package, one in two instalments, one paid at once, and two subsidizers', async () => {
    const ids = await schemeIds(first.db);
    const [one, two] = await Promise.all(['MUT-DEMO-1', 'MUT-DEMO-2'].map((code) => listProducts({ db: first.db }, ids.get(code)!)));
    const v1 = one![0]!.versions[0]!.definition;
    const v2 = two![0]!.versions[0]!.definition;
    expect(v1).toMatchObject({ contribution: { basis: 'per_person', adult: 3500, child: 1750, childMaxAge: 17 }, joiningFee: 1000, cardFee: 500, instalments: 2, activation: 'first_instalment', gracePeriodDays: 30, waitingPeriodDays: 90 });
    expect(v2).toMatchObject({ instalments: 1, activation: 'full_payment' });
    expect(v1.benefits.map((b) => b.category)).toEqual(['consultation', 'drugs', 'laboratory', 'delivery', 'hospitalization']);
    expect(v1.benefits.find((b) => b.category === 'delivery')).toMatchObject({ waitingPeriodDays: 270 });
    expect(v1.benefits.find((b) => b.category === 'hospitalization')).toMatchObject({ requiresGuaranteeLetter: true });
    expect(one![0]!.versions[0]!.inUse).toBe(true);
    const subsidizers = await listSubsidizers({ db: first.db, ...system }, ids.get('MUT-DEMO-1')!);
    expect(subsidizers.map((s) => [s.code, s.share])).toEqual([['ETAT-CMU', 1], ['ONG-APPUI', 0.5]]);
    expect(result).toMatchObject({ periods: expect.any(Number), payments: expect.any(Number), referenceDate: REFERENCE_DATE });
    expect(result.periods).toBeGreaterThan(2400);
  });

  it('enrols every household; the State sponsors the indigent, the NGO some groups; each pays the way its payer does', async () => {
    const periods = await first.db.selectFrom('coverage_period').select(['household_id', 'start_date', 'renewal_of']).execute();
    expect(new Set(periods.map((p) => p.household_id)).size).toBe(2400);
    expect(periods.length).toBe(result.periods);
    const starts = periods.filter((p) => !p.renewal_of).map((p) => p.start_date);
    expect(starts.every((d) => d >= '2025-05-01' && d <= '2026-10-01' && d.endsWith('-01'))).toBe(true);
    // Enrolments are spread over the months, not heaped on one.
    expect(new Set(starts).size).toBeGreaterThanOrEqual(15);

    const sponsored = await sql<{ category: string; group: string | null; subsidizer: string; n: number }>`
      select h.category, g.code as "group", s.code as subsidizer, count(*)::int as n
      from sponsorship sp join household h on h.id = sp.household_id join subsidizer s on s.id = sp.subsidizer_id
      left join member_group g on g.id = h.group_id
      group by 1, 2, 3 order by 1, 2, 3`.execute(first.db);
    const indigent = await first.db.selectFrom('household').select((eb) => eb.fn.countAll<number>().as('n')).where('category', '=', 'indigent').executeTakeFirstOrThrow();
    expect(sponsored.rows.filter((r) => r.subsidizer === 'ETAT-CMU').every((r) => r.category === 'indigent')).toBe(true);
    expect(sponsored.rows.filter((r) => r.subsidizer === 'ETAT-CMU').reduce((n, r) => n + r.n, 0)).toBe(Number(indigent.n));
    expect(new Set(sponsored.rows.filter((r) => r.subsidizer === 'ONG-APPUI').map((r) => `${r.category} ${r.group}`))).toEqual(new Set(['group GIE-FEMMES', 'group COOP-AGRI']));

    const all = await payments(first.db);
    expect(all.length).toBe(result.payments);
    expect(all.every((p) => p.date <= REFERENCE_DATE)).toBe(true);
    const share = (f: (p: (typeof all)[number]) => boolean) => all.filter(f).length / all.length;
    expect(share((p) => p.method === 'cash' && p.payer === 'member' && p.collector !== null)).toBeGreaterThan(0.5);
    expect(share((p) => p.method === 'mobile_money')).toBeGreaterThan(0.08);
    expect(all.some((p) => p.method === 'group_remittance' && p.payer === 'group' && p.group !== null)).toBe(true);
    expect(all.some((p) => p.method === 'subsidy' && p.subsidizer === 'ETAT-CMU')).toBe(true);
    expect(all.some((p) => p.payer === 'subsidizer' && p.subsidizer === 'ONG-APPUI')).toBe(true);
    // Collectors work for a section: each has a few hundred receipts, not one.
    expect(new Set(all.map((p) => p.collector).filter(Boolean)).size).toBeLessThanOrEqual(12);
    // Receipts are unique within a scheme.
    const receipts = all.filter((p) => p.receipt).map((p) => `${p.scheme} ${p.receipt}`);
    expect(new Set(receipts).size).toBe(receipts.length);
  });

  it('the same seed gives the same payments on another database', async () => {
    await onSecond();
    expect(await payments(second.db)).toEqual(await payments(first.db));
  });

  it('on the reference date most members are covered, and some wait, await payment, are suspended or have lapsed', async () => {
    const ids = await schemeIds(first.db);
    const counts: Record<string, number> = {};
    for (const [code, schemeId] of ids) {
      const cards = await sql<{ card: string }>`select card from beneficiary where scheme_id = ${schemeId} order by md5(card) limit 200`.execute(first.db);
      for (const { card } of cards.rows) {
        const { status } = await beneficiaryCoverage({ db: first.db, ...system }, schemeId, card, REFERENCE_DATE);
        counts[status.status] = (counts[status.status] ?? 0) + 1;
        // Paying once for the whole year (scheme 2) leaves nothing to fall behind on.
        if (code === 'MUT-DEMO-2') expect(status.status).not.toBe('suspended');
      }
    }
    const total = Object.values(counts).reduce((a, b) => a + b, 0);
    expect(counts.active! / total).toBeGreaterThan(0.45);
    expect(counts.active! / total).toBeLessThan(0.8);
    for (const status of ['waiting', 'pending', 'suspended', 'none']) {
      expect(counts[status], status).toBeGreaterThan(0);
      expect(counts[status]! / total, status).toBeLessThan(0.25);
    }
  });

  it('every due holds what the allocation rules give it, renewals included', async () => {
    const ids = await schemeIds(first.db);
    let checked = 0;
    for (const schemeId of ids.values()) {
      // A sample, with every kind of household: renewed, late, partly paid, never paid.
      const sample = await sql<{ number: string; id: string }>`
        (select number, id from household where scheme_id = ${schemeId} order by md5(number) limit 80)
        union
        (select h.number, h.id from household h join coverage_period p on p.household_id = h.id
          where h.scheme_id = ${schemeId} and p.renewal_of is not null order by md5(h.number) limit 40)`.execute(first.db);
      for (const household of sample.rows) {
        const account = await householdAccount({ db: first.db, ...system }, schemeId, household.number);
        const stored = await first.db.selectFrom('due').select(['id', 'paid_amount', 'paid_on']).where('household_id', '=', household.id).execute();
        const expected = account.periods.flatMap((p) => p.dues.map((d) => ({ id: d.id, paid_amount: d.paid, paid_on: d.paidOn })));
        expect(stored.sort((a, b) => (a.id < b.id ? -1 : 1))).toEqual(expected.sort((a, b) => (a.id < b.id ? -1 : 1)));
        expect(account.credit).toBe(0);
        checked += expected.length;
      }
    }
    expect(checked).toBeGreaterThan(300);
  });

  it('charges the joining fee once per household and the card fee once per member, with the first period only', async () => {
    const fees = await sql<{ renewal: boolean; fees: number; dues: number }>`
      select p.renewal_of is not null as renewal, sum(d.fees)::int as fees, count(*)::int as dues
      from due d join coverage_period p on p.id = d.period_id group by 1 order by 1`.execute(first.db);
    const members = result.beneficiaries;
    expect(fees.rows.find((r) => !r.renewal)!.fees).toBe(2400 * 1000 + members * 500);
    expect(fees.rows.find((r) => r.renewal)?.fees ?? 0).toBe(0);
    const charges = await sql<{ n: number; distinct: number }>`select count(*)::int as n, count(distinct beneficiary_id)::int as distinct from card_fee_charge`.execute(first.db);
    expect(charges.rows[0]).toEqual({ n: members, distinct: members });
  });

  it('a generated household renewed through the service pays no joining or card fee again', async () => {
    const ids = await schemeIds(first.db);
    for (const schemeId of ids.values()) {
      const { number } = await first.db.selectFrom('household').select('number').where('scheme_id', '=', schemeId).orderBy('number').executeTakeFirstOrThrow();
      const before = await householdAccount({ db: first.db, ...system }, schemeId, number);
      const period = await renewHousehold({ db: first.db, ...system }, schemeId, { household: number });
      expect(period).toMatchObject({ renewal: true, start: expect.any(String) });
      expect(period.start > before.periods.at(-1)!.end).toBe(true);
      expect(period.dues.length).toBeGreaterThan(0);
      expect(period.dues.every((d) => d.fees === 0 && d.contribution > 0)).toBe(true);
    }
  });
});

/** Every claim of the demo with its lines and current decisions, in a stable order. */
async function claims(db: Db) {
  const { rows } = await sql<{ scheme: string; provider: string; number: string; card: string; from: string; submitted: string; status: string; lines: string }>`
    select s.code as scheme, c.provider_code as provider, c.number, c.card, c.from_date::text as "from", c.submitted_on::text as submitted, c.status,
           string_agg(l.service_code || ' x' || l.quantity || ' @' || l.unit_price || ' ' || coalesce(d.decision, '-') || ' ' || array_to_string(d.reasons, '+') || ' ' || coalesce(d.payable::text, '-'), '; ' order by l.seq) as lines
      from claim c join scheme s on s.id = c.scheme_id join claim_line l on l.claim_id = c.id
      left join claim_decision d on d.line_id = l.id and d.current
     group by 1, 2, 3, 4, 5, 6, 7 order by 1, 2, 3`.execute(db);
  return rows;
}

describe('health care and claims', () => {
  it('gives each scheme a catalogue of services, drugs and supplies, and 10 to 30 facilities under agreement', async () => {
    const ids = await schemeIds(first.db);
    for (const schemeId of ids.values()) {
      const services = await first.db.selectFrom('service').select(['code', 'category', 'kind']).where('scheme_id', '=', schemeId).execute();
      expect(services.length).toBeGreaterThanOrEqual(40);
      expect(new Set(services.map((s) => s.kind))).toEqual(new Set(['service', 'drug', 'supply']));
      for (const category of ['consultation', 'drugs', 'laboratory', 'delivery', 'hospitalization', 'imaging', 'surgery']) expect(services.some((s) => s.category === category), category).toBe(true);
      const providers = await sql<{ code: string; level: string; methods: string[]; versions: number; prices: number }>`
        select p.code, p.level, array_agg(distinct a.payment_method) as methods, count(distinct a.id)::int as versions, count(ap.service_id)::int as prices
          from provider p join agreement a on a.provider_id = p.id left join agreement_price ap on ap.agreement_id = a.id
         where p.scheme_id = ${schemeId} group by 1, 2`.execute(first.db);
      expect(providers.rows.length).toBeGreaterThanOrEqual(10);
      expect(providers.rows.length).toBeLessThanOrEqual(30);
      expect(new Set(providers.rows.map((p) => p.level))).toEqual(new Set(['hospital', 'health_centre', 'health_post', 'pharmacy', 'laboratory']));
      expect(providers.rows.every((p) => p.prices > 0)).toBe(true);
      const methods = providers.rows.flatMap((p) => p.methods);
      for (const method of ['fee_for_service', 'capitation', 'flat_rate']) expect(methods).toContain(method);
      // The hospital's tariff was revised: a second agreement version.
      expect(providers.rows.find((p) => p.level === 'hospital')!.versions).toBe(2);
    }
  });

  it('sends claims for the members’ care, 1 to 4 lines each, within their coverage, and the engine decides them all', async () => {
    expect(result.claims).toBeGreaterThan(5000);
    expect(result.adjudication).toMatchObject({ claims: result.claims, lines: result.claimLines });
    const all = await claims(first.db);
    expect(all.length).toBe(result.claims);
    expect(all.every((c) => c.status === 'adjudicated')).toBe(true);
    const lineCounts = all.map((c) => c.lines.split('; ').length);
    expect(Math.min(...lineCounts)).toBe(1);
    expect(Math.max(...lineCounts)).toBe(4);
    expect(all.every((c) => c.from <= REFERENCE_DATE && c.submitted <= REFERENCE_DATE && c.from <= c.submitted)).toBe(true);
    // About two consultations a year per member covered: in the 18 months of the demo, well under two per member.
    const consultations = all.filter((c) => c.lines.startsWith('CONS-')).length;
    expect(consultations / result.beneficiaries).toBeGreaterThan(0.4);
    expect(consultations / result.beneficiaries).toBeLessThan(1.5);
    // Every claim for a known member falls within one of the household's periods.
    const outside = await sql<{ n: number }>`
      select count(*)::int as n from claim c where c.household_id is not null and not exists (
        select 1 from coverage_period p where p.household_id = c.household_id and c.from_date between p.start_date and p.end_date)`.execute(first.db);
    expect(outside.rows[0]!.n).toBe(0);
  });

  it('looks like what providers send: most lines paid, some reduced, some turned down for the usual reasons', async () => {
    const { rows } = await sql<{ decision: string; reason: string | null; n: number }>`
      select decision, reasons[1] as reason, count(*)::int as n from claim_decision where current group by 1, 2`.execute(first.db);
    const total = rows.reduce((s, r) => s + r.n, 0);
    const share = (decision: string) => rows.filter((r) => r.decision === decision).reduce((s, r) => s + r.n, 0) / total;
    expect(share('approved')).toBeGreaterThan(0.6);
    expect(share('reduced')).toBeGreaterThan(0.01);
    expect(share('rejected')).toBeGreaterThan(0.05);
    expect(share('rejected')).toBeLessThan(0.3);
    const reasons = new Set(rows.map((r) => r.reason));
    for (const reason of ['PRICE_ABOVE_TARIFF', 'LATE_SUBMISSION', 'DUPLICATE', 'MEMBER_UNKNOWN', 'WAITING_PERIOD', 'NOT_COVERED', 'PROVIDER_LEVEL']) expect(reasons, reason).toContain(reason);
    // Stays are paid on a guarantee letter, which the claim then used.
    const stays = await sql<{ letter: boolean; used: boolean; n: number }>`
      select c.guarantee_letter is not null as letter, g.used_by_claim_id = c.id as used, count(*)::int as n
        from claim c join claim_line l on l.claim_id = c.id join claim_decision d on d.line_id = l.id and d.current
        left join guarantee_letter g on g.scheme_id = c.scheme_id and g.number = c.guarantee_letter
       where d.benefit_category = 'hospitalization' and d.decision <> 'rejected' group by 1, 2`.execute(first.db);
    expect(stays.rows.length).toBeGreaterThan(0);
    expect(stays.rows.every((r) => r.letter && r.used)).toBe(true);
    // Deliveries are women's.
    const deliveries = await sql<{ sex: string }>`
      select distinct b.sex from claim c join claim_line l on l.claim_id = c.id join beneficiary b on b.id = c.beneficiary_id where l.service_code = 'ACC-EUT'`.execute(first.db);
    expect(deliveries.rows.map((r) => r.sex)).toEqual(['F']);
  });

  it('the same seed gives the same claims and decisions on another database', async () => {
    await onSecond();
    const [a, b] = await Promise.all([claims(first.db), claims(second.db)]);
    expect(b.length).toBe(a.length);
    expect(b).toEqual(a);
  });
});
