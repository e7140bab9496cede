import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/db.js';
import { system } from '../../../test/app.js';
import type { ServiceContext } from '../../platform/context.js';
import { DomainError } from '../../platform/errors.js';
import { listAudit } from '../audit/index.js';
import { createLocation, createScheme, createSection, setLocationLevels } from '../organizations/index.js';
import { insertHouseholdsBulk } from './members.repository.js';
import * as members from './members.service.js';
import { newHousehold, newMember } from './testing.js';

let tdb: TestDatabase;
let ctx: ServiceContext;
let schemeA: string;
let schemeB: string;

async function failure(promise: Promise<unknown>): Promise<DomainError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a failure');
}

async function householdCount(schemeId: string): Promise<number> {
  const row = await tdb.db.selectFrom('household').select((eb) => eb.fn.countAll<number>().as('n')).where('scheme_id', '=', schemeId).executeTakeFirstOrThrow();
  return Number(row.n);
}

beforeAll(async () => {
  tdb = await createTestDatabase();
  ctx = { db: tdb.db, ...system };
  schemeA = (await createScheme(ctx, { code: 'MUT-A', name: 'A', currency: 'XOF', country: 'SN', settings: { cardPattern: 'D1-{household:6}-{member:2}' } })).id;
  schemeB = (await createScheme(ctx, { code: 'MUT-B', name: 'B', currency: 'XOF', country: 'SN' })).id;
  await setLocationLevels(ctx, {
    levels: [
      { depth: 1, code: 'district', nameEn: 'District', nameFr: 'Département' },
      { depth: 2, code: 'village', nameEn: 'Village', nameFr: 'Village' },
    ],
  });
  await createLocation(ctx, { code: 'KAO', name: 'Kaolack', depth: 1 });
  await createLocation(ctx, { code: 'NDF', name: 'Ndiaffate', depth: 2, parent: 'KAO' });
  await createLocation(ctx, { code: 'THI', name: 'Thiès', depth: 1 });
  await createLocation(ctx, { code: 'FAS', name: 'Fass', depth: 2, parent: 'THI' });
  await createSection(ctx, schemeA, { code: 'S1', name: 'Section 1', location: 'NDF' });
});

afterAll(async () => {
  await tdb.drop();
});

