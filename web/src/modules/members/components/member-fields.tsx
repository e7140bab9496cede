import { useTranslation } from 'react-i18next';
import type { Beneficiary, NewMember, Relationship, Sex, UpdateBeneficiary } from '../../../api/types';
import type { FieldErrors } from '../../../components/form';
import { SelectField, TextField } from '../../../components/form';
import { parseWholeNumber } from '../../../components/numbers';
import { sexes } from '../enums';

/** A member as typed in a form: every field a string, selects empty until chosen. */
export interface MemberDraft {
  firstName: string;
  lastName: string;
  sex: Sex | '';
  birthDate: string;
  birthYear: string;
  relationship: Relationship | '';
  idDocument: string;
  phone: string;
  joinedOn: string;
  card: string;
}

export const MEMBER_FIELDS = ['firstName', 'lastName', 'sex', 'birthDate', 'birthYear', 'relationship', 'idDocument', 'phone', 'joinedOn', 'card'] as const;

export const emptyMember = (relationship: Relationship | '' = ''): MemberDraft => ({
  firstName: '',
  lastName: '',
  sex: '',
  birthDate: '',
  birthYear: '',
  relationship,
  idDocument: '',
  phone: '',
  joinedOn: '',
  card: '',
});

export function draftOf(b: Beneficiary): MemberDraft {
  return {
    firstName: b.firstName,
    lastName: b.lastName,
    sex: b.sex,
    birthDate: b.birthDate ?? '',
    birthYear: b.birthDateEstimated ? String(b.birthYear) : '',
    relationship: b.relationship,
    idDocument: b.idDocument ?? '',
    phone: b.phone ?? '',
    joinedOn: b.joinedOn,
    card: b.card,
  };
}

/**
 * What the form can tell before asking the API: a choice left empty, a year that is not a number.
 * Keys are the form's field names; `prefix` names a row (`members[2].`).
 */
export function memberDraftErrors(d: MemberDraft, messages: { choose: string; wholeNumber: string }, prefix = ''): FieldErrors {
  const errors: FieldErrors = {};
  if (!d.sex) errors[`${prefix}sex`] = messages.choose;
  if (!d.relationship) errors[`${prefix}relationship`] = messages.choose;
  if (parseWholeNumber(d.birthYear) === undefined) errors[`${prefix}birthYear`] = messages.wholeNumber;
  return errors;
}

const orNull = (text: string) => (text.trim() === '' ? null : text.trim());

/** The API's new member from a draft checked by `memberDraftErrors`. Empty fields are left out. */
export function toNewMember(d: MemberDraft): NewMember {
  const year = parseWholeNumber(d.birthYear);
  return {
    firstName: d.firstName.trim(),
    lastName: d.lastName.trim(),
    sex: d.sex as Sex,
    relationship: d.relationship as Relationship,
    ...(d.birthDate ? { birthDate: d.birthDate } : year ? { birthYear: year } : {}),
    ...(orNull(d.idDocument) ? { idDocument: orNull(d.idDocument) } : {}),
    ...(orNull(d.phone) ? { phone: orNull(d.phone) } : {}),
    ...(d.joinedOn ? { joinedOn: d.joinedOn } : {}),
    ...(orNull(d.card) ? { card: orNull(d.card) } : {}),
  };
}

/** The changes between a beneficiary and the edited draft, for PATCH (nothing when unchanged). */
export function memberChanges(before: Beneficiary, d: MemberDraft): UpdateBeneficiary | undefined {
  const changes: UpdateBeneficiary = {};
  if (d.firstName.trim() !== before.firstName) changes.firstName = d.firstName.trim();
  if (d.lastName.trim() !== before.lastName) changes.lastName = d.lastName.trim();
  if (d.sex && d.sex !== before.sex) changes.sex = d.sex;
  if (d.relationship && d.relationship !== before.relationship) changes.relationship = d.relationship;
  const year = parseWholeNumber(d.birthYear);
  if (d.birthDate && d.birthDate !== before.birthDate) changes.birthDate = d.birthDate;
  else if (!d.birthDate && before.birthDate) {
    changes.birthDate = null;
    if (year) changes.birthYear = year;
  } else if (!d.birthDate && year && year !== before.birthYear) changes.birthYear = year;
  if (orNull(d.idDocument) !== before.idDocument) changes.idDocument = orNull(d.idDocument);
  if (orNull(d.phone) !== before.phone) changes.phone = orNull(d.phone);
  if (d.joinedOn && d.joinedOn !== before.joinedOn) changes.joinedOn = d.joinedOn;
  return Object.keys(changes).length ? changes : undefined;
}

/** The fields of one member, for dialogs (adding a member, correcting one). */
export function MemberFields({ value, onChange, errors, relationships, withCard }: {
  value: MemberDraft;
  onChange: (draft: MemberDraft) => void;
  errors: FieldErrors;
  /** The relationships offered; none hides the field (the head's stays "head"). */
  relationships: readonly Relationship[];
  withCard?: boolean;
}) {
  const { t } = useTranslation();
  const set = <K extends keyof MemberDraft>(key: K) => (v: string) => onChange({ ...value, [key]: v });
  return (
    <>
      <div className="form__row">
        <TextField label={t('members.firstName')} name="firstName" autoComplete="off" value={value.firstName} onValue={set('firstName')} error={errors.firstName} />
        <TextField label={t('members.lastName')} name="lastName" autoComplete="off" value={value.lastName} onValue={set('lastName')} error={errors.lastName} />
      </div>
      <div className="form__row">
        <SelectField
          label={t('members.sex')}
          name="sex"
          value={value.sex}
          onValue={set('sex')}
          options={[{ value: '', label: t('common.choose') }, ...sexes.map((s) => ({ value: s, label: t(`enums.sex.${s}`) }))]}
          error={errors.sex}
        />
        {relationships.length ? (
          <SelectField
            label={t('members.relationship')}
            name="relationship"
            value={value.relationship}
            onValue={set('relationship')}
            options={[{ value: '', label: t('common.choose') }, ...relationships.map((r) => ({ value: r, label: t(`enums.relationship.${r}`) }))]}
            error={errors.relationship}
          />
        ) : null}
      </div>
      <div className="form__row">
        <TextField label={t('members.birthDate')} name="birthDate" type="date" value={value.birthDate} onValue={set('birthDate')} error={errors.birthDate} />
        <TextField label={t('members.birthYear')} hint={t('members.birthYearHint')} name="birthYear" inputMode="numeric" value={value.birthYear} onValue={set('birthYear')} error={errors.birthYear} />
      </div>
      <div className="form__row">
        <TextField label={t('members.phone')} hint={t('common.optional')} name="phone" type="tel" autoComplete="off" value={value.phone} onValue={set('phone')} error={errors.phone} />
        <TextField label={t('members.idDocument')} hint={t('common.optional')} name="idDocument" autoComplete="off" value={value.idDocument} onValue={set('idDocument')} error={errors.idDocument} />
      </div>
      <div className="form__row">
        <TextField label={t('members.joinedOn')} hint={t('members.joinedOnHint')} name="joinedOn" type="date" value={value.joinedOn} onValue={set('joinedOn')} error={errors.joinedOn} />
        {withCard ? (
          <TextField label={t('members.card')} hint={t('members.cardHint')} name="card" autoComplete="off" spellCheck={false} value={value.card} onValue={set('card')} error={errors.card} />
        ) : null}
      </div>
    </>
  );
}
