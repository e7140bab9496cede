import { useTranslation } from 'react-i18next';
import type { Scheme } from '../../../api/types';
import { useFormat } from '../../../app/format';

/** What is known about a scheme now: identity, place, currency, target population. */
export function SchemeFacts({ scheme }: { scheme: Scheme }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <dl className="facts">
      <div>
        <dt>{t('schemes.code')}</dt>
        <dd><code>{scheme.code}</code></dd>
      </div>
      <div>
        <dt>{t('schemes.federation')}</dt>
        <dd>{scheme.federation ?? t('schemes.noFederation')}</dd>
      </div>
      <div>
        <dt>{t('schemes.country')}</dt>
        <dd>{format.country(scheme.country)}</dd>
      </div>
      <div>
        <dt>{t('schemes.currency')}</dt>
        <dd>{format.currency(scheme.currency)} ({scheme.currency})</dd>
      </div>
      <div>
        <dt>{t('schemes.targetPopulation')}</dt>
        <dd>{scheme.targetPopulation === null ? t('schemes.notSet') : format.number(scheme.targetPopulation)}</dd>
      </div>
      <div>
        <dt>{t('schemes.created')}</dt>
        <dd>{format.date(scheme.createdAt)}</dd>
      </div>
    </dl>
  );
}
