import { claimsFacts } from '../claims/index.js';
import { coverageIndicatorFacts, type IndicatorWindow } from '../coverage/index.js';
import { listExpenses } from '../finance/index.js';
import { schemesForIndicators, type SchemeForIndicators } from '../organizations/index.js';
import { recordAudit } from '../../platform/audit/audit.js';
import { inTransaction, type ServiceContext } from '../../platform/context.js';
import { ValidationError } from '../../platform/errors.js';
import { translate, type Locale } from '../../platform/i18n/index.js';
import { minorUnitExponent } from '../../platform/money.js';
import {
  addScopeFacts,
  computeIndicators,
  countCodes,
  dayCodes,
  defaultThresholds,
  emptyScopeFacts,
  levelOf,
  moneyCodes,
  monthlyWindows,
  previousYear,
  thresholdProblem,
  type Indicator,
  type ScopeFacts,
  type Threshold,
  type ThresholdLevel,
} from './indicators.rules.js';
import { ledgerReader } from './indicators.ledger.js';
import { summaryScopeFacts, type LedgerReader } from './indicators.summaries.js';
import type { IndicatorSeries, IndicatorsQuery, IndicatorsReport, IndicatorView, PutThresholds, SeriesQuery, ThresholdView } from './indicators.schemas.js';

type Db = Pick<ServiceContext, 'db'>;

/** Where indicators are counted: one scheme, a federation's schemes, or every scheme (ids undefined). */
export interface IndicatorScope {
  kind: 'scheme' | 'federation' | 'all';
  code: string | null;
  schemeIds: readonly string[] | undefined;
}

/**
 * Where the facts of a scope come from: `summaries` (the default: summary tables brought up to
 * date first) or `facts` (the rules replayed on the facts; what `rebuild` is checked against).
 * `ledger` reads the books' position (default: finance's ledger).
 */
export interface ReportOptions {
  source?: 'summaries' | 'facts';
  ledger?: LedgerReader;
  /** How far before the last refresh a refresh looks for changes (default 5 minutes; tests and benchmarks). */
  refreshMarginMs?: number;
}

function factsOf(ctx: Db, schemes: SchemeForIndicators[], windows: IndicatorWindow[], options: ReportOptions): Promise<ScopeFacts[]> {
  const ledger = options.ledger ?? ledgerReader;
  return options.source === 'facts' ? directScopeFacts(ctx, schemes, windows, ledger) : summaryScopeFacts(ctx, schemes, windows, ledger, options.refreshMarginMs);
}

const MAX_SERIES_MONTHS = 120;
const ledgerCodes = ['liquidity_ratio', 'reserve_months', 'solvency_ratio'];

function checkPeriod(from: string, to: string) {
  if (to < from) throw new ValidationError([{ field: 'to', message: 'must not be before from' }]);
}

/**
 * The facts of a scope for each window, straight from the facts: coverage and expenses scheme by
 * scheme (each scheme's facts are read once for every window), claims in one statement per
 * window for all schemes.
 */
export async function directScopeFacts(ctx: Db, schemes: SchemeForIndicators[], windows: IndicatorWindow[], ledger: LedgerReader): Promise<ScopeFacts[]> {
  const totals = windows.map((w) => emptyScopeFacts(w.from, w.to));
  if (windows.length === 0) return totals;
  const first = windows.reduce((m, w) => (w.from < m ? w.from : m), windows[0]!.from);
  const last = windows.reduce((m, w) => (w.to > m ? w.to : m), windows[0]!.to);
  for (const scheme of schemes) {
    const [coverage, expenses] = await Promise.all([
      coverageIndicatorFacts(ctx.db, scheme.id, windows),
      listExpenses(ctx, scheme.id, { from: first, to: last }),
    ]);
    windows.forEach((w, k) => {
      const c = coverage[k]!;
      const f = emptyScopeFacts(w.from, w.to);
      Object.assign(f, {
        beneficiaries: c.beneficiaries, households: c.households, beneficiariesBefore: c.beneficiariesBefore, beneficiaryDays: c.beneficiaryDays,
        periodsEnding: c.periodsEnding, periodsRenewed: c.periodsRenewed, duesAmount: c.duesAmount, duesPaid: c.duesPaid, earned: c.earned, feesPaid: c.feesPaid,
        penetration: scheme.targetPopulation === null ? null : { covered: c.beneficiaries, target: scheme.targetPopulation },
      });
      for (const e of expenses) {
        if (e.date < w.from || e.date > w.to) continue;
        if (e.account === 'administration') f.administration += e.amount;
        if (e.account === 'other_income') f.otherIncome += e.amount;
      }
      addScopeFacts(totals[k]!, f);
    });
  }
  const ids = schemes.map((s) => s.id);
  await Promise.all(windows.map(async (w, k) => {
    const [claims, position] = await Promise.all([claimsFacts(ctx.db, ids, w.from, w.to), ids.length ? ledger(ctx.db, ids, w.to) : Promise.resolve(null)]);
    const t = totals[k]!;
    t.incurred = claims.incurred;
    for (const c of claims.categories) if (c.category !== null) t.categories.set(c.category, { cases: c.cases, payable: c.payable });
    Object.assign(t, { adjudicated: claims.adjudicated, rejected: claims.rejected, paid: claims.paid, settlementDays: claims.settlementDays, paymentDelayDays: claims.paymentDelayDays, buckets: claims.buckets });
    t.ledger = position;
  }));
  return totals;
}

