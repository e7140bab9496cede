import { useTranslation } from 'react-i18next';
import type { Provider, ProviderLevel, ProviderType, UpdateProvider } from '../../../api/types';
import type { FieldErrors } from '../../../components/form';
import { SelectField, TextField } from '../../../components/form';
import { LocationField } from '../../organizations/components/location-field';
import { providerLevels } from '../../products/enums';
import { providerTypes } from '../enums';

export interface ProviderDraft {
  name: string;
  level: ProviderLevel | '';
  type: ProviderType | '';
  location: string;
  address: string;
  phone: string;
  email: string;
}

export const PROVIDER_FIELDS = ['code', 'name', 'level', 'type', 'location', 'address', 'phone', 'email', 'active'] as const;

export const emptyProvider: ProviderDraft = { name: '', level: '', type: '', location: '', address: '', phone: '', email: '' };

export const providerDraft = (p: Provider): ProviderDraft => ({
  name: p.name,
  level: p.level,
  type: p.type ?? '',
  location: p.location ?? '',
  address: p.address ?? '',
  phone: p.phone ?? '',
  email: p.email ?? '',
});

const orNull = (text: string) => (text.trim() === '' ? null : text.trim());

/** What the draft changes on the provider (null clears an optional field); undefined when nothing. */
export function providerChanges(p: Provider, draft: ProviderDraft): UpdateProvider | undefined {
  const changes: UpdateProvider = {};
  if (draft.name.trim() !== p.name) changes.name = draft.name.trim();
  if (draft.level && draft.level !== p.level) changes.level = draft.level;
  if ((draft.type || null) !== p.type) changes.type = draft.type || null;
  for (const key of ['location', 'address', 'phone', 'email'] as const) {
    if (orNull(draft[key]) !== p[key]) changes[key] = orNull(draft[key]);
  }
  return Object.keys(changes).length ? changes : undefined;
}

/** The draft as the API's fields for a new provider (empty optional fields left out). */
export function newProviderBody(code: string, draft: ProviderDraft) {
  return {
    code: code.trim(),
    name: draft.name.trim(),
    level: draft.level as ProviderLevel,
    type: draft.type || null,
    location: orNull(draft.location),
    address: orNull(draft.address),
    phone: orNull(draft.phone),
    email: orNull(draft.email),
  };
}

/** Name, level, type, place and contacts of a health facility. */
export function ProviderFields({ value, onChange, errors }: { value: ProviderDraft; onChange: (draft: ProviderDraft) => void; errors: FieldErrors }) {
  const { t } = useTranslation();
  const set = <K extends keyof ProviderDraft>(key: K) => (v: string) => onChange({ ...value, [key]: v });
  return (
    <>
      <div className="form__row">
        <TextField label={t('providers.name')} name="name" autoComplete="off" value={value.name} onValue={set('name')} error={errors.name} />
      </div>
      <div className="form__row">
        <SelectField
          label={t('providers.level')}
          name="level"
          value={value.level}
          onValue={set('level')}
          options={[{ value: '', label: t('common.choose') }, ...providerLevels.map((l) => ({ value: l, label: t(`enums.providerLevel.${l}`) }))]}
          error={errors.level}
        />
        <SelectField
          label={t('providers.type')}
          hint={t('common.optional')}
          name="type"
          value={value.type}
          onValue={set('type')}
          options={[{ value: '', label: t('providers.noType') }, ...providerTypes.map((p) => ({ value: p, label: t(`enums.providerType.${p}`) }))]}
          error={errors.type}
        />
      </div>
      <div className="form__row">
        <LocationField label={t('providers.location')} value={value.location} onValue={set('location')} error={errors.location} />
        <TextField label={t('providers.address')} hint={t('common.optional')} name="address" autoComplete="off" value={value.address} onValue={set('address')} error={errors.address} />
      </div>
      <div className="form__row">
        <TextField label={t('providers.phone')} hint={t('common.optional')} name="phone" type="tel" autoComplete="off" value={value.phone} onValue={set('phone')} error={errors.phone} />
        <TextField label={t('providers.email')} hint={t('common.optional')} name="email" type="email" autoComplete="off" value={value.email} onValue={set('email')} error={errors.email} />
      </div>
    </>
  );
}

/** Client-side checks before sending: what the API would refuse in a way a person fixes at once. */
export function providerDraftErrors(draft: ProviderDraft, messages: { required: string; choose: string }): FieldErrors {
  const errors: FieldErrors = {};
  if (!draft.name.trim()) errors.name = messages.required;
  if (!draft.level) errors.level = messages.choose;
  return errors;
}
