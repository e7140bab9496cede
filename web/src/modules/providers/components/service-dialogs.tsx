import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BenefitCategory, Scheme, Service, ServiceKind, UpdateService } from '../../../api/types';
import { useSubmit } from '../../../app/use-submit';
import { Dialog } from '../../../components/dialog';
import { type FieldErrors, fieldProblems, FormError, SelectField, TextField } from '../../../components/form';
import { benefitCategories } from '../../products/enums';
import { createService, updateService } from '../api';
import { serviceKinds } from '../enums';

const FIELDS = ['code', 'name', 'category', 'kind'] as const;

/** Adds a service, drug or supply to the catalogue, or corrects one (its code never changes). */
export function ServiceDialog({ scheme, service, close }: { scheme: Scheme; service?: Service; close: (saved?: Service) => void }) {
  const { t } = useTranslation();
  const [form, setForm] = useState({ code: service?.code ?? '', name: service?.name ?? '', category: (service?.category ?? '') as BenefitCategory | '', kind: (service?.kind ?? 'service') as ServiceKind });
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const { busy, error, run } = useSubmit();
  const set = (change: Partial<typeof form>) => setForm((f) => ({ ...f, ...change }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const errors: FieldErrors = {};
    if (!service && !form.code.trim()) errors.code = t('validation.required');
    if (!form.name.trim()) errors.name = t('validation.required');
    if (!form.category) errors.category = t('validation.choose');
    setClientErrors(errors);
    if (Object.keys(errors).length) return;
    const category = form.category as BenefitCategory;
    await run(async () => {
      if (!service) {
        close(await createService(scheme.code, { code: form.code.trim(), name: form.name.trim(), category, kind: form.kind }));
        return;
      }
      const changes: UpdateService = {};
      if (form.name.trim() !== service.name) changes.name = form.name.trim();
      if (category !== service.category) changes.category = category;
      if (form.kind !== service.kind) changes.kind = form.kind;
      close(Object.keys(changes).length ? await updateService(scheme.code, service.code, changes) : undefined);
    });
  };

  const problems = fieldProblems(error, FIELDS);
  const errors = { ...problems.fields, ...clientErrors };
  return (
    <Dialog title={service ? t('services.editTitle', { code: service.code }) : t('services.add')} onClose={() => close()}>
      <form onSubmit={submit} noValidate className="form">
        <FormError error={error} other={problems.other} />
        {service ? null : (
          <TextField label={t('services.code')} hint={t('services.codeHint')} name="code" autoComplete="off" autoCapitalize="characters" spellCheck={false} value={form.code} onValue={(code) => set({ code })} error={errors.code} />
        )}
        <TextField label={t('services.name')} name="name" autoComplete="off" value={form.name} onValue={(name) => set({ name })} error={errors.name} />
        <SelectField
          label={t('services.category')}
          hint={t('services.categoryHint')}
          name="category"
          value={form.category}
          onValue={(category) => set({ category: category as BenefitCategory | '' })}
          options={[{ value: '', label: t('common.choose') }, ...benefitCategories.map((c) => ({ value: c, label: t(`enums.benefitCategory.${c}`) }))]}
          error={errors.category}
        />
        <SelectField
          label={t('services.kind')}
          name="kind"
          value={form.kind}
          onValue={(kind) => set({ kind: kind as ServiceKind })}
          options={serviceKinds.map((k) => ({ value: k, label: t(`enums.serviceKind.${k}`) }))}
          error={errors.kind}
        />
        <div className="actions">
          <button type="button" className="button" onClick={() => close()}>{t('common.cancel')}</button>
          <button type="submit" className="button button--primary" disabled={busy}>{busy ? t('common.saving') : service ? t('common.save') : t('services.addSubmit')}</button>
        </div>
      </form>
    </Dialog>
  );
}
