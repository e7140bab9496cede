import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Scheme } from '../../../api/types';
import { useFormat } from '../../../app/format';
import { Link } from '../../../app/router';
import { useSchemeHref } from '../../../app/session';
import { useSubmit } from '../../../app/use-submit';
import { FileField, readFileAsDataUrl } from '../../../components/file-field';
import { fieldProblems, FormError, SelectField, TextField } from '../../../components/form';
import { Notice, Page } from '../../../components/page';
import { DataTable } from '../../../components/table';
import { importStatus, startImportRun, uploadSpreadsheet, type ImportKind, type ImportStatus, type MappingOf, type Uploaded } from '../api';
import { kindFields, type ImportField, type ValueField } from '../fields';

const POLL_MS = 700;
const SHOWN_ERRORS = 300;
const AFTER: Record<ImportKind, string> = { households: '/households', payments: '/cash-sheet', claims: '/claims' };

/**
 * A register or a batch in a spreadsheet (households, payments, claims), in three steps: upload
 * (the server proposes which column holds which field), check (a dry run that writes nothing and
 * lists every bad row), import (all or nothing, offered once a check of the same mapping found no
 * bad row). Long runs show their progress.
 */
export default function ImportPage({ scheme, kind }: { scheme: Scheme; kind: ImportKind }) {
  const { t } = useTranslation();
  const format = useFormat();
  const schemeHref = useSchemeHref();
  const [file, setFile] = useState<File>();
  const [sheet, setSheet] = useState('');
  const [fileError, setFileError] = useState<string>();
  const [uploaded, setUploaded] = useState<Uploaded>();
  const [mapping, setMapping] = useState<MappingOf>();
  const [status, setStatus] = useState<ImportStatus>();
  const [checked, setChecked] = useState<string>();
  const { busy, error, run } = useSubmit();
  const spec = kindFields[kind];

  // Follows a run under way until it is done or failed.
  useEffect(() => {
    if (!status || status.state !== 'running') return;
    const timer = window.setTimeout(() => {
      void importStatus(kind, scheme.code, status.importId).then(
        (next) => {
          setStatus(next);
          if (next.state === 'done' && next.result?.dryRun && next.result.errorCount === 0) setChecked(JSON.stringify(mapping));
        },
        () => window.setTimeout(() => setStatus({ ...status }), POLL_MS),
      );
    }, POLL_MS);
    return () => window.clearTimeout(timer);
  }, [status, kind, scheme.code, mapping]);

  const upload = async (event: FormEvent) => {
    event.preventDefault();
    if (!file) {
      setFileError(t('import.chooseFile'));
      return;
    }
    setFileError(undefined);
    await run(async () => {
      const result = await uploadSpreadsheet(kind, scheme.code, { fileName: file.name, content: await readFileAsDataUrl(file), sheet: sheet.trim() || null });
      setUploaded(result);
      setMapping(result.proposedMapping);
      setStatus(undefined);
      setChecked(undefined);
    });
  };

  const start = (commit: boolean) =>
    run(async () => {
      if (!uploaded || !mapping) return;
      setStatus(await startImportRun(kind, scheme.code, uploaded.importId, mapping, commit));
    });

  const change = (next: MappingOf) => {
    setMapping(next);
    setChecked(undefined);
  };

  const problems = fieldProblems(error, ['fileName', 'content', 'sheet']);
  const running = status?.state === 'running';
  const report = status?.state === 'done' ? status.result : null;
  const ready = Boolean(checked && checked === JSON.stringify(mapping) && !report?.committed);

  return (
    <Page title={t(`spreadsheet.title.${kind}`)}>
      <p className="muted">{t(`spreadsheet.intro.${kind}`)}</p>
      <form onSubmit={upload} noValidate className="card form" aria-label={t('spreadsheet.uploadStep')}>
        <h2>{t('spreadsheet.uploadStep')}</h2>
        <FormError error={uploaded ? undefined : error} other={problems.other} />
        <FileField
          label={t('import.file')}
          hint={t('import.fileHint')}
          accept=".csv,.txt,.tsv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          error={fileError ?? problems.fields.content}
          onFile={setFile}
        />
        <div className="form__row">
          <TextField label={t('import.sheet')} hint={t('import.sheetHint')} name="sheet" autoComplete="off" value={sheet} onValue={setSheet} error={problems.fields.sheet} />
        </div>
        <div className="actions">
          <button type="submit" className="button button--primary" disabled={busy}>{t('spreadsheet.upload')}</button>
        </div>
      </form>

      {uploaded && mapping ? (
        <section className="card" aria-labelledby="mapping-heading">
          <h2 id="mapping-heading">{t('spreadsheet.mappingStep')}</h2>
          <p className="muted">
            {t('spreadsheet.fileFacts', { file: uploaded.fileName, rows: format.number(uploaded.rows), header: format.number(uploaded.headerRow) })}
          </p>
          <FormError error={error} />
          <MappingEditor kind={kind} uploaded={uploaded} mapping={mapping} onChange={change} required={spec.required} fields={spec.fields} values={spec.values} />
          <Sample uploaded={uploaded} />
          <div className="actions">
            <button type="button" className="button" disabled={busy || running} onClick={() => void start(false)}>{t('import.check')}</button>
            <button type="button" className="button button--primary" disabled={busy || running || !ready} onClick={() => void start(true)}>{t('spreadsheet.commit')}</button>
            {!ready && !report?.committed ? <span className="muted">{t('spreadsheet.checkFirst')}</span> : null}
          </div>
        </section>
      ) : null}

      {running && status ? (
        <section className="card" aria-live="polite">
          <p>{t(`spreadsheet.phase.${status.phase ?? 'reading'}`)}: {format.number(status.done)} / {format.number(status.total)}</p>
          <progress max={Math.max(1, status.total)} value={status.done} aria-label={t('spreadsheet.progress')} />
        </section>
      ) : null}
      {status?.state === 'failed' && status.error ? (
        <Notice kind="error" role="alert">
          <p>{status.error.message}</p>
        </Notice>
      ) : null}
      {report ? <Report report={report} /> : null}
      {report?.committed ? (
        <p>
          <Link to={schemeHref(AFTER[kind])}>{t(`spreadsheet.after.${kind}`)}</Link>
        </p>
      ) : null}
    </Page>
  );
}