describe('registering a household', () => {
  it('numbers the household and makes cards from the scheme pattern, the head first', async () => {
    const { household, warnings } = await members.registerHousehold(ctx, schemeA, {
      category: 'regular',
      location: 'NDF',
      section: 'S1',
      phone: '77 000 00 01',
      members: [
        newMember({ firstName: 'Modou', lastName: 'Sarr', relationship: 'child' }),
        newMember({ firstName: 'Ibrahima', lastName: 'Sarr', birthDate: '1980-01-01', relationship: 'head' }),
        newMember({ firstName: 'Fatou', lastName: 'Diop', sex: 'F', birthDate: null, birthYear: 1985, relationship: 'spouse' }),
      ],
    });
    expect(warnings).toEqual([]);
    expect(household).toMatchObject({ number: '000001', category: 'regular', location: 'NDF', section: 'S1', phone: '770000001', status: 'active' });
    expect(household.members.map((m) => [m.card, m.firstName, m.relationship])).toEqual([
      ['D1-000001-01', 'Ibrahima', 'head'],
      ['D1-000001-02', 'Modou', 'child'],
      ['D1-000001-03', 'Fatou', 'spouse'],
    ]);
    expect(household.members[2]).toMatchObject({ birthDate: null, birthYear: 1985, birthDateEstimated: true });
    const next = await members.registerHousehold(ctx, schemeA, newHousehold({ members: [newMember({ firstName: 'Ousmane', lastName: 'Faye', birthDate: '1970-05-05', relationship: 'head' })] }));
    expect(next.household.number).toBe('000002');
    expect(next.household.members[0]!.card).toBe('D1-000002-01');
  });

  it('without a cardPattern setting, cards are {household:6}-{member:2}', async () => {
    const { household } = await members.registerHousehold(ctx, schemeB, newHousehold({ number: 'h0001' }));
    expect(household.number).toBe('H0001');
    expect(household.members.map((m) => m.card)).toEqual(['H0001-01', 'H0001-02']);
  });

  it('a household needs exactly one head: none, or two, is refused naming the field, and nothing is written', async () => {
    const before = await householdCount(schemeA);
    const none = await failure(members.registerHousehold(ctx, schemeA, newHousehold({ members: [newMember(), newMember({ firstName: 'Binta' })] })));
    expect(none).toMatchObject({ code: 'validation_failed', details: [{ field: 'members' }] });
    const two = await failure(
      members.registerHousehold(ctx, schemeA, newHousehold({ members: [newMember({ relationship: 'head' }), newMember(), newMember({ firstName: 'Binta', relationship: 'head' })] })),
    );
    expect(two.details).toEqual([{ field: 'members[2].relationship', message: expect.stringContaining('exactly one head') }]);
    expect(await householdCount(schemeA)).toBe(before);
  });

  it('a member needs a birth date or an estimated year, and dates must be possible', async () => {
    const error = await failure(
      members.registerHousehold(
        ctx,
        schemeA,
        newHousehold({
          members: [
            newMember({ relationship: 'head', birthDate: null, birthYear: null }),
            newMember({ birthDate: '2999-01-01' }),
            newMember({ birthDate: '2010-02-03', birthYear: 2011 }),
            newMember({ birthDate: '2010-02-03', joinedOn: '2009-12-31' }),
          ],
        }),
      ),
    );
    expect(error.details.map((d) => d.field)).toEqual(['members[0].birthDate', 'members[1].birthDate', 'members[2].birthYear', 'members[3].joinedOn']);
  });

  it('a card is unique in its scheme, but another scheme may use the same card', async () => {
    await members.registerHousehold(ctx, schemeA, newHousehold({ number: 'X1', members: [newMember({ card: 'card-77', relationship: 'head' })] }));
    const again = await failure(members.registerHousehold(ctx, schemeA, newHousehold({ number: 'X2', members: [newMember({ relationship: 'head' }), newMember({ card: 'CARD-77' })] })));
    expect(again).toMatchObject({ code: 'duplicate_card', kind: 'conflict', details: [{ field: 'members[1].card' }] });
    const twice = await failure(members.registerHousehold(ctx, schemeA, newHousehold({ number: 'X3', members: [newMember({ card: 'Z9', relationship: 'head' }), newMember({ card: 'z9' })] })));
    expect(twice.details).toEqual([{ field: 'members[1].card', message: expect.stringContaining('members[0].card') }]);
    const other = await members.registerHousehold(ctx, schemeB, newHousehold({ number: 'X1', members: [newMember({ card: 'CARD-77', relationship: 'head' })] }));
    expect(other.household.members[0]!.card).toBe('CARD-77');
  });

  it('a generated card skips one given by hand', async () => {
    // Household 000004 will be next; its first rank's card is already taken by hand.
    await members.registerHousehold(ctx, schemeA, newHousehold({ number: 'X4', members: [newMember({ card: 'D1-000003-01', relationship: 'head' })] }));
    const { household } = await members.registerHousehold(ctx, schemeA, newHousehold());
    expect(household.number).toBe('000003');
    expect(household.members.map((m) => m.card)).toEqual(['D1-000003-03', 'D1-000003-02']);
  });

  it('a household number is unique in its scheme', async () => {
    const error = await failure(members.registerHousehold(ctx, schemeA, newHousehold({ number: 'x1' })));
    expect(error).toMatchObject({ code: 'duplicate_household_number', details: [{ field: 'number' }] });
  });

  it('unknown group, section or location codes are refused naming the field', async () => {
    expect(await failure(members.registerHousehold(ctx, schemeA, newHousehold({ location: 'NOWHERE' })))).toMatchObject({ code: 'unknown_reference', details: [{ field: 'location' }] });
    expect(await failure(members.registerHousehold(ctx, schemeA, newHousehold({ section: 'S9' })))).toMatchObject({ code: 'unknown_reference', details: [{ field: 'section' }] });
    expect(await failure(members.registerHousehold(ctx, schemeA, newHousehold({ category: 'group' })))).toMatchObject({ details: [{ field: 'group' }] });
  });

  it('people who may already be registered come back as warnings, and do not block', async () => {
    const first = await members.registerHousehold(ctx, schemeA, newHousehold({ phone: '+221 77 555 00 00', members: [newMember({ firstName: 'Coumba', lastName: "M'Baye", sex: 'F', birthDate: '1986-04-12', relationship: 'head' })] }));
    const card = first.household.members[0]!.card;
    const { household, warnings } = await members.registerHousehold(
      ctx,
      schemeA,
      newHousehold({
        members: [
          newMember({ firstName: 'MBAYE', lastName: 'Coumba', sex: 'F', birthDate: '1986-04-12', relationship: 'head' }),
          newMember({ firstName: 'Coumba', lastName: 'Mbaye', sex: 'F', birthDate: '1986-04-13' }),
          newMember({ firstName: 'Rokhaya', lastName: 'Fall', sex: 'F', birthDate: '1990-01-01', relationship: 'spouse', phone: '+221775550000' }),
        ],
      }),
    );
    expect(household.members).toHaveLength(3);
    expect(warnings).toEqual([
      expect.objectContaining({ code: 'possible_duplicate', field: 'members[0]', reason: 'same_name_and_birth', match: expect.objectContaining({ card, household: first.household.number }) }),
      expect.objectContaining({ field: 'members[2]', reason: 'same_phone', match: expect.objectContaining({ card }) }),
    ]);
    expect(warnings[0]!.message).toContain(card);
  });
});

