import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/db.js';
import { submitClaim } from '../claims/index.js';
import { claimsScheme } from '../claims/testing.js';
import { getScheme, updateScheme } from '../organizations/index.js';
import { dhis2Export, reportData, reportFile } from './index.js';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => database?.drop());

const consultation = (number: string, member: string, from: string, quantity = 1, provider = 'CS') => ({
  number, provider, member, from, to: from, submittedOn: from, lines: [{ service: 'CONS', quantity, unitPrice: 1500 }],
});

async function sheetRows(bytes: Buffer, name: string): Promise<unknown[][]> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(bytes as unknown as ArrayBuffer);
  const sheet = book.getWorksheet(name)!;
  const rows: unknown[][] = [];
  sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  return rows;
}

describe('reports', () => {
  it('the activity report gives the claims by provider and category, the reserves and every indicator, as PDF and as XLSX', async () => {
    const { ctx, schemeId, code } = await claimsScheme(database.db, { households: 2 });
    // Consultations pay 75 % of 1,500: 1,125 a unit.
    await submitClaim(ctx, schemeId, consultation('C-1', 'H1-01', '2025-03-03'));
    await submitClaim(ctx, schemeId, consultation('C-2', 'H2-01', '2025-03-10', 2));
    await submitClaim(ctx, schemeId, consultation('H-1', 'H1-01', '2025-03-12', 1, 'HOP'));
    await submitClaim(ctx, schemeId, consultation('C-0', 'H1-01', '2025-02-10'));
    const scheme = await getScheme(ctx, code);

    const data = await reportData(ctx, scheme, 'activity', '2025-03-01', '2025-03-31', 'en');
    expect(data.providers).toEqual([
      { provider: 'CS', claims: 2, asked: 4500, payable: 3375, nothingPaid: 0 },
      { provider: 'HOP', claims: 1, asked: 1500, payable: 1125, nothingPaid: 0 },
    ]);
    const incurred = data.indicators.find((i) => i.code === 'incurred_claims')!;
    expect(incurred.numerator ?? incurred.value).toBe(4500);
    expect(data.reserves.outstanding).toMatchObject({ claims: 4, payable: 5625 });

    const pdf = await reportFile(ctx, scheme, 'activity', 'pdf', '2025-03-01', '2025-03-31', 'fr');
    expect(pdf.contentType).toBe('application/pdf');
    expect(pdf.bytes.subarray(0, 5).toString()).toBe('%PDF-');

    const xlsx = await reportFile(ctx, scheme, 'activity', 'xlsx', '2025-03-01', '2025-03-31', 'en');
    expect(await sheetRows(xlsx.bytes, 'Claims by provider')).toEqual([
      ['Provider', 'Claims', 'Asked (XOF, minor units)', 'Paid by the scheme (XOF, minor units)', 'Paying nothing'],
      ['CS', 2, 4500, 3375, 0],
      ['HOP', 1, 1500, 1125, 0],
    ]);
    const category = await sheetRows(xlsx.bytes, 'Claims by benefit category');
    expect(category[1]!.slice(0, 3)).toEqual(['Consultation', 3, 4500]);
    const indicators = await sheetRows(xlsx.bytes, 'Indicators and what they mean');
    expect(indicators.find((r) => r[0] === 'incurred_claims')?.[1]).toBe('Incurred claims');

    const annual = await reportFile(ctx, scheme, 'annual', 'xlsx', '2025-01-01', '2025-12-31', 'fr');
    const months = await sheetRows(annual.bytes, 'Mois par mois');
    expect(months).toHaveLength(13);
    expect(months[3]![2]).toBe(4500);
  });

  it('exports the indicators for DHIS2 with the scheme’s organisation unit and data element codes', async () => {
    const { ctx, schemeId, code } = await claimsScheme(database.db);
    await submitClaim(ctx, schemeId, consultation('C-1', 'H1-01', '2025-03-03'));
    await updateScheme(ctx, code, { settings: { dhis2OrgUnit: 'SN-KL-NDF', 'dhis2:incurred_claims': 'CMU_SINISTRES' } });
    const scheme = await getScheme(ctx, code);
    const json = JSON.parse((await dhis2Export(ctx, scheme, 'json', '2025-03-01', '2025-03-31')).bytes.toString()) as { period: string; orgUnit: string; dataValues: { dataElement: string; value: string }[] };
    expect([json.period, json.orgUnit]).toEqual(['202503', 'SN-KL-NDF']);
    expect(json.dataValues.find((v) => v.dataElement === 'CMU_SINISTRES')?.value).toBe('1125');
    const adx = (await dhis2Export(ctx, scheme, 'adx', '2025-03-01', '2025-03-31')).bytes.toString();
    expect(adx).toContain('<group orgUnit="SN-KL-NDF" period="2025-03-01/P1M" completed="true">');
    await expect(dhis2Export(ctx, scheme, 'json', '2025-03-05', '2025-03-31')).rejects.toMatchObject({ code: 'validation_failed' });
  });
});
