import { useTranslation } from 'react-i18next';
import type { Scheme } from '../../../api/types';
import { Page } from '../../../components/page';
import { EligibilityCheck } from '../components/eligibility-check';

/** Is this member covered today, why, and for what: the provider clerk's and the agent's first tool. */
export default function EligibilityPage({ scheme }: { scheme: Scheme }) {
  const { t } = useTranslation();
  return (
    <Page title={t('eligibility.title')}>
      <p className="muted">{t('eligibility.intro')}</p>
      <EligibilityCheck scheme={scheme} />
    </Page>
  );
}
