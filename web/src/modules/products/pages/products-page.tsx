import { useTranslation } from 'react-i18next';
import type { Scheme } from '../../../api/types';
import { canOnScheme } from '../../../app/access';
import { today } from '../../../app/dates';
import { useFormat } from '../../../app/format';
import { useMoney } from '../../../app/money';
import { Link } from '../../../app/router';
import { useMe, useSchemeHref } from '../../../app/session';
import { useApi } from '../../../app/use-api';
import { LoadError, Loading, Page } from '../../../components/page';
import { DataTable } from '../../../components/table';
import { listProducts } from '../api';
import { useContributionText } from '../components/version-view';
import { versionOn } from '../components/versions';

/** The scheme's benefit packages, with the version in force today. */
export default function ProductsPage({ scheme }: { scheme: Scheme }) {
  const { t } = useTranslation();
  const { me } = useMe();
  const format = useFormat();
  const money = useMoney(scheme.currency);
  const contribution = useContributionText(money);
  const schemeHref = useSchemeHref();
  const products = useApi(() => listProducts(scheme.code), [scheme.code]);
  const now = today();

  return (
    <Page
      title={t('products.title')}
      actions={canOnScheme(me, 'products.manage', scheme) ? <Link to={schemeHref('/products/new')} className="button button--primary">{t('products.new')}</Link> : null}
    >
      <p className="muted">{t('products.intro')}</p>
      {products.status === 'loading' ? <Loading /> : null}
      {products.status === 'failed' ? <LoadError error={products.error} retry={() => void products.reload()} /> : null}
      {products.status === 'ready' ? (
        <DataTable
          caption={t('products.title')}
          rows={products.data}
          rowKey={(p) => p.code}
          empty={t('products.empty')}
          columns={[
            { key: 'name', header: t('products.name'), cell: (p) => <Link to={schemeHref(`/products/${encodeURIComponent(p.code)}`)}>{p.name}</Link> },
            { key: 'code', header: t('products.code'), cell: (p) => <code>{p.code}</code> },
            {
              key: 'current',
              header: t('products.inForce'),
              cell: (p) => {
                const v = versionOn(p, now);
                return v ? t('products.sinceDate', { date: format.calendarDate(v.definition.effectiveFrom) }) : t('products.notYet');
              },
            },
            {
              key: 'contribution',
              header: t('products.contributionSection'),
              cell: (p) => {
                const v = versionOn(p, now) ?? p.versions[0];
                return v ? contribution(v.definition.contribution) : '—';
              },
            },
            { key: 'versions', header: t('products.versionCount'), numeric: true, cell: (p) => format.number(p.versions.length) },
          ]}
        />
      ) : null}
    </Page>
  );
}
