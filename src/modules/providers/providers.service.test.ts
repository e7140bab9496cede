import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/db.js';
import type { ServiceContext } from '../../platform/context.js';
import { DomainError } from '../../platform/errors.js';
import { createLocation, setLocationLevels } from '../organizations/index.js';
import { wordReport } from './providers.files.js';
import { agreementOn } from './providers.rules.js';
import {
  addAgreement,
  createProvider,
  createService,
  diagnosisExists,
  getProvider,
  importCatalogue,
  knownDiagnoses,
  listServices,
  loadDiagnoses,
  providerCatalogue,
  searchDiagnoses,
  tariffOn,
  updateProvider,
  updateService,
} from './providers.service.js';
import { exampleAgreement, newCatalogue, newProvider, newScheme } from './testing.js';

let tdb: TestDatabase;
let ctx: ServiceContext;
let schemeId: string;

beforeAll(async () => {
  tdb = await createTestDatabase();
  ({ ctx, schemeId } = await newScheme(tdb.db));
  await newCatalogue(ctx, schemeId);
});

afterAll(async () => {
  await tdb.drop();
});

/** The error a call fails with: its code and the fields its details name. */
async function failure(promise: Promise<unknown>): Promise<{ code: string; fields: string[] }> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof DomainError) return { code: error.code, fields: error.details.map((d) => d.field) };
    throw error;
  }
  return { code: 'no error', fields: [] };
}

const csv = (text: string, fileName = 'catalogue.csv') => ({ fileName, bytes: Buffer.from(text, 'utf8') });

async function auditCount(action: string): Promise<number> {
  const row = await tdb.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).where('action', '=', action).executeTakeFirstOrThrow();
  return Number(row.n);
}

describe('the service catalogue', () => {
  it('a service is created with its defaults, and a second one with the same code is refused', async () => {
    const created = await createService(ctx, schemeId, { code: 'LAB-GE', name: 'Goutte épaisse', category: 'laboratory' });
    expect(created).toMatchObject({ code: 'LAB-GE', category: 'laboratory', kind: 'service', active: true });
    expect(await failure(createService(ctx, schemeId, { code: 'LAB-GE', name: 'Other', category: 'laboratory' }))).toEqual({ code: 'duplicate_code', fields: ['code'] });
  });

  it('bad input from a caller that skips HTTP (the scheme-file loader) is refused naming each field, and nothing is written', async () => {
    const bad = { code: 'BAD CODE', name: '', category: 'pharmacy', kind: 'pill' } as never;
    const result = await failure(createService(ctx, schemeId, bad));
    expect(result.code).toBe('validation_failed');
    expect(result.fields).toEqual(expect.arrayContaining(['code', 'name', 'category', 'kind']));
    expect((await listServices(ctx, schemeId)).map((s) => s.code)).not.toContain('BAD CODE');
  });

  it('an update changes name, category, kind or active flag, is audited with before and after, and the code stays', async () => {
    await createService(ctx, schemeId, { code: 'PARA', name: 'Paracetamol', category: 'drugs', kind: 'drug' });
    const updated = await updateService(ctx, schemeId, 'PARA', { name: 'Paracétamol 500 mg', active: false });
    expect(updated).toMatchObject({ code: 'PARA', name: 'Paracétamol 500 mg', kind: 'drug', active: false });
    const audit = await tdb.db.selectFrom('audit_log').select(['before', 'after']).where('action', '=', 'service.update').where('entity_id', '=', updated.id).executeTakeFirstOrThrow();
    expect(audit.before).toMatchObject({ name: 'Paracetamol', active: true });
    expect(audit.after).toMatchObject({ name: 'Paracétamol 500 mg', active: false });
    expect(await failure(updateService(ctx, schemeId, 'NOPE', { name: 'x' }))).toEqual({ code: 'not_found', fields: [] });
  });

  it('lists by category, activity, a code prefix or words of the name, accents aside', async () => {
    const codes = async (query: Parameters<typeof listServices>[2]) => (await listServices(ctx, schemeId, query)).map((s) => s.code);
    expect(await codes({ category: 'drugs' })).toEqual(['PARA']);
    expect(await codes({ active: false })).toEqual(['PARA']);
    expect(await codes({ q: 'paracetamol' })).toEqual(['PARA']);
    expect(await codes({ q: 'goutte EPAISSE' })).toEqual(['LAB-GE']);
    expect(await codes({ q: 'LAB' })).toEqual(['LAB-GE']);
    expect(await codes({ q: '100%_' })).toEqual([]);
  });
});

