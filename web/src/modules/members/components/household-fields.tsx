import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Group, HouseholdCategory, Scheme, Section } from '../../../api/types';
import { useApi } from '../../../app/use-api';
import type { FieldErrors } from '../../../components/form';
import { SelectField, TextField } from '../../../components/form';
import { listSections } from '../../organizations/api';
import { LocationField } from '../../organizations/components/location-field';
import { listGroups } from '../api';
import { householdCategories } from '../enums';

export interface HouseholdDraft {
  category: HouseholdCategory;
  group: string;
  section: string;
  location: string;
  phone: string;
  address: string;
}

export const HOUSEHOLD_FIELDS = ['number', 'category', 'group', 'section', 'location', 'phone', 'address'] as const;

/** The groups and sections of a scheme, for pickers. */
export function useSchemeLists(scheme: Scheme): { groups: Group[]; sections: Section[] } {
  const groups = useApi(() => listGroups(scheme.code), [scheme.code]);
  const sections = useApi(() => listSections(scheme.code), [scheme.code]);
  return { groups: groups.data ?? [], sections: sections.data ?? [] };
}

/** Category, group, section, place and contact of a household. */
export function HouseholdFields({ scheme, value, onChange, errors, number }: { scheme: Scheme; value: HouseholdDraft; onChange: (draft: HouseholdDraft) => void; errors: FieldErrors; number?: ReactNode }) {
  const { t } = useTranslation();
  const { groups, sections } = useSchemeLists(scheme);
  const set = <K extends keyof HouseholdDraft>(key: K) => (v: string) => onChange({ ...value, [key]: v });
  return (
    <>
      <div className="form__row">
        <SelectField
          label={t('households.category')}
          name="category"
          value={value.category}
          onValue={(category) => onChange({ ...value, category: category as HouseholdCategory })}
          options={householdCategories.map((c) => ({ value: c, label: t(`enums.householdCategory.${c}`) }))}
          error={errors.category}
        />
        <SelectField
          label={t('households.group')}
          hint={value.category === 'group' ? t('households.groupRequired') : t('common.optional')}
          name="group"
          value={value.group}
          onValue={set('group')}
          options={[{ value: '', label: t('households.noGroup') }, ...groups.map((g) => ({ value: g.code, label: `${g.name} (${g.code})` }))]}
          error={errors.group}
        />
        <SelectField
          label={t('households.section')}
          hint={t('common.optional')}
          name="section"
          value={value.section}
          onValue={set('section')}
          options={[{ value: '', label: t('households.noSection') }, ...sections.map((s) => ({ value: s.code, label: s.name }))]}
          error={errors.section}
        />
      </div>
      <div className="form__row">
        {number}
        <LocationField label={t('households.location')} value={value.location} onValue={set('location')} error={errors.location} />
      </div>
      <div className="form__row">
        <TextField label={t('households.phone')} hint={t('common.optional')} name="phone" type="tel" autoComplete="off" value={value.phone} onValue={set('phone')} error={errors.phone} />
        <TextField label={t('households.address')} hint={t('common.optional')} name="address" autoComplete="off" value={value.address} onValue={set('address')} error={errors.address} />
      </div>
    </>
  );
}
