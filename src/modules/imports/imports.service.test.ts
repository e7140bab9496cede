import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/db.js';
import { enrolHousehold, householdAccount } from '../coverage/index.js';
import { newHousehold, newProduct, newScheme } from '../coverage/testing.js';
import { countHouseholds, createGroup, getHousehold } from '../members/index.js';
import { createLocation, setLocationLevels } from '../organizations/index.js';
import type { ServiceContext } from '../../platform/context.js';
import type { ImportKind, Mapping, Report } from './imports.schemas.js';
import { inspectFile, runImport, wordReport } from './imports.service.js';

let tdb: TestDatabase;

beforeAll(async () => {
  tdb = await createTestDatabase();
  await setLocationLevels({ db: tdb.db, actor: { userId: null, label: 'test' } }, { levels: [{ depth: 1, code: 'village', nameEn: 'Village', nameFr: 'Village' }] });
  await createLocation({ db: tdb.db, actor: { userId: null, label: 'test' } }, { code: 'NDIAFFATE', name: 'Ndiaffate', depth: 1 });
});

afterAll(async () => {
  await tdb.drop();
});

interface Scheme {
  ctx: ServiceContext;
  schemeId: string;
  code: string;
}

/** Inspects a file and runs it with the proposed mapping (or the one given), as the CLI does. */
async function importFile(s: Scheme, kind: ImportKind, fileName: string, bytes: Buffer, options: { dryRun?: boolean; mapping?: (proposed: Mapping) => Mapping; sheet?: string } = {}): Promise<Report> {
  const file = { fileName, bytes, sheet: options.sheet ?? null };
  const inspection = await inspectFile(kind, file);
  const mapping = options.mapping ? options.mapping(inspection.proposedMapping) : inspection.proposedMapping;
  const report = await runImport(s.ctx, { kind, scheme: { id: s.schemeId, code: s.code }, file, mapping, dryRun: options.dryRun ?? false });
  return wordReport(report, 'en');
}

const csv = (lines: string[]) => `${lines.join('\r\n')}\r\n`;

/** A register as a French office keeps it: semicolons, dd/mm/yyyy, words for sex and relationship, saved by Excel for Windows. */
const FRENCH_REGISTER = csv([
  "N° ménage;Catégorie;Village;Téléphone;N° carte;Prénom;Nom;Sexe;Date de naissance;Lien de parenté;Date d'adhésion;Pièce d'identité",
  'M-001;Régulier;Ndiaffate;77 123 45 67;M-001-01;Awa;Ndiaye;F;12/04/1986;Chef de ménage;02/01/2025;2198604120012',
  'M-001;;;;M-001-02;Modou;Sarr;H;30/09/2019;Enfant;02/01/2025;',
  'M-002;Indigent;Keur Ali;;;Ibrahima;Fall;Homme;1960;chef;03/01/2025;',
  'M-002;;;;;Fatou;Diop;Femme;vers 1965;épouse;03/01/2025;',
  'M-002;;;;;Aïssatou;Fall;F;05/05/2010;enfant;03/01/2025;',
]);

