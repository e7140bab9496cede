import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Scheme } from '../../../api/types';
import { useFormat } from '../../../app/format';
import { useApi } from '../../../app/use-api';
import { useSubmit } from '../../../app/use-submit';
import { FileField, readFileAsDataUrl } from '../../../components/file-field';
import { FormError } from '../../../components/form';
import { LoadError, Loading } from '../../../components/page';
import { DataTable } from '../../../components/table';
import { addAttachment, downloadAttachment, listAttachments } from '../api';

const MAX_BYTES = 10 * 1024 * 1024;

/** A claim's papers (scanned invoice, prescription): listed, downloaded, and added by whoever may submit claims. */
export function ClaimAttachments({ scheme, claimId, canAdd }: { scheme: Scheme; claimId: string; canAdd: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  const files = useApi(() => listAttachments(scheme.code, claimId), [scheme.code, claimId]);
  const [file, setFile] = useState<File>();
  const [tooLarge, setTooLarge] = useState(false);
  const add = useSubmit();
  const download = useSubmit();

  const upload = () =>
    void add.run(async () => {
      if (!file) return;
      await addAttachment(scheme.code, claimId, { fileName: file.name, content: await readFileAsDataUrl(file) });
      setFile(undefined);
      await files.reload();
    });

  return (
    <section className="card" aria-labelledby="papers-heading">
      <h2 id="papers-heading">{t('claims.papers.title')}</h2>
      {files.status === 'loading' ? <Loading /> : null}
      {files.status === 'failed' ? <LoadError error={files.error} retry={() => void files.reload()} /> : null}
      {files.status === 'ready' ? (
        <DataTable
          caption={t('claims.papers.title')}
          rows={files.data}
          rowKey={(a) => a.id}
          empty={t('claims.papers.none')}
          columns={[
            {
              key: 'name',
              header: t('claims.papers.file'),
              cell: (a) => (
                <button type="button" className="link-button" disabled={download.busy} onClick={() => void download.run(() => downloadAttachment(scheme.code, claimId, a.id, a.fileName))}>
                  {a.fileName}
                </button>
              ),
            },
            { key: 'size', header: t('claims.papers.size'), numeric: true, cell: (a) => t('claims.papers.kilobytes', { n: format.number(Math.max(1, Math.round(a.size / 1024))) }) },
            { key: 'by', header: t('claims.papers.addedBy'), cell: (a) => `${a.createdBy}, ${format.dateTime(a.createdAt)}` },
          ]}
        />
      ) : null}
      <FormError error={download.error} />
      {canAdd ? (
        <div className="form">
          <FormError error={add.error} />
          <FileField
            label={t('claims.papers.add')}
            hint={t('claims.papers.hint')}
            accept="application/pdf,image/jpeg,image/png,image/webp"
            error={tooLarge ? t('claims.papers.tooLarge') : undefined}
            onFile={(chosen) => {
              setTooLarge(Boolean(chosen && chosen.size > MAX_BYTES));
              setFile(chosen && chosen.size <= MAX_BYTES ? chosen : undefined);
            }}
          />
          <div className="actions">
            <button type="button" className="button" disabled={!file || add.busy} onClick={upload}>{t('claims.papers.upload')}</button>
          </div>
        </div>
      ) : null}
    </section>
  );
}