describe('importing a catalogue file', () => {
  const good = 'Code;Libellé;Catégorie;Nature\nCONS-S;Consultation spécialiste;consultation;acte\nAMOX;Amoxicilline 500 mg;Médicaments;médicament\nGANTS;Gants d’examen;other;consommable\n';

  it('a dry run reports every bad row by row number and column, and writes nothing', async () => {
    const file = csv(
      'Nomenclature des actes;;;\nCode;Libellé;Catégorie;Actif\nECHO;Échographie;imagerie;oui\n;Sans code;consultation;oui\nRX;Radiographie;radiologie;peut-être\nECHO;Échographie bis;imaging;oui\nTOO LONG!;Mauvais code;pharma;oui\n',
    );
    const report = await importCatalogue(ctx, schemeId, { file, dryRun: true });
    expect(report).toMatchObject({ rows: 5, created: 1, dryRun: true, committed: false, errorCount: 5 });
    expect(report.errors.map((e) => [e.row, e.column, e.code])).toEqual([
      [4, 'Code', 'required'],
      [5, 'Actif', 'unknown_value'],
      [6, 'Code', 'duplicate_code'],
      [7, 'Code', 'invalid_code'],
      [7, 'Catégorie', 'unknown_value'],
    ]);
    const worded = wordReport(report, 'fr');
    expect(worded.errors[0]!.text).toBe('ligne 4, Code : est obligatoire');
    expect(wordReport(report, 'en').errors[2]!.text).toBe('row 6, Code: code ECHO is also on row 3');
    expect((await listServices(ctx, schemeId, { q: 'ECHO' })).length).toBe(0);
  });

  it('a file with one bad row writes nothing at all', async () => {
    const report = await importCatalogue(ctx, schemeId, { file: csv(`${good}BAD;Mauvais;nowhere;acte\n`) });
    expect(report).toMatchObject({ committed: false, errorCount: 1, created: 3 });
    expect(report.errors[0]).toMatchObject({ row: 5, column: 'Catégorie', code: 'unknown_value' });
    expect((await listServices(ctx, schemeId, { q: 'AMOX' })).length).toBe(0);
  });

  it('a good file is written; importing it again changes nothing', async () => {
    const before = await auditCount('service.create');
    const first = await importCatalogue(ctx, schemeId, { file: csv(good) });
    expect(first).toMatchObject({ committed: true, created: 3, updated: 0, unchanged: 0, errorCount: 0 });
    expect(await auditCount('service.create')).toBe(before + 3);
    const again = await importCatalogue(ctx, schemeId, { file: csv(good) });
    expect(again).toMatchObject({ committed: true, created: 0, updated: 0, unchanged: 3, errorCount: 0 });
    expect(await auditCount('service.create')).toBe(before + 3);
    const amox = (await listServices(ctx, schemeId, { q: 'AMOX' }))[0]!;
    expect(amox).toMatchObject({ name: 'Amoxicilline 500 mg', category: 'drugs', kind: 'drug', active: true });
  });

  it('a known code with other data is an error unless an update is asked', async () => {
    const changed = good.replace('Amoxicilline 500 mg', 'Amoxicilline 1 g');
    const refused = await importCatalogue(ctx, schemeId, { file: csv(changed) });
    expect(refused).toMatchObject({ committed: false, errorCount: 1, unchanged: 2 });
    expect(refused.errors[0]).toMatchObject({ row: 3, field: 'code', code: 'exists_differs' });
    expect(wordReport(refused, 'en').errors[0]!.message).toContain('name "Amoxicilline 500 mg" → "Amoxicilline 1 g"');
    const dry = await importCatalogue(ctx, schemeId, { file: csv(changed), update: true, dryRun: true });
    expect(dry).toMatchObject({ committed: false, updated: 1, errorCount: 0 });
    expect((await listServices(ctx, schemeId, { q: 'AMOX' }))[0]!.name).toBe('Amoxicilline 500 mg');
    const updated = await importCatalogue(ctx, schemeId, { file: csv(changed), update: true });
    expect(updated).toMatchObject({ committed: true, created: 0, updated: 1, unchanged: 2 });
    expect((await listServices(ctx, schemeId, { q: 'AMOX' }))[0]!.name).toBe('Amoxicilline 1 g');
  });

  it('reads a workbook, and reports a missing column once for the whole file', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Nomenclature');
    sheet.addRow(['code', 'name', 'category', 'kind', 'active']);
    sheet.addRow(['CPN1', 'Consultation prénatale', 'antenatal', 'service', 'yes']);
    sheet.addRow(['KIT-ACC', 'Kit d’accouchement', 'delivery', 'supply', 0]);
    const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
    const report = await importCatalogue(ctx, schemeId, { file: { fileName: 'nomenclature.xlsx', bytes } });
    expect(report).toMatchObject({ committed: true, created: 2, errorCount: 0 });
    expect((await listServices(ctx, schemeId, { q: 'KIT-ACC' }))[0]).toMatchObject({ kind: 'supply', active: false, category: 'delivery' });
    const missing = await importCatalogue(ctx, schemeId, { file: csv('code;name\nX1;Something\n') });
    expect(missing).toMatchObject({ committed: false, errorCount: 1 });
    expect(missing.errors[0]).toMatchObject({ row: null, field: 'category', code: 'missing_column' });
  });

  it('a file that is not a spreadsheet is refused as such', async () => {
    expect((await failure(importCatalogue(ctx, schemeId, { file: csv('') }))).code).toBe('unreadable_file');
    const xls = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]);
    expect((await failure(importCatalogue(ctx, schemeId, { file: { fileName: 'old.xls', bytes: xls } }))).code).toBe('unreadable_file');
  });
});

