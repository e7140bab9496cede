import { useTranslation } from 'react-i18next';
import type { ActivationMode, BenefitCategory, ContributionBasis, ProviderLevel } from '../../../api/types';
import type { MoneyFormat } from '../../../app/money';
import { type FieldErrors, RadioField, SelectField, TextAreaField, TextField } from '../../../components/form';
import { MoneyField } from '../../../components/money-field';
import { CellField, RowTitle } from '../../../components/table-form';
import { activationModes, benefitCategories, contributionBases, providerLevels } from '../enums';
import { type BenefitDraft, emptyBenefit, type VersionDraft } from './version-draft';

/**
 * Every field of a product version: period, contribution (its basis decides which amounts are
 * asked), fees, instalments, activation, grace and waiting periods, and the benefit lines as an
 * editable table. `errors` are keyed by the API's field paths relative to the version.
 */
export function VersionFields({ value, onChange, errors, money, lockEffectiveFrom }: {
  value: VersionDraft;
  onChange: (draft: VersionDraft) => void;
  errors: FieldErrors;
  money: MoneyFormat;
  lockEffectiveFrom?: boolean;
}) {
  const { t } = useTranslation();
  const set = <K extends keyof VersionDraft>(key: K) => (v: VersionDraft[K]) => onChange({ ...value, [key]: v });

  return (
    <>
      <section className="card form" aria-labelledby="period-heading">
        <h2 id="period-heading">{t('products.periodSection')}</h2>
        <div className="form__row">
          <TextField label={t('products.effectiveFrom')} hint={t('products.effectiveFromHint')} name="effectiveFrom" type="date" value={value.effectiveFrom} onValue={set('effectiveFrom')} error={errors.effectiveFrom} readOnly={lockEffectiveFrom} />
          <TextField label={t('products.coverageMonths')} name="coverageMonths" inputMode="numeric" value={value.coverageMonths} onValue={set('coverageMonths')} error={errors.coverageMonths} />
          <TextField label={t('products.instalments')} hint={t('products.instalmentsHint')} name="instalments" inputMode="numeric" value={value.instalments} onValue={set('instalments')} error={errors.instalments} />
        </div>
        <div className="form__row">
          <SelectField
            label={t('products.activation')}
            name="activation"
            value={value.activation}
            onValue={(v) => set('activation')(v as ActivationMode)}
            options={activationModes.map((a) => ({ value: a, label: t(`enums.activation.${a}`) }))}
            error={errors.activation}
          />
          <TextField label={t('products.gracePeriodDays')} hint={t('products.daysHint')} name="gracePeriodDays" inputMode="numeric" value={value.gracePeriodDays} onValue={set('gracePeriodDays')} error={errors.gracePeriodDays} />
          <TextField label={t('products.waitingPeriodDays')} hint={t('products.daysHint')} name="waitingPeriodDays" inputMode="numeric" value={value.waitingPeriodDays} onValue={set('waitingPeriodDays')} error={errors.waitingPeriodDays} />
          <TextField label={t('products.claimDeadlineDays')} hint={t('products.claimDeadlineHint')} name="claimDeadlineDays" inputMode="numeric" value={value.claimDeadlineDays} onValue={set('claimDeadlineDays')} error={errors.claimDeadlineDays} />
        </div>
      </section>

      <section className="card form" aria-labelledby="contribution-heading">
        <h2 id="contribution-heading">{t('products.contributionSection')}</h2>
        {errors.contribution ? <p className="field__error">{errors.contribution}</p> : null}
        <RadioField
          legend={t('products.basis')}
          name="basis"
          value={value.basis}
          onValue={(v) => set('basis')(v as ContributionBasis)}
          options={contributionBases.map((b) => ({ value: b, label: t(`enums.contributionBasis.${b}`), hint: t(`products.basisHint.${b}`) }))}
        />
        {value.basis === 'per_person' ? (
          <div className="form__row">
            <MoneyField label={t('products.adult')} name="adult" money={money} value={value.adult} onValue={set('adult')} error={errors['contribution.adult']} />
            <MoneyField label={t('products.child')} name="child" money={money} value={value.child} onValue={set('child')} error={errors['contribution.child']} />
            <TextField label={t('products.childMaxAge')} hint={t('products.childMaxAgeHint')} name="childMaxAge" inputMode="numeric" value={value.childMaxAge} onValue={set('childMaxAge')} error={errors['contribution.childMaxAge']} />
          </div>
        ) : null}
        {value.basis === 'per_household' ? (
          <div className="form__row">
            <MoneyField label={t('products.householdAmount')} name="amount" money={money} value={value.amount} onValue={set('amount')} error={errors['contribution.amount']} />
          </div>
        ) : null}
        {value.basis === 'household_lump_sum' ? (
          <div className="form__row">
            <MoneyField label={t('products.lumpSum')} name="amount" money={money} value={value.amount} onValue={set('amount')} error={errors['contribution.amount']} />
            <TextField label={t('products.membersIncluded')} name="membersIncluded" inputMode="numeric" value={value.membersIncluded} onValue={set('membersIncluded')} error={errors['contribution.membersIncluded']} />
            <MoneyField label={t('products.perExtraMember')} name="perExtraMember" money={money} value={value.perExtraMember} onValue={set('perExtraMember')} error={errors['contribution.perExtraMember']} />
          </div>
        ) : null}
        <div className="form__row">
          <MoneyField label={t('products.joiningFee')} hint={t('products.joiningFeeHint')} name="joiningFee" money={money} value={value.joiningFee} onValue={set('joiningFee')} error={errors.joiningFee} />
          <MoneyField label={t('products.cardFee')} hint={t('products.cardFeeHint')} name="cardFee" money={money} value={value.cardFee} onValue={set('cardFee')} error={errors.cardFee} />
        </div>
      </section>

      <BenefitLines value={value.benefits} onChange={set('benefits')} errors={errors} money={money} />

      <section className="card form" aria-labelledby="exclusions-heading">
        <h2 id="exclusions-heading">{t('products.exclusions')}</h2>
        <TextAreaField label={t('products.exclusionCodes')} hint={t('products.exclusionsHint')} name="exclusions" spellCheck={false} value={value.exclusions} onValue={set('exclusions')} error={errors.exclusions} />
      </section>
    </>
  );
}

