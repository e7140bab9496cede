import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, json, userWithToken } from '../../../test/app.js';
import { createTestDatabase, type TestDatabase } from '../../../test/db.js';
import type { App } from '../../platform/http/types.js';
import { claimsScheme } from '../claims/testing.js';
import type { IndicatorsReport, IndicatorSeries } from './index.js';

let tdb: TestDatabase;
let app: App;
let code: string;
let manager: Record<string, string>;
let treasurer: Record<string, string>;

beforeAll(async () => {
  tdb = await createTestDatabase();
  app = await buildTestApp(tdb.db);
  // Two households enrolled on 2025-01-01 and paid (5,400 of contribution each, for the year).
  ({ code } = await claimsScheme(tdb.db, { households: 2 }));
  manager = (await userWithToken(tdb.db, [{ role: 'scheme_manager', scopeType: 'scheme', scope: code }])).headers;
  treasurer = (await userWithToken(tdb.db, [{ role: 'treasurer', scopeType: 'scheme', scope: code }])).headers;
});

afterAll(async () => {
  await app.close();
  await tdb.drop();
});

const get = (url: string, headers: Record<string, string>) => app.inject({ method: 'GET', url, headers });

describe('indicators over HTTP', () => {
  it('a treasurer reads the scheme’s indicators, explained in French when asked in French', async () => {
    const response = await get(`/api/schemes/${code}/indicators?from=2025-01-01&to=2025-12-31`, { ...treasurer, 'accept-language': 'fr' });
    expect(response.statusCode, response.body).toBe(200);
    const report = json<IndicatorsReport>(response);
    expect(report.scope).toEqual({ kind: 'scheme', code, schemes: [code] });
    const earned = report.indicators.find((i) => i.code === 'earned_contributions')!;
    expect(earned).toMatchObject({ value: 10_800, numerator: 10_800, denominator: null, previousYear: { value: 0 } });
    expect(earned.threshold.meaning).toMatch(/^Cotisations acquises sur la période \(droits exclus\) : 10\s800\sF\s?CFA\.$/);
    const renewal = report.indicators.find((i) => i.code === 'renewal_rate')!;
    expect(renewal).toMatchObject({ value: 0, numerator: 0, denominator: 2, threshold: { level: 'bad' } });
  });

  it('a monthly series has one point a month', async () => {
    const response = await get(`/api/schemes/${code}/indicators/series?from=2025-01-01&to=2025-03-31&code=beneficiaries`, treasurer);
    expect(response.statusCode, response.body).toBe(200);
    expect(json<IndicatorSeries>(response).points.map((p) => [p.month, p.value])).toEqual([['2025-01', 4], ['2025-02', 4], ['2025-03', 4]]);
  });

  it('the manager sets the scheme’s own limits (audited); the treasurer may read them, not change them', async () => {
    const put = (headers: Record<string, string>) => app.inject({
      method: 'PUT', url: `/api/schemes/${code}/indicators/thresholds`, headers, payload: { thresholds: [{ code: 'renewal_rate', watch: 0.2, bad: null }] },
    });
    expect((await put(treasurer)).statusCode).toBe(403);
    const done = await put(manager);
    expect(done.statusCode, done.body).toBe(200);
    expect(json<{ code: string; watch: number | null; bad: number | null; custom: boolean }[]>(done).find((t) => t.code === 'renewal_rate')).toEqual({ code: 'renewal_rate', direction: 'below', watch: 0.2, bad: null, custom: true });
    const read = await get(`/api/schemes/${code}/indicators/thresholds`, treasurer);
    expect(json<{ code: string; custom: boolean }[]>(read).filter((t) => t.custom).map((t) => t.code)).toEqual(['renewal_rate']);
    const report = json<IndicatorsReport>(await get(`/api/schemes/${code}/indicators?from=2025-01-01&to=2025-12-31`, treasurer));
    expect(report.indicators.find((i) => i.code === 'renewal_rate')!.threshold.level).toBe('watch');
    const audit = await tdb.db.selectFrom('audit_log').select(['action']).where('action', '=', 'indicators.thresholds').execute();
    expect(audit).toHaveLength(1);
  });

  it('bad input is refused with the field named', async () => {
    const response = await get(`/api/schemes/${code}/indicators?from=2025-12-31&to=2025-01-01`, treasurer);
    expect(response.statusCode).toBe(400);
    expect(json<{ error: { code: string; details: { field: string }[] } }>(response).error).toMatchObject({ code: 'validation_failed', details: [{ field: 'to' }] });
  });
});
