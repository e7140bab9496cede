import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Scheme } from '../../../api/types';
import { today } from '../../../app/dates';
import { useFormat } from '../../../app/format';
import { useMoney } from '../../../app/money';
import { navigate, useLocation } from '../../../app/router';
import { useSchemeHref } from '../../../app/session';
import { useApi } from '../../../app/use-api';
import { SelectField, TextField } from '../../../components/form';
import { LoadError, Loading, Page } from '../../../components/page';
import { claimsReserves, type Reserves } from '../api';

const HISTORY = [6, 12, 18, 24, 36] as const;

/**
 * The claims reserves on a date: what the scheme owes for decided claims, and its estimate of care
 * already given but not yet claimed, with the triangle of reporting delays behind it so that a
 * treasurer or an auditor can check it by hand.
 */
export default function ReservesPage({ scheme }: { scheme: Scheme }) {
  const { t } = useTranslation();
  const format = useFormat();
  const money = useMoney(scheme.currency);
  const schemeHref = useSchemeHref();
  const { query } = useLocation();
  const on = query.get('on') || today();
  const months = Number(query.get('months')) || 12;
  const [form, setForm] = useState({ on, months: String(months) });
  const reserves = useApi(() => claimsReserves(scheme.code, on, months), [scheme.code, on, months]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    navigate(schemeHref('/reserves', { on: form.on || undefined, months: form.months }));
  };

  return (
    <Page title={t('reserves.title')}>
      <p className="muted">{t('reserves.intro')}</p>
      <form className="filters filters--grid" onSubmit={submit} aria-label={t('common.filters')}>
        <TextField label={t('reserves.on')} name="on" type="date" value={form.on} onValue={(v) => setForm((f) => ({ ...f, on: v }))} />
        <SelectField
          label={t('reserves.months')}
          name="months"
          value={form.months}
          onValue={(v) => setForm((f) => ({ ...f, months: v }))}
          options={HISTORY.map((m) => ({ value: String(m), label: t('reserves.monthsOption', { n: m }) }))}
        />
        <div className="filters__actions">
          <button type="submit" className="button button--primary">{t('common.show')}</button>
        </div>
      </form>
      {reserves.status === 'loading' ? <Loading /> : null}
      {reserves.status === 'failed' ? <LoadError error={reserves.error} retry={() => void reserves.reload()} /> : null}
      {reserves.status === 'ready' ? (
        <>
          <section aria-labelledby="reserves-heading">
            <h2 id="reserves-heading">{t('reserves.heading', { date: format.calendarDate(reserves.data.on) })}</h2>
            <dl className="stats stats--money">
              <div>
                <dt>{t('reserves.outstanding')}</dt>
                <dd>{money.format(reserves.data.outstanding.payable)}</dd>
              </div>
              <div>
                <dt>{t('reserves.ibnr')}</dt>
                <dd>{money.format(reserves.data.ibnr.total)}</dd>
              </div>
              <div>
                <dt>{t('reserves.total')}</dt>
                <dd>{money.format(reserves.data.outstanding.payable + reserves.data.ibnr.total)}</dd>
              </div>
            </dl>
            <p>{t('reserves.outstandingDetail', { claims: format.number(reserves.data.outstanding.claims) })}</p>
            {reserves.data.outstanding.pendingClaims ? (
              <p>{t('reserves.pending', { claims: format.number(reserves.data.outstanding.pendingClaims), asked: money.format(reserves.data.outstanding.pendingAsked) })}</p>
            ) : null}
          </section>
          <Triangle data={reserves.data} formatMoney={money.format} />
        </>
      ) : null}
    </Page>
  );
}

function Triangle({ data, formatMoney }: { data: Reserves; formatMoney: (amount: number) => string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { ibnr } = data;
  const factor = (f: number | null) => (f === null ? '—' : format.decimal(f, 3));
  return (
    <section aria-labelledby="triangle-heading">
      <h2 id="triangle-heading">{t('reserves.triangle')}</h2>
      <p className="muted">{t('reserves.method')}</p>
      <div className="table-scroll" tabIndex={0} role="region" aria-label={t('reserves.triangleCaption')}>
        <table className="table table--matrix">
          <caption>{t('reserves.triangleCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('reserves.monthOfCare')}</th>
              {ibnr.origins.map((_, k) => (
                <th scope="col" className="numeric" key={k}>{t('reserves.delay', { k })}</th>
              ))}
              <th scope="col" className="numeric">{t('reserves.ultimate')}</th>
              <th scope="col" className="numeric">{t('reserves.ibnrColumn')}</th>
            </tr>
          </thead>
          <tbody>
            {ibnr.origins.map((origin, i) => (
              <tr key={origin}>
                <th scope="row">{format.month(origin)}</th>
                {ibnr.cumulative[i]!.map((v, k) => (
                  <td className="numeric" key={k} title={v === null ? undefined : t('reserves.cellClaims', { n: ibnr.claims[i]![k] ?? 0 })}>
                    {v === null ? '' : formatMoney(v)}
                  </td>
                ))}
                <td className="numeric">{formatMoney(ibnr.ultimate[i]!)}</td>
                <td className="numeric">{formatMoney(ibnr.ibnr[i]!)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{t('reserves.factors')}</th>
              {ibnr.origins.map((_, k) => (
                <td className="numeric" key={k}>{k < ibnr.factors.length ? factor(ibnr.factors[k]!) : ''}</td>
              ))}
              <td />
              <td className="numeric"><strong>{formatMoney(ibnr.total)}</strong></td>
            </tr>
          </tfoot>
        </table>
      </div>
    </section>
  );
}
