/**
 * The one-page study for a general assembly (A4, English or French): the contribution, every
 * figure per category, the sensitivity, the projection and a chart of the reserves with and
 * without repricing. Everything fits one page: long tables are cut, and the cut is said.
 */
import PDFDocument from 'pdfkit';
import { hasTranslation, translate, type Locale } from '../../platform/i18n/index.js';
import { formatMoney, minorUnitExponent } from '../../platform/money.js';
import { printable } from '../documents/index.js';
import type { PricingInput, PricingResult } from './pricing.schemas.js';

type Pdf = PDFKit.PDFDocument;

const PAGE = { width: 595.28, height: 841.89 };
const MARGIN = 36;
const WIDTH = PAGE.width - 2 * MARGIN;
const REGULAR = 'Helvetica';
const BOLD = 'Helvetica-Bold';
const GREY = '#555555';
const MAX_CATEGORIES = 14;
const MAX_YEARS = 10;

/** Renders the study; `result` is calculatePremium(input). */
export async function studyPdf(input: PricingInput, result: PricingResult, locale: Locale): Promise<Buffer> {
  const t = (key: string, params: Record<string, unknown> = {}) => translate(locale, `pricing.pdf.${key}`, params);
  const money = (amount: number) => formatMoney(Math.round(amount), input.currency, locale);
  const exact = (amount: number) => {
    const exp = minorUnitExponent(input.currency);
    return new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(amount / 10 ** exp);
  };
  const number = (value: number, digits = 3) => new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(value);
  const percent = (value: number) => new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1, signDisplay: 'exceptZero' }).format(value);
  const category = (c: string) => (hasTranslation(`claims.categories.${c}`) ? translate(locale, `claims.categories.${c}`) : c);

  const title = t('title');
  const doc = new PDFDocument({ size: 'A4', margin: MARGIN, compress: true, lang: locale, displayTitle: true, info: { Title: printable(title), Creator: 'Mutua', Producer: 'Mutua' } });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  // Everything is placed by hand: a page break would break the one-page promise.
  doc.page.margins.bottom = 0;
  let y = MARGIN;
  const line = (text: string, options: { font?: string; size?: number; color?: string; x?: number; width?: number; align?: 'left' | 'right' | 'center' } = {}) => {
    doc.font(options.font ?? REGULAR).fontSize(options.size ?? 8.5).fillColor(options.color ?? '#000000');
    doc.text(printable(text), options.x ?? MARGIN, y, { width: options.width ?? WIDTH, align: options.align ?? 'left', lineBreak: false, ellipsis: true });
  };
  const rule = () => {
    doc.save().moveTo(MARGIN, y).lineTo(MARGIN + WIDTH, y).lineWidth(0.5).strokeColor('#999999').stroke().restore();
    y += 4;
  };
  const table = (columns: { header: string; width: number; align?: 'left' | 'right' }[], rows: string[][], boldLast = false) => {
    const draw = (cells: string[], font: string) => {
      let x = MARGIN;
      cells.forEach((cell, i) => {
        const w = columns[i]!.width * WIDTH;
        line(cell, { font, size: 7.5, x: x + 2, width: w - 4, align: columns[i]!.align ?? 'right' });
        x += w;
      });
      y += 10.5;
    };
    draw(columns.map((c) => c.header), BOLD);
    rule();
    rows.forEach((r, i) => draw(r, boldLast && i === rows.length - 1 ? BOLD : REGULAR));
  };
  const heading = (text: string) => {
    y += 6;
    line(text, { font: BOLD, size: 10.5 });
    y += 15;
  };

  // ---------------------------------------------------------------- heading and the answer
  line(title, { font: BOLD, size: 16 });
  y += 20;
  if (input.title) {
    line(input.title, { size: 10, color: GREY });
    y += 13;
  }
  const d = result.details;
  line(t('basis', { persons: number(d.persons, 0), household: number(d.averageHouseholdSize, 2), currency: d.currency, method: t(`method_${d.loadingMethod}`), loadings: percent(d.sumOfLoadings).replace('+', '') }), { size: 8.5, color: GREY });
  y += 14;
  rule();
  const answer: [string, string][] = [
    [t('contribution_person'), money(result.contributionPerPerson)],
    [t('contribution_household'), money(result.contributionPerHousehold)],
    [t('break_even'), money(result.breakEven.contributionPerPerson)],
  ];
  for (const [label, value] of answer) {
    line(label, { font: BOLD, size: 11, width: WIDTH * 0.75 });
    line(value, { font: BOLD, size: 11, x: MARGIN + WIDTH * 0.75, width: WIDTH * 0.25, align: 'right' });
    y += 15;
  }
  line(t('rounding', { roundTo: exact(d.roundTo), loaded: exact(result.loadedPremium) }), { size: 7.5, color: GREY });
  y += 12;

  // ---------------------------------------------------------------- per category
  heading(t('per_category'));
  const shown = result.perCategory.slice(0, MAX_CATEGORIES);
  table(
    [
      { header: t('category'), width: 0.2, align: 'left' },
      { header: t('source'), width: 0.1, align: 'left' },
      { header: t('cases'), width: 0.07 },
      { header: t('frequency'), width: 0.11 },
      { header: t('insured_frequency'), width: 0.11 },
      { header: t('average_cost'), width: 0.13 },
      { header: t('cost_per_case'), width: 0.14 },
      { header: t('pure_premium'), width: 0.14 },
    ],
    [
      ...shown.map((c) => [
        `${category(c.category)}${c.warning ? ' *' : ''}${c.ceilingApplied ? ' †' : ''}`,
        c.source ? t(`source_${c.source}`) : '',
        c.cases === null ? '' : number(c.cases, 0),
        number(c.frequency, 4),
        number(c.insuredFrequency, 4),
        exact(c.averageCost),
        exact(c.costPerCase),
        exact(c.purePremium),
      ]),
      [t('total'), '', '', '', '', '', '', exact(result.purePremium)],
    ],
    true,
  );
  if (result.perCategory.length > shown.length) {
    line(t('more_categories', { count: result.perCategory.length - shown.length }), { size: 7, color: GREY });
    y += 10;
  }
  const notes = [t(`loaded_${d.loadingMethod}`, { pure: exact(result.purePremium), loaded: exact(result.loadedPremium), loadings: number(d.sumOfLoadings, 4) })];
  if (result.perCategory.some((c) => c.ceilingApplied)) notes.push(t('ceiling_note'));
  if (d.fewCases.length) notes.push(t('few_cases_note'));
  for (const note of notes) {
    line(note, { size: 7.5, color: GREY });
    y += 10;
  }

  // ---------------------------------------------------------------- sensitivity
  heading(t('sensitivity'));
  table(
    [
      { header: t('change'), width: 0.25, align: 'left' },
      { header: t('if_frequency'), width: 0.25 },
      { header: t('if_cost'), width: 0.25 },
      { header: t('if_both'), width: 0.25 },
    ],
    result.sensitivity.map((s) => [percent(s.change), money(s.frequency), money(s.cost), money(s.both)]),
  );

  // ---------------------------------------------------------------- projection
  heading(t('projection'));
  const years = result.scenarios.noRepricing.slice(0, MAX_YEARS);
  table(
    [
      { header: t('year'), width: 0.06, align: 'left' },
      { header: t('members'), width: 0.08 },
      { header: t('contributions'), width: 0.14 },
      { header: t('claims'), width: 0.14 },
      { header: t('running_costs'), width: 0.13 },
      { header: t('result'), width: 0.12 },
      { header: t('reserve'), width: 0.13 },
      { header: t('claims_ratio'), width: 0.1 },
      { header: t('balancing'), width: 0.10 },
    ],
    years.map((p) => [
      String(p.year),
      number(p.members, 0),
      money(p.contributions),
      money(p.claims),
      money(p.runningCosts),
      money(p.result),
      money(p.reserve),
      p.claimsRatio === null ? '' : percent(p.claimsRatio).replace('+', ''),
      money(p.balancingContribution),
    ]),
  );
  line(t('projection_note'), { size: 7.5, color: GREY });
  y += 12;

  // ---------------------------------------------------------------- reserve chart
  const bottom = PAGE.height - MARGIN - 24;
  const chartHeight = Math.min(130, bottom - y - 20);
  if (chartHeight > 40) {
    line(t('reserve_chart'), { font: BOLD, size: 9 });
    y += 13;
    reserveChart(doc, { x: MARGIN, y, width: WIDTH, height: chartHeight - 13 }, result, MAX_YEARS);
    y += chartHeight - 10;
    line(`— ${t('no_repricing')}`, { size: 7.5, color: '#1f5f8b', x: MARGIN, width: WIDTH / 2 });
    line(`— ${t('repriced')}`, { size: 7.5, color: '#c77c02', x: MARGIN + WIDTH / 2, width: WIDTH / 2, align: 'right' });
  }
  y = PAGE.height - MARGIN - 10;
  line(t('footer'), { size: 7, color: GREY });
  doc.end();
  return done;
}

