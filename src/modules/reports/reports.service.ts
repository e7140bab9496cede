import ExcelJS from 'exceljs';
import type { ServiceContext } from '../../platform/context.js';
import { today } from '../../platform/dates.js';
import { ValidationError } from '../../platform/errors.js';
import { translate, type Locale } from '../../platform/i18n/index.js';
import { claimsByProvider, type ProviderClaims } from '../claims/index.js';
import { formatDate, renderDocument, safeFileName, type PrintedDocument, type PrintedFile, type Section } from '../documents/index.js';
import { indicatorSeries, indicatorsReport, type IndicatorsReport } from '../indicators/index.js';
import type { Scheme } from '../organizations/index.js';
import { claimsReserves, type Reserves } from '../reserves/index.js';
import { periodOf, toAdx, toDataValueSet, type Dhis2Target } from './reports.dhis2.js';
import { formatAmount, formatCount, formatFigure } from './reports.figures.js';

type Ctx = Pick<ServiceContext, 'db'>;
type Indicator = IndicatorsReport['indicators'][number];

export const reportKinds = ['activity', 'annual'] as const;
export type ReportKind = (typeof reportKinds)[number];
export const reportFormats = ['pdf', 'xlsx'] as const;
export type ReportFormat = (typeof reportFormats)[number];

/** Everything a report shows, gathered once and laid out as PDF or XLSX. */
export interface ReportData {
  kind: ReportKind;
  scheme: Pick<Scheme, 'code' | 'name' | 'currency'>;
  from: string;
  to: string;
  producedOn: string;
  indicators: Indicator[];
  providers: ProviderClaims[];
  reserves: Reserves;
  /** Annual report: incurred claims and earned contributions month by month. */
  months: { month: string; claims: number; contributions: number }[];
}

const MAX_DAYS = 366 * 5;

function checkPeriod(from: string, to: string): void {
  if (to < from) throw new ValidationError([{ field: 'to', message: `is before from (${from})` }]);
  if ((Date.parse(to) - Date.parse(from)) / 86_400_000 > MAX_DAYS) throw new ValidationError([{ field: 'to', message: 'a report covers at most five years' }]);
}

/** Gathers a report's figures for one scheme and period (an annual report: the calendar year of `from`). Reads only. */
export async function reportData(ctx: Ctx, scheme: Pick<Scheme, 'id' | 'code' | 'name' | 'currency'>, kind: ReportKind, from: string, to: string, locale: Locale): Promise<ReportData> {
  checkPeriod(from, to);
  const scope = { kind: 'scheme' as const, code: scheme.code, schemeIds: [scheme.id] };
  const [indicators, providers, reserves] = await Promise.all([
    indicatorsReport(ctx, scope, { from, to }, locale),
    claimsByProvider(ctx.db, [scheme.id], from, to),
    claimsReserves(ctx, [scheme.id], { on: to, months: 12 }),
  ]);
  let months: ReportData['months'] = [];
  if (kind === 'annual') {
    const [claims, contributions] = await Promise.all([
      indicatorSeries(ctx, scope, { from, to, code: 'incurred_claims' }),
      indicatorSeries(ctx, scope, { from, to, code: 'earned_contributions' }),
    ]);
    months = claims.points.map((p, i) => ({ month: p.month, claims: p.value ?? 0, contributions: contributions.points[i]?.value ?? 0 }));
  }
  return { kind, scheme: { code: scheme.code, name: scheme.name, currency: scheme.currency }, from, to, producedOn: today(), indicators: indicators.indicators, providers, reserves, months };
}

const CATEGORY_CODE = /^(utilization_rate|average_cost)\.(.+)$/;

