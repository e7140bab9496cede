import { type FormEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RegisteredHousehold, Relationship, Scheme, Sex } from '../../../api/types';
import { Link, navigate } from '../../../app/router';
import { useSchemeHref } from '../../../app/session';
import { useSubmit } from '../../../app/use-submit';
import { type FieldErrors, fieldProblems, FormError, TextField } from '../../../components/form';
import { Notice, Page } from '../../../components/page';
import { CellField, RowTitle } from '../../../components/table-form';
import { registerHousehold } from '../api';
import { DuplicateWarnings } from '../components/duplicate-warnings';
import { HOUSEHOLD_FIELDS, type HouseholdDraft, HouseholdFields } from '../components/household-fields';
import { emptyMember, MEMBER_FIELDS, type MemberDraft, memberDraftErrors, toNewMember } from '../components/member-fields';
import { memberRelationships, sexes } from '../enums';

type Row = MemberDraft & { key: number };

const orNull = (text: string) => (text.trim() === '' ? null : text.trim());

/** Registers a household and its members (one of them the head) in one go. */
export default function NewHouseholdPage({ scheme }: { scheme: Scheme }) {
  const [attempt, setAttempt] = useState(0);
  return <RegisterHousehold key={attempt} scheme={scheme} again={() => setAttempt((n) => n + 1)} />;
}

