import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/db.js';
import { system } from '../../test/app.js';
import { searchBeneficiaries } from '../modules/members/index.js';
import { listAudit } from '../modules/audit/index.js';
import type { Db } from '../platform/db/connection.js';
import { generateDemo, type DemoResult } from './generate.js';
import { demoHousehold } from './households.js';
import { Random } from './random.js';

let first: TestDatabase;
let second: TestDatabase;
let result: DemoResult;
const progress: [number, number, string][] = [];

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
    expect(progress.at(-1)).toEqual([2400, 2400, 'households']);
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
    await generateDemo({ db: second.db, ...system }, { seed: 5, households: 2400 });
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
