import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, json, userWithToken } from '../../../test/app.js';
import { createTestDatabase, type TestDatabase } from '../../../test/db.js';
import type { App } from '../../platform/http/types.js';
import { loadDiagnoses } from './providers.service.js';
import { newScheme } from './testing.js';

let tdb: TestDatabase;
let app: App;
let manager: Awaited<ReturnType<typeof userWithToken>>;
let claimsOfficer: Awaited<ReturnType<typeof userWithToken>>;
let agent: Awaited<ReturnType<typeof userWithToken>>;
let outsider: Awaited<ReturnType<typeof userWithToken>>;

beforeAll(async () => {
  tdb = await createTestDatabase();
  app = await buildTestApp(tdb.db);
  const a = await newScheme(tdb.db, 'MUT-A');
  await newScheme(tdb.db, 'MUT-B');
  await loadDiagnoses(a.ctx, { fileName: 'cim10.csv', bytes: Buffer.from('code;title\nA09;Diarrhée et gastro-entérite\nB54;Paludisme sans précision\n') });
  manager = await userWithToken(tdb.db, [{ role: 'scheme_manager', scopeType: 'scheme', scope: 'MUT-A' }]);
  claimsOfficer = await userWithToken(tdb.db, [{ role: 'claims_officer', scopeType: 'scheme', scope: 'MUT-A' }]);
  agent = await userWithToken(tdb.db, [{ role: 'enrolment_agent', scopeType: 'scheme', scope: 'MUT-A' }]);
  outsider = await userWithToken(tdb.db, [{ role: 'scheme_manager', scopeType: 'scheme', scope: 'MUT-B' }]);
});

afterAll(async () => {
  await app.close();
  await tdb.drop();
});

type Headers = Record<string, string>;
const send = (method: 'GET' | 'POST' | 'PATCH', url: string, headers: Headers, payload?: object) => app.inject({ method, url, headers, ...(payload ? { payload } : {}) });
const fr = (headers: Headers) => ({ ...headers, 'accept-language': 'fr' });
interface ErrorBody {
  error: { code: string; message: string; details: { field: string; message: string }[] };
}

describe('the service catalogue over HTTP', () => {
  it('a manager adds services; a claims officer reads them; an enrolment agent may not', async () => {
    for (const body of [
      { code: 'CONS', name: 'Consultation', category: 'consultation' },
      { code: 'ACC', name: 'Accouchement simple', category: 'delivery' },
    ]) {
      const res = await send('POST', '/api/schemes/MUT-A/services', manager.headers, body);
      expect(res.statusCode, res.body).toBe(201);
    }
    const list = await send('GET', '/api/schemes/MUT-A/services?category=delivery', claimsOfficer.headers);
    expect(json<{ code: string }[]>(list).map((s) => s.code)).toEqual(['ACC']);
    expect((await send('GET', '/api/schemes/MUT-A/services', agent.headers)).statusCode).toBe(403);
    expect((await send('POST', '/api/schemes/MUT-A/services', claimsOfficer.headers, { code: 'X', name: 'X', category: 'other' })).statusCode).toBe(403);
  });

  it('a bad category is refused naming the field; a code cannot be changed; a duplicate code is a conflict', async () => {
    const bad = await send('POST', '/api/schemes/MUT-A/services', manager.headers, { code: 'LAB', name: 'Laboratoire', category: 'pharma' });
    expect(bad.statusCode).toBe(400);
    expect(json<ErrorBody>(bad).error.details.map((d) => d.field)).toContain('category');
    const recode = await send('PATCH', '/api/schemes/MUT-A/services/CONS', manager.headers, { code: 'CONS2' });
    expect(recode.statusCode).toBe(400);
    expect(json<ErrorBody>(recode).error.details).toContainEqual({ field: 'code', message: 'is not a known field' });
    const twice = await send('POST', '/api/schemes/MUT-A/services', fr(manager.headers), { code: 'CONS', name: 'Again', category: 'consultation' });
    expect(twice.statusCode).toBe(409);
    expect(json<ErrorBody>(twice).error).toMatchObject({ code: 'duplicate_code', message: 'Ce code est déjà utilisé' });
    const renamed = await send('PATCH', '/api/schemes/MUT-A/services/CONS', manager.headers, { name: 'Consultation générale' });
    expect(json(renamed)).toMatchObject({ code: 'CONS', name: 'Consultation générale' });
  });

  it('an import answers a report: a dry run in the reader’s language, then the file written once', async () => {
    const file = (text: string) => ({ fileName: 'nomenclature.csv', content: Buffer.from(text).toString('base64') });
    const text = 'Code;Libellé;Catégorie\nPARA;Paracétamol;médicaments\nRX;Radiographie;radiologie\n';
    const bad = await send('POST', '/api/schemes/MUT-A/services/import?dryRun=true', fr(manager.headers), file(`${text}ECHO;;imagerie\n`));
    expect(bad.statusCode).toBe(200);
    expect(json(bad)).toMatchObject({ dryRun: true, committed: false, errorCount: 1, created: 2, errors: [{ row: 4, column: 'Libellé', code: 'required', text: 'ligne 4, Libellé : est obligatoire' }] });
    const written = await send('POST', '/api/schemes/MUT-A/services/import', manager.headers, file(text));
    expect(json(written)).toMatchObject({ committed: true, created: 2, errorCount: 0 });
    const again = await send('POST', '/api/schemes/MUT-A/services/import', manager.headers, file(text));
    expect(json(again)).toMatchObject({ committed: true, created: 0, unchanged: 2 });
    const changed = await send('POST', '/api/schemes/MUT-A/services/import', manager.headers, file(text.replace('Paracétamol', 'Paracétamol 500 mg')));
    expect(json(changed)).toMatchObject({ committed: false, errorCount: 1, errors: [{ row: 2, code: 'exists_differs' }] });
    const updated = await send('POST', '/api/schemes/MUT-A/services/import?update=true', manager.headers, file(text.replace('Paracétamol', 'Paracétamol 500 mg')));
    expect(json(updated)).toMatchObject({ committed: true, updated: 1 });
    const unreadable = await send('POST', '/api/schemes/MUT-A/services/import', manager.headers, { fileName: 'x.xlsx', content: Buffer.from('not a workbook').toString('base64') });
    expect(unreadable.statusCode).toBe(400);
    expect(json<ErrorBody>(unreadable).error.code).toBe('unreadable_file');
  });
});

