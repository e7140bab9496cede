import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, json, system, userWithToken } from '../../../test/app.js';
import { createTestDatabase, type TestDatabase } from '../../../test/db.js';
import type { App } from '../../platform/http/types.js';
import { claimsFacts } from '../claims/index.js';
import { resolveScheme } from '../organizations/index.js';
import { loadSchemeFile } from '../scheme-file/index.js';
import { ledgerAccounts as A, type BalanceSheet, type IncomeStatement, type TrialBalance } from './index.js';
import { debitBalance, expectBalanced } from './testing.js';

const example = JSON.parse(readFileSync(new URL('../../../docs/examples/scheme-file.example.json', import.meta.url), 'utf8')) as Record<string, unknown>;
const S = '/api/schemes/MUT-NDIAFFATE/ledger';

let tdb: TestDatabase;
let app: App;
let schemeId: string;
let treasurer: Awaited<ReturnType<typeof userWithToken>>;
let auditor: Awaited<ReturnType<typeof userWithToken>>;

beforeAll(async () => {
  tdb = await createTestDatabase();
  app = await buildTestApp(tdb.db);
  await loadSchemeFile({ db: tdb.db, actor: system.actor }, structuredClone(example));
  schemeId = (await resolveScheme({ db: tdb.db }, 'MUT-NDIAFFATE'))!.id;
  treasurer = await userWithToken(tdb.db, [{ role: 'treasurer', scopeType: 'scheme', scope: 'MUT-NDIAFFATE' }]);
  auditor = await userWithToken(tdb.db, [{ role: 'auditor', scopeType: 'scheme', scope: 'MUT-NDIAFFATE' }]);
});

afterAll(async () => {
  await app?.close();
  await tdb?.drop();
});

describe('the scheme file’s books', () => {
  it('a scheme file with dues, a payment, a claim paid and an expense loads balanced, each fact posted once', async () => {
    await expectBalanced(tdb.db, schemeId);
    // H0001: contribution 3,600 + 1,800 and a joining fee of 1,000, paid 6,400 in cash on 2 January
    expect(await debitBalance(tdb.db, schemeId, A.contributionsReceivable)).toBe(0);
    expect(await debitBalance(tdb.db, schemeId, A.unearnedContributions)).toBe(-5400);
    expect(await debitBalance(tdb.db, schemeId, A.feeIncome)).toBe(-1000);
    // C-000001: a consultation of 1,500 at 75% = 1,125, paid by the bank on 5 June; the expense of 25,000 in cash
    expect(await debitBalance(tdb.db, schemeId, A.claimsExpense)).toBe(1125);
    expect(await debitBalance(tdb.db, schemeId, A.claimsPayable)).toBe(0);
    expect(await debitBalance(tdb.db, schemeId, A.bank)).toBe(-1125);
    expect(await debitBalance(tdb.db, schemeId, A.cash)).toBe(6400 - 25_000);
    expect(await debitBalance(tdb.db, schemeId, A.administrativeExpenses)).toBe(25_000);
    const before = json<{ total: number }>(await app.inject({ method: 'GET', url: `${S}/entries`, headers: auditor.headers })).total;
    expect(before).toBe(5);
    // loading the same file again changes nothing, in the books too
    await loadSchemeFile({ db: tdb.db, actor: system.actor }, structuredClone(example));
    expect(json<{ total: number }>(await app.inject({ method: 'GET', url: `${S}/entries`, headers: auditor.headers })).total).toBe(before);
  });
});