describe('groups', () => {
  it('a group is created, listed, and a group-enrolled household names it', async () => {
    await members.createGroup(ctx, schemeA, { code: 'GIE-DIAM', name: 'GIE des femmes transformatrices', kind: 'association' });
    expect(await failure(members.createGroup(ctx, schemeA, { code: 'GIE-DIAM', name: 'x', kind: 'union' }))).toMatchObject({ code: 'duplicate_code' });
    await members.createGroup(ctx, schemeB, { code: 'GIE-DIAM', name: 'same code elsewhere', kind: 'cooperative' });
    expect((await members.listGroups(ctx, schemeA)).map((g) => g.code)).toEqual(['GIE-DIAM']);
    const { household } = await members.registerHousehold(ctx, schemeA, newHousehold({ category: 'group', group: 'GIE-DIAM' }));
    expect(household).toMatchObject({ category: 'group', group: 'GIE-DIAM' });
    expect(await failure(members.registerHousehold(ctx, schemeA, newHousehold({ category: 'group', group: 'GIE-NONE' })))).toMatchObject({ details: [{ field: 'group' }] });
  });
});

describe('searching beneficiaries', () => {
  let card: string;
  beforeAll(async () => {
    const { household } = await members.registerHousehold(ctx, schemeB, {
      category: 'indigent',
      location: 'FAS',
      phone: '33 820 11 22',
      members: [newMember({ firstName: 'Awa', lastName: "N'Diaye", sex: 'F', birthDate: '1975-03-03', relationship: 'head', phone: '76 111 22 33' })],
    });
    card = household.members[0]!.card;
  });

  it.each(['ndiaye awa', 'Awa Ndiaye', 'awa ndiay', "AWA N'DIAYE", 'Ndiayye'])('"%s" finds Awa N’Diaye', async (search) => {
    const page = await members.searchBeneficiaries(ctx, schemeB, { search });
    expect(page.fuzzy).toBe(false);
    expect(page.items.map((b) => b.card)).toContain(card);
    expect(page.items.find((b) => b.card === card)).toMatchObject({ firstName: 'Awa', lastName: "N'Diaye", location: 'FAS' });
  });

  it('a search never crosses into another scheme', async () => {
    const page = await members.searchBeneficiaries(ctx, schemeA, { search: 'awa ndiaye', location: 'FAS' });
    expect(page.items).toEqual([]);
  });

  it('finds by card, by phone (own or household), and by location including the places below it', async () => {
    expect((await members.searchBeneficiaries(ctx, schemeB, { search: card.toLowerCase() })).items.map((b) => b.card)).toEqual([card]);
    expect((await members.searchBeneficiaries(ctx, schemeB, { search: '76 111 22 33' })).items.map((b) => b.card)).toEqual([card]);
    expect((await members.searchBeneficiaries(ctx, schemeB, { phone: '338201122' })).items.map((b) => b.card)).toEqual([card]);
    expect((await members.searchBeneficiaries(ctx, schemeB, { location: 'THI' })).items.map((b) => b.card)).toEqual([card]);
    expect((await members.searchBeneficiaries(ctx, schemeB, { location: 'KAO' })).items).toEqual([]);
    expect(await failure(members.searchBeneficiaries(ctx, schemeB, { location: 'NOPE' }))).toMatchObject({ details: [{ field: 'location' }] });
  });

  it('a misspelt name that matches no word still finds the closest spellings', async () => {
    const page = await members.searchBeneficiaries(ctx, schemeB, { search: 'Awa Ndaiye' });
    expect(page.fuzzy).toBe(true);
    expect(page.items.map((b) => b.card)).toContain(card);
  });

  it('pages through results', async () => {
    const all = await members.searchBeneficiaries(ctx, schemeA, { limit: 500 });
    expect(all.items.length).toBeGreaterThan(4);
    const first = await members.searchBeneficiaries(ctx, schemeA, { limit: 2 });
    expect(first.next).toBe(2);
    const second = await members.searchBeneficiaries(ctx, schemeA, { limit: 2, offset: 2 });
    expect([...first.items, ...second.items].map((b) => b.card)).toEqual(all.items.slice(0, 4).map((b) => b.card));
  });
});