describe('providers', () => {
  beforeAll(async () => {
    await setLocationLevels(ctx, { levels: [{ depth: 1, code: 'region', nameEn: 'Region', nameFr: 'Région' }] });
    await createLocation(ctx, { code: 'KAOLACK', name: 'Kaolack', depth: 1 });
  });

  it('a provider is registered with its location resolved by code, and its code is taken once', async () => {
    const provider = await createProvider(ctx, schemeId, { code: 'HOP-KAOLACK', name: 'Hôpital régional', level: 'hospital', type: 'public', location: 'KAOLACK', phone: '+221 33 941 00 00' });
    expect(provider).toMatchObject({ code: 'HOP-KAOLACK', level: 'hospital', type: 'public', location: 'KAOLACK', active: true, agreements: [] });
    expect(await failure(createProvider(ctx, schemeId, { code: 'HOP-KAOLACK', name: 'Again', level: 'hospital' }))).toEqual({ code: 'duplicate_code', fields: ['code'] });
  });

  it('an unknown location or level is refused naming the field, and nothing is written', async () => {
    expect(await failure(createProvider(ctx, schemeId, { code: 'PS-X', name: 'Poste', level: 'health_post', location: 'NOWHERE' }))).toEqual({ code: 'unknown_location', fields: ['location'] });
    const level = createProvider(ctx, schemeId, { code: 'PS-Y', name: 'Poste', level: 'clinic' } as never);
    await expect(level).rejects.toMatchObject({ code: 'validation_failed', details: [{ field: 'level', message: 'must be one of: health_post, health_centre, hospital, pharmacy, laboratory' }] });
    expect(await failure(getProvider(ctx, schemeId, 'PS-X'))).toMatchObject({ code: 'not_found' });
  });

  it('an update changes details, clears an optional one with null, and keeps the code', async () => {
    const updated = await updateProvider(ctx, schemeId, 'HOP-KAOLACK', { name: 'Hôpital régional de Kaolack', phone: null, active: false });
    expect(updated).toMatchObject({ code: 'HOP-KAOLACK', name: 'Hôpital régional de Kaolack', phone: null, location: 'KAOLACK', active: false });
    expect(await failure(updateProvider(ctx, schemeId, 'HOP-KAOLACK', { location: 'NOWHERE' }))).toEqual({ code: 'unknown_location', fields: ['location'] });
  });
});