describe('importing households', () => {
  let s: Scheme;
  beforeAll(async () => {
    s = await newScheme(tdb.db);
  });

  it('a French CSV in Windows-1252 with semicolons and dd/mm/yyyy dates loads', async () => {
    const bytes = Buffer.from(FRENCH_REGISTER, 'latin1');
    const inspection = await inspectFile('households', { fileName: 'registre.csv', bytes });
    expect(inspection).toMatchObject({ format: 'csv', encoding: 'windows-1252', delimiter: ';', rows: 5, headerRow: 1 });
    expect(inspection.proposedMapping.columns).toMatchObject({
      householdNumber: 'N° ménage',
      category: 'Catégorie',
      location: 'Village',
      householdPhone: 'Téléphone',
      card: 'N° carte',
      firstName: 'Prénom',
      lastName: 'Nom',
      sex: 'Sexe',
      birthDate: 'Date de naissance',
      relationship: 'Lien de parenté',
      joinedOn: "Date d'adhésion",
      idDocument: "Pièce d'identité",
    });
    expect(inspection.proposedMapping.values).toMatchObject({ sex: { H: 'M', Homme: 'M', Femme: 'F' }, relationship: { 'Chef de ménage': 'head', Enfant: 'child', épouse: 'spouse' } });
    expect(inspection.sample[0]!.cells[5]).toBe('Awa');

    const report = await importFile(s, 'households', 'registre.csv', bytes);
    expect(report.errors).toEqual([]);
    expect(report).toMatchObject({ committed: true, rows: 5, created: { households: 2, beneficiaries: 5 }, skipped: { households: 0, beneficiaries: 0 } });
    expect(report.warnings).toEqual([expect.objectContaining({ code: 'location_as_address', message: 'no location "Keur Ali" is registered: kept as the household’s address', rows: [4] })]);

    const m1 = await getHousehold(s.ctx, s.schemeId, 'M-001');
    expect(m1).toMatchObject({ category: 'regular', location: 'NDIAFFATE', phone: '771234567', status: 'active' });
    expect(m1.members.map((m) => [m.card, m.firstName, m.lastName, m.sex, m.birthDate, m.relationship, m.joinedOn, m.idDocument])).toEqual([
      ['M-001-01', 'Awa', 'Ndiaye', 'F', '1986-04-12', 'head', '2025-01-02', '2198604120012'],
      ['M-001-02', 'Modou', 'Sarr', 'M', '2019-09-30', 'child', '2025-01-02', null],
    ]);
    const m2 = await getHousehold(s.ctx, s.schemeId, 'M-002');
    expect(m2).toMatchObject({ category: 'indigent', location: null, address: 'Keur Ali' });
    // Cards not given come from the scheme's pattern, the head first.
    expect(m2.members.map((m) => [m.card, m.firstName, m.birthDate, m.birthYear, m.birthDateEstimated, m.relationship])).toEqual([
      ['M-002-01', 'Ibrahima', null, 1960, true, 'head'],
      ['M-002-02', 'Fatou', null, 1965, true, 'spouse'],
      ['M-002-03', 'Aïssatou', '2010-05-05', 2010, false, 'child'],
    ]);
  });

  it('running the same file again changes nothing: every row is already there', async () => {
    const before = await countHouseholds(s.ctx.db, s.schemeId);
    const report = await importFile(s, 'households', 'registre.csv', Buffer.from(FRENCH_REGISTER, 'latin1'));
    expect(report).toMatchObject({ committed: true, errorCount: 0, created: { households: 0, beneficiaries: 0 }, skipped: { households: 2, beneficiaries: 5 } });
    expect(await countHouseholds(s.ctx.db, s.schemeId)).toBe(before);
    expect((await getHousehold(s.ctx, s.schemeId, 'M-002')).members).toHaveLength(3);
  });

  it('a row that differs from what is registered is an error, not an update; a new member of a registered household is added', async () => {
    const changed = FRENCH_REGISTER.replace('M-001;;;;M-001-02;Modou;Sarr', 'M-001;;;;M-001-02;Modou;Sall');
    const refused = await importFile(s, 'households', 'registre.csv', Buffer.from(changed, 'latin1'));
    expect(refused.committed).toBe(false);
    expect(refused.errors.map((e) => e.text)).toEqual(['row 3, Nom: card M-001-02 is registered with "Sarr", not "Sall"']);

    const more = csv([FRENCH_REGISTER.trim(), 'M-001;;;;M-001-03;Coumba;Sarr;F;01/02/2024;enfant;01/03/2025;']);
    const added = await importFile(s, 'households', 'registre.csv', Buffer.from(more, 'latin1'));
    expect(added).toMatchObject({ committed: true, errorCount: 0, created: { households: 0, beneficiaries: 1 }, skipped: { households: 1, beneficiaries: 5 } });
    expect((await getHousehold(s.ctx, s.schemeId, 'M-001')).members.map((m) => m.card)).toEqual(['M-001-01', 'M-001-02', 'M-001-03']);
  });

  it('an XLSX workbook loads, from a named sheet, with dates stored as dates or as text', async () => {
    const x = await newScheme(tdb.db);
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Instructions').addRow(['Remplir la feuille Adhérents']);
    const sheet = wb.addWorksheet('Adhérents');
    sheet.addRow(['Household number', 'Card', 'First name', 'Last name', 'Sex', 'Date of birth', 'Relationship', 'Joined on']);
    sheet.addRow(['X-1', 'X-1-A', 'Mariama', 'Ba', 'F', new Date(Date.UTC(1990, 6, 14)), 'head', new Date(Date.UTC(2025, 0, 15))]);
    sheet.addRow(['X-1', 'X-1-B', 'Samba', 'Ba', 'M', '2018-03-01', 'child', '15/01/2025']);
    sheet.addRow(['X-2', 'X-2-A', 'Omar', 'Seck', 'M', 1970, 'head', 45672]);
    sheet.getCell('F2').numFmt = 'dd/mm/yyyy';
    sheet.getCell('H2').numFmt = 'dd/mm/yyyy';
    const bytes = Buffer.from(await wb.xlsx.writeBuffer());

    const inspection = await inspectFile('households', { fileName: 'adherents.xlsx', bytes, sheet: 'Adhérents' });
    expect(inspection).toMatchObject({ format: 'xlsx', sheets: ['Instructions', 'Adhérents'], sheet: 'Adhérents', rows: 3 });
    const report = await importFile(x, 'households', 'adherents.xlsx', bytes, { sheet: 'Adhérents' });
    expect(report.errors).toEqual([]);
    expect(report).toMatchObject({ committed: true, created: { households: 2, beneficiaries: 3 } });
    const x1 = await getHousehold(x.ctx, x.schemeId, 'X-1');
    expect(x1.members.map((m) => [m.card, m.birthDate, m.joinedOn])).toEqual([
      ['X-1-A', '1990-07-14', '2025-01-15'],
      ['X-1-B', '2018-03-01', '2025-01-15'],
    ]);
    // A number in the birth date column is an estimated year; a serial number in a date column is an Excel date.
    expect((await getHousehold(x.ctx, x.schemeId, 'X-2')).members[0]).toMatchObject({ birthDate: null, birthYear: 1970, joinedOn: '2025-01-15' });
  });

  it('a file with bad rows reports every one, with its row, column and reason, and writes nothing', async () => {
    const b = await newScheme(tdb.db);
    await newHousehold(b.ctx, b.schemeId, 'H0001');
    await createGroup(b.ctx, b.schemeId, { code: 'GIE-1', name: 'GIE', kind: 'association' });
    const header = 'Household;Card;First name;Last name;Sex;Date of birth;Relationship;Group';
    const good = Array.from({ length: 6 }, (_, i) => [`G-${i};G-${i}-1;Awa;Ndiaye;F;12/04/1986;head;GIE-1`, `G-${i};G-${i}-2;Modou;Sarr;M;30/09/2019;child;`]).flat();
    const lines = [
      header,
      ...good, // rows 2 to 13
      'B-14;B-14-1;Awa;Diop;F;31/02/1990;head;', // 14
      'B-15;B-15-1;Awa;Diop;X;12/04/1986;head;', // 15
      'B-16;B-16-1;Awa;Diop;F;12/04/1986;child;', // 16
      'B-17;G-0-1;Awa;Diop;F;12/04/1986;head;', // 17
      'B-18;B-18-1;Awa;Diop;F;12/04/1986;head;GIE-NOPE', // 18
      'B-19;B-19-1;;Diop;F;12/04/1986;head;', // 19
      'B-20;B-20-1;Awa;Diop;F;12/04/1986;head;', // 20
      'B-20;B-20-2;Ami;Diop;F;12/04/1988;head;', // 21
      'B-22;H0001-02;Awa;Diop;F;12/04/2030;head;', // 22
      'B-23;B-23-1;Awa;Diop;F;;head;', // 23
    ];
    const report = await importFile(b, 'households', 'bad.csv', Buffer.from(csv(lines)));
    expect(report.committed).toBe(false);
    expect(report.errors.map((e) => e.text)).toEqual([
      'row 14, Date of birth: not a date: "31/02/1990"',
      'row 15, Sex: not understood: "X"; expected F, M (or add it to the mapping’s values)',
      'row 16, Relationship: household B-16 has no head: one member must have the relationship "head"',
      'row 17, Card: card G-0-1 is also on row 2',
      'row 18, Group: there is no group GIE-NOPE in this scheme',
      'row 19, First name: is required',
      'row 21, Relationship: household B-20 already has its head on row 20',
      'row 22, Date of birth: is in the future: 2030-04-12',
      'row 23, Date of birth: give a birth date, or an estimated year of birth',
    ]);
    expect(report.errors[0]).toMatchObject({ row: 14, column: 'Date of birth', field: 'birthDate', code: 'not_a_date' });
    expect(report.errorCount).toBe(9);
    expect(await countHouseholds(b.ctx.db, b.schemeId)).toBe(1);

    // The same with every row fixed but one whose card is already someone else's in the scheme.
    const clash = await importFile(b, 'households', 'clash.csv', Buffer.from(csv([header, ...good, 'C-1;H0001-02;Awa;Diop;F;12/04/1986;head;'])));
    expect(clash.errors.map((e) => e.text)).toEqual(['row 14, Card: card H0001-02 is already used by Modou Sarr of household H0001']);
    expect(await countHouseholds(b.ctx.db, b.schemeId)).toBe(1);
  });

  it('a dry run reports what a commit would write, and writes nothing; a mapping can give words and defaults', async () => {
    const d = await newScheme(tdb.db);
    const file = Buffer.from(csv(['Famille,Prénom,Nom,Genre,Né(e) le,Qualité', 'F1,Awa,Ndiaye,2,1986-04-12,1', 'F1,Modou,Sarr,1,2019-09-30,3']));
    const mapping = (proposed: Mapping): Mapping => ({
      ...proposed,
      values: { sex: { '1': 'M', '2': 'F' }, relationship: { '1': 'head', '2': 'spouse', '3': 'child' } },
      defaults: { category: 'indigent', joinedOn: '2025-02-01' },
    });
    const dry = await importFile(d, 'households', 'f.csv', file, { dryRun: true, mapping });
    expect(dry).toMatchObject({ dryRun: true, committed: false, errorCount: 0, created: { households: 1, beneficiaries: 2 } });
    expect(await countHouseholds(d.ctx.db, d.schemeId)).toBe(0);
    const done = await importFile(d, 'households', 'f.csv', file, { mapping });
    expect(done.committed).toBe(true);
    expect(await getHousehold(d.ctx, d.schemeId, 'F1')).toMatchObject({ category: 'indigent', members: [{ sex: 'F', relationship: 'head', joinedOn: '2025-02-01' }, { sex: 'M', relationship: 'child' }] });
  });

  it('a mapping that names a column the file does not have, or leaves out a required field, is refused', async () => {
    const d = await newScheme(tdb.db);
    const file = Buffer.from(csv(['Famille,Prénom,Nom', 'F1,Awa,Ndiaye']));
    await expect(importFile(d, 'households', 'f.csv', file, { mapping: (p) => ({ ...p, columns: { ...p.columns, sex: 'Sexe' } }) })).rejects.toMatchObject({
      code: 'mapping_invalid',
      details: expect.arrayContaining([
        { field: 'mapping.columns.sex', message: 'the file has no column "Sexe"' },
        { field: 'mapping.columns.relationship', message: 'is required: name the column that holds it, or give a default' },
      ]),
    });
  });
});

