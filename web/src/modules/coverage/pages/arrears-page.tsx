import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Scheme } from '../../../api/types';
import { today } from '../../../app/dates';
import { useFormat } from '../../../app/format';
import { useMoney } from '../../../app/money';
import { Link, navigate, useLocation } from '../../../app/router';
import { useSchemeHref } from '../../../app/session';
import { useApi } from '../../../app/use-api';
import { SelectField, TextField } from '../../../components/form';
import { LoadError, Loading, Page } from '../../../components/page';
import { DataTable } from '../../../components/table';
import { useSchemeLists } from '../../members/components/household-fields';
import { arrears } from '../api';

/** Households with dues unpaid beyond grace on a date, by section and collector: the collectors' round. */
export default function ArrearsPage({ scheme }: { scheme: Scheme }) {
  const { t } = useTranslation();
  const format = useFormat();
  const money = useMoney(scheme.currency);
  const schemeHref = useSchemeHref();
  const { sections } = useSchemeLists(scheme);
  const { query } = useLocation();
  const asOf = query.get('asOf') || today();
  const section = query.get('section') ?? '';
  const collector = query.get('collector') ?? '';
  const [form, setForm] = useState({ asOf, section, collector });
  const list = useApi(
    () => arrears(scheme.code, { asOf, ...(section ? { section } : {}), ...(collector ? { collector } : {}) }),
    [scheme.code, asOf, section, collector],
  );

  const submit = (event: FormEvent) => {
    event.preventDefault();
    navigate(schemeHref('/arrears', { asOf: form.asOf || undefined, section: form.section || undefined, collector: form.collector.trim() || undefined }));
  };

  return (
    <Page title={t('arrears.title')}>
      <p className="muted">{t('arrears.intro')}</p>
      <form className="filters filters--grid" onSubmit={submit} aria-label={t('common.filters')}>
        <TextField label={t('arrears.asOf')} name="asOf" type="date" value={form.asOf} onValue={(v) => setForm((f) => ({ ...f, asOf: v }))} />
        <SelectField
          label={t('households.section')}
          name="section"
          value={form.section}
          onValue={(v) => setForm((f) => ({ ...f, section: v }))}
          options={[{ value: '', label: t('common.all') }, ...sections.map((s) => ({ value: s.code, label: s.name }))]}
        />
        <TextField label={t('payments.collector')} hint={t('arrears.collectorHint')} name="collector" autoComplete="off" value={form.collector} onValue={(v) => setForm((f) => ({ ...f, collector: v }))} />
        <div className="filters__actions">
          <button type="submit" className="button button--primary">{t('common.show')}</button>
        </div>
      </form>
      {list.status === 'loading' ? <Loading /> : null}
      {list.status === 'failed' ? <LoadError error={list.error} retry={() => void list.reload()} /> : null}
      {list.status === 'ready' ? (
        <section aria-labelledby="arrears-heading">
          <h2 id="arrears-heading">{t('arrears.heading', { date: format.calendarDate(list.data.asOf) })}</h2>
          <dl className="stats stats--money">
            <div>
              <dt>{t('arrears.total')}</dt>
              <dd className={list.data.total > 0 ? 'amount--owed' : undefined}>{money.format(list.data.total)}</dd>
            </div>
            <div>
              <dt>{t('arrears.households')}</dt>
              <dd>{format.number(list.data.households.length)}</dd>
            </div>
          </dl>
          <DataTable
            caption={t('arrears.heading', { date: format.calendarDate(list.data.asOf) })}
            rows={list.data.households}
            rowKey={(h) => h.household}
            empty={t('arrears.empty')}
            columns={[
              { key: 'household', header: t('households.number'), cell: (h) => <Link to={schemeHref(`/households/${encodeURIComponent(h.household)}`)}><code>{h.household}</code></Link> },
              { key: 'head', header: t('members.head'), cell: (h) => h.head ?? '—' },
              { key: 'phone', header: t('households.phone'), cell: (h) => (h.phone ? <a href={`tel:${h.phone}`}>{h.phone}</a> : '—') },
              { key: 'section', header: t('households.section'), cell: (h) => h.section ?? '—' },
              { key: 'collector', header: t('payments.collector'), cell: (h) => h.collector ?? '—' },
              { key: 'overdue', header: t('arrears.overdue'), numeric: true, cell: (h) => money.format(h.overdue) },
              { key: 'oldest', header: t('arrears.oldest'), cell: (h) => format.calendarDate(h.oldestDueDate) },
              { key: 'dues', header: t('arrears.dues'), numeric: true, cell: (h) => format.number(h.dues) },
            ]}
          />
        </section>
      ) : null}
    </Page>
  );
}