function RegisterHousehold({ scheme, again }: { scheme: Scheme; again: () => void }) {
  const { t } = useTranslation();
  const schemeHref = useSchemeHref();
  const nextKey = useRef(2);
  const [number, setNumber] = useState('');
  const [household, setHousehold] = useState<HouseholdDraft>({ category: 'regular', group: '', section: '', location: '', phone: '', address: '' });
  const [rows, setRows] = useState<Row[]>([{ ...emptyMember('head'), key: 0 }, { ...emptyMember(), key: 1 }]);
  const [head, setHead] = useState(0);
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const [registered, setRegistered] = useState<RegisteredHousehold>();
  const { busy, error, run } = useSubmit();

  const setRow = (index: number, change: Partial<MemberDraft>) => setRows((rs) => rs.map((r, i) => (i === index ? { ...r, ...change } : r)));
  const addRow = () => setRows((rs) => [...rs, { ...emptyMember(), key: nextKey.current++ }]);
  const removeRow = (index: number) => {
    setRows((rs) => rs.filter((_, i) => i !== index));
    setHead((h) => (h === index ? 0 : h > index ? h - 1 : h));
  };
  const members = rows.map((r, i) => ({ ...r, relationship: (i === head ? 'head' : r.relationship === 'head' ? '' : r.relationship) as Relationship | '' }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const messages = { choose: t('validation.choose'), wholeNumber: t('validation.wholeNumber') };
    const errors = Object.assign({}, ...members.map((m, i) => memberDraftErrors(m, messages, `members[${i}].`))) as FieldErrors;
    setClientErrors(errors);
    if (Object.keys(errors).length) return;
    await run(async () => {
      const result = await registerHousehold(scheme.code, {
        number: orNull(number),
        category: household.category,
        group: orNull(household.group),
        section: orNull(household.section),
        location: orNull(household.location),
        phone: orNull(household.phone),
        address: orNull(household.address),
        members: members.map(toNewMember),
      });
      if (result.warnings.length) setRegistered(result);
      else navigate(schemeHref(`/households/${encodeURIComponent(result.household.number)}`, { registered: '1' }));
    });
  };

  if (registered) {
    const path = `/households/${encodeURIComponent(registered.household.number)}`;
    return (
      <Page title={t('households.registerTitle')}>
        <Notice kind="success" role="status">
          <p>{t('households.registered', { number: registered.household.number })}</p>
        </Notice>
        <DuplicateWarnings
          warnings={registered.warnings}
          describe={(field) => {
            const member = members[Number(/\[(\d+)\]/.exec(field)?.[1] ?? -1)];
            return member ? `${member.firstName.trim()} ${member.lastName.trim()}` : field;
          }}
        />
        <div className="actions">
          <Link to={schemeHref(path)} className="button button--primary">{t('households.open', { number: registered.household.number })}</Link>
          <button type="button" className="button" onClick={again}>{t('households.registerAnother')}</button>
        </div>
      </Page>
    );
  }

  const memberFields = rows.flatMap((_, i) => MEMBER_FIELDS.map((f) => `members[${i}].${f}`));
  const problems = fieldProblems(error, [...HOUSEHOLD_FIELDS, 'members', ...memberFields]);
  const errors: FieldErrors = { ...problems.fields, ...clientErrors };
  const cell = (i: number, field: (typeof MEMBER_FIELDS)[number]) => errors[`members[${i}].${field}`];
  const rowName = (i: number) => t('members.memberN', { n: i + 1 });

  return (
    <Page title={t('households.registerTitle')}>
      <form onSubmit={submit} noValidate className="form" aria-labelledby="register-heading">
        <h2 id="register-heading" className="visually-hidden">{t('households.registerTitle')}</h2>
        <FormError error={error} other={problems.other} />
        <section className="card form" aria-labelledby="household-heading">
          <h2 id="household-heading">{t('households.household')}</h2>
          <HouseholdFields
            scheme={scheme}
            value={household}
            onChange={setHousehold}
            errors={errors}
            number={<TextField label={t('households.number')} hint={t('households.numberHint')} name="number" autoComplete="off" spellCheck={false} value={number} onValue={setNumber} error={errors.number} />}
          />
        </section>
        <section className="card" aria-labelledby="members-heading">
          <h2 id="members-heading">{t('households.members')}</h2>
          <p className="muted">{t('households.membersIntro')}</p>
          {errors.members ? <p className="field__error" role="alert">{errors.members}</p> : null}
          <div className="table-scroll">
            <table className="table-form table-form--members" aria-labelledby="members-heading">
              <colgroup>
                <col className="col--number" />
                <col className="col--check" />
                <col />
                <col />
                <col className="col--sex" />
                <col className="col--date" />
                <col className="col--year" />
                <col className="col--select" />
                <col className="col--id" />
                <col className="col--action" />
              </colgroup>
              <thead>
                <tr>
                  <th scope="col">#</th>
                  <th scope="col">{t('members.head')}</th>
                  <th scope="col">{t('members.firstName')}</th>
                  <th scope="col">{t('members.lastName')}</th>
                  <th scope="col">{t('members.sex')}</th>
                  <th scope="col">{t('members.birthDate')}</th>
                  <th scope="col">{t('members.birthYearShort')}</th>
                  <th scope="col">{t('members.relationship')}</th>
                  <th scope="col">{t('members.idDocument')}</th>
                  <th scope="col"><span className="visually-hidden">{t('common.actions')}</span></th>
                </tr>
              </thead>
              <tbody>
                {members.map((m, i) => (
                  <tr key={m.key}>
                    <RowTitle number={i + 1} title={rowName(i)} />
                    <CellField label={t('members.head')} row={rowName(i)} className="table-form__cell--check">
                      {({ id }) => <input id={id} type="radio" name="head" checked={head === i} onChange={() => setHead(i)} />}
                    </CellField>
                    <CellField label={t('members.firstName')} row={rowName(i)} error={cell(i, 'firstName')}>
                      {({ id, describedBy, invalid }) => <input id={id} autoComplete="off" aria-describedby={describedBy} aria-invalid={invalid || undefined} value={m.firstName} onChange={(e) => setRow(i, { firstName: e.target.value })} />}
                    </CellField>
                    <CellField label={t('members.lastName')} row={rowName(i)} error={cell(i, 'lastName')}>
                      {({ id, describedBy, invalid }) => <input id={id} autoComplete="off" aria-describedby={describedBy} aria-invalid={invalid || undefined} value={m.lastName} onChange={(e) => setRow(i, { lastName: e.target.value })} />}
                    </CellField>
                    <CellField label={t('members.sex')} row={rowName(i)} error={cell(i, 'sex')} className="table-form__cell--narrow">
                      {({ id, describedBy, invalid }) => (
                        <select id={id} aria-describedby={describedBy} aria-invalid={invalid || undefined} value={m.sex} onChange={(e) => setRow(i, { sex: e.target.value as Sex | '' })}>
                          <option value="">{t('common.choose')}</option>
                          {sexes.map((s) => <option key={s} value={s}>{t(`enums.sex.${s}`)}</option>)}
                        </select>
                      )}
                    </CellField>
                    <CellField label={t('members.birthDate')} row={rowName(i)} error={cell(i, 'birthDate')}>
                      {({ id, describedBy, invalid }) => <input id={id} type="date" aria-describedby={describedBy} aria-invalid={invalid || undefined} value={m.birthDate} onChange={(e) => setRow(i, { birthDate: e.target.value })} />}
                    </CellField>
                    <CellField label={t('members.birthYearShort')} row={rowName(i)} error={cell(i, 'birthYear')} className="table-form__cell--narrow">
                      {({ id, describedBy, invalid }) => <input id={id} inputMode="numeric" aria-describedby={describedBy} aria-invalid={invalid || undefined} value={m.birthYear} onChange={(e) => setRow(i, { birthYear: e.target.value })} />}
                    </CellField>
                    <CellField label={t('members.relationship')} row={rowName(i)} error={cell(i, 'relationship')}>
                      {({ id, describedBy, invalid }) =>
                        i === head ? (
                          <input id={id} value={t('enums.relationship.head')} readOnly aria-describedby={describedBy} className="input--readonly" />
                        ) : (
                          <select id={id} aria-describedby={describedBy} aria-invalid={invalid || undefined} value={m.relationship} onChange={(e) => setRow(i, { relationship: e.target.value as Relationship | '' })}>
                            <option value="">{t('common.choose')}</option>
                            {memberRelationships.map((r) => <option key={r} value={r}>{t(`enums.relationship.${r}`)}</option>)}
                          </select>
                        )
                      }
                    </CellField>
                    <CellField label={t('members.idDocument')} row={rowName(i)} error={cell(i, 'idDocument')}>
                      {({ id, describedBy, invalid }) => <input id={id} autoComplete="off" aria-describedby={describedBy} aria-invalid={invalid || undefined} value={m.idDocument} onChange={(e) => setRow(i, { idDocument: e.target.value })} />}
                    </CellField>
                    <td className="table-form__cell table-form__cell--action">
                      {rows.length > 1 ? (
                        <button type="button" className="button button--small" onClick={() => removeRow(i)}>
                          {t('common.remove')}<span className="visually-hidden"> {rowName(i)}</span>
                        </button>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p className="field__hint">{t('members.birthHint')}</p>
          <div className="actions">
            <button type="button" className="button" onClick={addRow}>{t('households.addRow')}</button>
          </div>
        </section>
        <div className="actions">
          <button type="submit" className="button button--primary" disabled={busy}>
            {busy ? t('common.saving') : t('households.registerSubmit')}
          </button>
        </div>
      </form>
    </Page>
  );
}