function BenefitLines({ value, onChange, errors, money }: { value: BenefitDraft[]; onChange: (benefits: BenefitDraft[]) => void; errors: FieldErrors; money: MoneyFormat }) {
  const { t } = useTranslation();
  const setLine = (index: number, change: Partial<BenefitDraft>) => onChange(value.map((b, i) => (i === index ? { ...b, ...change } : b)));
  const used = new Set(value.map((b) => b.category));
  const nextCategory = benefitCategories.find((c) => !used.has(c)) ?? '';
  const err = (i: number, field: string) => errors[`benefits[${i}].${field}`];
  const row = (i: number) => t('products.lineN', { n: i + 1 });
  const amountInput = (i: number, field: 'perCaseCeiling' | 'ceilingPerBeneficiary' | 'ceilingPerHousehold' | 'copayment', label: string) => (
    <CellField label={label} row={row(i)} error={err(i, field)}>
      {({ id, describedBy, invalid }) => (
        <input id={id} inputMode={money.exponent ? 'decimal' : 'numeric'} autoComplete="off" aria-describedby={describedBy} aria-invalid={invalid || undefined} value={value[i]![field]} onChange={(e) => setLine(i, { [field]: e.target.value })} />
      )}
    </CellField>
  );
  const wholeInput = (i: number, field: 'maxUsesPerPeriod' | 'waitingPeriodDays' | 'minAge' | 'maxAge', label: string) => (
    <CellField label={label} row={row(i)} error={err(i, field)} className="table-form__cell--narrow">
      {({ id, describedBy, invalid }) => (
        <input id={id} inputMode="numeric" autoComplete="off" aria-describedby={describedBy} aria-invalid={invalid || undefined} value={value[i]![field]} onChange={(e) => setLine(i, { [field]: e.target.value })} />
      )}
    </CellField>
  );

  return (
    <section className="card" aria-labelledby="benefits-heading">
      <h2 id="benefits-heading">{t('products.benefits')}</h2>
      <p className="muted">{t('products.benefitsIntro', { currency: money.currency })}</p>
      {errors.benefits ? <p className="field__error">{errors.benefits}</p> : null}
      <div className="table-scroll">
        <table className="table-form table-form--benefits" aria-labelledby="benefits-heading">
          <colgroup>
            <col className="col--number" />
            <col className="col--category" />
            <col className="col--cover" />
            <col className="col--small" />
            <col />
            <col />
            <col />
            <col className="col--small" />
            <col className="col--small" />
            <col className="col--action" />
          </colgroup>
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">{t('products.category')}</th>
              <th scope="col">{t('products.cover')}</th>
              <th scope="col">{t('products.coverValue')}</th>
              <th scope="col">{t('products.perCaseCeiling')}</th>
              <th scope="col">{t('products.ceilingPerBeneficiary')}</th>
              <th scope="col">{t('products.ceilingPerHousehold')}</th>
              <th scope="col">{t('products.maxUses')}</th>
              <th scope="col">{t('products.benefitWaiting')}</th>
              <th scope="col"><span className="visually-hidden">{t('common.actions')}</span></th>
            </tr>
          </thead>
          {value.map((b, i) => (
            <tbody key={b.key} className="table-form__group">
              <tr>
                <RowTitle number={i + 1} title={t('products.lineTitle', { n: i + 1 })} />
                <CellField label={t('products.category')} row={row(i)} error={err(i, 'category')}>
                  {({ id, describedBy, invalid }) => (
                    <select id={id} aria-describedby={describedBy} aria-invalid={invalid || undefined} value={b.category} onChange={(e) => setLine(i, { category: e.target.value as BenefitCategory | '' })}>
                      <option value="">{t('common.choose')}</option>
                      {benefitCategories.map((c) => <option key={c} value={c}>{t(`enums.benefitCategory.${c}`)}</option>)}
                    </select>
                  )}
                </CellField>
                <CellField label={t('products.cover')} row={row(i)}>
                  {({ id }) => (
                    <select id={id} value={b.cover} onChange={(e) => setLine(i, { cover: e.target.value as BenefitDraft['cover'] })}>
                      <option value="rate">{t('products.coverRate')}</option>
                      <option value="copayment">{t('products.coverCopayment')}</option>
                    </select>
                  )}
                </CellField>
                {b.cover === 'rate' ? (
                  <CellField label={t('products.ratePercent')} row={row(i)} error={err(i, 'coverageRate')} className="table-form__cell--narrow">
                    {({ id, describedBy, invalid }) => (
                      <input id={id} inputMode="decimal" autoComplete="off" aria-describedby={describedBy} aria-invalid={invalid || undefined} value={b.rate} onChange={(e) => setLine(i, { rate: e.target.value })} />
                    )}
                  </CellField>
                ) : (
                  amountInput(i, 'copayment', t('products.copaymentAmount'))
                )}
                {amountInput(i, 'perCaseCeiling', t('products.perCaseCeiling'))}
                {amountInput(i, 'ceilingPerBeneficiary', t('products.ceilingPerBeneficiary'))}
                {amountInput(i, 'ceilingPerHousehold', t('products.ceilingPerHousehold'))}
                {wholeInput(i, 'maxUsesPerPeriod', t('products.maxUses'))}
                {wholeInput(i, 'waitingPeriodDays', t('products.benefitWaiting'))}
                <td className="table-form__cell table-form__cell--action">
                  <button type="button" className="button button--small" onClick={() => onChange(value.filter((_, j) => j !== i))}>
                    {t('common.remove')}<span className="visually-hidden"> {row(i)}</span>
                  </button>
                </td>
              </tr>
              <tr className="table-form__conditions">
                <td colSpan={10}>
                  <fieldset className="conditions">
                    <legend>{t('products.conditionsOf', { n: i + 1 })}</legend>
                    <div className="conditions__row">
                      <span className="check">
                        <input id={`gl-${b.key}`} type="checkbox" checked={b.requiresGuaranteeLetter} onChange={(e) => setLine(i, { requiresGuaranteeLetter: e.target.checked })} />
                        <label htmlFor={`gl-${b.key}`}>{t('products.requiresGuaranteeLetter')}</label>
                      </span>
                      <span className="check">
                        <input id={`rf-${b.key}`} type="checkbox" checked={b.requiresReferral} onChange={(e) => setLine(i, { requiresReferral: e.target.checked })} />
                        <label htmlFor={`rf-${b.key}`}>{t('products.requiresReferral')}</label>
                      </span>
                    </div>
                    <div className="conditions__row">
                      <SelectField
                        label={t('products.sex')}
                        name={`sex-${b.key}`}
                        value={b.sex}
                        onValue={(v) => setLine(i, { sex: v as BenefitDraft['sex'] })}
                        options={[{ value: '', label: t('products.anySex') }, { value: 'F', label: t('enums.sex.F') }, { value: 'M', label: t('enums.sex.M') }]}
                        error={err(i, 'sex')}
                      />
                      <TextField label={t('products.minAge')} name={`minAge-${b.key}`} inputMode="numeric" value={b.minAge} onValue={(v) => setLine(i, { minAge: v })} error={err(i, 'minAge')} />
                      <TextField label={t('products.maxAge')} name={`maxAge-${b.key}`} inputMode="numeric" value={b.maxAge} onValue={(v) => setLine(i, { maxAge: v })} error={err(i, 'maxAge')} />
                    </div>
                    <fieldset className="conditions__levels">
                      <legend>{t('products.providerLevels')}</legend>
                      <div className="conditions__row">
                        {providerLevels.map((level) => (
                          <span className="check" key={level}>
                            <input
                              id={`lv-${b.key}-${level}`}
                              type="checkbox"
                              checked={b.providerLevels.includes(level)}
                              onChange={(e) => setLine(i, { providerLevels: e.target.checked ? [...b.providerLevels, level] : b.providerLevels.filter((l: ProviderLevel) => l !== level) })}
                            />
                            <label htmlFor={`lv-${b.key}-${level}`}>{t(`enums.providerLevel.${level}`)}</label>
                          </span>
                        ))}
                      </div>
                      <p className="field__hint">{t('products.providerLevelsHint')}</p>
                      {err(i, 'providerLevels') ? <p className="field__error">{err(i, 'providerLevels')}</p> : null}
                    </fieldset>
                    {err(i, 'requiresGuaranteeLetter') || err(i, 'requiresReferral') ? (
                      <p className="field__error">{err(i, 'requiresGuaranteeLetter') ?? err(i, 'requiresReferral')}</p>
                    ) : null}
                  </fieldset>
                </td>
              </tr>
            </tbody>
          ))}
        </table>
      </div>
      {value.length === 0 ? <p className="empty">{t('products.noBenefits')}</p> : null}
      <div className="actions">
        <button type="button" className="button" onClick={() => onChange([...value, emptyBenefit(nextCategory)])}>{t('products.addBenefit')}</button>
      </div>
    </section>
  );
}