describe('changing members', () => {
  it('a member added later gets the next card; a second head is refused', async () => {
    const { household } = await members.registerHousehold(ctx, schemeA, newHousehold());
    const { beneficiary } = await members.addBeneficiary(ctx, schemeA, household.number, newMember({ firstName: 'Khady', sex: 'F', birthDate: '2024-01-01' }));
    expect(beneficiary.card).toBe(`D1-${household.number}-03`);
    expect(await failure(members.addBeneficiary(ctx, schemeA, household.number, newMember({ relationship: 'head' })))).toMatchObject({ details: [{ field: 'relationship' }] });
    expect(await failure(members.addBeneficiary(ctx, schemeA, 'NOPE', newMember()))).toMatchObject({ code: 'not_found' });
  });

  it('a corrected name is found under the new spelling, and the head is not changed by an update', async () => {
    const { household } = await members.registerHousehold(ctx, schemeA, newHousehold());
    const child = household.members[1]!;
    const updated = await members.updateBeneficiary(ctx, schemeA, child.card, { firstName: 'Mamadou Lamine' });
    expect(updated.firstName).toBe('Mamadou Lamine');
    const page = await members.searchBeneficiaries(ctx, schemeA, { search: 'lamine sarr', household: household.number });
    expect(page.items.map((b) => b.card)).toEqual([child.card]);
    expect(await failure(members.updateBeneficiary(ctx, schemeA, child.card, { relationship: 'head' }))).toMatchObject({ details: [{ field: 'relationship' }] });
    const changed = await members.changeHead(ctx, schemeA, household.number, { card: child.card, formerHeadRelationship: 'parent' });
    expect(changed.members.map((m) => [m.card, m.relationship])).toEqual([
      [child.card, 'head'],
      [household.members[0]!.card, 'parent'],
    ]);
  });

  it('deactivation keeps the member and its history; the head leaves only with a successor', async () => {
    const { household } = await members.registerHousehold(ctx, schemeA, newHousehold());
    const [head, child] = household.members as [(typeof household.members)[number], (typeof household.members)[number]];
    expect(await failure(members.deactivateBeneficiary(ctx, schemeA, head.card, { reason: 'death', date: '2025-06-01' }))).toMatchObject({ details: [{ field: 'newHead' }] });
    expect(await failure(members.deactivateBeneficiary(ctx, schemeA, child.card, { reason: 'departure', date: '2999-01-01' }))).toMatchObject({ details: [{ field: 'date' }] });

    const after = await members.deactivateBeneficiary(ctx, schemeA, head.card, { reason: 'death', date: '2025-06-01', note: 'décès à domicile', newHead: child.card });
    expect(after.status).toBe('active');
    expect(after.members.find((m) => m.card === head.card)).toMatchObject({ status: 'deceased', statusReason: 'death', statusDate: '2025-06-01', statusNote: 'décès à domicile', relationship: 'head' });
    expect(after.members.find((m) => m.card === child.card)).toMatchObject({ status: 'active', relationship: 'head' });
    expect(await failure(members.deactivateBeneficiary(ctx, schemeA, head.card, { reason: 'other', date: '2025-06-02' }))).toMatchObject({ code: 'beneficiary_inactive' });

    const history = await listAudit(ctx, { entityType: 'beneficiary', entityId: head.id });
    expect(history.records.map((r) => r.action)).toEqual(['beneficiary.deactivate', 'beneficiary.create']);
    expect(history.records[0]).toMatchObject({ before: { status: 'active', statusDate: null }, after: { status: 'deceased', statusReason: 'death', statusDate: '2025-06-01' } });

    const last = await members.deactivateBeneficiary(ctx, schemeA, child.card, { reason: 'departure', date: '2025-07-01' });
    expect(last.status).toBe('inactive');
    expect((await members.searchBeneficiaries(ctx, schemeA, { household: household.number, status: 'deceased' })).items.map((b) => b.card)).toEqual([head.card]);
  });
});

