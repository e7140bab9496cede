import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, json, userWithToken } from '../../../test/app.js';
import { createTestDatabase, type TestDatabase } from '../../../test/db.js';
import type { App } from '../../platform/http/types.js';
import { newProduct, newScheme } from '../coverage/testing.js';
import type { ImportStatus, Uploaded } from './imports.schemas.js';

let tdb: TestDatabase;
let app: App;
let agent: Awaited<ReturnType<typeof userWithToken>>;
let claims: Awaited<ReturnType<typeof userWithToken>>;
let outsider: Awaited<ReturnType<typeof userWithToken>>;

beforeAll(async () => {
  tdb = await createTestDatabase();
  app = await buildTestApp(tdb.db);
  const a = await newScheme(tdb.db, 'MUT-A');
  await newScheme(tdb.db, 'MUT-B');
  await newProduct(a.ctx, a.schemeId);
  agent = await userWithToken(tdb.db, [{ role: 'enrolment_agent', scopeType: 'scheme', scope: 'MUT-A' }]);
  claims = await userWithToken(tdb.db, [{ role: 'claims_officer', scopeType: 'scheme', scope: 'MUT-A' }]);
  outsider = await userWithToken(tdb.db, [{ role: 'scheme_manager', scopeType: 'scheme', scope: 'MUT-B' }]);
});

afterAll(async () => {
  await app.close();
  await tdb.drop();
});

const REGISTER = [
  'N° ménage;Prénom;Nom;Sexe;Date de naissance;Lien de parenté',
  'W-1;Awa;Ndiaye;F;12/04/1986;chef',
  'W-1;Modou;Sarr;H;30/09/2019;enfant',
].join('\r\n');

const upload = (headers: Record<string, string>, kind: string, content: string, fileName = 'registre.csv', scheme = 'MUT-A') =>
  app.inject({ method: 'POST', url: `/api/schemes/${scheme}/imports/${kind}`, headers, payload: { fileName, content: Buffer.from(content, 'latin1').toString('base64') } });

