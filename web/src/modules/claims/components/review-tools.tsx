import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Scheme } from '../../../api/types';
import { today } from '../../../app/dates';
import { useFormat } from '../../../app/format';
import { useMoney } from '../../../app/money';
import { useApi } from '../../../app/use-api';
import { useSubmit } from '../../../app/use-submit';
import { fieldProblems, FormError, TextField } from '../../../components/form';
import { Notice } from '../../../components/page';
import { DataTable } from '../../../components/table';
import { getReviewSettings, putReviewSettings, scanProviders } from '../api';

type ScanResult = Awaited<ReturnType<typeof scanProviders>>;

/** What sends claims to review: the random sample, the amount and provider multiples. */
export function ReviewSettings({ scheme }: { scheme: Scheme }) {
  const { t } = useTranslation();
  const settings = useApi(() => getReviewSettings(scheme.code), [scheme.code]);
  const [form, setForm] = useState({ sampleRate: '', amountMultiple: '', providerMultiple: '' });
  const [saved, setSaved] = useState(false);
  const { busy, error, run } = useSubmit();
  useEffect(() => {
    if (settings.status === 'ready') {
      setForm({ sampleRate: String(settings.data.sampleRate * 100), amountMultiple: String(settings.data.amountMultiple), providerMultiple: String(settings.data.providerMultiple) });
    }
  }, [settings.status, settings.data]);
  const set = (key: keyof typeof form) => (value: string) => {
    setSaved(false);
    setForm((f) => ({ ...f, [key]: value }));
  };
  const save = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      // The rate is typed as a percentage; the API takes a share with at most 4 decimals.
      const sampleRate = Math.round(Number(form.sampleRate.replace(',', '.')) * 100) / 10_000;
      await putReviewSettings(scheme.code, { sampleRate, amountMultiple: Number(form.amountMultiple.replace(',', '.')), providerMultiple: Number(form.providerMultiple.replace(',', '.')) });
      setSaved(true);
    });
  };
  const problems = fieldProblems(error, ['sampleRate', 'amountMultiple', 'providerMultiple'], (f) => f.replace(/^body\./, ''));
  return (
    <details className="card">
      <summary>{t('review.settings.title')}</summary>
      <form className="form" onSubmit={save} noValidate aria-label={t('review.settings.title')}>
        <p className="muted">{t('review.settings.intro')}</p>
        <FormError error={error} other={problems.other} />
        <div className="form__row">
          <TextField label={t('review.settings.sampleRate')} hint={t('review.settings.sampleRateHint')} name="sampleRate" inputMode="decimal" value={form.sampleRate} onValue={set('sampleRate')} error={problems.fields.sampleRate} />
          <TextField label={t('review.settings.amountMultiple')} hint={t('review.settings.amountMultipleHint')} name="amountMultiple" inputMode="decimal" value={form.amountMultiple} onValue={set('amountMultiple')} error={problems.fields.amountMultiple} />
          <TextField label={t('review.settings.providerMultiple')} hint={t('review.settings.providerMultipleHint')} name="providerMultiple" inputMode="decimal" value={form.providerMultiple} onValue={set('providerMultiple')} error={problems.fields.providerMultiple} />
        </div>
        <div className="actions">
          <button type="submit" className="button button--primary" disabled={busy || settings.status !== 'ready'}>{t('common.save')}</button>
          {saved ? <span role="status" className="status-text">{t('review.settings.saved')}</span> : null}
        </div>
      </form>
    </details>
  );
}

/** Providers far above their peers over a period; their claims of the period go to the queue. */
export function ProviderScan({ scheme, scanned }: { scheme: Scheme; scanned: () => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const money = useMoney(scheme.currency);
  const end = today();
  const [period, setPeriod] = useState({ from: `${end.slice(0, 4)}-01-01`, to: end });
  const [result, setResult] = useState<ScanResult>();
  const { busy, error, run } = useSubmit();
  const scan = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      setResult(await scanProviders(scheme.code, period.from, period.to));
      scanned();
    });
  };
  return (
    <details className="card">
      <summary>{t('review.scan.title')}</summary>
      <form className="form" onSubmit={scan} noValidate aria-label={t('review.scan.title')}>
        <p className="muted">{t('review.scan.intro')}</p>
        <FormError error={error} />
        <div className="form__row">
          <TextField label={t('review.scan.from')} type="date" name="from" value={period.from} onValue={(v) => setPeriod((p) => ({ ...p, from: v }))} />
          <TextField label={t('review.scan.to')} type="date" name="to" value={period.to} onValue={(v) => setPeriod((p) => ({ ...p, to: v }))} />
        </div>
        <div className="actions">
          <button type="submit" className="button" disabled={busy}>{t('review.scan.run')}</button>
        </div>
      </form>
      {result ? (
        <>
          <Notice kind={result.outliers ? 'warning' : 'success'} role="status">
            <p>{t('review.scan.result', { count: result.providers.length, outliers: format.number(result.outliers), items: format.number(result.itemsCreated), compared: format.number(result.providers.length) })}</p>
          </Notice>
          <DataTable
            caption={t('review.scan.table')}
            rows={result.providers}
            rowKey={(p) => p.provider}
            empty={t('review.scan.none')}
            columns={[
              { key: 'provider', header: t('review.scan.provider'), cell: (p) => `${p.name ?? p.provider} (${p.provider})` },
              { key: 'claims', header: t('review.scan.claims'), numeric: true, cell: (p) => format.number(p.claims) },
              { key: 'members', header: t('review.scan.members'), numeric: true, cell: (p) => format.number(p.members) },
              { key: 'claimsPerMember', header: t('review.scan.claimsPerMember'), numeric: true, cell: (p) => format.decimal(p.claimsPerMember, 2) },
              { key: 'payablePerMember', header: t('review.scan.payablePerMember'), numeric: true, cell: (p) => money.format(Math.round(p.payablePerMember)) },
            ]}
          />
        </>
      ) : null}
    </details>
  );
}