describe('bulk loading', () => {
  it('inserts households and members in one go, searchable like any other', async () => {
    const result = await tdb.db.transaction().execute((trx) =>
      insertHouseholdsBulk(trx, schemeB, [
        {
          number: 'B-1',
          category: 'regular',
          groupId: null,
          sectionId: null,
          locationId: null,
          phone: null,
          address: 'Quartier Escale',
          members: [
            { card: 'B-1-01', firstName: 'Cheikh', lastName: 'Mbacké', sex: 'M', birthDate: null, birthYear: 1960, relationship: 'head', idDocument: '1234567890123', phone: null, joinedOn: '2025-01-02' },
            { card: 'B-1-02', firstName: 'Sokhna', lastName: 'Mbacké', sex: 'F', birthDate: '2001-02-03', birthYear: 2001, relationship: 'child', idDocument: null, phone: null, joinedOn: '2025-01-02' },
          ],
        },
      ]),
    );
    expect(result).toEqual({ households: 1, beneficiaries: 2 });
    const household = await members.getHousehold(ctx, schemeB, 'b-1');
    expect(household.members.map((m) => m.card)).toEqual(['B-1-01', 'B-1-02']);
    expect((await members.searchBeneficiaries(ctx, schemeB, { search: 'mbacke cheikh' })).items.map((b) => b.card)).toEqual(['B-1-01']);
  });
});

describe('without pg_trgm', () => {
  it('search still finds names by word prefix, with no fuzzy fallback', async () => {
    const plain = await createTestDatabase();
    try {
      await sql`drop extension pg_trgm cascade`.execute(plain.db);
      const c = { db: plain.db, ...system };
      const scheme = (await createScheme(c, { code: 'MUT-P', name: 'P', currency: 'XOF', country: 'SN' })).id;
      const { household } = await members.registerHousehold(c, scheme, newHousehold());
      const card = household.members[0]!.card;
      expect((await members.searchBeneficiaries(c, scheme, { search: 'ndiay awa' })).items.map((b) => b.card)).toEqual([card]);
      expect(await members.searchBeneficiaries(c, scheme, { search: 'Awa Ndaiye' })).toMatchObject({ items: [], fuzzy: false });
    } finally {
      await plain.drop();
    }
  });
});