function MappingEditor({ kind, uploaded, mapping, onChange, fields, required, values }: {
  kind: ImportKind;
  uploaded: Uploaded;
  mapping: MappingOf;
  onChange: (m: MappingOf) => void;
  fields: readonly ImportField[];
  required: readonly ImportField[];
  values: Partial<Record<ValueField, readonly string[]>>;
}) {
  const { t } = useTranslation();
  const columns = mapping.columns as Record<string, string | null | undefined>;
  const defaults = (mapping.defaults ?? {}) as Record<string, string | undefined>;
  const words = (mapping.values ?? {}) as Record<string, Record<string, string> | undefined>;
  const found = uploaded.valuesFound as Record<string, string[] | undefined>;
  const set = (patch: Partial<{ columns: Record<string, string | null>; defaults: Record<string, string>; values: Record<string, Record<string, string>>; dateOrder: 'dmy' | 'mdy' }>) =>
    onChange({ ...mapping, ...patch } as MappingOf);
  const valueLabel = (field: ValueField, value: string) => {
    switch (field) {
      case 'category':
        return t(`enums.householdCategory.${value as 'regular'}`);
      case 'sex':
        return t(`enums.sex.${value as 'F'}`);
      case 'relationship':
        return t(`enums.relationship.${value as 'head'}`);
      case 'method':
        return t(`enums.paymentMethod.${value as 'cash'}`);
      case 'payer':
        return t(`enums.payer.${value as 'member'}`);
    }
  };
  const dateOrder = mapping.dateOrder ?? 'dmy';
  return (
    <div className="form">
      <table className="table">
        <caption>{t('spreadsheet.mappingCaption', { kind: t(`spreadsheet.kind.${kind}`) })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('spreadsheet.field')}</th>
            <th scope="col">{t('spreadsheet.column')}</th>
            <th scope="col">{t('spreadsheet.default')}</th>
          </tr>
        </thead>
        <tbody>
          {fields.map((field) => {
            const label = `${t(`spreadsheet.fields.${field}`)}${required.includes(field) ? ' *' : ''}`;
            return (
              <tr key={field}>
                <th scope="row">{label}</th>
                <td data-label={t('spreadsheet.column')}>
                  <select
                    aria-label={t('spreadsheet.columnOf', { field: label })}
                    value={columns[field] ?? ''}
                    onChange={(e) => set({ columns: { ...(columns as Record<string, string | null>), [field]: e.target.value || null } })}
                  >
                    <option value="">{t('spreadsheet.notInFile')}</option>
                    {uploaded.columns.map((c) => (
                      <option key={c.name} value={c.name}>{`${c.letter} — ${c.name}`}</option>
                    ))}
                  </select>
                </td>
                <td data-label={t('spreadsheet.default')}>
                  <input
                    aria-label={t('spreadsheet.defaultOf', { field: label })}
                    value={defaults[field] ?? ''}
                    onChange={(e) => {
                      const next = { ...(defaults as Record<string, string>) };
                      if (e.target.value.trim()) next[field] = e.target.value;
                      else delete next[field];
                      set({ defaults: next });
                    }}
                  />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p className="muted">{t('spreadsheet.requiredNote')}</p>
      {Object.entries(values).map(([field, allowed]) => {
        const texts = found[field] ?? [];
        if (!columns[field] || texts.length === 0 || !allowed) return null;
        const label = t(`spreadsheet.fields.${field as ImportField}`);
        return (
          <fieldset key={field} className="fieldset">
            <legend>{t('spreadsheet.wordsOf', { field: label })}</legend>
            {texts.map((text) => (
              <SelectField
                key={text}
                label={`« ${text} »`}
                value={words[field]?.[text] ?? ''}
                onValue={(v) => {
                  const forField = { ...(words[field] ?? {}) };
                  if (v) forField[text] = v;
                  else delete forField[text];
                  set({ values: { ...(words as Record<string, Record<string, string>>), [field]: forField } });
                }}
                options={[{ value: '', label: t('spreadsheet.asUnderstood') }, ...allowed.map((v) => ({ value: v, label: valueLabel(field as ValueField, v) }))]}
              />
            ))}
          </fieldset>
        );
      })}
      <SelectField
        label={t('spreadsheet.dateOrder')}
        value={dateOrder}
        onValue={(v) => set({ dateOrder: v === 'mdy' ? 'mdy' : 'dmy' })}
        options={[{ value: 'dmy', label: t('spreadsheet.dmy') }, { value: 'mdy', label: t('spreadsheet.mdy') }]}
      />
    </div>
  );
}

function Sample({ uploaded }: { uploaded: Uploaded }) {
  const { t } = useTranslation();
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-label={t('spreadsheet.sample')}>
      <table className="table table--matrix">
        <caption>{t('spreadsheet.sample')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('import.row')}</th>
            {uploaded.columns.map((c) => <th scope="col" key={c.name}>{c.name}</th>)}
          </tr>
        </thead>
        <tbody>
          {uploaded.sample.map((r) => (
            <tr key={r.row}>
              <th scope="row">{r.row}</th>
              {r.cells.map((cell, i) => <td key={i}>{cell}</td>)}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

const COUNTS = ['households', 'beneficiaries', 'payments', 'claims', 'lines'] as const;
type CountKey = (typeof COUNTS)[number];

function Report({ report }: { report: NonNullable<ImportStatus['result']> }) {
  const { t } = useTranslation();
  const format = useFormat();
  const counts = (m: Record<string, number>) =>
    Object.entries(m)
      .map(([k, n]) => `${format.number(n)} ${(COUNTS as readonly string[]).includes(k) ? t(`spreadsheet.counts.${k as CountKey}`, { count: n }) : k}`)
      .join(', ') || '0';
  const outcome = report.committed
    ? { kind: 'success' as const, text: t('spreadsheet.committed', { created: counts(report.created), skipped: counts(report.skipped) }) }
    : report.errorCount
      ? { kind: 'error' as const, text: t('import.bad', { count: report.errorCount, n: format.number(report.errorCount) }) }
      : { kind: 'success' as const, text: t('spreadsheet.good', { created: counts(report.created), skipped: counts(report.skipped) }) };
  return (
    <section className="card" aria-labelledby="report-heading">
      <h2 id="report-heading">{t(report.dryRun ? 'spreadsheet.reportCheck' : 'spreadsheet.reportImport')}</h2>
      <Notice kind={outcome.kind} role={outcome.kind === 'error' ? 'alert' : 'status'}>
        <p>{outcome.text}</p>
      </Notice>
      {report.warnings.length ? (
        <>
          <h3>{t('spreadsheet.warnings')}</h3>
          <ul>
            {report.warnings.map((w) => (
              <li key={`${w.code}:${w.message}`}>{t('spreadsheet.warning', { message: w.message, count: w.count, rows: w.rows.join(', ') + (w.count > w.rows.length ? ', …' : '') })}</li>
            ))}
          </ul>
        </>
      ) : null}
      {report.errors.length ? (
        <DataTable
          caption={t('import.badRows')}
          rows={report.errors.slice(0, SHOWN_ERRORS)}
          rowKey={(e) => `${e.row}:${e.column}:${e.code}:${e.message}`}
          empty="—"
          columns={[
            { key: 'row', header: t('import.row'), numeric: true, cell: (e) => (e.row === null ? t('import.wholeFile') : format.number(e.row)) },
            { key: 'column', header: t('import.column'), cell: (e) => e.column ?? '—' },
            { key: 'message', header: t('import.problem'), cell: (e) => e.message },
          ]}
        />
      ) : null}
      {report.errorCount > SHOWN_ERRORS ? <p className="muted">{t('spreadsheet.moreErrors', { shown: format.number(SHOWN_ERRORS), count: format.number(report.errorCount) })}</p> : null}
    </section>
  );
}
