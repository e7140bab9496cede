import { type FormEvent, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AgreementPaymentMethod, ProviderDetail, Scheme, Service } from '../../../api/types';
import { addDays, today } from '../../../app/dates';
import { useFormat } from '../../../app/format';
import { type MoneyFormat, useMoney } from '../../../app/money';
import { navigate } from '../../../app/router';
import { useSchemeHref } from '../../../app/session';
import { useApi } from '../../../app/use-api';
import { useSubmit } from '../../../app/use-submit';
import { useConfirm } from '../../../components/confirm';
import { type FieldErrors, fieldProblems, FormError, RadioField, TextField } from '../../../components/form';
import { MoneyField } from '../../../components/money-field';
import { parseWholeNumber } from '../../../components/numbers';
import { LoadError, Loading, Page } from '../../../components/page';
import { CellField, RowTitle } from '../../../components/table-form';
import { addAgreement, getProvider, listServices } from '../api';
import { agreementPaymentMethods } from '../enums';

interface Row {
  key: number;
  service: string;
  price: string;
}

interface Draft {
  from: string;
  to: string;
  paymentMethod: AgreementPaymentMethod;
  paymentDelayDays: string;
  capitationAmount: string;
  flatRateAmount: string;
}

const FIELDS = ['from', 'to', 'paymentMethod', 'paymentDelayDays', 'capitationAmount', 'flatRateAmount', 'tariff'] as const;

/** A new agreement version for a provider: it starts as a copy of the latest one's terms and tariff. */
export default function AgreementPage({ scheme, code }: { scheme: Scheme; code: string }) {
  const { t } = useTranslation();
  const provider = useApi(() => getProvider(scheme.code, code), [scheme.code, code]);
  const services = useApi(() => listServices(scheme.code, { limit: 5000 }), [scheme.code]);
  if (provider.status === 'loading' || services.status === 'loading') return <Loading />;
  if (provider.status === 'failed' || services.status === 'failed') {
    const failed = provider.error ?? services.error!;
    return (
      <Page title={t('agreements.add')}>
        <LoadError error={failed} retry={() => void (provider.status === 'failed' ? provider.reload() : services.reload())} />
      </Page>
    );
  }
  return <AgreementForm scheme={scheme} provider={provider.data} services={services.data} />;
}

