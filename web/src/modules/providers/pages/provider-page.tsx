import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Agreement, ProviderDetail, Scheme } from '../../../api/types';
import { canOnScheme } from '../../../app/access';
import { useFormat } from '../../../app/format';
import { useMoney } from '../../../app/money';
import { Link, useLocation } from '../../../app/router';
import { useMe, useSchemeHref } from '../../../app/session';
import { useApi } from '../../../app/use-api';
import { useSubmit } from '../../../app/use-submit';
import { Badge } from '../../../components/badge';
import { useConfirm } from '../../../components/confirm';
import { FormError, SelectField, TextField } from '../../../components/form';
import { LoadError, Loading, Notice, Page } from '../../../components/page';
import { DataTable } from '../../../components/table';
import { getProvider, updateProvider } from '../api';
import { ActiveBadge, agreementState, AgreementStateBadge, PaymentTerms, useValidity } from '../components/labels';
import { EditProviderDialog } from '../components/provider-dialogs';

/** A health facility: its details and contacts, its agreement versions and the tariff of each. */
export default function ProviderPage({ scheme, code }: { scheme: Scheme; code: string }) {
  const { t } = useTranslation();
  const provider = useApi(() => getProvider(scheme.code, code), [scheme.code, code]);
  if (provider.status === 'loading') return <Loading />;
  if (provider.status === 'failed') {
    return (
      <Page title={t('providers.title')}>
        <LoadError error={provider.error} retry={() => void provider.reload()} />
      </Page>
    );
  }
  return <ProviderView scheme={scheme} provider={provider.data} reload={provider.reload} />;
}

function ProviderView({ scheme, provider, reload }: { scheme: Scheme; provider: ProviderDetail; reload: () => Promise<void> }) {
  const { t } = useTranslation();
  const { me } = useMe();
  const format = useFormat();
  const schemeHref = useSchemeHref();
  const { query } = useLocation();
  const manage = canOnScheme(me, 'providers.manage', scheme);
  const [editing, setEditing] = useState(false);
  const [notice, setNotice] = useState<string>();
  const [confirm, confirmDialog] = useConfirm();
  const { busy, error, run } = useSubmit();
  const base = `/providers/${encodeURIComponent(provider.code)}`;
  const added = query.get('agreement');

  const setActive = async (active: boolean) => {
    if (!active && !(await confirm({ title: t('providers.deactivateTitle', { name: provider.name }), message: <p>{t('providers.deactivateMessage')}</p>, confirmLabel: t('providers.deactivate') }))) return;
    await run(async () => {
      await updateProvider(scheme.code, provider.code, { active });
      await reload();
      setNotice(active ? t('providers.reactivated') : t('providers.deactivated'));
    });
  };

  return (
    <Page
      title={provider.name}
      actions={
        <>
          {canOnScheme(me, 'claims.read', scheme) ? <Link to={schemeHref(`${base}/statement`)} className="button">{t('providers.statement')}</Link> : null}
          {manage ? (
            <>
            <button type="button" className="button" onClick={() => setEditing(true)}>{t('common.edit')}</button>
            <button type="button" className={provider.active ? 'button button--danger-outline' : 'button'} disabled={busy} onClick={() => void setActive(!provider.active)}>
              {provider.active ? t('providers.deactivate') : t('providers.reactivate')}
            </button>
            <Link to={schemeHref(`${base}/agreements/new`)} className="button button--primary">{t('agreements.add')}</Link>
            </>
          ) : null}
        </>
      }
    >
      {query.get('created') ? <Notice kind="success" role="status"><p>{t('providers.created', { name: provider.name })}</p></Notice> : null}
      {added ? <Notice kind="success" role="status"><p>{t('agreements.added', { date: format.calendarDate(added) })}</p></Notice> : null}
      {notice ? <Notice kind="success" role="status"><p>{notice}</p></Notice> : null}
      <FormError error={error} />
      <section className="card" aria-labelledby="details-heading">
        <h2 id="details-heading">{t('providers.details')}</h2>
        <dl className="facts">
          <div><dt>{t('providers.code')}</dt><dd><code>{provider.code}</code></dd></div>
          <div><dt>{t('providers.level')}</dt><dd>{t(`enums.providerLevel.${provider.level}`)}</dd></div>
          <div><dt>{t('providers.type')}</dt><dd>{provider.type ? t(`enums.providerType.${provider.type}`) : '—'}</dd></div>
          <div><dt>{t('providers.status')}</dt><dd><ActiveBadge active={provider.active} /></dd></div>
          <div><dt>{t('providers.location')}</dt><dd>{provider.location ?? '—'}</dd></div>
        </dl>
        <h3>{t('providers.contacts')}</h3>
        <dl className="facts">
          <div className="facts__wide"><dt>{t('providers.address')}</dt><dd>{provider.address ?? '—'}</dd></div>
          <div><dt>{t('providers.phone')}</dt><dd>{provider.phone ? <a className="nowrap" href={`tel:${provider.phone.replace(/[^+\d]/g, '')}`}>{provider.phone}</a> : '—'}</dd></div>
          <div><dt>{t('providers.email')}</dt><dd>{provider.email ? <a href={`mailto:${provider.email}`}>{provider.email}</a> : '—'}</dd></div>
        </dl>
      </section>
      <Agreements scheme={scheme} provider={provider} />
      {editing ? (
        <EditProviderDialog
          scheme={scheme}
          provider={provider}
          close={(changed) => {
            setEditing(false);
            if (changed) {
              setNotice(t('common.saved'));
              void reload();
            }
          }}
        />
      ) : null}
      {confirmDialog}
    </Page>
  );
}

