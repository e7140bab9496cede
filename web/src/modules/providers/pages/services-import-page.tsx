import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportReport, Scheme } from '../../../api/types';
import { useFormat } from '../../../app/format';
import { Link } from '../../../app/router';
import { useSchemeHref } from '../../../app/session';
import { useSubmit } from '../../../app/use-submit';
import { FileField, readFileAsDataUrl } from '../../../components/file-field';
import { CheckboxField, fieldProblems, FormError, TextField } from '../../../components/form';
import { Notice, Page } from '../../../components/page';
import { DataTable } from '../../../components/table';
import { importServices } from '../api';

/**
 * Imports a catalogue file (CSV or XLSX) in two steps: a check that writes nothing and lists every
 * bad row, then the import itself, offered only once the check found none. All or nothing.
 */
export default function ServicesImportPage({ scheme }: { scheme: Scheme }) {
  const { t } = useTranslation();
  const format = useFormat();
  const schemeHref = useSchemeHref();
  const [file, setFile] = useState<File>();
  const [sheet, setSheet] = useState('');
  const [update, setUpdate] = useState(false);
  const [fileError, setFileError] = useState<string>();
  const [report, setReport] = useState<ImportReport>();
  const [step, setStep] = useState<'check' | 'import'>();
  const { busy, error, run } = useSubmit();

  const changed = () => setReport(undefined);

  const send = async (dryRun: boolean) => {
    if (!file) {
      setFileError(t('import.chooseFile'));
      return;
    }
    setFileError(undefined);
    setStep(dryRun ? 'check' : 'import');
    await run(async () => {
      const content = await readFileAsDataUrl(file);
      setReport(await importServices(scheme.code, { fileName: file.name, content, sheet: sheet.trim() || null }, { dryRun, update }));
    });
  };

  const check = (event: FormEvent) => {
    event.preventDefault();
    void send(true);
  };

  const problems = fieldProblems(error, ['fileName', 'content', 'sheet']);
  const committed = report?.committed;
  const ready = report && report.dryRun && report.errorCount === 0;

  return (
    <Page title={t('import.title')}>
      <p className="muted">{t('import.intro')}</p>
      <p className="muted">{t('import.columns')}</p>
      <form onSubmit={check} noValidate className="card form" aria-label={t('import.title')}>
        <FormError error={error} other={problems.other} />
        <FileField
          label={t('import.file')}
          hint={t('import.fileHint')}
          accept=".csv,.txt,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          error={fileError ?? problems.fields.content ?? problems.fields.fileName}
          onFile={(f) => {
            setFile(f);
            changed();
          }}
        />
        <div className="form__row">
          <TextField label={t('import.sheet')} hint={t('import.sheetHint')} name="sheet" autoComplete="off" value={sheet} onValue={(v) => { setSheet(v); changed(); }} error={problems.fields.sheet} />
        </div>
        <CheckboxField label={t('import.update')} checked={update} onChecked={(v) => { setUpdate(v); changed(); }} />
        <div className="actions">
          <button type="submit" className="button button--primary" disabled={busy}>{busy && step === 'check' ? t('import.checking') : t('import.check')}</button>
          {ready ? (
            <button type="button" className="button button--primary" disabled={busy} onClick={() => void send(false)}>
              {busy && step === 'import' ? t('import.importing') : t('import.commit', { count: report.created + report.updated, n: format.number(report.created + report.updated) })}
            </button>
          ) : null}
          {busy ? <span className="status-text" role="status">{step === 'import' ? t('import.importing') : t('import.checking')}</span> : null}
        </div>
      </form>
      {report ? <Report report={report} /> : null}
      {committed ? (
        <p>
          <Link to={schemeHref('/services')}>{t('import.toCatalogue')}</Link>
        </p>
      ) : null}
    </Page>
  );
}

function Report({ report }: { report: ImportReport }) {
  const { t } = useTranslation();
  const format = useFormat();
  const n = (value: number) => format.number(value);
  const outcome = report.committed
    ? { kind: 'success' as const, text: t('import.committed', { created: n(report.created), updated: n(report.updated), unchanged: n(report.unchanged) }) }
    : report.errorCount
      ? { kind: 'error' as const, text: t('import.bad', { count: report.errorCount, n: n(report.errorCount) }) }
      : { kind: 'success' as const, text: t('import.good', { created: n(report.created), updated: n(report.updated), unchanged: n(report.unchanged) }) };
  return (
    <section className="card" aria-labelledby="report-heading">
      <h2 id="report-heading">{t('import.report', { file: report.fileName })}</h2>
      <Notice kind={outcome.kind} role={outcome.kind === 'error' ? 'alert' : 'status'}>
        <p>{outcome.text}</p>
      </Notice>
      <dl className="stats">
        <div><dt>{t('import.rows')}</dt><dd>{n(report.rows)}</dd></div>
        <div><dt>{report.committed ? t('import.created') : t('import.toCreate')}</dt><dd>{n(report.created)}</dd></div>
        <div><dt>{report.committed ? t('import.updated') : t('import.toUpdate')}</dt><dd>{n(report.updated)}</dd></div>
        <div><dt>{t('import.unchanged')}</dt><dd>{n(report.unchanged)}</dd></div>
        <div><dt>{t('import.errors')}</dt><dd className={report.errorCount ? 'amount--owed' : undefined}>{n(report.errorCount)}</dd></div>
      </dl>
      {report.errors.length ? (
        <>
          <h3>{t('import.badRows')}</h3>
          <DataTable
            caption={t('import.badRows')}
            rows={report.errors}
            rowKey={(e) => `${e.row}:${e.column}:${e.code}:${e.message}`}
            empty="—"
            columns={[
              { key: 'row', header: t('import.row'), numeric: true, cell: (e) => (e.row === null ? t('import.wholeFile') : n(e.row)) },
              { key: 'column', header: t('import.column'), cell: (e) => e.column ?? '—' },
              { key: 'message', header: t('import.problem'), cell: (e) => e.message },
            ]}
          />
        </>
      ) : null}
    </section>
  );
}