describe('the ledger over HTTP', () => {
  it('statements: the trial balance balances, the income statement ties to the indicators, the balance sheet balances, in French too', async () => {
    const tb = json<TrialBalance>(await app.inject({ method: 'GET', url: `${S}/trial-balance?from=2025-01-01&to=2025-12-31`, headers: auditor.headers }));
    expect(tb).toMatchObject({ balanced: true, totalDebit: tb.totalCredit });
    const is = json<IncomeStatement>(await app.inject({ method: 'GET', url: `${S}/income-statement?from=2025-05-01&to=2025-05-31`, headers: auditor.headers }));
    expect(is.claimsIncurred).toBe(1125);
    expect(is.claimsIncurred).toBe((await claimsFacts(tdb.db, [schemeId], '2025-05-01', '2025-05-31')).incurred);
    expect((json<IncomeStatement>(await app.inject({ method: 'GET', url: `${S}/income-statement?from=2025-06-01&to=2025-06-30`, headers: auditor.headers }))).claimsIncurred).toBe(0);
    const bs = await app.inject({ method: 'GET', url: `${S}/balance-sheet?on=2025-12-31`, headers: { ...auditor.headers, 'accept-language': 'fr' } });
    expect(json<BalanceSheet>(bs)).toMatchObject({ balanced: true, labels: { assets: 'Actif', liabilities: 'Dettes' }, resultToDate: 1000 - 1125 - 25_000 });
    const gl = await app.inject({ method: 'GET', url: `${S}/general-ledger?account=${A.cash}&from=2025-01-01&to=2025-12-31`, headers: auditor.headers });
    expect(json<{ lines: { balance: number }[] }>(gl).lines.map((l) => l.balance)).toEqual([6400, 6400 - 25_000]);
    const bad = await app.inject({ method: 'GET', url: `${S}/trial-balance?from=2025-12-31&to=2025-01-01`, headers: auditor.headers });
    expect(bad.statusCode).toBe(400);
  });

  it('a treasurer records a manual entry with an attachment and reverses it; an auditor may only read', async () => {
    const body = { date: '2025-07-01', memo: 'Subvention de la commune', lines: [{ account: A.bank, debit: 50_000 }, { account: A.subsidyIncome, credit: 50_000 }] };
    expect((await app.inject({ method: 'POST', url: `${S}/entries`, headers: auditor.headers, payload: body })).statusCode).toBe(403);
    const created = await app.inject({ method: 'POST', url: `${S}/entries`, headers: treasurer.headers, payload: body });
    expect(created.statusCode).toBe(201);
    const entry = json<{ id: string; number: number }>(created);
    const attached = await app.inject({ method: 'POST', url: `${S}/entries/${entry.id}/attachments`, headers: treasurer.headers, payload: { fileName: 'convention.pdf', content: Buffer.from('%PDF-1.4 convention').toString('base64') } });
    expect(attached.statusCode).toBe(201);
    const [file] = json<{ attachments: { id: string; contentType: string }[] }>(attached).attachments;
    expect(file!.contentType).toBe('application/pdf');
    const download = await app.inject({ method: 'GET', url: `${S}/entries/${entry.id}/attachments/${file!.id}`, headers: auditor.headers });
    expect(download.body).toBe('%PDF-1.4 convention');
    const unbalanced = await app.inject({ method: 'POST', url: `${S}/entries`, headers: treasurer.headers, payload: { ...body, lines: [{ account: A.bank, debit: 50_000 }, { account: 'NOPE', credit: 40_000 }] } });
    expect(unbalanced.statusCode).toBe(400);
    expect(json<{ error: { details: { field: string }[] } }>(unbalanced).error.details.map((d) => d.field)).toEqual(['lines[1].account', 'lines']);
    const reversal = await app.inject({ method: 'POST', url: `${S}/entries/${entry.id}/reversal`, headers: treasurer.headers, payload: { reason: 'recorded in the wrong scheme' } });
    expect(reversal.statusCode).toBe(201);
    expect(json<{ reversalOf: string }>(reversal).reversalOf).toBe(entry.id);
    expect(await debitBalance(tdb.db, schemeId, A.subsidyIncome)).toBe(0);
    await expectBalanced(tdb.db, schemeId);
  });

  it('the chart is configurable: an account added under a parent, renamed; system accounts stay', async () => {
    const added = await app.inject({ method: 'POST', url: `${S}/accounts`, headers: treasurer.headers, payload: { code: '6350', nameEn: 'Telephone', nameFr: 'Téléphone', parent: '6300' } });
    expect(json(added)).toMatchObject({ code: '6350', type: 'expense', nature: 'administrative_expense', system: false });
    const renamed = await app.inject({ method: 'PATCH', url: `${S}/accounts/${A.cash}`, headers: treasurer.headers, payload: { nameFr: 'Caisse du siège' } });
    expect(json(renamed)).toMatchObject({ nameFr: 'Caisse du siège', system: true });
    const removed = await app.inject({ method: 'DELETE', url: `${S}/accounts/${A.cash}`, headers: treasurer.headers });
    expect(json<{ error: { code: string } }>(removed).error.code).toBe('ledger_system_account');
    expect((await app.inject({ method: 'DELETE', url: `${S}/accounts/6350`, headers: treasurer.headers })).statusCode).toBe(204);
  });

  it('closing January refuses a manual entry dated in it', async () => {
    const closed = await app.inject({ method: 'POST', url: `${S}/periods/2025-01/close`, headers: treasurer.headers });
    expect(closed.statusCode).toBe(201);
    // 5,400 for 2025 (365 days), 31 days by 31 January: 458.63 -> 459
    expect(json<{ earned: number }>(closed).earned).toBe(459);
    expect(json(await app.inject({ method: 'GET', url: `${S}/periods`, headers: auditor.headers }))).toEqual({ closedThrough: '2025-01-31', months: ['2025-01'] });
    const refused = await app.inject({
      method: 'POST',
      url: `${S}/entries`,
      headers: treasurer.headers,
      payload: { date: '2025-01-31', memo: 'Late invoice', lines: [{ account: A.administrativeExpenses, debit: 100 }, { account: A.cash, credit: 100 }] },
    });
    expect(refused.statusCode).toBe(409);
    expect(json<{ error: { code: string } }>(refused).error.code).toBe('ledger_period_closed');
    await expectBalanced(tdb.db, schemeId);
  });
});
