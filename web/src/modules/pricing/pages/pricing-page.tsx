import { type FormEvent, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { ApiError } from '../../../api/client';
import { canOnScheme } from '../../../app/access';
import { today } from '../../../app/dates';
import { useFormat } from '../../../app/format';
import { type MoneyFormat, useMoney } from '../../../app/money';
import { useCurrentScheme, useMe } from '../../../app/session';
import { useApi, asApiError } from '../../../app/use-api';
import { CheckboxField, FormError, SelectField, TextField } from '../../../components/form';
import { Notice, Page } from '../../../components/page';
import { listProducts } from '../../products/api';
import { calculatePremium, downloadStudy, type PricingHistory, type PricingResult, type ProjectionYear, pricingHistory, pricingSources } from '../api';
import { type CategoryForm, EXAMPLE, emptyCategory, type FormProblems, formFromInput, inputFromForm, type PricingForm } from '../form';

const FEW_CASES = 30;

/**
 * The premium calculator (spec: pricing.md): every input can be changed, the results are
 * recomputed by the server as they change, and every intermediate figure is shown so that a
 * person can check it by hand. Inputs come from a survey typed here or from a scheme's history.
 */
export default function PricingPage() {
  const { t, i18n } = useTranslation();
  const scheme = useCurrentScheme();
  const { me } = useMe();
  const [currency, setCurrency] = useState(EXAMPLE.currency);
  const money = useMoney(/^[A-Z]{3}$/.test(currency) ? currency : 'XOF');
  const [form, setForm] = useState<PricingForm>(() => formFromInput(EXAMPLE, money));
  const [result, setResult] = useState<PricingResult>();
  const [error, setError] = useState<ApiError>();
  const [working, setWorking] = useState(false);
  const [history, setHistory] = useState<PricingHistory>();

  const built = useMemo(() => inputFromForm(form, money), [form, money]);
  useEffect(() => setCurrency(form.currency.trim().toUpperCase()), [form.currency]);

  // Recompute shortly after the last change, not at every key stroke.
  useEffect(() => {
    if (!built.input) return;
    const input = built.input;
    let current = true;
    const timer = window.setTimeout(() => {
      setWorking(true);
      calculatePremium(input)
        .then((r) => {
          if (!current) return;
          setResult(r);
          setError(undefined);
        })
        .catch((e: unknown) => current && setError(asApiError(e)))
        .finally(() => current && setWorking(false));
    }, 300);
    return () => {
      current = false;
      window.clearTimeout(timer);
    };
  }, [built.input]);

  const set = <K extends keyof PricingForm>(key: K) => (value: PricingForm[K]) => setForm((f) => ({ ...f, [key]: value }));
  const setCategory = (key: number, patch: Partial<CategoryForm>) => setForm((f) => ({ ...f, categories: f.categories.map((c) => (c.key === key ? { ...c, ...patch } : c)) }));
  const problem = (path: string) => problemText(t, built.problems, error, path);
  const locale = i18n.resolvedLanguage === 'fr' ? 'fr' : 'en';

  return (
    <Page title={t('pricing.title')}>
      <p className="muted">{t('pricing.intro')}</p>
      {scheme && canOnScheme(me, 'pricing.use', scheme) ? (
        <HistoryLoader
          scheme={scheme.code}
          schemeName={scheme.name}
          onLoaded={(h) => {
            setHistory(h);
            setForm(formFromInput(h.input, money));
          }}
        />
      ) : null}
      {history ? <HistoryTable history={history} money={money} /> : null}

      <form className="pricing-form" aria-label={t('pricing.inputs')} onSubmit={(e: FormEvent) => e.preventDefault()}>
        <fieldset>
          <legend>{t('pricing.population')}</legend>
          <div className="filters filters--grid">
            <TextField label={t('pricing.studyTitle')} name="title" value={form.title} onValue={set('title')} />
            <TextField label={t('pricing.currency')} name="currency" value={form.currency} maxLength={3} onValue={set('currency')} error={problem('currency')} />
            <TextField label={t('pricing.persons')} name="persons" type="number" min={1} step={1} value={form.persons} onValue={set('persons')} error={problem('persons')} />
            <TextField label={t('pricing.householdSize')} name="averageHouseholdSize" type="number" min={0.1} step="any" value={form.averageHouseholdSize} onValue={set('averageHouseholdSize')} error={problem('averageHouseholdSize')} />
          </div>
        </fieldset>

        <fieldset>
          <legend>{t('pricing.categories')}</legend>
          {form.categories.map((c, i) => (
            <CategoryFields
              key={c.key}
              index={i}
              category={c}
              currency={money.currency}
              onChange={(patch) => setCategory(c.key, patch)}
              onRemove={form.categories.length > 1 ? () => setForm((f) => ({ ...f, categories: f.categories.filter((x) => x.key !== c.key) })) : undefined}
              problem={problem}
            />
          ))}
          <button type="button" className="button" onClick={() => setForm((f) => ({ ...f, categories: [...f.categories, emptyCategory()] }))}>
            {t('pricing.addCategory')}
          </button>
        </fieldset>

        <fieldset>
          <legend>{t('pricing.loadings')}</legend>
          <div className="filters filters--grid">
            <TextField label={t('pricing.administration')} name="administration" type="number" min={0} max={100} step="any" value={form.administration} onValue={set('administration')} error={problem('loadings.administration')} />
            <TextField label={t('pricing.reserve')} name="reserve" type="number" min={0} max={100} step="any" value={form.reserve} onValue={set('reserve')} error={problem('loadings.reserve')} />
            <TextField label={t('pricing.reinsurance')} name="reinsurance" type="number" min={0} max={100} step="any" value={form.reinsurance} onValue={set('reinsurance')} error={problem('loadings.reinsurance')} />
            <SelectField
              label={t('pricing.loadingMethod')}
              name="loadingMethod"
              value={form.loadingMethod}
              onValue={(v) => set('loadingMethod')(v === 'additive' ? 'additive' : 'gross_up')}
              options={[
                { value: 'gross_up', label: t('pricing.method.gross_up') },
                { value: 'additive', label: t('pricing.method.additive') },
              ]}
              error={problem('loadings')}
            />
            <TextField label={t('pricing.roundTo', { currency: money.currency })} name="roundTo" inputMode="decimal" value={form.roundTo} onValue={set('roundTo')} error={problem('roundTo')} />
          </div>
        </fieldset>

        <fieldset>
          <legend>{t('pricing.projection')}</legend>
          <div className="filters filters--grid">
            <TextField label={t('pricing.years')} name="years" type="number" min={1} max={30} step={1} value={form.years} onValue={set('years')} error={problem('projection.years')} />
            <TextField label={t('pricing.costInflation')} name="costInflation" type="number" step="any" value={form.costInflation} onValue={set('costInflation')} error={problem('projection.costInflation')} />
            <TextField label={t('pricing.membershipGrowth')} name="membershipGrowth" type="number" step="any" value={form.membershipGrowth} onValue={set('membershipGrowth')} error={problem('projection.membershipGrowth')} />
            <TextField label={t('pricing.renewalRate')} name="renewalRate" type="number" min={0} max={100} step="any" value={form.renewalRate} onValue={set('renewalRate')} error={problem('projection.renewalRate')} />
            <TextField label={t('pricing.startingReserve', { currency: money.currency })} name="startingReserve" inputMode="decimal" value={form.startingReserve} onValue={set('startingReserve')} error={problem('projection.startingReserve')} />
            <CheckboxField label={t('pricing.reprice')} name="reprice" checked={form.reprice} onChecked={set('reprice')} />
          </div>
        </fieldset>
      </form>

      <div aria-live="polite">
        {Object.keys(built.problems).length ? <Notice kind="warning">{t('pricing.fixInputs')}</Notice> : null}
        {error ? <FormError error={error} other={error.details} /> : null}
        {working ? <p className="muted">{t('pricing.computing')}</p> : null}
      </div>
      {result && built.input ? (
        <>
          <Results result={result} money={money} repriced={form.reprice} />
          <p>
            <button type="button" className="button button--primary" onClick={() => void downloadStudy(built.input!, locale).catch((e: unknown) => setError(asApiError(e)))}>
              {t('pricing.downloadPdf')}
            </button>
          </p>
        </>
      ) : null}
    </Page>
  );
}

const PROBLEM_KEYS = { number: 'pricing.problem.number', money: 'pricing.problem.money', required: 'pricing.problem.required' } as const;

function problemText(t: (key: (typeof PROBLEM_KEYS)[keyof typeof PROBLEM_KEYS]) => string, problems: FormProblems, error: ApiError | undefined, path: string): string | undefined {
  const local = problems[path];
  if (local) return t(PROBLEM_KEYS[local]);
  return error?.details.find((d) => d.field === path)?.message;
}

function CategoryFields({ index, category: c, currency, onChange, onRemove, problem }: {
  index: number;
  category: CategoryForm;
  currency: string;
  onChange: (patch: Partial<CategoryForm>) => void;
  onRemove?: () => void;
  problem: (path: string) => string | undefined;
}) {
  const { t } = useTranslation();
  const at = `categories[${index}]`;
  const name = (field: string) => `categories.${index}.${field}`;
  return (
    <fieldset className="pricing-category">
      <legend>{t('pricing.categoryN', { n: index + 1, name: c.category || '…' })}</legend>
      <div className="filters filters--grid">
        <TextField label={t('pricing.category')} name={name('category')} list="pricing-categories" value={c.category} onValue={(v) => onChange({ category: v })} error={problem(`${at}.category`)} />
        <SelectField label={t('pricing.source')} name={name('source')} value={c.source} onValue={(v) => onChange({ source: pricingSources.find((s) => s === v) ?? 'manual' })} options={pricingSources.map((s) => ({ value: s, label: t(`pricing.sources.${s}`) }))} />
        <TextField label={t('pricing.frequency')} hint={t('pricing.frequencyHint')} name={name('frequency')} type="number" min={0} step="any" value={c.frequency} onValue={(v) => onChange({ frequency: v })} error={problem(`${at}.frequency`)} />
        <TextField label={t('pricing.utilizationIncrease')} name={name('utilizationIncrease')} type="number" step="any" value={c.utilizationIncrease} onValue={(v) => onChange({ utilizationIncrease: v })} error={problem(`${at}.utilizationIncrease`)} />
        <TextField label={t('pricing.averageCost', { currency })} name={name('averageCost')} inputMode="decimal" value={c.averageCost} onValue={(v) => onChange({ averageCost: v })} error={problem(`${at}.averageCost`)} />
        <SelectField
          label={t('pricing.rule')}
          name={name('rule')}
          value={c.rule}
          onValue={(v) => onChange({ rule: v === 'copayment' ? 'copayment' : 'rate' })}
          options={[
            { value: 'rate', label: t('pricing.rules.rate') },
            { value: 'copayment', label: t('pricing.rules.copayment') },
          ]}
        />
        {c.rule === 'rate' ? (
          <TextField label={t('pricing.coverageRate')} name={name('coverageRate')} type="number" min={0} max={100} step="any" value={c.coverageRate} onValue={(v) => onChange({ coverageRate: v })} error={problem(`${at}.coverageRate`)} />
        ) : (
          <TextField label={t('pricing.copayment', { currency })} name={name('copayment')} inputMode="decimal" value={c.copayment} onValue={(v) => onChange({ copayment: v })} error={problem(`${at}.copayment`)} />
        )}
        <TextField label={t('pricing.perCaseCeiling', { currency })} hint={t('pricing.optional')} name={name('perCaseCeiling')} inputMode="decimal" value={c.perCaseCeiling} onValue={(v) => onChange({ perCaseCeiling: v })} error={problem(`${at}.perCaseCeiling`)} />
        <TextField label={t('pricing.cases')} hint={t('pricing.optional')} name={name('cases')} type="number" min={0} step={1} value={c.cases} onValue={(v) => onChange({ cases: v })} error={problem(`${at}.cases`)} />
        {c.costPerCase ? (
          <div>
            <TextField label={t('pricing.historyCost', { currency })} hint={t('pricing.historyCostHint')} name={name('costPerCase')} inputMode="decimal" value={c.costPerCase} onValue={(v) => onChange({ costPerCase: v })} error={problem(`${at}.costPerCase`)} />
            <button type="button" className="button button--small" onClick={() => onChange({ costPerCase: '' })}>{t('pricing.useRules')}</button>
          </div>
        ) : null}
      </div>
      {onRemove ? (
        <button type="button" className="button button--danger button--small" onClick={onRemove}>
          {t('pricing.removeCategory', { name: c.category || index + 1 })}
        </button>
      ) : null}
      <datalist id="pricing-categories">
        {['consultation', 'hospitalization', 'delivery', 'caesarean', 'surgery', 'drugs', 'laboratory', 'imaging', 'dental', 'eye_care', 'antenatal', 'transport', 'other'].map((k) => (
          <option key={k} value={k} />
        ))}
      </datalist>
    </fieldset>
  );
}

function HistoryLoader({ scheme, schemeName, onLoaded }: { scheme: string; schemeName: string; onLoaded: (h: PricingHistory) => void }) {
  const { t } = useTranslation();
  const products = useApi(() => listProducts(scheme), [scheme]);
  const end = today();
  const [query, setQuery] = useState({ product: '', from: `${Number(end.slice(0, 4)) - 1}${end.slice(4)}`, to: end });
  const [error, setError] = useState<ApiError>();
  const [loading, setLoading] = useState(false);
  const product = query.product || (products.status === 'ready' ? (products.data[0]?.code ?? '') : '');

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setLoading(true);
    try {
      onLoaded(await pricingHistory(scheme, { ...query, product }));
      setError(undefined);
    } catch (e) {
      setError(asApiError(e));
    } finally {
      setLoading(false);
    }
  };

  return (
    <section aria-labelledby="pricing-history-heading">
      <h2 id="pricing-history-heading">{t('pricing.history.title', { scheme: schemeName })}</h2>
      <form className="filters filters--grid" onSubmit={(e) => void submit(e)} aria-label={t('pricing.history.title', { scheme: schemeName })}>
        <SelectField
          label={t('pricing.history.product')}
          name="product"
          value={product}
          onValue={(v) => setQuery((q) => ({ ...q, product: v }))}
          options={products.status === 'ready' ? products.data.map((p) => ({ value: p.code, label: `${p.name} (${p.code})` })) : []}
        />
        <TextField label={t('common.from')} name="from" type="date" value={query.from} onValue={(v) => setQuery((q) => ({ ...q, from: v }))} />
        <TextField label={t('common.to')} name="to" type="date" value={query.to} onValue={(v) => setQuery((q) => ({ ...q, to: v }))} />
        <div className="filters__actions">
          <button type="submit" className="button" disabled={loading || !product}>{t('pricing.history.load')}</button>
        </div>
      </form>
      <FormError error={error} other={error?.details} />
    </section>
  );
}

