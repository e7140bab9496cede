import { type ReactNode, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../api/client';

let firstPage = true;

/**
 * A screen: its heading, the document title, and — after an in-app navigation — the focus on the
 * heading, so a screen reader announces the new page as a full page load would.
 */
export function Page({ title, actions, children, narrow }: { title: string; actions?: ReactNode; children: ReactNode; narrow?: boolean }) {
  const { t } = useTranslation();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} · ${t('app.name')}`;
  }, [title, t]);
  useEffect(() => {
    if (firstPage) firstPage = false;
    else heading.current?.focus();
  }, []);
  return (
    <div className={narrow ? 'page page--narrow' : 'page'}>
      <div className="page__header">
        <h1 ref={heading} tabIndex={-1}>{title}</h1>
        {actions ? <div className="page__actions">{actions}</div> : null}
      </div>
      {children}
    </div>
  );
}

export function Loading() {
  const { t } = useTranslation();
  return (
    <p className="loading" role="status">
      {t('common.loading')}
    </p>
  );
}

export function LoadError({ error, retry }: { error: ApiError; retry?: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="notice notice--error" role="alert">
      <p>{error.status === 0 ? t('errors.network') : error.message}</p>
      {retry ? (
        <button type="button" className="button" onClick={retry}>
          {t('common.retry')}
        </button>
      ) : null}
    </div>
  );
}

export function Notice({ kind = 'info', children, role }: { kind?: 'info' | 'success' | 'warning' | 'error'; children: ReactNode; role?: 'status' | 'alert' }) {
  return (
    <div className={`notice notice--${kind}`} role={role}>
      {children}
    </div>
  );
}
