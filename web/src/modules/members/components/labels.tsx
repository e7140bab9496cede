import { useTranslation } from 'react-i18next';
import type { Beneficiary, BeneficiaryStatus, HouseholdStatus } from '../../../api/types';
import { useFormat } from '../../../app/format';
import { Badge, type Tone } from '../../../components/badge';

export const fullName = (b: { firstName: string; lastName: string }) => `${b.firstName} ${b.lastName}`;

const memberTone: Record<BeneficiaryStatus, Tone> = { active: 'success', deceased: 'muted', departed: 'muted', inactive: 'muted' };
const householdTone: Record<HouseholdStatus, Tone> = { active: 'success', inactive: 'muted' };

/** A birth date, or "about 1976" when only an estimated year is known. */
export function useBirth(): (b: Pick<Beneficiary, 'birthDate' | 'birthYear' | 'birthDateEstimated'>) => string {
  const { t } = useTranslation();
  const format = useFormat();
  return (b) => (b.birthDate && !b.birthDateEstimated ? format.calendarDate(b.birthDate) : t('members.bornAbout', { year: b.birthYear }));
}

export function MemberStatus({ member }: { member: Pick<Beneficiary, 'status' | 'statusDate'> }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <Badge tone={memberTone[member.status]}>
      {t(`enums.beneficiaryStatus.${member.status}`)}
      {member.status !== 'active' && member.statusDate ? ` · ${format.calendarDate(member.statusDate)}` : ''}
    </Badge>
  );
}

export function HouseholdStatusBadge({ status }: { status: HouseholdStatus }) {
  const { t } = useTranslation();
  return <Badge tone={householdTone[status]}>{t(`enums.householdStatus.${status}`)}</Badge>;
}
