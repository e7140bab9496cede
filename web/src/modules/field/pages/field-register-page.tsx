import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Relationship, Scheme, Sex } from '../../../api/types';
import { today } from '../../../app/dates';
import { navigate, useLocation } from '../../../app/router';
import { useSchemeHref } from '../../../app/session';
import { type FieldErrors, SelectField, TextField } from '../../../components/form';
import { Page } from '../../../components/page';
import { queueHousehold, replace } from '../../../offline/engine';
import { useFieldStatus } from '../../../offline/status';
import { outboxItem } from '../../../offline/store';
import type { HouseholdBody, OutboxItem } from '../../../offline/types';
import { memberRelationships, sexes } from '../../members/enums';
import { useFieldAccess } from '../components/field-common';

interface MemberForm {
  firstName: string;
  lastName: string;
  sex: Sex | '';
  birthDate: string;
  birthYear: string;
  relationship: Relationship;
}

const blank = (relationship: Relationship): MemberForm => ({ firstName: '', lastName: '', sex: '', birthDate: '', birthYear: '', relationship });
const orNull = (text: string) => (text.trim() === '' ? null : text.trim());

/**
 * Registers a household on the device: queued with its idempotency key and sent when online (a
 * retry returns the household registered first). `?edit=<id>` corrects a refused registration.
 */
export default function FieldRegisterPage({ scheme }: { scheme: Scheme }) {
  const { t } = useTranslation();
  const schemeHref = useSchemeHref();
  const { online } = useFieldStatus();
  useFieldAccess(scheme);
  const { query } = useLocation();
  const editId = query.get('edit');
  const [editing, setEditing] = useState<OutboxItem | undefined>();
  const [phone, setPhone] = useState('');
  const [address, setAddress] = useState('');
  const [members, setMembers] = useState<MemberForm[]>([blank('head')]);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!editId) return;
    void outboxItem(editId).then((item) => {
      if (item?.kind !== 'household') return;
      setEditing(item);
      setPhone(item.body.phone ?? '');
      setAddress(item.body.address ?? '');
      setMembers(item.body.members.map((m) => ({ firstName: m.firstName, lastName: m.lastName, sex: m.sex, birthDate: m.birthDate ?? '', birthYear: m.birthYear ? String(m.birthYear) : '', relationship: m.relationship })));
    });
  }, [editId]);

  const serverErrors: FieldErrors = Object.fromEntries((editing?.error?.details ?? []).map((d) => [d.field, d.message]));
  const all = { ...serverErrors, ...errors };
  const setMember = (index: number, change: Partial<MemberForm>) => setMembers((list) => list.map((m, i) => (i === index ? { ...m, ...change } : m)));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const problems: FieldErrors = {};
    members.forEach((m, i) => {
      if (!m.firstName.trim()) problems[`members[${i}].firstName`] = t('validation.required');
      if (!m.lastName.trim()) problems[`members[${i}].lastName`] = t('validation.required');
      if (!m.sex) problems[`members[${i}].sex`] = t('validation.choose');
      if (!m.birthDate && !/^\d{4}$/.test(m.birthYear)) problems[`members[${i}].birthDate`] = t('field.register.birthNeeded');
    });
    setErrors(problems);
    if (Object.keys(problems).length) return;
    const joinedOn = today();
    const body: HouseholdBody = {
      category: 'regular',
      phone: orNull(phone),
      address: orNull(address),
      members: members.map((m) => ({
        firstName: m.firstName.trim(),
        lastName: m.lastName.trim(),
        sex: m.sex as Sex,
        relationship: m.relationship,
        joinedOn,
        ...(m.birthDate ? { birthDate: m.birthDate } : { birthYear: Number(m.birthYear) }),
      })),
    };
    setBusy(true);
    try {
      if (editing) await replace(editing, body);
      else await queueHousehold(scheme.code, body);
      navigate(schemeHref('/field/outbox'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Page title={editing ? t('field.outbox.editTitle') : t('field.register.title')}>
      <p className="muted">{t('field.register.intro')}</p>
      {editing?.error ? <p className="notice notice--error">{editing.error.message}</p> : null}
      <form className="form" noValidate onSubmit={submit} aria-label={t('field.register.title')}>
        <div className="form__row">
          <TextField label={t('field.register.phone')} name="phone" type="tel" autoComplete="off" value={phone} onValue={setPhone} error={all.phone} />
          <TextField label={t('field.register.address')} name="address" value={address} onValue={setAddress} error={all.address} />
        </div>
        {members.map((m, i) => (
          <fieldset className="fieldset" key={i}>
            <legend>{t('field.register.member', { n: i + 1 })}</legend>
            <div className="form__row">
              <TextField label={t('field.register.firstName')} value={m.firstName} onValue={(v) => setMember(i, { firstName: v })} error={all[`members[${i}].firstName`]} />
              <TextField label={t('field.register.lastName')} value={m.lastName} onValue={(v) => setMember(i, { lastName: v })} error={all[`members[${i}].lastName`]} />
              <SelectField
                label={t('field.register.sex')}
                value={m.sex}
                onValue={(v) => setMember(i, { sex: v as Sex })}
                options={[{ value: '', label: t('common.choose') }, ...sexes.map((s) => ({ value: s, label: t(`enums.sex.${s}`) }))]}
                error={all[`members[${i}].sex`]}
              />
            </div>
            <div className="form__row">
              <TextField label={t('field.register.birthDate')} type="date" value={m.birthDate} onValue={(v) => setMember(i, { birthDate: v })} error={all[`members[${i}].birthDate`]} />
              <TextField label={t('field.register.birthYear')} inputMode="numeric" value={m.birthYear} onValue={(v) => setMember(i, { birthYear: v })} error={all[`members[${i}].birthYear`]} />
              {i === 0 ? null : (
                <SelectField
                  label={t('field.register.relationship')}
                  value={m.relationship}
                  onValue={(v) => setMember(i, { relationship: v as Relationship })}
                  options={memberRelationships.map((r) => ({ value: r, label: t(`enums.relationship.${r}`) }))}
                  error={all[`members[${i}].relationship`]}
                />
              )}
            </div>
            {i === 0 ? null : (
              <button type="button" className="button button--small" onClick={() => setMembers((list) => list.filter((_m, k) => k !== i))}>
                {t('field.register.removeMember', { n: i + 1 })}
              </button>
            )}
          </fieldset>
        ))}
        <div className="actions">
          <button type="button" className="button" onClick={() => setMembers((list) => [...list, blank('child')])}>
            {t('field.register.addMember')}
          </button>
          <button type="submit" className="button button--primary" disabled={busy}>
            {t('field.register.submit')}
          </button>
        </div>
        {!online ? <p className="muted">{t('field.register.queued')}</p> : null}
      </form>
    </Page>
  );
}