describe('agreements', () => {
  it('a version with a service that is not in the catalogue, or without its capitation amount, is refused by field', async () => {
    await newProvider(ctx, schemeId, 'CS-A');
    const result = await failure(addAgreement(ctx, schemeId, 'CS-A', { ...exampleAgreement, tariff: [...exampleAgreement.tariff, { service: 'SCANNER', price: 40000 }] }));
    expect(result).toEqual({ code: 'invalid_agreement', fields: ['tariff[2].service'] });
    expect(await failure(addAgreement(ctx, schemeId, 'CS-A', { from: '2025-01-01', paymentMethod: 'capitation', tariff: [] }))).toEqual({ code: 'invalid_agreement', fields: ['capitationAmount'] });
    expect((await getProvider(ctx, schemeId, 'CS-A')).agreements).toEqual([]);
    expect(await failure(addAgreement(ctx, schemeId, 'NO-SUCH', exampleAgreement))).toMatchObject({ code: 'not_found' });
  });

  it('versions of one provider never overlap', async () => {
    await addAgreement(ctx, schemeId, 'CS-A', exampleAgreement);
    expect(await failure(addAgreement(ctx, schemeId, 'CS-A', { ...exampleAgreement, from: '2025-01-01', to: null }))).toEqual({ code: 'agreement_overlap', fields: ['from'] });
    expect(await failure(addAgreement(ctx, schemeId, 'CS-A', { ...exampleAgreement, from: '2024-07-01', to: '2025-02-28' }))).toEqual({ code: 'agreement_overlap', fields: ['to'] });
    // Starting inside 2025 but ending before it would leave October to December without terms.
    expect(await failure(addAgreement(ctx, schemeId, 'CS-A', { ...exampleAgreement, from: '2025-07-01', to: '2025-09-30' }))).toEqual({ code: 'agreement_gap', fields: ['to'] });
    expect((await getProvider(ctx, schemeId, 'CS-A')).agreements).toHaveLength(1);
  });

  it('a tariff change is a new version: the current one is closed the day before and never otherwise changed', async () => {
    const [first] = (await getProvider(ctx, schemeId, 'CS-A')).agreements;
    const provider = await addAgreement(ctx, schemeId, 'CS-A', { from: '2025-07-01', paymentMethod: 'fee_for_service', tariff: [{ service: 'CONS', price: 1800 }] });
    expect(provider.agreements.map((a) => [a.from, a.to, a.replaces])).toEqual([
      ['2025-01-01', '2025-06-30', null],
      ['2025-07-01', null, first!.id],
    ]);
    // The closed version keeps its terms.
    expect(provider.agreements[0]!.tariff.map((t) => [t.service, t.price])).toEqual([
      ['ACC', 12000],
      ['CONS', 1500],
    ]);
    expect(provider.agreements[1]).toMatchObject({ paymentDelayDays: 30, capitationAmount: null, flatRateAmount: null });
    const closed = await tdb.db.selectFrom('audit_log').select(['before', 'after']).where('action', '=', 'agreement.close').where('entity_id', '=', first!.id).executeTakeFirstOrThrow();
    expect(closed).toMatchObject({ before: { to: '2025-12-31' }, after: { to: '2025-06-30' } });
  });

  it('the tariff on a date is the version valid that day', async () => {
    expect((await tariffOn(ctx, schemeId, 'CS-A', '2025-06-30')).tariff.find((t) => t.service === 'CONS')!.price).toBe(1500);
    expect((await tariffOn(ctx, schemeId, 'CS-A', '2025-07-01')).tariff.map((t) => [t.service, t.price])).toEqual([['CONS', 1800]]);
    expect(await failure(tariffOn(ctx, schemeId, 'CS-A', '2024-12-31'))).toEqual({ code: 'no_agreement', fields: ['date'] });
  });

  it('capitation and flat-rate versions carry their amount', async () => {
    await newProvider(ctx, schemeId, 'CS-CAP', [{ from: '2025-01-01', to: '2025-12-31', paymentMethod: 'capitation', capitationAmount: 250, paymentDelayDays: 15, tariff: [] }]);
    const provider = await addAgreement(ctx, schemeId, 'CS-CAP', { from: '2026-01-01', paymentMethod: 'flat_rate', flatRateAmount: 5000, tariff: [{ service: 'CONS', price: 0 }] });
    expect(provider.agreements.map((a) => [a.paymentMethod, a.capitationAmount, a.flatRateAmount, a.paymentDelayDays])).toEqual([
      ['capitation', 250, null, 15],
      ['flat_rate', null, 5000, 30],
    ]);
  });
});

