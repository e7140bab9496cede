import { useTranslation } from 'react-i18next';
import type { Product, Scheme } from '../../../api/types';
import { canOnScheme } from '../../../app/access';
import { today } from '../../../app/dates';
import { useFormat } from '../../../app/format';
import { useMoney } from '../../../app/money';
import { Link, useLocation } from '../../../app/router';
import { useMe, useSchemeHref } from '../../../app/session';
import { useApi } from '../../../app/use-api';
import { Badge } from '../../../components/badge';
import { LoadError, Loading, Notice, Page } from '../../../components/page';
import { getProduct } from '../api';
import { VersionView } from '../components/version-view';
import { versionOn } from '../components/versions';

/** A benefit package and all its versions, newest first, every field shown. */
export default function ProductPage({ scheme, code }: { scheme: Scheme; code: string }) {
  const { t } = useTranslation();
  const product = useApi(() => getProduct(scheme.code, code), [scheme.code, code]);
  if (product.status === 'loading') return <Loading />;
  if (product.status === 'failed') {
    return (
      <Page title={t('products.title')}>
        <LoadError error={product.error} retry={() => void product.reload()} />
      </Page>
    );
  }
  return <ProductView scheme={scheme} product={product.data} />;
}

function ProductView({ scheme, product }: { scheme: Scheme; product: Product }) {
  const { t } = useTranslation();
  const { me } = useMe();
  const format = useFormat();
  const money = useMoney(scheme.currency);
  const schemeHref = useSchemeHref();
  const { query } = useLocation();
  const manage = canOnScheme(me, 'products.manage', scheme);
  const now = today();
  const current = versionOn(product, now);
  const versions = [...product.versions].sort((a, b) => b.definition.effectiveFrom.localeCompare(a.definition.effectiveFrom));
  const base = `/products/${encodeURIComponent(product.code)}`;

  return (
    <Page
      title={product.name}
      actions={manage ? <Link to={schemeHref(`${base}/versions/new`)} className="button button--primary">{t('products.addVersion')}</Link> : null}
    >
      <p className="muted">
        {t('products.code')} <code>{product.code}</code> · {t('products.versionsIntro')}
      </p>
      {query.get('saved') ? <Notice kind="success" role="status">{t('products.saved', { date: format.calendarDate(query.get('saved')!) })}</Notice> : null}
      {versions.map((v) => {
        const state = v === current ? 'current' : v.definition.effectiveFrom > now ? 'future' : 'past';
        const headingId = `version-${v.definition.effectiveFrom}`;
        return (
          <section className="card" key={v.id} aria-labelledby={headingId}>
            <div className="card__header">
              <h2 id={headingId}>{t('products.versionFrom', { date: format.calendarDate(v.definition.effectiveFrom) })}</h2>
              <span className="period__badges">
                <Badge tone={state === 'current' ? 'success' : state === 'future' ? 'info' : 'muted'}>{t(`products.state.${state}`)}</Badge>
                {v.inUse ? <Badge tone="muted">{t('products.inUse')}</Badge> : null}
                {manage && !v.inUse ? (
                  <Link to={schemeHref(`${base}/versions/${v.definition.effectiveFrom}`)} className="button button--small">
                    {t('products.correct')}<span className="visually-hidden"> {t('products.versionFrom', { date: format.calendarDate(v.definition.effectiveFrom) })}</span>
                  </Link>
                ) : null}
              </span>
            </div>
            <VersionView version={v.definition} money={money} />
          </section>
        );
      })}
    </Page>
  );
}
