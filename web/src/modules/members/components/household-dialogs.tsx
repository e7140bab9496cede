import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AddedBeneficiary, Beneficiary, DeactivationReason, Household, HouseholdCategory, Relationship, Scheme, UpdateHousehold } from '../../../api/types';
import { today } from '../../../app/dates';
import { useSubmit } from '../../../app/use-submit';
import { useConfirm } from '../../../components/confirm';
import { Dialog } from '../../../components/dialog';
import { type FieldErrors, fieldProblems, FormError, RadioField, SelectField, TextAreaField, TextField } from '../../../components/form';
import { addMember, changeHead, deactivateBeneficiary, updateBeneficiary, updateHousehold } from '../api';
import { deactivationReasons, memberRelationships } from '../enums';
import { HOUSEHOLD_FIELDS, type HouseholdDraft, HouseholdFields } from './household-fields';
import { fullName } from './labels';
import { draftOf, emptyMember, MEMBER_FIELDS, type MemberDraft, memberChanges, memberDraftErrors, MemberFields, toNewMember } from './member-fields';

const orNull = (text: string) => (text.trim() === '' ? null : text.trim());

function DialogActions({ busy, submit, cancel, danger }: { busy: boolean; submit: string; cancel: () => void; danger?: boolean }) {
  const { t } = useTranslation();
  return (
    <div className="actions">
      <button type="button" className="button" onClick={cancel}>{t('common.cancel')}</button>
      <button type="submit" className={`button ${danger ? 'button--danger' : 'button--primary'}`} disabled={busy}>
        {busy ? t('common.saving') : submit}
      </button>
    </div>
  );
}

/** Corrects a household's category, group, section, place or contact. */
export function EditHouseholdDialog({ scheme, household, close }: { scheme: Scheme; household: Household; close: (changed?: Household) => void }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<HouseholdDraft>({
    category: household.category,
    group: household.group ?? '',
    section: household.section ?? '',
    location: household.location ?? '',
    phone: household.phone ?? '',
    address: household.address ?? '',
  });
  const { busy, error, run } = useSubmit();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const changes: UpdateHousehold = {};
    if (draft.category !== household.category) changes.category = draft.category as HouseholdCategory;
    for (const key of ['group', 'section', 'location', 'phone', 'address'] as const) {
      if (orNull(draft[key]) !== household[key]) changes[key] = orNull(draft[key]);
    }
    if (!Object.keys(changes).length) return close();
    await run(async () => close(await updateHousehold(scheme.code, household.number, changes)));
  };

  const problems = fieldProblems(error, HOUSEHOLD_FIELDS);
  return (
    <Dialog title={t('households.editTitle', { number: household.number })} onClose={() => close()} wide>
      <form onSubmit={submit} noValidate className="form">
        <FormError error={error} other={problems.other} />
        <HouseholdFields scheme={scheme} value={draft} onChange={setDraft} errors={problems.fields} />
        <DialogActions busy={busy} submit={t('common.save')} cancel={() => close()} />
      </form>
    </Dialog>
  );
}

/** Adds a member to a household; possible duplicates come back as warnings. */
export function AddMemberDialog({ scheme, household, close }: { scheme: Scheme; household: Household; close: (added?: AddedBeneficiary) => void }) {
  const { t } = useTranslation();
  const hasHead = household.members.some((m) => m.relationship === 'head' && m.status === 'active');
  const [draft, setDraft] = useState<MemberDraft>({ ...emptyMember(hasHead ? '' : 'head'), joinedOn: today() });
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const { busy, error, run } = useSubmit();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const errors = memberDraftErrors(draft, { choose: t('validation.choose'), wholeNumber: t('validation.wholeNumber') });
    setClientErrors(errors);
    if (Object.keys(errors).length) return;
    await run(async () => close(await addMember(scheme.code, household.number, toNewMember(draft))));
  };

  const problems = fieldProblems(error, MEMBER_FIELDS);
  return (
    <Dialog title={t('members.addTitle', { number: household.number })} onClose={() => close()} wide>
      <form onSubmit={submit} noValidate className="form">
        <FormError error={error} other={problems.other} />
        <MemberFields value={draft} onChange={setDraft} errors={{ ...problems.fields, ...clientErrors }} relationships={hasHead ? memberRelationships : ['head']} withCard />
        <DialogActions busy={busy} submit={t('members.add')} cancel={() => close()} />
      </form>
    </Dialog>
  );
}

/** Corrects a member's names, sex, birth, relationship (not to or from head), document, phone, joining date. */
export function EditMemberDialog({ scheme, member, close }: { scheme: Scheme; member: Beneficiary; close: (changed?: boolean) => void }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<MemberDraft>(draftOf(member));
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const { busy, error, run } = useSubmit();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const errors = memberDraftErrors(draft, { choose: t('validation.choose'), wholeNumber: t('validation.wholeNumber') });
    setClientErrors(errors);
    if (Object.keys(errors).length) return;
    const changes = memberChanges(member, draft);
    if (!changes) return close();
    await run(async () => {
      await updateBeneficiary(scheme.code, member.card, changes);
      close(true);
    });
  };

  const problems = fieldProblems(error, MEMBER_FIELDS);
  return (
    <Dialog title={t('members.editTitle', { name: fullName(member), card: member.card })} onClose={() => close()} wide>
      <form onSubmit={submit} noValidate className="form">
        <FormError error={error} other={problems.other} />
        <MemberFields value={draft} onChange={setDraft} errors={{ ...problems.fields, ...clientErrors }} relationships={member.relationship === 'head' ? [] : memberRelationships} />
        <DialogActions busy={busy} submit={t('common.save')} cancel={() => close()} />
      </form>
    </Dialog>
  );
}

