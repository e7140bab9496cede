import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Account, Household, Period, Scheme } from '../../../api/types';
import { addDays, today } from '../../../app/dates';
import { useFormat } from '../../../app/format';
import { useApi } from '../../../app/use-api';
import { useSubmit } from '../../../app/use-submit';
import { Dialog } from '../../../components/dialog';
import { type FieldErrors, fieldProblems, FormError, SelectField, TextField } from '../../../components/form';
import { listProducts } from '../../products/api';
import { enrol, listSubsidizers, renew, sponsorHousehold } from '../api';

function Actions({ busy, submit, cancel }: { busy: boolean; submit: string; cancel: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="actions">
      <button type="button" className="button" onClick={cancel}>{t('common.cancel')}</button>
      <button type="submit" className="button button--primary" disabled={busy}>{busy ? t('common.saving') : submit}</button>
    </div>
  );
}

/** Enrols the household in a package from a date: a coverage period and its dues. */
export function EnrolDialog({ scheme, household, close }: { scheme: Scheme; household: Household; close: (period?: Period) => void }) {
  const { t } = useTranslation();
  const products = useApi(() => listProducts(scheme.code), [scheme.code]);
  const [product, setProduct] = useState('');
  const [start, setStart] = useState(today());
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const { busy, error, run } = useSubmit();
  const choices = products.data ?? [];
  const chosen = product || (choices.length === 1 ? choices[0]!.code : '');

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const errors: FieldErrors = chosen ? {} : { product: t('validation.choose') };
    setClientErrors(errors);
    if (Object.keys(errors).length) return;
    await run(async () => close(await enrol(scheme.code, { household: household.number, product: chosen, start })));
  };

  const problems = fieldProblems(error, ['product', 'start', 'household']);
  const errors = { ...problems.fields, ...clientErrors };
  return (
    <Dialog title={t('account.enrolTitle', { number: household.number })} onClose={() => close()}>
      <form onSubmit={submit} noValidate className="form">
        <p className="muted">{t('account.enrolIntro')}</p>
        <FormError error={error} other={problems.other} />
        {products.status === 'ready' && choices.length === 0 ? <p className="notice notice--warning">{t('account.noProducts')}</p> : null}
        <SelectField
          label={t('account.product')}
          name="product"
          value={chosen}
          onValue={setProduct}
          options={[{ value: '', label: t('common.choose') }, ...choices.map((p) => ({ value: p.code, label: `${p.name} (${p.code})` }))]}
          error={errors.product}
        />
        <TextField label={t('account.start')} name="start" type="date" value={start} onValue={setStart} error={errors.start} />
        <Actions busy={busy} submit={t('account.enrol')} cancel={() => close()} />
      </form>
    </Dialog>
  );
}

/** Renews: the next period starts the day after the last one ends, with the same or another package. */
export function RenewDialog({ scheme, household, account, close }: { scheme: Scheme; household: Household; account: Account; close: (period?: Period) => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const products = useApi(() => listProducts(scheme.code), [scheme.code]);
  const last = account.periods.reduce<Account['periods'][number] | undefined>((a, p) => (!a || p.end > a.end ? p : a), undefined);
  const [product, setProduct] = useState('');
  const { busy, error, run } = useSubmit();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    await run(async () => close(await renew(scheme.code, { household: household.number, ...(product ? { product } : {}) })));
  };

  const problems = fieldProblems(error, ['product', 'household']);
  return (
    <Dialog title={t('account.renewTitle', { number: household.number })} onClose={() => close()}>
      <form onSubmit={submit} noValidate className="form">
        {last ? <p>{t('account.renewIntro', { start: format.calendarDate(addDays(last.end, 1)), product: last.product })}</p> : null}
        <FormError error={error} other={problems.other} />
        <SelectField
          label={t('account.product')}
          name="product"
          value={product}
          onValue={setProduct}
          options={[{ value: '', label: t('account.sameProduct', { product: last?.product ?? '' }) }, ...(products.data ?? []).map((p) => ({ value: p.code, label: `${p.name} (${p.code})` }))]}
          error={problems.fields.product}
        />
        <Actions busy={busy} submit={t('account.renew')} cancel={() => close()} />
      </form>
    </Dialog>
  );
}

/** A subsidizer takes on the household's dues (its share) from a date. */
export function SponsorDialog({ scheme, household, close }: { scheme: Scheme; household: Household; close: (sponsored?: string) => void }) {
  const { t } = useTranslation();
  const subsidizers = useApi(() => listSubsidizers(scheme.code), [scheme.code]);
  const [subsidizer, setSubsidizer] = useState('');
  const [from, setFrom] = useState(today());
  const [to, setTo] = useState('');
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const { busy, error, run } = useSubmit();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const errors: FieldErrors = subsidizer ? {} : { subsidizer: t('validation.choose') };
    setClientErrors(errors);
    if (Object.keys(errors).length) return;
    await run(async () => {
      await sponsorHousehold(scheme.code, household.number, { subsidizer, from, to: to || null });
      close(subsidizer);
    });
  };

  const problems = fieldProblems(error, ['subsidizer', 'from', 'to']);
  const errors = { ...problems.fields, ...clientErrors };
  return (
    <Dialog title={t('account.sponsorTitle', { number: household.number })} onClose={() => close()}>
      <form onSubmit={submit} noValidate className="form">
        <FormError error={error} other={problems.other} />
        <SelectField
          label={t('subsidizers.subsidizer')}
          name="subsidizer"
          value={subsidizer}
          onValue={setSubsidizer}
          options={[{ value: '', label: t('common.choose') }, ...(subsidizers.data ?? []).map((s) => ({ value: s.code, label: `${s.name} (${s.code})` }))]}
          error={errors.subsidizer}
        />
        <div className="form__row">
          <TextField label={t('common.from')} name="from" type="date" value={from} onValue={setFrom} error={errors.from} />
          <TextField label={t('common.to')} hint={t('account.sponsorToHint')} name="to" type="date" value={to} onValue={setTo} error={errors.to} />
        </div>
        <Actions busy={busy} submit={t('account.sponsor')} cancel={() => close()} />
      </form>
    </Dialog>
  );
}
