import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Period, RenewalList, Scheme } from '../../../api/types';
import { canOnScheme } from '../../../app/access';
import { addMonths, today } from '../../../app/dates';
import { useFormat } from '../../../app/format';
import { useMoney } from '../../../app/money';
import { Link, navigate, useLocation } from '../../../app/router';
import { useMe, useSchemeHref } from '../../../app/session';
import { useApi } from '../../../app/use-api';
import { useSubmit } from '../../../app/use-submit';
import { Badge } from '../../../components/badge';
import { FormError, SelectField, TextField } from '../../../components/form';
import { LoadError, Loading, Notice, Page } from '../../../components/page';
import { DataTable } from '../../../components/table';
import { useSchemeLists } from '../../members/components/household-fields';
import { renew, renewalCampaign } from '../api';
import { renewalTone } from '../enums';

type Line = RenewalList['households'][number];

/**
 * The renewal campaign: periods ending in a window (due), ended but still in grace, or lapsed,
 * with what renewing would cost with today's members.
 */
export default function RenewalsPage({ scheme }: { scheme: Scheme }) {
  const { t } = useTranslation();
  const { me } = useMe();
  const format = useFormat();
  const money = useMoney(scheme.currency);
  const schemeHref = useSchemeHref();
  const { sections } = useSchemeLists(scheme);
  const { query } = useLocation();
  const from = query.get('from') || today();
  const to = query.get('to') || addMonths(from, 2);
  const section = query.get('section') ?? '';
  const [form, setForm] = useState({ from, to, section });
  const list = useApi(() => renewalCampaign(scheme.code, { from, to, ...(section ? { section } : {}) }), [scheme.code, from, to, section]);
  const [renewed, setRenewed] = useState<{ household: string; period: Period }>();
  const renewing = useSubmit();
  const canRenew = canOnScheme(me, 'members.write', scheme);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    navigate(schemeHref('/renewals', { from: form.from || undefined, to: form.to || undefined, section: form.section || undefined }));
  };
  const renewOne = async (line: Line) => {
    setRenewed(undefined);
    await renewing.run(async () => {
      const period = await renew(scheme.code, { household: line.household });
      setRenewed({ household: line.household, period });
      await list.reload();
    });
  };

  return (
    <Page title={t('renewals.title')}>
      <p className="muted">{t('renewals.intro')}</p>
      <form className="filters filters--grid" onSubmit={submit} aria-label={t('common.filters')}>
        <TextField label={t('common.from')} name="from" type="date" value={form.from} onValue={(v) => setForm((f) => ({ ...f, from: v }))} />
        <TextField label={t('common.to')} name="to" type="date" value={form.to} onValue={(v) => setForm((f) => ({ ...f, to: v }))} />
        <SelectField
          label={t('households.section')}
          name="section"
          value={form.section}
          onValue={(v) => setForm((f) => ({ ...f, section: v }))}
          options={[{ value: '', label: t('common.all') }, ...sections.map((s) => ({ value: s.code, label: s.name }))]}
        />
        <div className="filters__actions">
          <button type="submit" className="button button--primary">{t('common.show')}</button>
        </div>
      </form>
      {renewed ? (
        <Notice kind="success" role="status">
          {t('renewals.renewed', { household: renewed.household, start: format.calendarDate(renewed.period.start), end: format.calendarDate(renewed.period.end) })}
        </Notice>
      ) : null}
      <FormError error={renewing.error} />
      {list.status === 'loading' ? <Loading /> : null}
      {list.status === 'failed' ? <LoadError error={list.error} retry={() => void list.reload()} /> : null}
      {list.status === 'ready' ? (
        <section aria-labelledby="renewals-heading">
          <h2 id="renewals-heading">{t('renewals.heading', { from: format.calendarDate(list.data.from), to: format.calendarDate(list.data.to) })}</h2>
          <DataTable
            caption={t('renewals.heading', { from: format.calendarDate(list.data.from), to: format.calendarDate(list.data.to) })}
            rows={list.data.households}
            rowKey={(h) => `${h.household}:${h.periodEnd}`}
            empty={t('renewals.empty')}
            columns={[
              { key: 'household', header: t('households.number'), cell: (h) => <Link to={schemeHref(`/households/${encodeURIComponent(h.household)}`)}><code>{h.household}</code></Link> },
              { key: 'head', header: t('members.head'), cell: (h) => h.head ?? '—' },
              { key: 'phone', header: t('households.phone'), cell: (h) => (h.phone ? <a href={`tel:${h.phone}`}>{h.phone}</a> : '—') },
              { key: 'section', header: t('households.section'), cell: (h) => h.section ?? '—' },
              { key: 'product', header: t('account.product'), cell: (h) => h.product },
              { key: 'end', header: t('renewals.periodEnd'), cell: (h) => format.calendarDate(h.periodEnd) },
              { key: 'state', header: t('account.state'), cell: (h) => <Badge tone={renewalTone[h.state]}>{t(`enums.renewalState.${h.state}`)}</Badge> },
              { key: 'amount', header: t('renewals.amount'), numeric: true, cell: (h) => money.format(h.amount) },
              ...(canRenew
                ? [{
                    key: 'actions',
                    header: t('common.actions'),
                    cell: (h: Line) => (
                      <button type="button" className="button button--small" disabled={renewing.busy} onClick={() => void renewOne(h)}>
                        {t('account.renew')}<span className="visually-hidden"> {h.household}</span>
                      </button>
                    ),
                  }]
                : []),
            ]}
          />
        </section>
      ) : null}
    </Page>
  );
}