describe('providers and agreements over HTTP', () => {
  it('a manager registers a provider and its agreement; the tariff on a date comes from the version valid that day', async () => {
    const created = await send('POST', '/api/schemes/MUT-A/providers', manager.headers, { code: 'CS-NDIAFFATE', name: 'Centre de santé de Ndiaffate', level: 'health_centre', type: 'community' });
    expect(created.statusCode, created.body).toBe(201);
    const agreement = { from: '2025-01-01', to: '2025-12-31', paymentMethod: 'fee_for_service', paymentDelayDays: 30, tariff: [{ service: 'CONS', price: 1500 }, { service: 'ACC', price: 12000 }] };
    const added = await send('POST', '/api/schemes/MUT-A/providers/CS-NDIAFFATE/agreements', manager.headers, agreement);
    expect(added.statusCode, added.body).toBe(201);
    const tariff = await send('GET', '/api/schemes/MUT-A/providers/CS-NDIAFFATE/tariff?date=2025-12-31', claimsOfficer.headers);
    expect(tariff.statusCode).toBe(200);
    expect(json<{ tariff: { service: string; price: number }[] }>(tariff).tariff.map((t) => [t.service, t.price])).toEqual([
      ['ACC', 12000],
      ['CONS', 1500],
    ]);
    const none = await send('GET', '/api/schemes/MUT-A/providers/CS-NDIAFFATE/tariff?date=2026-01-01', fr(claimsOfficer.headers));
    expect(none.statusCode).toBe(404);
    expect(json<ErrorBody>(none).error).toMatchObject({ code: 'no_agreement', message: 'Le prestataire CS-NDIAFFATE n’a pas de convention au 2026-01-01' });
  });

  it('an overlapping version is refused with a clear message; a tariff change closes the current version', async () => {
    const overlap = await send('POST', '/api/schemes/MUT-A/providers/CS-NDIAFFATE/agreements', manager.headers, { from: '2024-06-01', to: '2025-01-31', paymentMethod: 'fee_for_service', tariff: [] });
    expect(overlap.statusCode).toBe(409);
    expect(json<ErrorBody>(overlap).error).toMatchObject({
      code: 'agreement_overlap',
      message: 'Provider CS-NDIAFFATE already has an agreement over these dates (from 2025-01-01 to 2025-12-31): agreement versions never overlap',
      details: [{ field: 'to' }],
    });
    const unknown = await send('POST', '/api/schemes/MUT-A/providers/CS-NDIAFFATE/agreements', manager.headers, { from: '2025-07-01', paymentMethod: 'fee_for_service', tariff: [{ service: 'SCAN', price: 1 }] });
    expect(unknown.statusCode).toBe(400);
    expect(json<ErrorBody>(unknown).error).toMatchObject({ code: 'invalid_agreement', details: [{ field: 'tariff[0].service', message: 'there is no service SCAN in the catalogue' }] });
    const change = await send('POST', '/api/schemes/MUT-A/providers/CS-NDIAFFATE/agreements', manager.headers, { from: '2025-07-01', paymentMethod: 'fee_for_service', tariff: [{ service: 'CONS', price: 1800 }] });
    expect(change.statusCode).toBe(201);
    const detail = json<{ agreements: { from: string; to: string | null }[] }>(await send('GET', '/api/schemes/MUT-A/providers/CS-NDIAFFATE', claimsOfficer.headers));
    expect(detail.agreements.map((a) => [a.from, a.to])).toEqual([
      ['2025-01-01', '2025-06-30'],
      ['2025-07-01', null],
    ]);
  });

  it('lists providers by level and search; an update keeps the code', async () => {
    await send('POST', '/api/schemes/MUT-A/providers', manager.headers, { code: 'HOP-KAOLACK', name: 'Hôpital régional de Kaolack', level: 'hospital' });
    const codes = async (query: string) => json<{ code: string }[]>(await send('GET', `/api/schemes/MUT-A/providers${query}`, claimsOfficer.headers)).map((p) => p.code);
    expect(await codes('')).toEqual(['CS-NDIAFFATE', 'HOP-KAOLACK']);
    expect(await codes('?level=hospital')).toEqual(['HOP-KAOLACK']);
    expect(await codes('?q=hopital%20kaolack')).toEqual(['HOP-KAOLACK']);
    const patched = await send('PATCH', '/api/schemes/MUT-A/providers/HOP-KAOLACK', manager.headers, { active: false, email: 'contact@hrk.sn' });
    expect(json(patched)).toMatchObject({ code: 'HOP-KAOLACK', active: false, email: 'contact@hrk.sn' });
    expect(await codes('?active=true')).toEqual(['CS-NDIAFFATE']);
    const unknownLocation = await send('PATCH', '/api/schemes/MUT-A/providers/HOP-KAOLACK', fr(manager.headers), { location: 'NULLE-PART' });
    expect(unknownLocation.statusCode).toBe(400);
    expect(json<ErrorBody>(unknownLocation).error).toMatchObject({ code: 'unknown_location', message: 'Aucune localité NULLE-PART', details: [{ field: 'location' }] });
  });

  it('a user of another scheme gets 404 for every route of scheme A, and nothing changes', async () => {
    const requests: [('GET' | 'POST' | 'PATCH'), string, object?][] = [
      ['GET', '/api/schemes/MUT-A/services'],
      ['POST', '/api/schemes/MUT-A/services', { code: 'HACK', name: 'Hack', category: 'other' }],
      ['PATCH', '/api/schemes/MUT-A/services/CONS', { name: 'Hacked' }],
      ['POST', '/api/schemes/MUT-A/services/import', { fileName: 'x.csv', content: Buffer.from('code;name;category\nHACK;Hack;other\n').toString('base64') }],
      ['GET', '/api/schemes/MUT-A/providers'],
      ['POST', '/api/schemes/MUT-A/providers', { code: 'HACK', name: 'Hack', level: 'hospital' }],
      ['GET', '/api/schemes/MUT-A/providers/CS-NDIAFFATE'],
      ['PATCH', '/api/schemes/MUT-A/providers/CS-NDIAFFATE', { name: 'Hacked' }],
      ['POST', '/api/schemes/MUT-A/providers/CS-NDIAFFATE/agreements', { from: '2030-01-01', paymentMethod: 'fee_for_service', tariff: [] }],
      ['GET', '/api/schemes/MUT-A/providers/CS-NDIAFFATE/tariff?date=2025-06-01'],
    ];
    for (const [method, url, payload] of requests) {
      const res = await send(method, url, outsider.headers, payload);
      expect(res.statusCode, `${method} ${url}`).toBe(404);
    }
    const services = json<{ code: string; name: string }[]>(await send('GET', '/api/schemes/MUT-A/services', manager.headers));
    expect(services.map((s) => s.code)).not.toContain('HACK');
    expect(services.find((s) => s.code === 'CONS')!.name).toBe('Consultation générale');
    const provider = json<{ name: string; agreements: unknown[] }>(await send('GET', '/api/schemes/MUT-A/providers/CS-NDIAFFATE', manager.headers));
    expect(provider).toMatchObject({ name: 'Centre de santé de Ndiaffate' });
    expect(provider.agreements).toHaveLength(2);
  });
});

describe('diagnoses over HTTP', () => {
  it('whoever reads claims searches ICD-10 by code or title; others may not', async () => {
    const res = await send('GET', '/api/diagnoses?q=paludisme', claimsOfficer.headers);
    expect(res.statusCode).toBe(200);
    expect(json(res)).toEqual([{ code: 'B54', title: 'Paludisme sans précision' }]);
    expect(json<{ code: string }[]>(await send('GET', '/api/diagnoses?q=a0', outsider.headers)).map((d) => d.code)).toEqual(['A09']);
    expect((await send('GET', '/api/diagnoses', agent.headers)).statusCode).toBe(403);
    expect((await send('GET', '/api/diagnoses?limit=51', claimsOfficer.headers)).statusCode).toBe(400);
  });
});