describe('the catalogue the claims engine reads', () => {
  it('holds services, providers and sorted agreements with prices by service code, in a few queries', async () => {
    const catalogue = await providerCatalogue(tdb.db, schemeId);
    expect(catalogue.services.get('CONS')).toMatchObject({ code: 'CONS', category: 'consultation', kind: 'service', active: true });
    const provider = catalogue.providers.get('CS-A')!;
    expect(provider).toMatchObject({ code: 'CS-A', level: 'health_centre', active: true });
    const versions = catalogue.agreements.get(provider.id)!;
    expect(versions.map((a) => a.from)).toEqual(['2025-01-01', '2025-07-01']);
    expect(versions[0]!.prices).toEqual(new Map([['ACC', 12000], ['CONS', 1500]]));
    expect(catalogue.providers.get('HOP-KAOLACK')!.active).toBe(false);
  });

  it('the agreement on a date: none the day before from, the version on from and on to, the next one the day after to', async () => {
    const catalogue = await providerCatalogue(tdb.db, schemeId);
    const id = catalogue.providers.get('CS-A')!.id;
    const on = (date: string) => agreementOn(catalogue, id, date);
    expect(on('2024-12-31')).toBeUndefined();
    expect(on('2025-01-01')!.prices.get('CONS')).toBe(1500);
    expect(on('2025-06-30')!.prices.get('CONS')).toBe(1500);
    expect(on('2025-07-01')!.prices.get('CONS')).toBe(1800);
    expect(on('2030-01-01')!.to).toBeNull();
    const cap = catalogue.providers.get('CS-CAP')!.id;
    expect(agreementOn(catalogue, cap, '2025-12-31')!.paymentMethod).toBe('capitation');
    expect(agreementOn(catalogue, cap, '2026-01-01')!.paymentMethod).toBe('flat_rate');
  });

  it('works inside a caller’s transaction', async () => {
    const count = await tdb.db.transaction().execute(async (trx) => (await providerCatalogue(trx, schemeId)).services.size);
    expect(count).toBeGreaterThan(3);
  });
});

describe('diagnoses', () => {
  const file = 'code,title\nA09,Diarrhée et gastro-entérite d’origine présumée infectieuse\nA090,Autres gastro-entérites et colites d’origine infectieuse\nB50,Paludisme à Plasmodium falciparum\nB54,Paludisme sans précision\n';

  it('a load checks every row and writes nothing when one is bad', async () => {
    const report = await loadDiagnoses(ctx, csv(`${file}XYZ,Pas un code\nB54,Doublon\nC00,\n`, 'cim10.csv'));
    expect(report).toMatchObject({ committed: false, rows: 7, errorCount: 3 });
    expect(report.errors.map((e) => [e.row, e.column, e.code])).toEqual([
      [6, 'code', 'invalid_diagnosis_code'],
      [7, 'code', 'duplicate_code'],
      [8, 'title', 'required'],
    ]);
    expect(await searchDiagnoses(ctx, { q: 'B5' })).toEqual([]);
  });

  it('a load adds codes, replaces titles, and changes nothing when run again', async () => {
    expect(await loadDiagnoses(ctx, csv(file, 'cim10.csv'))).toMatchObject({ committed: true, created: 4, updated: 0 });
    expect(await loadDiagnoses(ctx, csv(file, 'cim10.csv'))).toMatchObject({ committed: true, created: 0, updated: 0, unchanged: 4 });
    expect(await loadDiagnoses(ctx, csv('code;title\nB54;Paludisme, sans précision\n'))).toMatchObject({ committed: true, created: 0, updated: 1 });
    expect(await auditCount('diagnosis.load')).toBe(2);
  });

  it('searches by code prefix or words of the title, codes first', async () => {
    expect((await searchDiagnoses(ctx, { q: 'a09' })).map((d) => d.code)).toEqual(['A09', 'A09.0']);
    expect((await searchDiagnoses(ctx, { q: 'A090' })).map((d) => d.code)).toEqual(['A09.0']);
    expect((await searchDiagnoses(ctx, { q: 'paludisme falciparum' })).map((d) => d.code)).toEqual(['B50']);
    expect((await searchDiagnoses(ctx, { q: 'diarrhee' })).map((d) => d.code)).toEqual(['A09']);
    expect((await searchDiagnoses(ctx, { limit: 2 })).length).toBe(2);
  });

  it('tells the claims module which codes are known, in the forms files write them', async () => {
    expect(await diagnosisExists(tdb.db, 'A09')).toBe(true);
    expect(await diagnosisExists(tdb.db, 'Z99')).toBe(false);
    expect(await knownDiagnoses(tdb.db, ['A090', 'a09.0', 'B54', 'Z99', 'not a code'])).toEqual(new Set(['A090', 'a09.0', 'B54']));
  });
});
