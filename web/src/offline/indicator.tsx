import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { Scheme } from '../api/types';
import { Link } from '../app/router';
import { loadEngine, useFieldStatus } from './status';

/**
 * In the header, for users who work in the field: "Offline" when the browser is, and how many
 * changes wait on the device (a link to them). It starts the sync engine (loaded on demand, so
 * the first screen stays small) for the scheme chosen.
 */
export function FieldIndicator({ scheme, snapshot, keys, href }: { scheme: Scheme; snapshot: boolean; keys: boolean; href: string }) {
  const { t } = useTranslation();
  const status = useFieldStatus();
  useEffect(() => {
    void loadEngine().then((engine) => engine.register(scheme.code, { currency: scheme.currency, snapshot, keys }));
  }, [scheme.code, scheme.currency, snapshot, keys]);
  const pending = status.waiting + status.problems;
  if (status.online && pending === 0) return null;
  return (
    <p className="field-indicator" role="status" style={{ margin: 0, display: 'flex', flexWrap: 'wrap', gap: '0.25rem' }}>
      {status.online ? null : <span className="badge badge--muted">{t('field.status.offline')}</span>}
      {pending > 0 ? (
        <Link to={href} className={`badge ${status.problems ? 'badge--danger' : 'badge--warning'}`}>
          {status.problems ? t('field.status.problems', { count: status.problems }) : t('field.status.waiting', { count: status.waiting })}
        </Link>
      ) : null}
    </p>
  );
}