function AgreementForm({ scheme, provider, services }: { scheme: Scheme; provider: ProviderDetail; services: Service[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  const money = useMoney(scheme.currency);
  const schemeHref = useSchemeHref();
  const listId = useId();
  const [confirm, confirmDialog] = useConfirm();
  const latest = [...provider.agreements].sort((a, b) => b.from.localeCompare(a.from))[0];
  const [draft, setDraft] = useState<Draft>({
    from: today(),
    to: '',
    paymentMethod: latest?.paymentMethod ?? 'fee_for_service',
    paymentDelayDays: String(latest?.paymentDelayDays ?? 30),
    capitationAmount: money.toInput(latest?.capitationAmount),
    flatRateAmount: money.toInput(latest?.flatRateAmount),
  });
  const nextKey = useRef(0);
  const [rows, setRows] = useState<Row[]>(() => {
    const copied = (latest?.tariff ?? []).map((l) => ({ key: nextKey.current++, service: l.service, price: money.toInput(l.price) }));
    return copied.length ? copied : [{ key: nextKey.current++, service: '', price: '' }];
  });
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const sentRows = useRef<number[]>([]);
  const { busy, error, run } = useSubmit();
  const byCode = new Map(services.map((s) => [s.code, s]));

  const set = (change: Partial<Draft>) => setDraft((d) => ({ ...d, ...change }));
  const setRow = (index: number, change: Partial<Row>) => setRows((rs) => rs.map((r, i) => (i === index ? { ...r, ...change } : r)));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const errors: FieldErrors = {};
    if (!draft.from) errors.from = t('validation.required');
    const delay = parseWholeNumber(draft.paymentDelayDays);
    if (delay === undefined) errors.paymentDelayDays = t('validation.wholeNumber');
    const amount = (text: string, field: 'capitationAmount' | 'flatRateAmount', needed: boolean) => {
      if (!needed) return null;
      const value = money.parse(text);
      if (value === null) errors[field] = t('validation.required');
      else if (value === undefined) errors[field] = t('money.invalid', { currency: money.currency });
      return value ?? null;
    };
    const capitationAmount = amount(draft.capitationAmount, 'capitationAmount', draft.paymentMethod === 'capitation');
    const flatRateAmount = amount(draft.flatRateAmount, 'flatRateAmount', draft.paymentMethod === 'flat_rate');
    const filled = rows.map((r, i) => ({ r, i, price: money.parse(r.price) })).filter(({ r }) => r.service.trim() || r.price.trim());
    const seen = new Set<string>();
    for (const { r, i, price } of filled) {
      const service = r.service.trim().toUpperCase();
      if (!service) errors[`tariff[${i}].service`] = t('validation.required');
      else if (seen.has(service)) errors[`tariff[${i}].service`] = t('agreements.twice');
      seen.add(service);
      if (price === null) errors[`tariff[${i}].price`] = t('validation.required');
      else if (price === undefined) errors[`tariff[${i}].price`] = t('money.invalid', { currency: money.currency });
    }
    setClientErrors(errors);
    if (Object.keys(errors).length) return;

    // A version that starts inside an open or longer one closes it the day before (the API does it): ask first.
    const closing = provider.agreements.find((a) => a.from < draft.from && (a.to === null || a.to >= draft.from) && (a.to === null || !draft.to || draft.to >= a.to));
    const ok = await confirm({
      title: t('agreements.confirmTitle'),
      message: (
        <>
          {closing ? <p>{t('agreements.confirmCloses', { from: format.calendarDate(closing.from), end: format.calendarDate(addDays(draft.from, -1)) })}</p> : null}
          <p>{t('agreements.confirmFinal', { count: filled.length, n: format.number(filled.length) })}</p>
        </>
      ),
      confirmLabel: t('agreements.save'),
    });
    if (!ok) return;
    sentRows.current = filled.map(({ i }) => i);
    await run(async () => {
      await addAgreement(scheme.code, provider.code, {
        from: draft.from,
        to: draft.to || null,
        paymentMethod: draft.paymentMethod,
        paymentDelayDays: delay ?? null,
        capitationAmount,
        flatRateAmount,
        tariff: filled.map(({ r, price }) => ({ service: r.service.trim().toUpperCase(), price: price! })),
      });
      navigate(schemeHref(`/providers/${encodeURIComponent(provider.code)}`, { agreement: draft.from }));
    });
  };

  const rename = (field: string) => field.replace(/^tariff\[(\d+)\]/, (_, n: string) => `tariff[${sentRows.current[Number(n)] ?? n}]`);
  const rowFields = rows.flatMap((_, i) => [`tariff[${i}].service`, `tariff[${i}].price`]);
  const problems = fieldProblems(error, [...FIELDS, ...rowFields], rename);
  const errors = { ...problems.fields, ...clientErrors };
  const rowLabel = (i: number) => t('agreements.lineN', { n: i + 1 });

  return (
    <Page title={t('agreements.addTitle', { name: provider.name })}>
      <p className="muted">{t('agreements.addIntro')}</p>
      <form onSubmit={submit} noValidate className="form" aria-label={t('agreements.add')}>
        <FormError error={error} other={problems.other} />
        {Object.keys(clientErrors).length ? <p className="notice notice--error" role="alert">{t('validation.fixFields')}</p> : null}
        <section className="card form" aria-labelledby="terms-heading">
          <h2 id="terms-heading">{t('agreements.terms')}</h2>
          <div className="form__row">
            <TextField label={t('agreements.from')} name="from" type="date" value={draft.from} onValue={(from) => set({ from })} error={errors.from} />
            <TextField label={t('agreements.to')} hint={t('agreements.toHint')} name="to" type="date" value={draft.to} onValue={(to) => set({ to })} error={errors.to} />
            <TextField label={t('agreements.paymentDelay')} hint={t('agreements.paymentDelayHint')} name="paymentDelayDays" inputMode="numeric" autoComplete="off" value={draft.paymentDelayDays} onValue={(paymentDelayDays) => set({ paymentDelayDays })} error={errors.paymentDelayDays} />
          </div>
          <RadioField
            legend={t('agreements.paymentMethod')}
            name="paymentMethod"
            value={draft.paymentMethod}
            onValue={(paymentMethod) => set({ paymentMethod: paymentMethod as AgreementPaymentMethod })}
            options={agreementPaymentMethods.map((m) => ({ value: m, label: t(`enums.agreementPaymentMethod.${m}`), hint: t(`agreements.methodHint.${m}`) }))}
            error={errors.paymentMethod}
          />
          {draft.paymentMethod === 'capitation' ? (
            <div className="form__row">
              <MoneyField label={t('agreements.capitationAmount')} name="capitationAmount" money={money} value={draft.capitationAmount} onValue={(capitationAmount) => set({ capitationAmount })} error={errors.capitationAmount} />
            </div>
          ) : null}
          {draft.paymentMethod === 'flat_rate' ? (
            <div className="form__row">
              <MoneyField label={t('agreements.flatRateAmount')} name="flatRateAmount" money={money} value={draft.flatRateAmount} onValue={(flatRateAmount) => set({ flatRateAmount })} error={errors.flatRateAmount} />
            </div>
          ) : null}
        </section>
        <section className="card" aria-labelledby="tariff-heading">
          <h2 id="tariff-heading">{t('agreements.tariff')}</h2>
          <p className="muted">{latest ? t('agreements.tariffCopied', { from: format.calendarDate(latest.from) }) : t('agreements.tariffIntro')}</p>
          {errors.tariff ? <p className="field__error" role="alert">{errors.tariff}</p> : null}
          <TariffRows rows={rows} errors={errors} money={money} byCode={byCode} listId={listId} rowLabel={rowLabel} rowTitle={(i) => t('agreements.lineTitle', { n: i + 1 })} setRow={setRow} remove={(i) => setRows((rs) => rs.filter((_, j) => j !== i))} />
          <datalist id={listId}>
            {services.map((s) => (
              <option key={s.code} value={s.code}>{s.name}</option>
            ))}
          </datalist>
          <div className="actions">
            <button type="button" className="button" onClick={() => setRows((rs) => [...rs, { key: nextKey.current++, service: '', price: '' }])}>{t('agreements.addLine')}</button>
          </div>
        </section>
        <div className="actions">
          <button type="submit" className="button button--primary" disabled={busy}>{busy ? t('common.saving') : t('agreements.save')}</button>
        </div>
      </form>
      {confirmDialog}
    </Page>
  );
}

function TariffRows({ rows, errors, money, byCode, listId, rowLabel, rowTitle, setRow, remove }: {
  rows: Row[];
  errors: FieldErrors;
  money: MoneyFormat;
  byCode: Map<string, Service>;
  listId: string;
  rowLabel: (i: number) => string;
  rowTitle: (i: number) => string;
  setRow: (i: number, change: Partial<Row>) => void;
  remove: (i: number) => void;
}) {
  const { t } = useTranslation();
  return (
    <table className="table-form table-form--parts table-form--tariff" aria-labelledby="tariff-heading">
      <colgroup>
        <col className="col--number" />
        <col />
        <col />
        <col className="col--action" />
      </colgroup>
      <thead>
        <tr>
          <th scope="col">#</th>
          <th scope="col">{t('agreements.service')}</th>
          <th scope="col">{t('agreements.price')}</th>
          <th scope="col"><span className="visually-hidden">{t('common.actions')}</span></th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r, i) => {
          const known = byCode.get(r.service.trim().toUpperCase());
          return (
            <tr key={r.key}>
              <RowTitle number={i + 1} title={rowTitle(i)} />
              <CellField label={t('agreements.service')} row={rowLabel(i)} error={errors[`tariff[${i}].service`]}>
                {({ id, describedBy, invalid }) => (
                  <>
                    <input id={id} list={listId} autoComplete="off" spellCheck={false} autoCapitalize="characters" aria-describedby={describedBy} aria-invalid={invalid || undefined} value={r.service} onChange={(e) => setRow(i, { service: e.target.value })} />
                    <span className="cell-note">{known ? `${known.name}${known.active ? '' : ` · ${t('providers.inactive')}`}` : r.service.trim() ? t('agreements.notInCatalogue') : ''}</span>
                  </>
                )}
              </CellField>
              <CellField label={t('agreements.price')} row={rowLabel(i)} error={errors[`tariff[${i}].price`]}>
                {({ id, describedBy, invalid }) => <input id={id} inputMode={money.exponent ? 'decimal' : 'numeric'} autoComplete="off" aria-describedby={describedBy} aria-invalid={invalid || undefined} value={r.price} onChange={(e) => setRow(i, { price: e.target.value })} />}
              </CellField>
              <td className="table-form__cell table-form__cell--action">
                <button type="button" className="button button--small" onClick={() => remove(i)}>
                  {t('common.remove')}<span className="visually-hidden"> {rowLabel(i)}</span>
                </button>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
