import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, json, userWithToken } from '../../../test/app.js';
import { createTestDatabase, type TestDatabase } from '../../../test/db.js';
import type { App } from '../../platform/http/types.js';
import { submitClaim } from '../claims/index.js';
import { claimsScheme } from '../claims/testing.js';
import type { PricingHistory, PricingResult } from './pricing.schemas.js';
import { specExample } from './testing.js';

let tdb: TestDatabase;
let app: App;
let scheme: string;
let manager: Awaited<ReturnType<typeof userWithToken>>;
let treasurer: Awaited<ReturnType<typeof userWithToken>>;

const input = specExample();

beforeAll(async () => {
  tdb = await createTestDatabase();
  app = await buildTestApp(tdb.db);
  const s = await claimsScheme(tdb.db);
  scheme = s.code;
  await submitClaim(s.ctx, s.schemeId, { number: 'C-1', provider: 'CS', member: 'H1-01', from: '2025-02-03', to: '2025-02-03', submittedOn: '2025-02-04', lines: [{ service: 'CONS', quantity: 1, unitPrice: 1500 }] });
  manager = await userWithToken(tdb.db, [{ role: 'scheme_manager', scopeType: 'scheme', scope: scheme }]);
  treasurer = await userWithToken(tdb.db, [{ role: 'treasurer', scopeType: 'scheme', scope: scheme }]);
});

afterAll(async () => {
  await app.close();
  await tdb.drop();
});

describe('pricing over HTTP', () => {
  it('calculates the spec’s example with the spec’s keys', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/pricing/calculate', headers: manager.headers, payload: input });
    expect(res.statusCode).toBe(200);
    const r = json<PricingResult>(res);
    expect([r.contributionPerPerson, r.contributionPerHousehold, r.projection.length]).toEqual([5300, 32300, 3]);
    expect(Object.keys(r.perCategory[0]!)).toEqual(expect.arrayContaining(['category', 'insuredFrequency', 'costPerCase', 'purePremium']));
    expect(Object.keys(r.projection[0]!)).toEqual(
      expect.arrayContaining(['year', 'members', 'contributions', 'claims', 'runningCosts', 'result', 'reserve', 'claimsRatio', 'balancingContribution']),
    );
  });

  it('names the bad field, in the reader’s language', async () => {
    const bad = { ...input, categories: [{ ...input.categories[0], coverageRate: 1.5 }] };
    const res = await app.inject({ method: 'POST', url: '/api/pricing/calculate', headers: { ...manager.headers, 'accept-language': 'fr' }, payload: bad });
    expect(res.statusCode).toBe(400);
    expect(json<{ error: { details: { field: string }[] } }>(res).error.details.map((d) => d.field)).toEqual(['categories[0].coverageRate']);
    const both = { ...input, categories: [{ ...input.categories[2], coverageRate: 0.5 }] };
    const res2 = await app.inject({ method: 'POST', url: '/api/pricing/calculate', headers: manager.headers, payload: both });
    expect(res2.statusCode).toBe(400);
    expect(json<{ error: { code: string; details: { field: string }[] } }>(res2).error).toMatchObject({ code: 'pricing_input_invalid', details: [{ field: 'categories[0].copayment' }] });
  });

  it('writes the study as a one-page PDF', async () => {
    for (const locale of ['en', 'fr']) {
      const res = await app.inject({ method: 'POST', url: '/api/pricing/study.pdf', headers: manager.headers, payload: { input, locale } });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('application/pdf');
      expect(res.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
      expect(res.rawPayload.toString('latin1')).toMatch(/\/Count 1\b/);
    }
  });

  it('gives the scheme’s history as a ready input, to those who may price', async () => {
    const res = await app.inject({ method: 'GET', url: `/api/schemes/${scheme}/pricing/history?from=2025-01-01&to=2025-12-31&product=BASE`, headers: manager.headers });
    expect(res.statusCode).toBe(200);
    const h = json<PricingHistory>(res);
    // 2 households of 2 members covered all 2025: 4 beneficiary-years, 1 consultation
    expect(h.beneficiaryYears).toBe(4);
    expect(h.categories.find((c) => c.category === 'consultation')).toMatchObject({ cases: 1, frequency: 0.25, costPerCase: 1125, warning: 'few_cases' });
    expect(h.input.categories.every((c) => c.source === 'history')).toBe(true);
    const priced = await app.inject({ method: 'POST', url: '/api/pricing/calculate', headers: manager.headers, payload: h.input });
    expect(priced.statusCode).toBe(200);
    const forbidden = await app.inject({ method: 'GET', url: `/api/schemes/${scheme}/pricing/history?from=2025-01-01&to=2025-12-31&product=BASE`, headers: treasurer.headers });
    expect(forbidden.statusCode).toBe(403);
  });
});
