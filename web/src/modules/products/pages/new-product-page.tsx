import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Scheme } from '../../../api/types';
import { useMoney } from '../../../app/money';
import { navigate } from '../../../app/router';
import { useSchemeHref } from '../../../app/session';
import { useSubmit } from '../../../app/use-submit';
import { type FieldErrors, fieldProblems, FormError, TextField } from '../../../components/form';
import { Page } from '../../../components/page';
import { createProduct } from '../api';
import { BENEFIT_FIELDS, emptyVersion, readVersion, VERSION_FIELDS, type VersionDraft, versionError } from '../components/version-draft';
import { VersionFields } from '../components/version-fields';
import { useDraftMessages } from '../components/use-draft-messages';

/** A new benefit package with its first version. */
export default function NewProductPage({ scheme }: { scheme: Scheme }) {
  const { t } = useTranslation();
  const schemeHref = useSchemeHref();
  const money = useMoney(scheme.currency);
  const messages = useDraftMessages(money);
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const [draft, setDraft] = useState<VersionDraft>(emptyVersion);
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const { busy, error, run } = useSubmit();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const { version, errors } = readVersion(draft, money, messages);
    setClientErrors(errors);
    if (!version) return;
    await run(async () => {
      const product = await createProduct(scheme.code, { code: code.trim(), name: name.trim(), versions: [version] });
      navigate(schemeHref(`/products/${encodeURIComponent(product.code)}`));
    });
  };

  const apiError = versionError(error, draft.basis, 'versions[0].');
  const fields = ['code', 'name', 'versions', ...VERSION_FIELDS, ...draft.benefits.flatMap((_, i) => BENEFIT_FIELDS.map((f) => `benefits[${i}].${f}`))];
  const problems = fieldProblems(apiError, fields);
  const errors = { ...problems.fields, ...clientErrors };
  return (
    <Page title={t('products.new')}>
      <form onSubmit={submit} noValidate className="form" aria-label={t('products.new')}>
        <FormError error={apiError} other={problems.other} />
        {Object.keys(clientErrors).length ? <p className="notice notice--error" role="alert">{t('validation.fixFields')}</p> : null}
        <section className="card form" aria-labelledby="package-heading">
          <h2 id="package-heading">{t('products.package')}</h2>
          <div className="form__row">
            <TextField label={t('products.code')} hint={t('products.codeHint')} name="code" autoComplete="off" spellCheck={false} value={code} onValue={setCode} error={errors.code} />
            <TextField label={t('products.name')} name="name" autoComplete="off" value={name} onValue={setName} error={errors.name} />
          </div>
          {errors.versions ? <p className="field__error">{errors.versions}</p> : null}
        </section>
        <VersionFields value={draft} onChange={setDraft} errors={errors} money={money} />
        <div className="actions">
          <button type="submit" className="button button--primary" disabled={busy}>{busy ? t('common.saving') : t('products.create')}</button>
        </div>
      </form>
    </Page>
  );
}
