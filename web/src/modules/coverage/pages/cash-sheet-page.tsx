import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Scheme } from '../../../api/types';
import { today } from '../../../app/dates';
import { useFormat } from '../../../app/format';
import { canOnScheme } from '../../../app/access';
import { Link, navigate, useLocation } from '../../../app/router';
import { useMe, useSchemeHref } from '../../../app/session';
import { TextField } from '../../../components/form';
import { Page } from '../../../components/page';
import { CashSheetView } from '../components/cash-sheet';

/** The cash sheet of a day: what a collector (or everyone) took in, by method, to hand over and check. */
export default function CashSheetPage({ scheme }: { scheme: Scheme }) {
  const { t } = useTranslation();
  const format = useFormat();
  const schemeHref = useSchemeHref();
  const { me } = useMe();
  const { query } = useLocation();
  const date = query.get('date') || today();
  const collector = query.get('collector') ?? '';
  const [form, setForm] = useState({ date, collector });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    navigate(schemeHref('/cash-sheet', { date: form.date || undefined, collector: form.collector.trim() || undefined }));
  };

  return (
    <Page title={t('cashSheet.title')} actions={
        <>
          <button type="button" className="button no-print" onClick={() => window.print()}>{t('common.print')}</button>
          {canOnScheme(me, 'contributions.write', scheme) ? <Link to={schemeHref('/imports/payments')} className="button no-print">{t('spreadsheet.title.payments')}</Link> : null}
        </>
      }>
      <form className="filters filters--grid no-print" onSubmit={submit} aria-label={t('common.filters')}>
        <TextField label={t('cashSheet.date')} name="date" type="date" value={form.date} onValue={(v) => setForm((f) => ({ ...f, date: v }))} />
        <TextField label={t('payments.collector')} hint={t('cashSheet.collectorHint')} name="collector" autoComplete="off" value={form.collector} onValue={(v) => setForm((f) => ({ ...f, collector: v }))} />
        <div className="filters__actions">
          <button type="submit" className="button button--primary">{t('common.show')}</button>
        </div>
      </form>
      <h2>{collector ? t('cashSheet.headingOf', { collector, date: format.calendarDate(date) }) : t('cashSheet.headingAll', { date: format.calendarDate(date) })}</h2>
      <CashSheetView scheme={scheme} date={date} collector={collector} headingLevel={3} />
    </Page>
  );
}