/** Polls an upload's status until its run is over, as the web app does. */
async function finished(headers: Record<string, string>, kind: string, id: string): Promise<ImportStatus> {
  for (let i = 0; i < 500; i += 1) {
    const res = await app.inject({ method: 'GET', url: `/api/schemes/MUT-A/imports/${kind}/${id}`, headers });
    expect(res.statusCode, res.body).toBe(200);
    const status = json<ImportStatus>(res);
    if (status.state !== 'running') return status;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error('the run did not finish');
}

describe('imports over HTTP', () => {
  it('upload, dry run, commit: the web app’s steps, with progress and the report from the status', async () => {
    const up = await upload(agent.headers, 'households', REGISTER);
    expect(up.statusCode, up.body).toBe(201);
    const uploaded = json<Uploaded>(up);
    expect(uploaded).toMatchObject({ kind: 'households', format: 'csv', delimiter: ';', encoding: 'windows-1252', rows: 2 });
    expect(uploaded.columns.map((c) => c.name)).toEqual(['N° ménage', 'Prénom', 'Nom', 'Sexe', 'Date de naissance', 'Lien de parenté']);
    expect(uploaded.sample).toEqual([
      { row: 2, cells: ['W-1', 'Awa', 'Ndiaye', 'F', '12/04/1986', 'chef'] },
      { row: 3, cells: ['W-1', 'Modou', 'Sarr', 'H', '30/09/2019', 'enfant'] },
    ]);
    expect(uploaded.valuesFound).toEqual({ sex: ['F', 'H'], relationship: ['chef', 'enfant'] });
    const mapping = uploaded.proposedMapping;
    const base = `/api/schemes/MUT-A/imports/households/${uploaded.importId}`;

    const dry = await app.inject({ method: 'POST', url: `${base}/dry-run`, headers: agent.headers, payload: { mapping } });
    expect(dry.statusCode, dry.body).toBe(202);
    expect(json<ImportStatus>(dry)).toMatchObject({ state: 'running', operation: 'dry_run', total: 2 });
    const dryDone = await finished(agent.headers, 'households', uploaded.importId);
    expect(dryDone).toMatchObject({ state: 'done', done: 2, total: 2, result: { dryRun: true, committed: false, errorCount: 0, created: { households: 1, beneficiaries: 2 } } });
    expect((await app.inject({ method: 'GET', url: '/api/schemes/MUT-A/households/W-1', headers: agent.headers })).statusCode).toBe(404);

    const commit = await app.inject({ method: 'POST', url: `${base}/commit`, headers: agent.headers, payload: { mapping } });
    expect(commit.statusCode, commit.body).toBe(202);
    expect(await finished(agent.headers, 'households', uploaded.importId)).toMatchObject({ state: 'done', operation: 'commit', result: { committed: true } });
    const household = await app.inject({ method: 'GET', url: '/api/schemes/MUT-A/households/W-1', headers: agent.headers });
    expect(household.statusCode).toBe(200);
    expect(json<{ members: { card: string }[] }>(household).members.map((m) => m.card)).toEqual(['W-1-01', 'W-1-02']);

    const again = await app.inject({ method: 'POST', url: `${base}/commit`, headers: agent.headers, payload: { mapping } });
    expect(again.statusCode).toBe(409);
    expect(json(again)).toMatchObject({ error: { code: 'import_committed' } });
  });

  it('the report is in the reader’s language', async () => {
    const uploaded = json<Uploaded>(await upload(agent.headers, 'households', `${REGISTER}\r\nW-2;Awa;Fall;F;31/02/1990;chef`));
    const headers = { ...agent.headers, 'accept-language': 'fr' };
    await app.inject({ method: 'POST', url: `/api/schemes/MUT-A/imports/households/${uploaded.importId}/dry-run`, headers, payload: { mapping: uploaded.proposedMapping } });
    const status = await finished(headers, 'households', uploaded.importId);
    expect(status.result?.errors.map((e) => e.text)).toEqual(['ligne 4, Date de naissance : n’est pas une date : « 31/02/1990 »']);
  });

  it('a mapping that does not fit the file is refused at once, naming the field', async () => {
    const uploaded = json<Uploaded>(await upload(agent.headers, 'households', REGISTER));
    const mapping = { ...uploaded.proposedMapping, columns: { ...uploaded.proposedMapping.columns, sex: 'Genre' } };
    const res = await app.inject({ method: 'POST', url: `/api/schemes/MUT-A/imports/households/${uploaded.importId}/dry-run`, headers: agent.headers, payload: { mapping } });
    expect(res.statusCode).toBe(400);
    expect(json(res)).toMatchObject({ error: { code: 'mapping_invalid', details: [{ field: 'mapping.columns.sex', message: 'the file has no column "Genre"' }] } });
    const typo = await app.inject({ method: 'POST', url: `/api/schemes/MUT-A/imports/households/${uploaded.importId}/dry-run`, headers: agent.headers, payload: { mapping: { columns: { sexe: 'Sexe' } } } });
    expect(typo.statusCode).toBe(400);
  });

  it('a file that is no spreadsheet is refused with the reason', async () => {
    const res = await upload(agent.headers, 'households', '\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1 old excel', 'registre.xls');
    expect(res.statusCode).toBe(400);
    expect(json(res)).toMatchObject({ error: { code: 'unreadable_file', details: [{ field: 'file', message: expect.stringContaining('.xls') }] } });
  });

  it('payments need contributions.write, households members.write; an upload is seen only in its scheme', async () => {
    expect((await upload(claims.headers, 'households', REGISTER)).statusCode).toBe(403);
    expect((await upload(claims.headers, 'payments', 'Ménage;Date;Montant\nW-1;02/01/2025;1000')).statusCode).toBe(403);
    const mine = json<Uploaded>(await upload(agent.headers, 'payments', 'Ménage;Date;Montant;Reçu\nW-1;02/01/2025;1000;R-9'));
    expect(mine.proposedMapping).toMatchObject({ columns: { household: 'Ménage', date: 'Date', amount: 'Montant', receipt: 'Reçu' }, defaults: { method: 'cash' } });
    const elsewhere = await app.inject({ method: 'GET', url: `/api/schemes/MUT-B/imports/payments/${mine.importId}`, headers: outsider.headers });
    expect(elsewhere.statusCode).toBe(404);
    expect(json(elsewhere)).toMatchObject({ error: { code: 'import_not_found' } });
    expect((await app.inject({ method: 'GET', url: `/api/schemes/MUT-A/imports/payments/${mine.importId}`, headers: outsider.headers })).statusCode).toBe(404);
    // An upload of one kind is not the other's.
    expect((await app.inject({ method: 'GET', url: `/api/schemes/MUT-A/imports/households/${mine.importId}`, headers: agent.headers })).statusCode).toBe(404);

    await app.inject({ method: 'POST', url: `/api/schemes/MUT-A/imports/payments/${mine.importId}/commit`, headers: agent.headers, payload: { mapping: mine.proposedMapping } });
    const status = await finished(agent.headers, 'payments', mine.importId);
    expect(status).toMatchObject({ state: 'done', result: { committed: true, created: { payments: 1 } } });
    const account = await app.inject({ method: 'GET', url: '/api/schemes/MUT-A/households/W-1/account', headers: agent.headers });
    expect(json<{ payments: { receipt: string; amount: number }[] }>(account).payments).toMatchObject([{ receipt: 'R-9', amount: 1000 }]);
  });
});
