import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../app/format';

/** Previous and next page of a long list, with where the reader is; nothing when one page holds it all. */
export function Pager({ page, pageSize, total, label, go }: { page: number; pageSize: number; total: number; label: string; go: (page: number) => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (total <= pageSize) return null;
  const pages = Math.ceil(total / pageSize);
  return (
    <nav className="pager" aria-label={label}>
      <button type="button" className="button" disabled={page === 0} onClick={() => go(page - 1)}>{t('claims.previous')}</button>
      <span className="status-text">{t('claims.pageOf', { page: format.number(page + 1), pages: format.number(pages) })}</span>
      <button type="button" className="button" disabled={page + 1 >= pages} onClick={() => go(page + 1)}>{t('claims.next')}</button>
    </nav>
  );
}
