import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Scheme } from '../../../api/types';
import { lastMonth, today } from '../../../app/dates';
import { useSubmit } from '../../../app/use-submit';
import { FormError, SelectField, TextField } from '../../../components/form';
import { Page } from '../../../components/page';
import { downloadActivity, downloadAnnual, downloadDhis2, type Lang, type ReportFormat } from '../api';

/**
 * The reports a scheme hands out: the monthly activity report, the annual report to the general
 * assembly (PDF to print, XLSX to work on, in English or French) and the DHIS2 file for the
 * national health information system.
 */
export default function ReportsPage({ scheme }: { scheme: Scheme }) {
  const { t, i18n } = useTranslation();
  const initial = lastMonth(today());
  const [period, setPeriod] = useState(initial);
  const [year, setYear] = useState(String(Number(today().slice(0, 4)) - 1));
  const [lang, setLang] = useState<Lang>(i18n.resolvedLanguage === 'fr' ? 'fr' : 'en');
  const { busy, error, run } = useSubmit();
  const languages = [{ value: 'en', label: 'English' }, { value: 'fr', label: 'Français' }];

  const activity = (format: ReportFormat) => void run(() => downloadActivity(scheme.code, period.from, period.to, format, lang));
  const annual = (format: ReportFormat) => void run(() => downloadAnnual(scheme.code, Number(year), format, lang));
  const dhis2 = (format: 'adx' | 'json') => void run(() => downloadDhis2(scheme.code, period.from, period.to, format));

  return (
    <Page title={t('reportFiles.title')}>
      <p className="muted">{t('reportFiles.intro')}</p>
      <FormError error={error} />
      <section className="card form" aria-labelledby="activity-heading">
        <h2 id="activity-heading">{t('reportFiles.activity')}</h2>
        <p className="muted">{t('reportFiles.activityHint')}</p>
        <div className="form__row">
          <TextField label={t('reportFiles.from')} type="date" name="from" value={period.from} onValue={(v) => setPeriod((p) => ({ ...p, from: v }))} />
          <TextField label={t('reportFiles.to')} type="date" name="to" value={period.to} onValue={(v) => setPeriod((p) => ({ ...p, to: v }))} />
          <SelectField label={t('reportFiles.language')} name="lang" value={lang} onValue={(v) => setLang(v === 'fr' ? 'fr' : 'en')} options={languages} />
        </div>
        <div className="actions">
          <button type="button" className="button button--primary" disabled={busy} onClick={() => activity('pdf')}>{t('reportFiles.pdf')}</button>
          <button type="button" className="button" disabled={busy} onClick={() => activity('xlsx')}>{t('reportFiles.xlsx')}</button>
        </div>
      </section>
      <section className="card form" aria-labelledby="annual-heading">
        <h2 id="annual-heading">{t('reportFiles.annual')}</h2>
        <p className="muted">{t('reportFiles.annualHint')}</p>
        <div className="form__row">
          <TextField label={t('reportFiles.year')} type="number" name="year" min={2000} max={2200} value={year} onValue={setYear} />
        </div>
        <div className="actions">
          <button type="button" className="button button--primary" disabled={busy || !/^\d{4}$/.test(year)} onClick={() => annual('pdf')}>{t('reportFiles.pdf')}</button>
          <button type="button" className="button" disabled={busy || !/^\d{4}$/.test(year)} onClick={() => annual('xlsx')}>{t('reportFiles.xlsx')}</button>
        </div>
      </section>
      <section className="card form" aria-labelledby="dhis2-heading">
        <h2 id="dhis2-heading">{t('reportFiles.dhis2')}</h2>
        <p className="muted">{t('reportFiles.dhis2Hint')}</p>
        <div className="actions">
          <button type="button" className="button" disabled={busy} onClick={() => dhis2('adx')}>{t('reportFiles.adx')}</button>
          <button type="button" className="button" disabled={busy} onClick={() => dhis2('json')}>{t('reportFiles.json')}</button>
        </div>
      </section>
      {busy ? <p role="status" className="status-text">{t('reportFiles.preparing')}</p> : null}
    </Page>
  );
}
