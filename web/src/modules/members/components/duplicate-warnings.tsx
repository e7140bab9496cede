import { useTranslation } from 'react-i18next';
import type { DuplicateWarning } from '../../../api/types';
import { Link } from '../../../app/router';
import { useSchemeHref } from '../../../app/session';
import { Notice } from '../../../components/page';

/** Possible duplicates the API found: they do not block, but a person should look at them. */
export function DuplicateWarnings({ warnings, describe }: { warnings: DuplicateWarning[]; describe?: (field: string) => string }) {
  const { t } = useTranslation();
  const schemeHref = useSchemeHref();
  if (!warnings.length) return null;
  return (
    <Notice kind="warning" role="status">
      <h2>{t('households.duplicates.title')}</h2>
      <p>{t('households.duplicates.intro')}</p>
      <ul>
        {warnings.map((w) => (
          <li key={`${w.field}:${w.match.card}:${w.reason}`}>
            {describe ? <strong>{describe(w.field)} — </strong> : null}
            {w.message}{' '}
            <Link to={schemeHref(`/households/${encodeURIComponent(w.match.household)}`)}>
              {t('households.duplicates.see', { name: `${w.match.firstName} ${w.match.lastName}`, household: w.match.household })}
            </Link>
          </li>
        ))}
      </ul>
    </Notice>
  );
}