/** The agreement versions, newest first, and the tariff of the one chosen (the one in force by default). */
function Agreements({ scheme, provider }: { scheme: Scheme; provider: ProviderDetail }) {
  const { t } = useTranslation();
  const format = useFormat();
  const money = useMoney(scheme.currency);
  const validity = useValidity();
  const versions = [...provider.agreements].sort((a, b) => b.from.localeCompare(a.from));
  const current = versions.find((a) => agreementState(a) === 'current') ?? versions[0];
  const [chosen, setChosen] = useState(current?.id ?? '');
  const shown = versions.find((a) => a.id === chosen) ?? current;

  return (
    <>
      <section className="card" aria-labelledby="agreements-heading">
        <h2 id="agreements-heading">{t('agreements.title')}</h2>
        <DataTable
          caption={t('agreements.title')}
          rows={versions}
          rowKey={(a) => a.id}
          empty={t('agreements.empty')}
          columns={[
            { key: 'validity', header: t('agreements.validity'), cell: (a) => validity(a) },
            { key: 'state', header: t('agreements.stateLabel'), cell: (a) => <AgreementStateBadge agreement={a} /> },
            { key: 'method', header: t('agreements.paymentMethod'), cell: (a) => <PaymentTerms agreement={a} format={money.format} /> },
            { key: 'delay', header: t('agreements.paymentDelay'), numeric: true, cell: (a) => format.number(a.paymentDelayDays) },
            { key: 'tariff', header: t('agreements.tariffSize'), numeric: true, cell: (a) => format.number(a.tariff.length) },
          ]}
        />
      </section>
      {shown ? (
        <section className="card" aria-labelledby="tariff-heading">
          <div className="card__header">
            <h2 id="tariff-heading">{t('agreements.tariffOf', { validity: validity(shown) })}</h2>
            {shown.paymentMethod !== 'fee_for_service' ? <Badge tone="info">{t(`enums.agreementPaymentMethod.${shown.paymentMethod}`)}</Badge> : null}
          </div>
          {versions.length > 1 ? (
            <div className="filters">
              <SelectField
                label={t('agreements.version')}
                name="version"
                value={shown.id}
                onValue={setChosen}
                options={versions.map((a) => ({ value: a.id, label: `${validity(a)} · ${t(`agreements.state.${agreementState(a)}`)}` }))}
              />
            </div>
          ) : null}
          <TariffTable key={shown.id} agreement={shown} format={money.format} />
        </section>
      ) : null}
    </>
  );
}

/** A version's prices; a filter finds a service in a long tariff. */
function TariffTable({ agreement, format }: { agreement: Agreement; format: (minor: number) => string }) {
  const { t } = useTranslation();
  const [filter, setFilter] = useState('');
  const words = filter.trim().toLowerCase();
  const rows = words ? agreement.tariff.filter((l) => `${l.service} ${l.name}`.toLowerCase().includes(words)) : agreement.tariff;
  return (
    <>
      {agreement.tariff.length > 10 ? (
        <div className="filters">
          <TextField label={t('agreements.filterTariff')} name="tariff-filter" type="search" autoComplete="off" value={filter} onValue={setFilter} />
        </div>
      ) : null}
      <DataTable
        caption={t('agreements.tariff')}
        rows={rows}
        rowKey={(l) => l.service}
        empty={agreement.tariff.length ? t('agreements.noTariffMatch') : t('agreements.emptyTariff')}
        columns={[
          { key: 'code', header: t('services.code'), cell: (l) => <code>{l.service}</code> },
          { key: 'name', header: t('services.name'), cell: (l) => l.name },
          { key: 'category', header: t('services.category'), cell: (l) => t(`enums.benefitCategory.${l.category}`) },
          { key: 'kind', header: t('services.kind'), cell: (l) => t(`enums.serviceKind.${l.kind}`) },
          { key: 'price', header: t('agreements.price'), numeric: true, cell: (l) => format(l.price) },
        ]}
      />
    </>
  );
}
