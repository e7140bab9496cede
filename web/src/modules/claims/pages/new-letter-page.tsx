import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BenefitCategory, Provider, Scheme } from '../../../api/types';
import { ownProviders } from '../../../app/access';
import { addDays, today } from '../../../app/dates';
import { navigate } from '../../../app/router';
import { useMe, useSchemeHref } from '../../../app/session';
import { useApi } from '../../../app/use-api';
import { useSubmit } from '../../../app/use-submit';
import { type FieldErrors, fieldProblems, FormError, SelectField, TextAreaField, TextField } from '../../../components/form';
import { LoadError, Loading, Page } from '../../../components/page';
import { benefitCategories } from '../../products/enums';
import { listProviders } from '../../providers/api';
import { requestLetter } from '../api';
import { MemberStatus } from '../components/member-status';

const FIELDS = ['number', 'member', 'category', 'provider', 'validFrom', 'validTo', 'note'] as const;

/** Asks the scheme for a guarantee letter before a hospitalization or a costly act. */
export default function NewLetterPage({ scheme }: { scheme: Scheme }) {
  const { t } = useTranslation();
  const providers = useApi(() => listProviders(scheme.code, { active: true }), [scheme.code]);
  if (providers.status === 'loading') return <Loading />;
  if (providers.status === 'failed') {
    return (
      <Page title={t('letters.request')}>
        <LoadError error={providers.error} retry={() => void providers.reload()} />
      </Page>
    );
  }
  return <LetterForm scheme={scheme} providers={providers.data} />;
}

function LetterForm({ scheme, providers }: { scheme: Scheme; providers: Provider[] }) {
  const { t } = useTranslation();
  const { me } = useMe();
  const schemeHref = useSchemeHref();
  // A provider clerk asks for their own facility; staff may name one, or none (any provider).
  const own = ownProviders(me, 'claims.submit', scheme);
  const clerk = own !== undefined;
  const [form, setForm] = useState({
    member: '',
    category: 'hospitalization' as BenefitCategory | '',
    provider: clerk ? (own[0] ?? '') : '',
    validFrom: today(),
    validTo: addDays(today(), 30),
    note: '',
  });
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const { busy, error, run } = useSubmit();
  const set = (change: Partial<typeof form>) => setForm((f) => ({ ...f, ...change }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const errors: FieldErrors = {};
    if (!form.member.trim()) errors.member = t('validation.required');
    if (!form.category) errors.category = t('validation.choose');
    if (!form.validFrom) errors.validFrom = t('validation.required');
    if (!form.validTo) errors.validTo = t('validation.required');
    else if (form.validFrom && form.validTo < form.validFrom) errors.validTo = t('letters.toBeforeFrom');
    setClientErrors(errors);
    if (Object.keys(errors).length) return;
    await run(async () => {
      const letter = await requestLetter(scheme.code, {
        member: form.member.trim(),
        category: form.category as BenefitCategory,
        provider: form.provider || null,
        validFrom: form.validFrom,
        validTo: form.validTo,
        note: form.note.trim() || null,
      });
      navigate(schemeHref(`/letters/${encodeURIComponent(letter.number)}`, { requested: '1' }));
    });
  };

  const problems = fieldProblems(error, FIELDS);
  const errors = { ...problems.fields, ...clientErrors };
  const choices = clerk ? providers.filter((p) => own.includes(p.code)) : providers;
  return (
    <Page title={t('letters.request')} narrow>
      <p className="muted">{t('letters.requestIntro')}</p>
      <form onSubmit={submit} noValidate className="form" aria-label={t('letters.request')}>
        <FormError error={error} other={problems.other} />
        {Object.keys(clientErrors).length ? <p className="notice notice--error" role="alert">{t('validation.fixFields')}</p> : null}
        <div>
          <TextField label={t('claimEntry.member')} hint={t('claimEntry.memberHint')} name="member" autoComplete="off" autoCapitalize="characters" spellCheck={false} className="input--card" value={form.member} onValue={(member) => set({ member })} error={errors.member} />
          <MemberStatus scheme={scheme} card={form.member} date={form.validFrom} />
        </div>
        <SelectField
          label={t('letters.category')}
          hint={t('letters.categoryHint')}
          name="category"
          value={form.category}
          onValue={(category) => set({ category: category as BenefitCategory | '' })}
          options={[{ value: '', label: t('common.choose') }, ...benefitCategories.map((c) => ({ value: c, label: t(`enums.benefitCategory.${c}`) }))]}
          error={errors.category}
        />
        <SelectField
          label={t('claims.provider')}
          hint={clerk ? undefined : t('letters.providerHint')}
          name="provider"
          value={form.provider}
          onValue={(provider) => set({ provider })}
          options={[...(clerk ? [] : [{ value: '', label: t('letters.anyProvider') }]), ...choices.map((p) => ({ value: p.code, label: `${p.name} (${p.code})` }))]}
          error={errors.provider}
        />
        <div className="form__row">
          <TextField label={t('letters.validFrom')} name="validFrom" type="date" value={form.validFrom} onValue={(validFrom) => set({ validFrom })} error={errors.validFrom} />
          <TextField label={t('letters.validTo')} name="validTo" type="date" value={form.validTo} onValue={(validTo) => set({ validTo })} error={errors.validTo} />
        </div>
        <TextAreaField label={t('letters.note')} hint={t('letters.noteHint')} name="note" value={form.note} onValue={(note) => set({ note })} error={errors.note} />
        <div className="actions">
          <button type="submit" className="button button--primary" disabled={busy}>{busy ? t('common.saving') : t('letters.requestSubmit')}</button>
        </div>
      </form>
    </Page>
  );
}