/** Makes another active member the head; says what the former head becomes. */
export function ChangeHeadDialog({ scheme, household, close }: { scheme: Scheme; household: Household; close: (changed?: Household) => void }) {
  const { t } = useTranslation();
  const candidates = household.members.filter((m) => m.status === 'active' && m.relationship !== 'head');
  const [card, setCard] = useState(candidates[0]?.card ?? '');
  const [former, setFormer] = useState<Relationship | ''>('');
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const { busy, error, run } = useSubmit();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const errors: FieldErrors = former ? {} : { formerHeadRelationship: t('validation.choose') };
    setClientErrors(errors);
    if (Object.keys(errors).length) return;
    await run(async () => close(await changeHead(scheme.code, household.number, { card, formerHeadRelationship: former as Exclude<Relationship, 'head'> })));
  };

  const problems = fieldProblems(error, ['card', 'formerHeadRelationship']);
  const errors = { ...problems.fields, ...clientErrors };
  return (
    <Dialog title={t('members.changeHeadTitle')} onClose={() => close()}>
      <form onSubmit={submit} noValidate className="form">
        <FormError error={error} other={problems.other} />
        <SelectField label={t('members.newHead')} name="card" value={card} onValue={setCard} options={candidates.map((m) => ({ value: m.card, label: `${fullName(m)} (${m.card})` }))} error={errors.card} />
        <SelectField
          label={t('members.formerHeadRelationship')}
          hint={t('members.formerHeadHint')}
          name="formerHeadRelationship"
          value={former}
          onValue={(v) => setFormer(v as Relationship | '')}
          options={[{ value: '', label: t('common.choose') }, ...memberRelationships.map((r) => ({ value: r, label: t(`enums.relationship.${r}`) }))]}
          error={errors.formerHeadRelationship}
        />
        <DialogActions busy={busy} submit={t('members.changeHead')} cancel={() => close()} />
      </form>
    </Dialog>
  );
}

/**
 * Ends a membership (death, departure, other) from a date, with a note. Nothing is deleted; it
 * asks for confirmation before sending. A head who leaves names the new head.
 */
export function DeactivateDialog({ scheme, household, member, close }: { scheme: Scheme; household: Household; member: Beneficiary; close: (changed?: Household) => void }) {
  const { t } = useTranslation();
  const [confirm, confirmDialog] = useConfirm();
  const others = household.members.filter((m) => m.status === 'active' && m.card !== member.card);
  const needsHead = member.relationship === 'head' && others.length > 0;
  const [reason, setReason] = useState<DeactivationReason | ''>('');
  const [date, setDate] = useState(today());
  const [note, setNote] = useState('');
  const [newHead, setNewHead] = useState(needsHead ? (others[0]?.card ?? '') : '');
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const { busy, error, run } = useSubmit();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const errors: FieldErrors = reason ? {} : { reason: t('validation.choose') };
    setClientErrors(errors);
    if (Object.keys(errors).length) return;
    const ok = await confirm({
      title: t('members.deactivateConfirmTitle'),
      message: <p>{t('members.deactivateConfirm', { name: fullName(member), reason: t(`enums.deactivationReason.${reason as DeactivationReason}`) })}</p>,
      confirmLabel: t('members.deactivate'),
    });
    if (!ok) return;
    await run(async () =>
      close(await deactivateBeneficiary(scheme.code, member.card, { reason: reason as DeactivationReason, date, note: orNull(note), ...(needsHead ? { newHead } : {}) })),
    );
  };

  const problems = fieldProblems(error, ['reason', 'date', 'note', 'newHead']);
  const errors = { ...problems.fields, ...clientErrors };
  return (
    <Dialog title={t('members.deactivateTitle', { name: fullName(member) })} onClose={() => close()}>
      <form onSubmit={submit} noValidate className="form">
        <p className="muted">{t('members.deactivateIntro')}</p>
        <FormError error={error} other={problems.other} />
        <RadioField
          legend={t('members.deactivationReason')}
          name="reason"
          value={reason}
          onValue={(v) => setReason(v as DeactivationReason)}
          options={deactivationReasons.map((r) => ({ value: r, label: t(`enums.deactivationReason.${r}`) }))}
          error={errors.reason}
        />
        <TextField label={t('members.deactivationDate')} name="date" type="date" value={date} onValue={setDate} error={errors.date} />
        <TextAreaField label={t('members.deactivationNote')} hint={t('common.optional')} name="note" value={note} onValue={setNote} error={errors.note} />
        {needsHead ? (
          <SelectField label={t('members.newHead')} hint={t('members.newHeadHint')} name="newHead" value={newHead} onValue={setNewHead} options={others.map((m) => ({ value: m.card, label: `${fullName(m)} (${m.card})` }))} error={errors.newHead} />
        ) : null}
        <DialogActions busy={busy} submit={t('members.deactivate')} cancel={() => close()} danger />
      </form>
      {confirmDialog}
    </Dialog>
  );
}