/** Per benefit category: cases, payable, average cost and use, from the per-category indicators. */
function categories(indicators: Indicator[]) {
  const byCategory = new Map<string, { cases: number; payable: number; average: number | null; use: number | null; payableLastYear: number }>();
  for (const i of indicators) {
    const m = CATEGORY_CODE.exec(i.code);
    if (!m) continue;
    const row = byCategory.get(m[2]!) ?? { cases: 0, payable: 0, average: null, use: null, payableLastYear: 0 };
    if (m[1] === 'average_cost') {
      row.payable = i.numerator ?? 0;
      row.cases = i.denominator ?? 0;
      row.average = i.value;
      row.payableLastYear = i.previousYear.numerator ?? 0;
    } else row.use = i.value;
    byCategory.set(m[2]!, row);
  }
  return [...byCategory.entries()].filter(([, r]) => r.cases > 0 || r.payableLastYear > 0).map(([category, r]) => ({ category, ...r }));
}

function indicatorName(code: string, locale: Locale): string {
  const m = CATEGORY_CODE.exec(code);
  if (m) return translate(locale, `indicators.names.${m[1]}`, { category: translate(locale, `claims.categories.${m[2]}`) });
  return translate(locale, `indicators.names.${code}`);
}

const KEY_FIGURES = {
  membership: ['beneficiaries', 'households', 'growth_rate', 'renewal_rate', 'penetration_rate'],
  contributions: ['earned_contributions', 'collection_rate'],
  claims: ['incurred_claims', 'claims_ratio', 'rejection_rate', 'settlement_days', 'provider_payment_delay'],
  finances: ['expense_ratio', 'net_income_ratio', 'liquidity_ratio', 'reserve_months', 'solvency_ratio'],
} as const;

/** The report as an A4 document in the reader's language. */
export function reportDocument(data: ReportData, locale: Locale): PrintedDocument {
  const t = (key: string, params: Record<string, unknown> = {}) => translate(locale, `reports.${key}`, params);
  const money = (amount: number) => formatAmount(amount, locale, data.scheme.currency);
  const byCode = new Map(data.indicators.map((i) => [i.code, i]));
  const figure = (code: string): [string, string] => {
    const i = byCode.get(code);
    const value = formatFigure(code, i?.value ?? null, locale, data.scheme.currency);
    const before = i ? formatFigure(code, i.previousYear.value, locale, data.scheme.currency) : '—';
    return [indicatorName(code, locale), t('valueAndLastYear', { value, before })];
  };
  const cats = categories(data.indicators);
  const sections: Section[] = [
    { kind: 'heading', text: t('membership') },
    { kind: 'fields', rows: KEY_FIGURES.membership.map(figure) },
    { kind: 'heading', text: t('contributions') },
    { kind: 'fields', rows: KEY_FIGURES.contributions.map(figure) },
    { kind: 'heading', text: t('claims') },
    { kind: 'fields', rows: KEY_FIGURES.claims.map(figure) },
    { kind: 'paragraph', text: t('byCategory'), bold: true },
    {
      kind: 'table',
      columns: [
        { header: t('category'), width: 0.3 },
        { header: t('cases'), width: 0.14, align: 'right' },
        { header: t('payable'), width: 0.2, align: 'right' },
        { header: t('averageCost'), width: 0.18, align: 'right' },
        { header: t('use'), width: 0.18, align: 'right' },
      ],
      rows: cats.map((c) => ({
        cells: [translate(locale, `claims.categories.${c.category}`), formatCount(c.cases, locale), money(c.payable), c.average === null ? '—' : money(Math.round(c.average)), formatFigure('utilization_rate', c.use, locale, data.scheme.currency)],
      })),
      empty: t('noClaims'),
    },
    {
      kind: 'bars',
      labels: cats.map((c) => translate(locale, `claims.categories.${c.category}`)),
      series: [
        { name: t('thisPeriod'), values: cats.map((c) => c.payable) },
        { name: t('lastYear'), values: cats.map((c) => c.payableLastYear) },
      ],
      format: money,
    },
    { kind: 'paragraph', text: t('byProvider'), bold: true },
    {
      kind: 'table',
      columns: [
        { header: t('provider'), width: 0.34 },
        { header: t('claimsCount'), width: 0.14, align: 'right' },
        { header: t('asked'), width: 0.18, align: 'right' },
        { header: t('payable'), width: 0.18, align: 'right' },
        { header: t('nothingPaid'), width: 0.16, align: 'right' },
      ],
      rows: data.providers.map((p) => ({ cells: [p.provider, formatCount(p.claims, locale), money(p.asked), money(p.payable), formatCount(p.nothingPaid, locale)] })),
      empty: t('noClaims'),
    },
  ];
  if (data.kind === 'annual' && data.months.length) {
    sections.push(
      { kind: 'paragraph', text: t('byMonth'), bold: true },
      {
        kind: 'bars',
        labels: data.months.map((m) => m.month),
        series: [
          { name: indicatorName('earned_contributions', locale), values: data.months.map((m) => m.contributions) },
          { name: indicatorName('incurred_claims', locale), values: data.months.map((m) => m.claims) },
        ],
        format: money,
      },
    );
  }
  sections.push(
    { kind: 'heading', text: t('finances') },
    { kind: 'fields', rows: KEY_FIGURES.finances.map(figure) },
    { kind: 'paragraph', text: t('reservesTitle', { date: formatDate(data.to, locale) }), bold: true },
    {
      kind: 'fields',
      rows: [
        [t('outstanding'), t('outstandingValue', { amount: money(data.reserves.outstanding.payable), claims: formatCount(data.reserves.outstanding.claims, locale) })],
        [t('ibnr'), money(data.reserves.ibnr.total)],
      ],
    },
    { kind: 'heading', text: t('indicators') },
    {
      kind: 'table',
      columns: [
        { header: t('indicator'), width: 0.3 },
        { header: t('value'), width: 0.15, align: 'right' },
        { header: t('lastYear'), width: 0.15, align: 'right' },
        { header: t('level'), width: 0.1 },
        { header: t('meaning'), width: 0.3 },
      ],
      rows: data.indicators
        .filter((i) => !CATEGORY_CODE.test(i.code))
        .map((i) => ({
          cells: [
            indicatorName(i.code, locale),
            formatFigure(i.code, i.value, locale, data.scheme.currency),
            formatFigure(i.code, i.previousYear.value, locale, data.scheme.currency),
            i.threshold.level ? t(`levels.${i.threshold.level}`) : '',
            i.threshold.meaning,
          ],
        })),
    },
  );
  return {
    scheme: data.scheme.name,
    title: t(`title.${data.kind}`),
    subtitle: t('period', { from: formatDate(data.from, locale), to: formatDate(data.to, locale) }),
    sections,
    footer: [t('footer', { date: formatDate(data.producedOn, locale) })],
    pageLabel: (page, pages) => t('page', { page, pages }),
  };
}