async function schemesOf(ctx: Db, scope: IndicatorScope) {
  return schemesForIndicators(ctx.db, scope.schemeIds);
}

/** The limits of every threshold-checked indicator for a scheme (its own, else the defaults); defaults outside a scheme. */
export async function thresholdsOf(ctx: Db, schemeId: string | null): Promise<ThresholdView[]> {
  const rows = schemeId ? await ctx.db.selectFrom('indicator_threshold').selectAll().where('scheme_id', '=', schemeId).execute() : [];
  const own = new Map(rows.map((r) => [r.code, r]));
  return Object.entries(defaultThresholds).map(([code, t]) => {
    const row = own.get(code);
    return row
      ? { code, direction: t.direction, watch: row.watch === null ? null : Number(row.watch), bad: row.bad === null ? null : Number(row.bad), custom: true }
      : { code, direction: t.direction, watch: t.watch, bad: t.bad, custom: false };
  });
}

/**
 * Replaces some of a scheme's thresholds and resets others to the defaults. Errors:
 * ValidationError (unknown code, `watch` on the worse side of `bad`). Audited.
 */
export async function putThresholds(ctx: ServiceContext, schemeId: string, input: PutThresholds): Promise<ThresholdView[]> {
  const details: { field: string; message: string }[] = [];
  input.thresholds.forEach((t, i) => {
    const base = defaultThresholds[t.code];
    if (!base) return details.push({ field: `thresholds[${i}].code`, message: `no indicator ${t.code} has thresholds` });
    const field = thresholdProblem({ direction: base.direction, watch: t.watch, bad: t.bad });
    if (field) details.push({ field: `thresholds[${i}].${field}`, message: base.direction === 'above' ? 'must not be above bad' : 'must not be below bad' });
    return undefined;
  });
  (input.reset ?? []).forEach((code, i) => {
    if (!defaultThresholds[code]) details.push({ field: `reset[${i}]`, message: `no indicator ${code} has thresholds` });
  });
  if (details.length) throw new ValidationError(details);
  return inTransaction(ctx, async (trx) => {
    const before = await thresholdsOf({ db: trx }, schemeId);
    const at = new Date();
    if (input.reset?.length) await trx.deleteFrom('indicator_threshold').where('scheme_id', '=', schemeId).where('code', 'in', input.reset).execute();
    for (const t of input.thresholds) {
      const row = { scheme_id: schemeId, code: t.code, watch: t.watch === null ? null : String(t.watch), bad: t.bad === null ? null : String(t.bad), updated_by: ctx.actor.label, updated_at: at };
      await trx.insertInto('indicator_threshold').values(row)
        .onConflict((oc) => oc.columns(['scheme_id', 'code']).doUpdateSet({ watch: row.watch, bad: row.bad, updated_by: row.updated_by, updated_at: at }))
        .execute();
    }
    const after = await thresholdsOf({ db: trx }, schemeId);
    await recordAudit(trx, ctx.actor, { action: 'indicators.thresholds', entityType: 'scheme', entityId: schemeId, schemeId, before, after });
    return after;
  });
}

// ---------------------------------------------------------------- meanings

function formatValue(code: string, value: number, locale: Locale, currency: string | null): string {
  const base = code.split('.')[0]!;
  if (moneyCodes.includes(base)) {
    if (currency) {
      const exponent = minorUnitExponent(currency);
      return new Intl.NumberFormat(locale, { style: 'currency', currency, minimumFractionDigits: 0, maximumFractionDigits: exponent }).format(value / 10 ** exponent);
    }
    return new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(value);
  }
  if (countCodes.includes(base)) return new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(value);
  if (dayCodes.includes(base) || base === 'reserve_months' || base === 'utilization_rate') return new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(value);
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(value);
}

