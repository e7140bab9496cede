import { useTranslation } from 'react-i18next';
import { canCreateScheme } from '../../../app/access';
import { useFormat } from '../../../app/format';
import { Link } from '../../../app/router';
import { useMe, useSchemeHref } from '../../../app/session';
import { Page } from '../../../components/page';
import { DataTable } from '../../../components/table';

/** The schemes the user can see (the session already holds them). */
export default function SchemesPage() {
  const { t } = useTranslation();
  const { me, schemes } = useMe();
  const format = useFormat();
  const schemeHref = useSchemeHref();
  return (
    <Page
      title={t('schemes.title')}
      actions={canCreateScheme(me) ? <Link to={schemeHref('/schemes/new')} className="button button--primary">{t('schemes.new')}</Link> : undefined}
    >
      <DataTable
        caption={t('schemes.title')}
        rows={schemes}
        rowKey={(s) => s.code}
        empty={t('schemes.empty')}
        columns={[
          { key: 'name', header: t('schemes.name'), cell: (s) => <Link to={schemeHref(`/schemes/${encodeURIComponent(s.code)}`)}>{s.name}</Link> },
          { key: 'code', header: t('schemes.code'), cell: (s) => <code>{s.code}</code> },
          { key: 'federation', header: t('schemes.federation'), cell: (s) => s.federation ?? '—' },
          { key: 'country', header: t('schemes.country'), cell: (s) => format.country(s.country) },
          { key: 'currency', header: t('schemes.currency'), cell: (s) => s.currency },
          { key: 'target', header: t('schemes.targetPopulation'), numeric: true, cell: (s) => (s.targetPopulation === null ? '—' : format.number(s.targetPopulation)) },
        ]}
      />
    </Page>
  );
}