/** The report as a workbook: key figures, every indicator with its numerator and denominator, claims, reserves. */
export async function reportWorkbook(data: ReportData, locale: Locale): Promise<Buffer> {
  const t = (key: string, params: Record<string, unknown> = {}) => translate(locale, `reports.${key}`, params);
  const book = new ExcelJS.Workbook();
  book.creator = 'Mutua';
  const sheet = (name: string, headers: string[], rows: (string | number | null)[][], widths: number[]) => {
    const s = book.addWorksheet(name.slice(0, 31));
    s.addRow(headers).font = { bold: true };
    for (const r of rows) s.addRow(r);
    widths.forEach((w, i) => (s.getColumn(i + 1).width = w));
    s.views = [{ state: 'frozen', ySplit: 1 }];
    return s;
  };
  sheet(
    t('indicators'),
    [t('code'), t('indicator'), t('value'), t('numerator'), t('denominator'), t('lastYear'), t('level'), t('meaning')],
    data.indicators.map((i) => [i.code, indicatorName(i.code, locale), i.value, i.numerator, i.denominator, i.previousYear.value, i.threshold.level ? t(`levels.${i.threshold.level}`) : null, i.threshold.meaning]),
    [30, 36, 14, 16, 16, 14, 10, 80],
  );
  sheet(
    t('byCategory'),
    [t('category'), t('cases'), t('payableMinor', { currency: data.scheme.currency }), t('averageCostMinor', { currency: data.scheme.currency }), t('use')],
    categories(data.indicators).map((c) => [translate(locale, `claims.categories.${c.category}`), c.cases, c.payable, c.average === null ? null : Math.round(c.average), c.use]),
    [28, 10, 18, 18, 12],
  );
  sheet(
    t('byProvider'),
    [t('provider'), t('claimsCount'), t('askedMinor', { currency: data.scheme.currency }), t('payableMinor', { currency: data.scheme.currency }), t('nothingPaid')],
    data.providers.map((p) => [p.provider, p.claims, p.asked, p.payable, p.nothingPaid]),
    [24, 10, 18, 18, 12],
  );
  if (data.months.length) {
    sheet(t('byMonth'), [t('month'), indicatorName('earned_contributions', locale), indicatorName('incurred_claims', locale)], data.months.map((m) => [m.month, m.contributions, m.claims]), [10, 24, 24]);
  }
  const r = data.reserves;
  sheet(
    t('reservesSheet'),
    [t('monthOfCare'), ...r.ibnr.origins.map((_, k) => `+${k}`), t('ultimate'), t('ibnr')],
    [
      ...r.ibnr.origins.map((o, i) => [o, ...r.ibnr.cumulative[i]!, r.ibnr.ultimate[i]!, r.ibnr.ibnr[i]!]),
      [t('factors'), ...r.ibnr.factors, null],
      [t('outstanding'), r.outstanding.payable],
      [t('ibnr'), r.ibnr.total],
    ],
    [14, ...r.ibnr.origins.map(() => 12), 14, 14],
  );
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** A report file: `activity` for any period, `annual` for a calendar year; PDF or XLSX, in English or French. */
export async function reportFile(ctx: Ctx, scheme: Pick<Scheme, 'id' | 'code' | 'name' | 'currency'>, kind: ReportKind, format: ReportFormat, from: string, to: string, locale: Locale): Promise<PrintedFile> {
  const data = await reportData(ctx, scheme, kind, from, to, locale);
  const name = safeFileName(`${scheme.code}-${kind}-${from}-${to}`);
  if (format === 'xlsx') {
    return { filename: `${name}.xlsx`, contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', bytes: await reportWorkbook(data, locale) };
  }
  const document = reportDocument(data, locale);
  return { filename: `${name}.pdf`, contentType: 'application/pdf', bytes: await renderDocument(document, { lang: locale, title: `${document.title} — ${scheme.name}` }) };
}

/** The scheme's indicators for DHIS2: ADX XML, or dataValueSets JSON for a whole month or year. Errors: ValidationError. */
export async function dhis2Export(ctx: Ctx, scheme: Pick<Scheme, 'id' | 'code' | 'settings'>, format: 'adx' | 'json', from: string, to: string): Promise<PrintedFile> {
  checkPeriod(from, to);
  if (format === 'json' && !periodOf(from, to)) throw new ValidationError([{ field: 'from', message: 'a dataValueSets file covers a whole calendar month or year; use ADX for other periods' }]);
  const report = await indicatorsReport(ctx, { kind: 'scheme', code: scheme.code, schemeIds: [scheme.id] }, { from, to }, 'en');
  const values = report.indicators.map((i) => ({ code: i.code, value: i.value ?? (i.denominator === null ? i.numerator : null) }));
  const settings = scheme.settings ?? {};
  const dataElements = Object.fromEntries(Object.entries(settings).flatMap(([k, v]) => (k.startsWith('dhis2:') && typeof v === 'string' ? [[k.slice(6), v]] : [])));
  const target: Dhis2Target = {
    orgUnit: typeof settings.dhis2OrgUnit === 'string' ? settings.dhis2OrgUnit : scheme.code,
    dataSet: typeof settings.dhis2DataSet === 'string' ? settings.dhis2DataSet : null,
    dataElements,
  };
  const now = new Date();
  const name = safeFileName(`${scheme.code}-dhis2-${from}-${to}`);
  if (format === 'adx') return { filename: `${name}.adx.xml`, contentType: 'application/adx+xml', bytes: Buffer.from(toAdx(values, target, from, to, now), 'utf8') };
  return { filename: `${name}.json`, contentType: 'application/json', bytes: Buffer.from(JSON.stringify(toDataValueSet(values, target, from, to, now), null, 2), 'utf8') };
}