/** A sentence saying what the value means, and how it stands against its limits. */
export function meaningOf(indicator: Indicator, level: ThresholdLevel | null, threshold: Threshold | undefined, locale: Locale, currency: string | null): string {
  const [base, category] = indicator.code.split('.') as [string, string | undefined];
  if (indicator.value === null) return translate(locale, `indicators.no_value.${base}`);
  const params = {
    value: formatValue(indicator.code, indicator.value, locale, currency),
    category: category ? translate(locale, `claims.categories.${category}`) : '',
  };
  const sentence = translate(locale, `indicators.meaning.${base}`, params);
  if (!level || !threshold) return sentence;
  const limit = level === 'bad' ? threshold.bad : level === 'watch' ? threshold.watch : (threshold.watch ?? threshold.bad);
  const judged = translate(locale, `indicators.level.${level}_${threshold.direction}`, { limit: limit === null ? '' : formatValue(indicator.code, limit, locale, currency) });
  return `${sentence} ${judged}`;
}

// ---------------------------------------------------------------- reports

function scopeView(scope: IndicatorScope, schemes: SchemeForIndicators[]): IndicatorsReport['scope'] {
  return { kind: scope.kind, code: scope.code, schemes: schemes.map((s) => s.code) };
}

/** The one currency of the scope's schemes, or null when they mix currencies (amounts shown bare). */
function currencyOf(schemes: SchemeForIndicators[]): string | null {
  const set = new Set(schemes.map((s) => s.currency));
  return set.size === 1 ? [...set][0]! : null;
}

/**
 * Every indicator of the spec for a scope and a period, with the same dates one year earlier,
 * each judged against the thresholds (the scheme's own for a scheme, the defaults otherwise) and
 * explained in `locale`. Errors: ValidationError (`to` before `from`). Reads only.
 */
export async function indicatorsReport(ctx: Db, scope: IndicatorScope, query: IndicatorsQuery, locale: Locale, options: ReportOptions = {}): Promise<IndicatorsReport> {
  checkPeriod(query.from, query.to);
  const schemes = await schemesOf(ctx, scope);
  const windows = [{ from: query.from, to: query.to }, previousYear(query.from, query.to)];
  const [now, before] = await factsOf(ctx, schemes, windows, options);
  const current = computeIndicators(now!);
  const earlier = new Map(computeIndicators(before!).map((i) => [i.code, i]));
  const limits = new Map((await thresholdsOf(ctx, scope.kind === 'scheme' && schemes.length === 1 ? schemes[0]!.id : null)).map((t) => [t.code, t as Threshold]));
  const currency = currencyOf(schemes);
  const indicators: IndicatorView[] = current.map((i) => {
    const threshold = limits.get(i.code);
    const level = levelOf(i.value, threshold);
    const p = earlier.get(i.code)!;
    return {
      ...i,
      threshold: { level, meaning: meaningOf(i, level, threshold, locale, currency) },
      previousYear: { value: p.value, numerator: p.numerator, denominator: p.denominator },
    };
  });
  return { scope: scopeView(scope, schemes), from: query.from, to: query.to, indicators };
}

/** Every code reported, per-category ones included. */
export function allIndicatorCodes(): string[] {
  return computeIndicators(emptyScopeFacts('2025-01-01', '2025-01-31')).map((i) => i.code);
}

/** One indicator month by month over [from, to] (each month clipped to the period). Errors: ValidationError. */
export async function indicatorSeries(ctx: Db, scope: IndicatorScope, query: SeriesQuery, options: ReportOptions = {}): Promise<IndicatorSeries> {
  checkPeriod(query.from, query.to);
  const windows = monthlyWindows(query.from, query.to);
  if (windows.length > MAX_SERIES_MONTHS) throw new ValidationError([{ field: 'from', message: `a series covers at most ${MAX_SERIES_MONTHS} months` }]);
  if (!allIndicatorCodes().includes(query.code)) throw new ValidationError([{ field: 'code', message: `no indicator ${query.code}` }]);
  const schemes = await schemesOf(ctx, scope);
  // The books are read only for the indicators that need them (one position a month costs a pass over the journal).
  const needsBooks = ledgerCodes.includes(query.code);
  const facts = await factsOf(ctx, schemes, windows, needsBooks ? options : { ...options, ledger: async () => null });
  const points = windows.map((w, k) => {
    const found = computeIndicators(facts[k]!).find((i) => i.code === query.code)!;
    return { month: w.month, from: w.from, to: w.to, value: found.value, numerator: found.numerator, denominator: found.denominator };
  });
  return { scope: scopeView(scope, schemes), code: query.code, from: query.from, to: query.to, points };
}

/** Plain `{ code, value, numerator, denominator }` lines: the CLI's JSON shape (issue #5). */
export function plainIndicators(report: IndicatorsReport): { code: string; value: number | null; numerator: number | null; denominator: number | null }[] {
  return report.indicators.map((i) => ({ code: i.code, value: i.value, numerator: i.numerator, denominator: i.denominator }));
}
