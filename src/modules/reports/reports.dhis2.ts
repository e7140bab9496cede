/**
 * Indicators for national health information systems running DHIS2: the ADX XML format (ISO
 * 17999 / IHE ADX, which DHIS2 imports at /api/dataValueSets with Content-Type application/adx+xml)
 * and DHIS2's own dataValueSets JSON. Pure: values in, text out.
 *
 * - A data element per indicator: its code is the scheme's mapping (settings `dhis2.dataElements`,
 *   indicator code → DHIS2 data element code) or, by default, `MUTUA_` + the code in capitals with
 *   dots as underscores (`MUTUA_UTILIZATION_RATE_CONSULTATION`), to create once in DHIS2.
 * - The organisation unit is the scheme's `dhis2.orgUnit` setting, else its code; ADX and the JSON
 *   both name units and elements by code (`idScheme=code` on import).
 * - The period is the calendar month or year the range covers exactly, else the ISO 8601 range
 *   (ADX: `2025-01-01/P1M`; dataValueSets: `202501`, `2025`, or for other ranges the day-based
 *   DHIS2 form is not defined: refused).
 * - An indicator without a value (a ratio over 0) is left out: DHIS2 stores no empty values.
 */

export interface Dhis2Value {
  code: string;
  value: number | null;
}

export interface Dhis2Target {
  orgUnit: string;
  dataSet?: string | null;
  /** Indicator code → data element code. */
  dataElements?: Record<string, string>;
}

export function dataElementOf(code: string, mapping: Record<string, string> = {}): string {
  return mapping[code] ?? `MUTUA_${code.toUpperCase().replace(/[^A-Z0-9]+/g, '_')}`;
}

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The period a range covers: a whole month, a whole year, or neither. */
export function periodOf(from: string, to: string): { kind: 'month' | 'year'; dhis2: string; iso: string } | undefined {
  const [fy, fm, fd] = from.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = to.split('-').map(Number) as [number, number, number];
  if (fd !== 1) return undefined;
  if (fy === ty && fm === tm && td === daysIn(ty, tm)) return { kind: 'month', dhis2: `${fy}${String(fm).padStart(2, '0')}`, iso: `${from}/P1M` };
  if (fy === ty && fm === 1 && tm === 12 && td === 31) return { kind: 'year', dhis2: String(fy), iso: `${from}/P1Y` };
  return undefined;
}

/** Numbers as DHIS2 reads them: no exponent, at most 6 decimals, no trailing zeros. */
function number(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(6).replace(/0+$/, '').replace(/\.$/, '');
}

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');

/** An ADX document of one group: the unit, the period, one dataValue per indicator with a value. */
export function toAdx(values: Dhis2Value[], target: Dhis2Target, from: string, to: string, exported: Date): string {
  const period = periodOf(from, to)?.iso ?? `${from}/P${Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000) + 1}D`;
  const lines = values
    .filter((v) => v.value !== null && Number.isFinite(v.value))
    .map((v) => `    <dataValue dataElement="${escapeXml(dataElementOf(v.code, target.dataElements))}" value="${number(v.value!)}"/>`);
  const dataSet = target.dataSet ? ` dataSet="${escapeXml(target.dataSet)}"` : '';
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<adx xmlns="urn:ihe:qrph:adx:2015" exported="${exported.toISOString()}">`,
    `  <group orgUnit="${escapeXml(target.orgUnit)}" period="${period}" completed="true"${dataSet}>`,
    ...lines,
    '  </group>',
    '</adx>',
    '',
  ].join('\n');
}

export interface DataValueSet {
  dataSet?: string;
  period: string;
  orgUnit: string;
  completeDate: string;
  dataValues: { dataElement: string; period: string; orgUnit: string; value: string }[];
}

/** DHIS2's dataValueSets JSON (import with `dataElementIdScheme=code&orgUnitIdScheme=code`). Whole months or years only. */
export function toDataValueSet(values: Dhis2Value[], target: Dhis2Target, from: string, to: string, exported: Date): DataValueSet | undefined {
  const period = periodOf(from, to);
  if (!period) return undefined;
  return {
    ...(target.dataSet ? { dataSet: target.dataSet } : {}),
    period: period.dhis2,
    orgUnit: target.orgUnit,
    completeDate: exported.toISOString().slice(0, 10),
    dataValues: values
      .filter((v) => v.value !== null && Number.isFinite(v.value))
      .map((v) => ({ dataElement: dataElementOf(v.code, target.dataElements), period: period.dhis2, orgUnit: target.orgUnit, value: number(v.value!) })),
  };
}
