import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Product, Scheme } from '../../../api/types';
import { useFormat } from '../../../app/format';
import { useMoney } from '../../../app/money';
import { navigate } from '../../../app/router';
import { useSchemeHref } from '../../../app/session';
import { useApi } from '../../../app/use-api';
import { useSubmit } from '../../../app/use-submit';
import { type FieldErrors, fieldProblems, FormError } from '../../../components/form';
import { LoadError, Loading, Notice, Page } from '../../../components/page';
import { addVersion, getProduct, replaceVersion } from '../api';
import { useDraftMessages } from '../components/use-draft-messages';
import { BENEFIT_FIELDS, draftOfVersion, emptyVersion, readVersion, VERSION_FIELDS, type VersionDraft, versionError } from '../components/version-draft';
import { VersionFields } from '../components/version-fields';

/**
 * A new version of a package (how a package changes from a date), started from the latest one;
 * or, with `effectiveFrom`, the correction of a version that no coverage uses yet.
 */
export default function VersionPage({ scheme, code, effectiveFrom }: { scheme: Scheme; code: string; effectiveFrom?: string }) {
  const { t } = useTranslation();
  const product = useApi(() => getProduct(scheme.code, code), [scheme.code, code]);
  if (product.status === 'loading') return <Loading />;
  if (product.status === 'failed') {
    return (
      <Page title={t('products.title')}>
        <LoadError error={product.error} retry={() => void product.reload()} />
      </Page>
    );
  }
  return <VersionForm scheme={scheme} product={product.data} effectiveFrom={effectiveFrom} />;
}

function VersionForm({ scheme, product, effectiveFrom }: { scheme: Scheme; product: Product; effectiveFrom?: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const schemeHref = useSchemeHref();
  const money = useMoney(scheme.currency);
  const messages = useDraftMessages(money);
  const latest = [...product.versions].sort((a, b) => b.definition.effectiveFrom.localeCompare(a.definition.effectiveFrom))[0];
  const edited = effectiveFrom ? product.versions.find((v) => v.definition.effectiveFrom === effectiveFrom) : undefined;
  const [draft, setDraft] = useState<VersionDraft>(() => {
    if (edited) return draftOfVersion(edited.definition, money);
    if (latest) return { ...draftOfVersion(latest.definition, money), effectiveFrom: '' };
    return emptyVersion();
  });
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const { busy, error, run } = useSubmit();
  const title = edited
    ? t('products.correctTitle', { name: product.name, date: format.calendarDate(edited.definition.effectiveFrom) })
    : t('products.addVersionTitle', { name: product.name });

  if (effectiveFrom && !edited) {
    return (
      <Page title={title}>
        <Notice kind="error">{t('products.noSuchVersion', { date: effectiveFrom })}</Notice>
      </Page>
    );
  }

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const { version, errors } = readVersion(draft, money, messages);
    setClientErrors(errors);
    if (!version) return;
    await run(async () => {
      if (edited) await replaceVersion(scheme.code, product.code, edited.definition.effectiveFrom, version);
      else await addVersion(scheme.code, product.code, version);
      navigate(schemeHref(`/products/${encodeURIComponent(product.code)}`, { saved: version.effectiveFrom }));
    });
  };

  const apiError = versionError(error, draft.basis);
  const fields = [...VERSION_FIELDS, ...draft.benefits.flatMap((_, i) => BENEFIT_FIELDS.map((f) => `benefits[${i}].${f}`))];
  const problems = fieldProblems(apiError, fields);
  const errors = { ...problems.fields, ...clientErrors };
  return (
    <Page title={title}>
      <p className="muted">{edited ? t('products.correctIntro') : t('products.addVersionIntro')}</p>
      {edited?.inUse ? <Notice kind="warning">{t('products.inUseWarning')}</Notice> : null}
      <form onSubmit={submit} noValidate className="form" aria-label={title}>
        <FormError error={apiError} other={problems.other} />
        {Object.keys(clientErrors).length ? <p className="notice notice--error" role="alert">{t('validation.fixFields')}</p> : null}
        <VersionFields value={draft} onChange={setDraft} errors={errors} money={money} lockEffectiveFrom={Boolean(edited)} />
        <div className="actions">
          <button type="submit" className="button button--primary" disabled={busy}>{busy ? t('common.saving') : edited ? t('common.save') : t('products.addVersion')}</button>
        </div>
      </form>
    </Page>
  );
}
