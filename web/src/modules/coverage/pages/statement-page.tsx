import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Scheme } from '../../../api/types';
import { today } from '../../../app/dates';
import { useFormat } from '../../../app/format';
import { useMoney } from '../../../app/money';
import { Link, navigate, useLocation } from '../../../app/router';
import { useSchemeHref } from '../../../app/session';
import { useApi } from '../../../app/use-api';
import { TextField } from '../../../components/form';
import { LoadError, Loading, Page } from '../../../components/page';
import { DataTable } from '../../../components/table';
import { usePercent } from '../../products/components/version-view';
import { subsidizerStatement } from '../api';

/** What a subsidizer owes (its share of sponsored households' dues falling due) and paid, for a period. */
export default function StatementPage({ scheme, code }: { scheme: Scheme; code: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const money = useMoney(scheme.currency);
  const percent = usePercent();
  const schemeHref = useSchemeHref();
  const { query } = useLocation();
  const year = today().slice(0, 4);
  const from = query.get('from') || `${year}-01-01`;
  const to = query.get('to') || `${year}-12-31`;
  const [form, setForm] = useState({ from, to });
  const statement = useApi(() => subsidizerStatement(scheme.code, code, from, to), [scheme.code, code, from, to]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    navigate(schemeHref(`/subsidizers/${encodeURIComponent(code)}`, { from: form.from || undefined, to: form.to || undefined }));
  };

  const title = statement.status === 'ready' ? t('subsidizers.statementOf', { name: statement.data.name }) : t('subsidizers.statement');
  return (
    <Page title={title} actions={<button type="button" className="button no-print" onClick={() => window.print()}>{t('common.print')}</button>}>
      <p className="no-print"><Link to={schemeHref('/subsidizers')}>{t('subsidizers.back')}</Link></p>
      <form className="filters filters--grid no-print" onSubmit={submit} aria-label={t('common.filters')}>
        <TextField label={t('common.from')} name="from" type="date" value={form.from} onValue={(v) => setForm((f) => ({ ...f, from: v }))} />
        <TextField label={t('common.to')} name="to" type="date" value={form.to} onValue={(v) => setForm((f) => ({ ...f, to: v }))} />
        <div className="filters__actions">
          <button type="submit" className="button button--primary">{t('common.show')}</button>
        </div>
      </form>
      {statement.status === 'loading' ? <Loading /> : null}
      {statement.status === 'failed' ? <LoadError error={statement.error} retry={() => void statement.reload()} /> : null}
      {statement.status === 'ready' ? (
        <section aria-labelledby="statement-heading">
          <h2 id="statement-heading">
            {t('subsidizers.periodHeading', { from: format.calendarDate(statement.data.from), to: format.calendarDate(statement.data.to), share: percent(statement.data.share) })}
          </h2>
          <dl className="stats stats--money">
            <div><dt>{t('subsidizers.owed')}</dt><dd>{money.format(statement.data.owed)}</dd></div>
            <div><dt>{t('subsidizers.paid')}</dt><dd>{money.format(statement.data.paid)}</dd></div>
            <div><dt>{t('subsidizers.balance')}</dt><dd className={statement.data.balance > 0 ? 'amount--owed' : undefined}>{money.format(statement.data.balance)}</dd></div>
          </dl>
          <DataTable
            caption={t('subsidizers.households')}
            rows={statement.data.households}
            rowKey={(h) => h.household}
            empty={t('subsidizers.noHouseholds')}
            columns={[
              { key: 'household', header: t('households.number'), cell: (h) => <Link to={schemeHref(`/households/${encodeURIComponent(h.household)}`)}><code>{h.household}</code></Link> },
              { key: 'dues', header: t('subsidizers.dues'), numeric: true, cell: (h) => money.format(h.dues) },
              { key: 'owed', header: t('subsidizers.owed'), numeric: true, cell: (h) => money.format(h.owed) },
              { key: 'paid', header: t('subsidizers.paid'), numeric: true, cell: (h) => money.format(h.paid) },
            ]}
          />
        </section>
      ) : null}
    </Page>
  );
}
