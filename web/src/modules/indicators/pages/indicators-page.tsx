import { type FormEvent, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { BenefitCategory, Scheme } from '../../../api/types';
import { today } from '../../../app/dates';
import { useFormat } from '../../../app/format';
import { useMoney } from '../../../app/money';
import { navigate, useLocation } from '../../../app/router';
import { useSchemeHref } from '../../../app/session';
import { useApi } from '../../../app/use-api';
import { SelectField, TextField } from '../../../components/form';
import { LoadError, Loading, Page } from '../../../components/page';
import { type IndicatorView, schemeIndicators, schemeIndicatorSeries } from '../api';

const MONEY = ['earned_contributions', 'incurred_claims', 'average_cost'];
const COUNTS = ['beneficiaries', 'households'];
const PLAIN = ['settlement_days', 'provider_payment_delay', 'utilization_rate', 'reserve_months'];
const LEVEL_BADGE = { good: 'badge--success', watch: 'badge--warning', bad: 'badge--danger' } as const;
/** The indicators' codes without their category (docs/indicators.md). */
type Base =
  | 'beneficiaries' | 'households' | 'growth_rate' | 'renewal_rate' | 'penetration_rate' | 'collection_rate' | 'earned_contributions' | 'incurred_claims' | 'claims_ratio'
  | 'expense_ratio' | 'net_income_ratio' | 'rejection_rate' | 'settlement_days' | 'provider_payment_delay' | 'utilization_rate' | 'average_cost' | 'liquidity_ratio'
  | 'reserve_months' | 'solvency_ratio';

/** The first day of the year of `date` to `date`: what a manager looks at most. */
function yearToDate(date: string) {
  return { from: `${date.slice(0, 4)}-01-01`, to: date };
}

/**
 * The monitoring dashboard of a scheme (docs/indicators.md): every indicator for a period with the
 * same dates a year earlier, coloured by its thresholds, with what it means and how it is defined
 * (on hover or focus), and any indicator month by month.
 */
export default function IndicatorsPage({ scheme }: { scheme: Scheme }) {
  const { t } = useTranslation();
  const format = useFormat();
  const money = useMoney(scheme.currency);
  const schemeHref = useSchemeHref();
  const { query } = useLocation();
  const initial = yearToDate(today());
  const from = query.get('from') || initial.from;
  const to = query.get('to') || initial.to;
  const code = query.get('code') || 'claims_ratio';
  const [form, setForm] = useState({ from, to });
  const report = useApi(() => schemeIndicators(scheme.code, from, to), [scheme.code, from, to]);
  const series = useApi(() => schemeIndicatorSeries(scheme.code, from, to, code), [scheme.code, from, to, code]);

  const show = (params: { from?: string; to?: string; code?: string }) => navigate(schemeHref('/indicators', { from, to, code, ...params }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    show(form);
  };

  // The server's codes are `<base>` or `<base>.<benefit category>`.
  const base = (c: string) => c.split('.')[0] as Base;
  const nameOf = (c: string) => {
    const category = c.split('.')[1] as BenefitCategory | undefined;
    return t(`indicators.names.${base(c)}`, { category: category ? t(`enums.benefitCategory.${category}`) : '' });
  };
  const valueOf = (c: string, value: number | null) => {
    if (value === null) return '—';
    const b = base(c);
    if (MONEY.includes(b)) return money.format(Math.round(value));
    if (COUNTS.includes(b)) return format.number(value);
    if (PLAIN.includes(b)) return format.decimal(value, b === 'utilization_rate' ? 3 : 1);
    return new Intl.NumberFormat(format.locale, { style: 'percent', maximumFractionDigits: 1 }).format(value);
  };

  const codes = useMemo(() => (report.status === 'ready' ? report.data.indicators.map((i) => i.code) : [code]), [report.status, report.data, code]);

  return (
    <Page title={t('indicators.title')}>
      <p className="muted">{t('indicators.intro')}</p>
      <form className="filters filters--grid" onSubmit={submit} aria-label={t('common.filters')}>
        <TextField label={t('indicators.from')} name="from" type="date" value={form.from} onValue={(v) => setForm((f) => ({ ...f, from: v }))} />
        <TextField label={t('indicators.to')} name="to" type="date" value={form.to} onValue={(v) => setForm((f) => ({ ...f, to: v }))} />
        <div className="filters__actions">
          <button type="submit" className="button button--primary">{t('common.show')}</button>
        </div>
      </form>
      {report.status === 'loading' ? <Loading /> : null}
      {report.status === 'failed' ? <LoadError error={report.error} retry={() => void report.reload()} /> : null}
      {report.status === 'ready' ? (
        <section aria-labelledby="indicators-heading">
          <h2 id="indicators-heading">{t('indicators.heading', { from: format.calendarDate(report.data.from), to: format.calendarDate(report.data.to) })}</h2>
          <div className="table-scroll" tabIndex={0} role="region" aria-label={t('indicators.caption')}>
            <table className="table">
              <caption>{t('indicators.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('indicators.indicator')}</th>
                  <th scope="col" className="numeric">{t('indicators.value')}</th>
                  <th scope="col">{t('indicators.level')}</th>
                  <th scope="col" className="numeric">{t('indicators.previousYear')}</th>
                  <th scope="col">{t('indicators.meaning')}</th>
                </tr>
              </thead>
              <tbody>
                {report.data.indicators.map((i) => (
                  <Row key={i.code} indicator={i} name={nameOf(i.code)} value={valueOf(i.code, i.value)} previous={valueOf(i.code, i.previousYear.value)} definition={t(`indicators.definitions.${base(i.code)}`)} />
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}
      <section aria-labelledby="series-heading">
        <h2 id="series-heading">{t('indicators.seriesHeading')}</h2>
        <SelectField label={t('indicators.seriesCode')} name="code" value={code} onValue={(v) => show({ code: v })} options={codes.map((c) => ({ value: c, label: nameOf(c) }))} />
        {series.status === 'loading' ? <Loading /> : null}
        {series.status === 'failed' ? <LoadError error={series.error} retry={() => void series.reload()} /> : null}
        {series.status === 'ready' ? (
          <figure aria-label={t('indicators.seriesCaption', { name: nameOf(code) })}>
            <div style={{ width: '100%', height: 280 }}>
              <ResponsiveContainer>
                <LineChart data={series.data.points.map((p) => ({ month: format.month(p.month), value: p.value }))}>
                  <CartesianGrid strokeDasharray="3 3" />
                  <XAxis dataKey="month" />
                  <YAxis tickFormatter={(v: number) => valueOf(code, v)} width={90} />
                  <Tooltip formatter={(v) => valueOf(code, typeof v === 'number' ? v : null)} />
                  <Line type="monotone" dataKey="value" name={nameOf(code)} stroke="var(--primary, #1f6feb)" connectNulls={false} isAnimationActive={false} />
                </LineChart>
              </ResponsiveContainer>
            </div>
            <figcaption className="muted">{t('indicators.seriesCaption', { name: nameOf(code) })}</figcaption>
          </figure>
        ) : null}
      </section>
    </Page>
  );
}

function Row({ indicator, name, value, previous, definition }: { indicator: IndicatorView; name: string; value: string; previous: string; definition: string }) {
  const { t } = useTranslation();
  const id = `definition-${indicator.code.replace('.', '-')}`;
  const level = indicator.threshold.level;
  return (
    <tr>
      <th scope="row">
        {/* The definition shows on hover and on keyboard focus, and is read by screen readers. */}
        <span tabIndex={0} title={definition} aria-describedby={id}>{name}</span>
        <span id={id} hidden>{definition}</span>
      </th>
      <td className="numeric" title={indicator.numerator === null ? undefined : t('indicators.fraction', { numerator: indicator.numerator, denominator: indicator.denominator ?? '—' })}>
        {value}
      </td>
      <td>{level ? <span className={`badge ${LEVEL_BADGE[level]}`}>{t(`indicators.levels.${level}`)}</span> : null}</td>
      <td className="numeric">{previous}</td>
      <td className="muted">{indicator.threshold.meaning}</td>
    </tr>
  );
}