/** Bars of the year-end reserve, two per year (no repricing, repriced), around a zero line. */
function reserveChart(doc: Pdf, box: { x: number; y: number; width: number; height: number }, result: PricingResult, maxYears: number): void {
  const a = result.scenarios.noRepricing.slice(0, maxYears);
  const b = result.scenarios.repriced.slice(0, maxYears);
  const values = [...a, ...b].map((p) => p.reserve);
  const top = Math.max(0, ...values);
  const low = Math.min(0, ...values);
  const span = top - low || 1;
  const zero = box.y + (top / span) * (box.height - 14);
  const slot = box.width / a.length;
  const bar = Math.min(18, slot / 3);
  a.forEach((p, i) => {
    const x = box.x + i * slot + slot / 2 - bar;
    for (const [k, value, color] of [[0, p.reserve, '#1f5f8b'], [1, b[i]!.reserve, '#c77c02']] as const) {
      const h = (Math.abs(value) / span) * (box.height - 14);
      doc.save().rect(x + k * bar, value >= 0 ? zero - h : zero, bar - 1, Math.max(h, 0.5)).fill(color).restore();
    }
    doc.font(REGULAR).fontSize(7).fillColor('#000000').text(String(p.year), box.x + i * slot, box.y + box.height - 10, { width: slot, align: 'center', lineBreak: false });
  });
  doc.save().moveTo(box.x, zero).lineTo(box.x + box.width, zero).lineWidth(0.5).strokeColor('#000000').stroke().restore();
  doc.y = box.y + box.height;
}