describe('importing payments', () => {
  let s: Scheme;
  const PAYMENTS = csv([
    'Ménage,Date,Montant,Mode de paiement,N° reçu,Collecteur',
    'M-001,02/01/2025,"6 400",Espèces,R-1001,Moussa',
    'M-002,05/01/2025,4000,Wave,R-1002,Moussa',
    'M-002,20/01/2025,"5 800",Espèces,R-1003,Moussa',
  ]);

  beforeAll(async () => {
    s = await newScheme(tdb.db);
    await newProduct(s.ctx, s.schemeId);
    await importFile(s, 'households', 'registre.csv', Buffer.from(FRENCH_REGISTER, 'latin1'));
    for (const household of ['M-001', 'M-002']) await enrolHousehold(s.ctx, s.schemeId, { household, product: 'BASE', start: '2025-01-01' });
  });

  it('payments are allocated to the households’ dues', async () => {
    const report = await importFile(s, 'payments', 'paiements.csv', Buffer.from(PAYMENTS));
    expect(report.errors).toEqual([]);
    expect(report).toMatchObject({ committed: true, rows: 3, created: { payments: 3 }, skipped: { payments: 0 } });
    // M-001: two members (adult 3600, child 1800) and the joining fee 1000, paid in full.
    const m1 = await householdAccount(s.ctx, s.schemeId, 'M-001');
    expect(m1.periods[0]!.dues.map((d) => [d.amount, d.paid, d.paidOn])).toEqual([[6400, 6400, '2025-01-02']]);
    expect(m1.periods[0]!.activatedOn).toBe('2025-01-02');
    expect(m1.payments.map((p) => [p.receipt, p.amount, p.method, p.collector])).toEqual([['R-1001', 6400, 'cash', 'Moussa']]);
    // M-002: two adults, a child and the joining fee: 10000, of which 9800 paid.
    const m2 = await householdAccount(s.ctx, s.schemeId, 'M-002');
    expect(m2.periods[0]!.dues.map((d) => [d.amount, d.paid])).toEqual([[10000, 9800]]);
    expect(m2.payments.map((p) => p.method)).toEqual(['mobile_money', 'cash']);
    expect(m2.balance).toBe(200);
  });

  it('running the same payments again records nothing more', async () => {
    const report = await importFile(s, 'payments', 'paiements.csv', Buffer.from(PAYMENTS));
    expect(report).toMatchObject({ committed: true, errorCount: 0, created: { payments: 0 }, skipped: { payments: 3 } });
    expect((await householdAccount(s.ctx, s.schemeId, 'M-002')).totalPaid).toBe(9800);
  });

  it('payments without receipt numbers are recognised when the same file is run again', async () => {
    const file = Buffer.from(csv(['Ménage;Date;Montant;Mode', 'M-002;25/01/2025;100;espèces', 'M-002;25/01/2025;100;espèces']));
    expect(await importFile(s, 'payments', 'sans-recus.csv', file)).toMatchObject({ committed: true, created: { payments: 2 } });
    expect(await importFile(s, 'payments', 'sans-recus.csv', file)).toMatchObject({ committed: true, created: { payments: 0 }, skipped: { payments: 2 } });
    expect((await householdAccount(s.ctx, s.schemeId, 'M-002')).balance).toBe(0);
  });

  it('bad payments are all reported and none is recorded', async () => {
    const before = await householdAccount(s.ctx, s.schemeId, 'M-001');
    const file = Buffer.from(
      csv([
        'Ménage,Date,Montant,Mode de paiement,N° reçu',
        'M-001,03/01/2025,500,Espèces,R-2001', // 2: fine on its own
        'M-404,03/01/2025,500,Espèces,R-2002', // 3: unknown household
        'M-001,02/01/2025,7000,Espèces,R-1001', // 4: receipt already recorded with other data
        'M-001,03/01/2025,"12,50",Espèces,R-2004', // 5: not a whole amount
        'M-001,03/01/2025,500,Espèces,R-2001', // 6: receipt twice in the file
        'M-001,03/01/2099,500,Chèque en bois,R-2006', // 7: future date, unknown method
      ]),
    );
    const report = await importFile(s, 'payments', 'bad.csv', file);
    expect(report.committed).toBe(false);
    expect(report.errors.map((e) => e.text)).toEqual([
      'row 3, Ménage: there is no household M-404 in this scheme',
      'row 4, N° reçu: receipt R-1001 is recorded for household M-001 on 2025-01-02, amount 6400',
      'row 5, Montant: not a whole amount: "12,50" (amounts are whole minor units of the currency)',
      'row 6, N° reçu: receipt R-2001 is also on row 2',
      'row 7, Date: is in the future: 2099-01-03',
      'row 7, Mode de paiement: not understood: "Chèque en bois"; expected cash, mobile_money, bank, group_remittance, subsidy (or add it to the mapping’s values)',
    ]);
    expect(await householdAccount(s.ctx, s.schemeId, 'M-001')).toEqual(before);
  });
});
