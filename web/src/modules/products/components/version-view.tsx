import { useTranslation } from 'react-i18next';
import type { Benefit, Contribution, VersionDefinition } from '../../../api/types';
import { useFormat } from '../../../app/format';
import type { MoneyFormat } from '../../../app/money';
import { DataTable } from '../../../components/table';

/** A rate as a percentage in the user's locale (0.8 → 80 %). */
export function usePercent(): (rate: number) => string {
  const { locale } = useFormat();
  const format = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 2 });
  return (rate) => format.format(rate);
}

/** The contribution in words: "3 500 F CFA per adult, 2 000 F CFA per child (up to 14 years)". */
export function useContributionText(money: MoneyFormat): (c: Contribution) => string {
  const { t } = useTranslation();
  return (c) => {
    switch (c.basis) {
      case 'per_person':
        return t('products.summary.perPerson', { adult: money.format(c.adult), child: money.format(c.child), age: c.childMaxAge });
      case 'per_household':
        return t('products.summary.perHousehold', { amount: money.format(c.amount) });
      case 'household_lump_sum':
        return t('products.summary.lumpSum', { amount: money.format(c.amount), members: c.membersIncluded, extra: money.format(c.perExtraMember) });
    }
  };
}

/** Every field of a version, read-only. */
export function VersionView({ version, money }: { version: VersionDefinition; money: MoneyFormat }) {
  const { t } = useTranslation();
  const format = useFormat();
  const percent = usePercent();
  const contribution = useContributionText(money);
  const days = (n: number | null | undefined, none: string) => (n === null || n === undefined ? none : t('products.days', { n }));
  const amount = (n: number | null | undefined) => (n === null || n === undefined ? '—' : money.format(n));
  const conditions = (b: Benefit) => {
    const parts: string[] = [];
    if (b.requiresGuaranteeLetter) parts.push(t('products.requiresGuaranteeLetter'));
    if (b.requiresReferral) parts.push(t('products.requiresReferral'));
    if (b.sex) parts.push(t('products.onlySex', { sex: t(`enums.sex.${b.sex}`) }));
    if (b.minAge !== null && b.minAge !== undefined && b.maxAge !== null && b.maxAge !== undefined) parts.push(t('products.ageRange', { min: b.minAge, max: b.maxAge }));
    else if (b.minAge !== null && b.minAge !== undefined) parts.push(t('products.ageFrom', { min: b.minAge }));
    else if (b.maxAge !== null && b.maxAge !== undefined) parts.push(t('products.ageUpTo', { max: b.maxAge }));
    if (b.providerLevels?.length) parts.push(t('products.atLevels', { levels: b.providerLevels.map((l) => t(`enums.providerLevel.${l}`)).join(', ') }));
    return parts.length ? parts.join(' · ') : '—';
  };

  return (
    <>
      <dl className="facts">
        <div><dt>{t('products.effectiveFrom')}</dt><dd>{format.calendarDate(version.effectiveFrom)}</dd></div>
        <div><dt>{t('products.coverageMonths')}</dt><dd>{t('products.months', { n: version.coverageMonths })}</dd></div>
        <div><dt>{t('products.instalments')}</dt><dd>{format.number(version.instalments ?? 1)}</dd></div>
        <div><dt>{t('products.activation')}</dt><dd>{t(`enums.activation.${version.activation ?? 'full_payment'}`)}</dd></div>
        <div><dt>{t('products.joiningFee')}</dt><dd>{money.format(version.joiningFee ?? 0)}</dd></div>
        <div><dt>{t('products.cardFee')}</dt><dd>{money.format(version.cardFee ?? 0)}</dd></div>
        <div><dt>{t('products.gracePeriodDays')}</dt><dd>{days(version.gracePeriodDays ?? 0, '—')}</dd></div>
        <div><dt>{t('products.waitingPeriodDays')}</dt><dd>{days(version.waitingPeriodDays ?? 0, '—')}</dd></div>
        <div><dt>{t('products.claimDeadlineDays')}</dt><dd>{days(version.claimDeadlineDays, t('products.noDeadline'))}</dd></div>
        <div className="facts__wide"><dt>{t('products.contributionSection')}</dt><dd>{contribution(version.contribution)}</dd></div>
        <div className="facts__wide"><dt>{t('products.exclusions')}</dt><dd>{version.exclusions?.length ? version.exclusions.join(', ') : t('products.noExclusions')}</dd></div>
      </dl>
      <h4 className="subheading">{t('products.benefits')}</h4>
      <DataTable
        caption={t('products.benefits')}
        rows={version.benefits}
        rowKey={(b) => b.category}
        empty={t('products.noBenefits')}
        columns={[
          { key: 'category', header: t('products.category'), cell: (b) => t(`enums.benefitCategory.${b.category}`) },
          {
            key: 'cover',
            header: t('products.cover'),
            cell: (b) =>
              b.copayment !== null && b.copayment !== undefined
                ? t('products.copaymentOf', { amount: money.format(b.copayment) })
                : b.coverageRate !== null && b.coverageRate !== undefined
                  ? t('products.rateOf', { rate: percent(b.coverageRate) })
                  : '—',
          },
          { key: 'perCase', header: t('products.perCaseCeiling'), numeric: true, cell: (b) => amount(b.perCaseCeiling) },
          { key: 'perBeneficiary', header: t('products.ceilingPerBeneficiary'), numeric: true, cell: (b) => amount(b.ceilingPerBeneficiary) },
          { key: 'perHousehold', header: t('products.ceilingPerHousehold'), numeric: true, cell: (b) => amount(b.ceilingPerHousehold) },
          { key: 'uses', header: t('products.maxUses'), numeric: true, cell: (b) => (b.maxUsesPerPeriod === null || b.maxUsesPerPeriod === undefined ? '—' : format.number(b.maxUsesPerPeriod)) },
          { key: 'waiting', header: t('products.waitingPeriodDays'), cell: (b) => days(b.waitingPeriodDays ?? version.waitingPeriodDays ?? 0, '—') },
          { key: 'conditions', header: t('products.conditions'), cell: conditions },
        ]}
      />
    </>
  );
}
