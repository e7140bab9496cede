import { describe, expect, it } from 'vitest';
import { dataElementOf, periodOf, toAdx, toDataValueSet } from './reports.dhis2.js';

const values = [
  { code: 'beneficiaries', value: 1234 },
  { code: 'claims_ratio', value: 0.6234567891 },
  { code: 'utilization_rate.consultation', value: 1.25 },
  { code: 'growth_rate', value: null },
];
const at = new Date('2025-02-03T10:00:00Z');

describe('DHIS2 exports', () => {
  it('names data elements by the scheme’s mapping, else MUTUA_ and the code', () => {
    expect(dataElementOf('utilization_rate.consultation')).toBe('MUTUA_UTILIZATION_RATE_CONSULTATION');
    expect(dataElementOf('claims_ratio', { claims_ratio: 'CMU_RATIO_SINISTRES' })).toBe('CMU_RATIO_SINISTRES');
  });

  it('knows whole months and years, across February of a leap year', () => {
    expect(periodOf('2024-02-01', '2024-02-29')).toEqual({ kind: 'month', dhis2: '202402', iso: '2024-02-01/P1M' });
    expect(periodOf('2024-02-01', '2024-02-28')).toBeUndefined();
    expect(periodOf('2025-01-01', '2025-12-31')).toEqual({ kind: 'year', dhis2: '2025', iso: '2025-01-01/P1Y' });
    expect(periodOf('2025-01-15', '2025-02-14')).toBeUndefined();
  });

  it('writes ADX with one value per indicator that has one, numbers without exponent, names escaped', () => {
    const xml = toAdx(values, { orgUnit: 'MUT&NDIAFFATE', dataSet: 'MUTUA_MONTHLY' }, '2025-01-01', '2025-01-31', at);
    expect(xml).toBe(
      [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<adx xmlns="urn:ihe:qrph:adx:2015" exported="2025-02-03T10:00:00.000Z">',
        '  <group orgUnit="MUT&amp;NDIAFFATE" period="2025-01-01/P1M" completed="true" dataSet="MUTUA_MONTHLY">',
        '    <dataValue dataElement="MUTUA_BENEFICIARIES" value="1234"/>',
        '    <dataValue dataElement="MUTUA_CLAIMS_RATIO" value="0.623457"/>',
        '    <dataValue dataElement="MUTUA_UTILIZATION_RATE_CONSULTATION" value="1.25"/>',
        '  </group>',
        '</adx>',
        '',
      ].join('\n'),
    );
    // A range that is not a month or a year is an ISO duration in days.
    expect(toAdx([], { orgUnit: 'X' }, '2025-01-10', '2025-02-08', at)).toContain('period="2025-01-10/P30D"');
  });

  it('writes dataValueSets JSON for a whole month or year, and refuses other ranges', () => {
    expect(toDataValueSet(values, { orgUnit: 'MUT-1' }, '2025-01-01', '2025-12-31', at)).toEqual({
      period: '2025',
      orgUnit: 'MUT-1',
      completeDate: '2025-02-03',
      dataValues: [
        { dataElement: 'MUTUA_BENEFICIARIES', period: '2025', orgUnit: 'MUT-1', value: '1234' },
        { dataElement: 'MUTUA_CLAIMS_RATIO', period: '2025', orgUnit: 'MUT-1', value: '0.623457' },
        { dataElement: 'MUTUA_UTILIZATION_RATE_CONSULTATION', period: '2025', orgUnit: 'MUT-1', value: '1.25' },
      ],
    });
    expect(toDataValueSet(values, { orgUnit: 'MUT-1' }, '2025-01-01', '2025-01-30', at)).toBeUndefined();
  });
});