function HistoryTable({ history, money }: { history: PricingHistory; money: MoneyFormat }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <section aria-labelledby="pricing-history-figures">
      <h2 id="pricing-history-figures">{t('pricing.history.figures')}</h2>
      <p>{t('pricing.history.basis', { product: history.product, from: format.calendarDate(history.from), to: format.calendarDate(history.to), years: format.decimal(history.beneficiaryYears, 1), version: format.calendarDate(history.versionEffectiveFrom) })}</p>
      <div className="table-scroll" tabIndex={0} role="region" aria-label={t('pricing.history.figures')}>
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t('pricing.category')}</th>
              <th scope="col" className="numeric">{t('pricing.cases')}</th>
              <th scope="col" className="numeric">{t('pricing.frequency')}</th>
              <th scope="col" className="numeric">{t('pricing.history.averageAsked')}</th>
              <th scope="col" className="numeric">{t('pricing.history.averageAllowed')}</th>
              <th scope="col" className="numeric">{t('pricing.costPerCase')}</th>
            </tr>
          </thead>
          <tbody>
            {history.categories.map((c) => (
              <tr key={c.category}>
                <th scope="row">
                  <CategoryName category={c.category} />
                  {c.warning ? <span className="badge badge--warning"> {t('pricing.fewCases')}</span> : null}
                </th>
                <td className="numeric">{format.number(c.cases)}</td>
                <td className="numeric">{format.decimal(c.frequency, 4)}</td>
                <td className="numeric">{money.format(Math.round(c.averageAsked))}</td>
                <td className="numeric">{money.format(Math.round(c.averageAllowed))}</td>
                <td className="numeric">{money.format(Math.round(c.costPerCase))}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="muted">{t('pricing.history.method', { n: FEW_CASES })}</p>
    </section>
  );
}

function CategoryName({ category }: { category: string }) {
  const { t, i18n } = useTranslation();
  const key = `enums.benefitCategory.${category}`;
  return <>{i18n.exists(key) ? t(key as never) : category}</>;
}

function Results({ result, money, repriced }: { result: PricingResult; money: MoneyFormat; repriced: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  const exact = (amount: number) => money.format(Math.round(amount));
  // Unrounded figures in units of the currency (minor units / 10^exponent), two decimals.
  const unrounded = (amount: number) => format.decimal(amount / 10 ** money.exponent, 2);
  // Axis ticks: the amount in units of the currency, compact (the axis is labelled with the currency).
  const axis = (minor: number) => new Intl.NumberFormat(format.locale, { notation: 'compact', maximumFractionDigits: 1 }).format(minor / 10 ** money.exponent);
  const d = result.details;
  const percent = (value: number) => new Intl.NumberFormat(format.locale, { style: 'percent', maximumFractionDigits: 1, signDisplay: 'exceptZero' }).format(value);
  return (
    <>
      <section aria-labelledby="pricing-result-heading">
        <h2 id="pricing-result-heading">{t('pricing.result')}</h2>
        <dl className="stats stats--money" data-testid="pricing-contribution">
          <div>
            <dt>{t('pricing.contributionPerPerson')}</dt>
            <dd data-testid="contribution-per-person">{money.format(result.contributionPerPerson)}</dd>
          </div>
          <div>
            <dt>{t('pricing.contributionPerHousehold')}</dt>
            <dd>{money.format(result.contributionPerHousehold)}</dd>
          </div>
          <div>
            <dt>{t('pricing.breakEven')}</dt>
            <dd>{money.format(result.breakEven.contributionPerPerson)}</dd>
          </div>
        </dl>
        <p>
          {t('pricing.steps', {
            pure: unrounded(result.purePremium),
            loaded: unrounded(result.loadedPremium),
            loadings: format.decimal(d.sumOfLoadings, 4),
            formula: t(`pricing.formula.${d.loadingMethod}`),
            roundTo: money.format(d.roundTo),
            household: unrounded(d.loadedPremiumPerHousehold),
            size: format.number(d.averageHouseholdSize),
            breakEven: unrounded(result.breakEven.premium),
          })}
        </p>
        {d.fewCases.length ? <Notice kind="warning">{t('pricing.fewCasesWarning', { n: FEW_CASES, categories: d.fewCases.join(', ') })}</Notice> : null}
      </section>

      <section aria-labelledby="pricing-categories-heading">
        <h2 id="pricing-categories-heading">{t('pricing.perCategory')}</h2>
        <div className="table-scroll" tabIndex={0} role="region" aria-label={t('pricing.perCategory')}>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('pricing.category')}</th>
                <th scope="col">{t('pricing.source')}</th>
                <th scope="col" className="numeric">{t('pricing.cases')}</th>
                <th scope="col" className="numeric">{t('pricing.frequency')}</th>
                <th scope="col" className="numeric">{t('pricing.insuredFrequency')}</th>
                <th scope="col" className="numeric">{t('pricing.averageCostShort')}</th>
                <th scope="col">{t('pricing.rule')}</th>
                <th scope="col" className="numeric">{t('pricing.costBeforeCeiling')}</th>
                <th scope="col" className="numeric">{t('pricing.costPerCase')}</th>
                <th scope="col" className="numeric">{t('pricing.purePremium')}</th>
                <th scope="col" className="numeric">{t('pricing.loadedPremium')}</th>
              </tr>
            </thead>
            <tbody>
              {result.perCategory.map((c) => (
                <tr key={c.category}>
                  <th scope="row">
                    <CategoryName category={c.category} />
                    {c.warning ? <span className="badge badge--warning"> {t('pricing.fewCases')}</span> : null}
                  </th>
                  <td>{c.source ? t(`pricing.sources.${c.source}`) : ''}</td>
                  <td className="numeric">{c.cases === null ? '' : format.number(c.cases)}</td>
                  <td className="numeric">{format.decimal(c.frequency, 4)}</td>
                  <td className="numeric">{format.decimal(c.insuredFrequency, 4)}</td>
                  <td className="numeric">{exact(c.averageCost)}</td>
                  <td>
                    {c.costRule === 'rate' ? t('pricing.ruleRate', { rate: percent(c.coverageRate ?? 1).replace('+', '') }) : null}
                    {c.costRule === 'copayment' ? t('pricing.ruleCopayment', { amount: exact(c.copayment ?? 0) }) : null}
                    {c.costRule === 'history' ? t('pricing.ruleHistory') : null}
                    {c.perCaseCeiling !== null && c.costRule !== 'history' ? ` · ${t('pricing.ruleCeiling', { amount: exact(c.perCaseCeiling) })}` : null}
                  </td>
                  <td className="numeric">{unrounded(c.costBeforeCeiling)}</td>
                  <td className="numeric">{unrounded(c.costPerCase)}{c.ceilingApplied ? ` (${t('pricing.capped')})` : ''}</td>
                  <td className="numeric">{unrounded(c.purePremium)}</td>
                  <td className="numeric">{unrounded(c.loadedPremium)}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row" colSpan={9}>{t('pricing.total')}</th>
                <td className="numeric"><strong>{unrounded(result.purePremium)}</strong></td>
                <td className="numeric"><strong>{unrounded(result.loadedPremium)}</strong></td>
              </tr>
            </tfoot>
          </table>
        </div>
        <p className="muted">{t('pricing.minorUnits', { currency: money.currency })}</p>
      </section>

      <section aria-labelledby="pricing-sensitivity-heading">
        <h2 id="pricing-sensitivity-heading">{t('pricing.sensitivity')}</h2>
        <div className="table-scroll" tabIndex={0} role="region" aria-label={t('pricing.sensitivity')}>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('pricing.change')}</th>
                <th scope="col" className="numeric">{t('pricing.ifFrequency')}</th>
                <th scope="col" className="numeric">{t('pricing.ifCost')}</th>
                <th scope="col" className="numeric">{t('pricing.ifBoth')}</th>
              </tr>
            </thead>
            <tbody>
              {result.sensitivity.map((s) => (
                <tr key={s.change}>
                  <th scope="row">{percent(s.change)}</th>
                  <td className="numeric">{money.format(s.frequency)}</td>
                  <td className="numeric">{money.format(s.cost)}</td>
                  <td className="numeric">{money.format(s.both)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <figure className="chart" aria-label={t('pricing.sensitivityChart')}>
          <ResponsiveContainer width="100%" height={260}>
            <LineChart data={result.sensitivity.map((s) => ({ change: percent(s.change), frequency: s.frequency, cost: s.cost, both: s.both }))}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis dataKey="change" />
              <YAxis width={70} tickFormatter={axis} label={{ value: money.currency, angle: -90, position: 'insideLeft' }} />
              <Tooltip formatter={(v) => money.format(Number(v))} />
              <Legend />
              <ReferenceLine y={result.breakEven.contributionPerPerson} stroke="#9a3412" strokeDasharray="4 4" label={t('pricing.breakEvenShort')} />
              <Line isAnimationActive={false} dataKey="frequency" name={t('pricing.ifFrequency')} stroke="#1f5f8b" />
              <Line isAnimationActive={false} dataKey="cost" name={t('pricing.ifCost')} stroke="#c77c02" strokeDasharray="6 3" />
              <Line isAnimationActive={false} dataKey="both" name={t('pricing.ifBoth')} stroke="#4d7c0f" />
            </LineChart>
          </ResponsiveContainer>
          <figcaption className="muted">{t('pricing.sensitivityChart')}</figcaption>
        </figure>
      </section>

      <section aria-labelledby="pricing-projection-heading">
        <h2 id="pricing-projection-heading">{t(repriced ? 'pricing.projectionRepriced' : 'pricing.projectionTable')}</h2>
        <ProjectionTable rows={result.projection} money={money} />
        <figure className="chart" aria-label={t('pricing.reserveChart')}>
          <ResponsiveContainer width="100%" height={260}>
            <BarChart data={result.scenarios.noRepricing.map((p, i) => ({ year: String(p.year), noRepricing: p.reserve, repriced: result.scenarios.repriced[i]!.reserve }))}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis dataKey="year" />
              <YAxis width={80} tickFormatter={axis} label={{ value: money.currency, angle: -90, position: 'insideLeft' }} />
              <Tooltip formatter={(v) => money.format(Number(v))} />
              <Legend />
              <ReferenceLine y={0} stroke="#000" />
              <Bar isAnimationActive={false} dataKey="noRepricing" name={t('pricing.noRepricing')} fill="#1f5f8b" />
              <Bar isAnimationActive={false} dataKey="repriced" name={t('pricing.repriced')} fill="#c77c02" />
            </BarChart>
          </ResponsiveContainer>
          <figcaption className="muted">{t('pricing.reserveChart')}</figcaption>
        </figure>
        <p className="muted">{t('pricing.projectionMethod')}</p>
      </section>
    </>
  );
}

function ProjectionTable({ rows, money }: { rows: ProjectionYear[]; money: MoneyFormat }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-label={t('pricing.projectionTable')}>
      <table className="table">
        <thead>
          <tr>
            <th scope="col">{t('pricing.year')}</th>
            <th scope="col" className="numeric">{t('pricing.members')}</th>
            <th scope="col" className="numeric">{t('pricing.contribution')}</th>
            <th scope="col" className="numeric">{t('pricing.contributions')}</th>
            <th scope="col" className="numeric">{t('pricing.claims')}</th>
            <th scope="col" className="numeric">{t('pricing.runningCosts')}</th>
            <th scope="col" className="numeric">{t('pricing.resultYear')}</th>
            <th scope="col" className="numeric">{t('pricing.reserveEnd')}</th>
            <th scope="col" className="numeric">{t('pricing.claimsRatio')}</th>
            <th scope="col" className="numeric">{t('pricing.balancing')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((p) => (
            <tr key={p.year}>
              <th scope="row">{p.year}</th>
              <td className="numeric" title={t('pricing.membersDetail', { renewing: p.renewingMembers, joining: p.newMembers })}>{format.number(p.members)}</td>
              <td className="numeric">{money.format(p.contributionPerPerson)}</td>
              <td className="numeric">{money.format(p.contributions)}</td>
              <td className="numeric">{money.format(p.claims)}</td>
              <td className="numeric">{money.format(p.runningCosts)}</td>
              <td className="numeric">{money.format(p.result)}</td>
              <td className="numeric">{money.format(p.reserve)}</td>
              <td className="numeric">{p.claimsRatio === null ? '—' : new Intl.NumberFormat(format.locale, { style: 'percent', maximumFractionDigits: 1 }).format(p.claimsRatio)}</td>
              <td className="numeric">{format.decimal(p.balancingContribution / 10 ** money.exponent, 2)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
