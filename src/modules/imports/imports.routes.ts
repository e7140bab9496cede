import type { FastifyRequest } from 'fastify';
import type { Db } from '../../platform/db/connection.js';
import { DomainError } from '../../platform/errors.js';
import { requestContext } from '../../platform/http/context.js';
import { SchemeParams } from '../../platform/http/schemas.js';
import type { App } from '../../platform/http/types.js';
import { translate, type Locale } from '../../platform/i18n/index.js';
import { UnreadableFileError } from './imports.errors.js';
import { providerRestriction } from '../claims/index.js';
import { ClaimsRun, HouseholdsRun, ImportParams, ImportStatus, MAX_FILE_BYTES, PaymentsRun, UploadInput, UploadedClaims, UploadedHouseholds, UploadedPayments, type ImportKind, type Mapping } from './imports.schemas.js';
import * as service from './imports.service.js';
import { DEFAULT_LIMITS, ImportStore, type StoreLimits } from './imports.store.js';

const OWN_CODES = new Set(['import_not_found', 'unreadable_file', 'mapping_invalid', 'import_busy', 'import_committed', 'imports_full', 'import_conflict']);

/** The module's errors in the reader's language (the platform's handler words only `errors.*` codes). */
async function localized<T>(locale: Locale, work: () => T | Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof DomainError && OWN_CODES.has(error.code)) {
      const key = `imports.errors.${error.code}`;
      const message = translate(locale, key, error.params);
      throw new DomainError(error.code, error.kind, message === key ? error.message : message, error.details, error.params);
    }
    throw error;
  }
}

/** The file's bytes from base64, with or without the `data:…;base64,` prefix a browser's FileReader gives. */
function bytesOf(content: string): Buffer {
  const comma = content.startsWith('data:') ? content.indexOf(',') : -1;
  const bytes = Buffer.from(comma >= 0 ? content.slice(comma + 1) : content, 'base64');
  if (bytes.length === 0) throw new UnreadableFileError('empty', 'the file is empty, or its content is not base64');
  return bytes;
}

export async function importsRoutes(app: App, { db, limits = DEFAULT_LIMITS }: { db: Db; limits?: StoreLimits }) {
  const ctx = (request: FastifyRequest) => requestContext(db, request);
  const store = new ImportStore(limits);
  // A run goes on after its request has been answered: the server waits for it before closing.
  app.addHook('onClose', () => store.settle());
  const tags = ['imports'];

  const kinds: {
    kind: ImportKind;
    permission: 'members.write' | 'contributions.write' | 'claims.submit';
    what: string;
    uploaded: typeof UploadedHouseholds | typeof UploadedPayments | typeof UploadedClaims;
    run: typeof HouseholdsRun | typeof PaymentsRun | typeof ClaimsRun;
  }[] = [
    { kind: 'households', permission: 'members.write', what: 'households and beneficiaries (one row per beneficiary)', uploaded: UploadedHouseholds, run: HouseholdsRun },
    { kind: 'payments', permission: 'contributions.write', what: 'payments (one row per payment)', uploaded: UploadedPayments, run: PaymentsRun },
    { kind: 'claims', permission: 'claims.submit', what: 'claims (one row per claim line; a provider clerk, only their facility’s; committed claims are then decided by the batch adjudication)', uploaded: UploadedClaims, run: ClaimsRun },
  ];

  for (const { kind, permission, what, uploaded, run } of kinds) {
    const base = `/api/schemes/:scheme/imports/${kind}`;
    const config = { scope: 'scheme' as const, permission };

    app.post(base, {
      schema: {
        tags,
        summary: `Upload a spreadsheet of ${what} (CSV or XLSX, base64): its columns, first rows and a proposed mapping. The file is kept 2 hours for its dry run and commit`,
        params: SchemeParams,
        body: UploadInput,
        response: { 201: uploaded },
      },
      // base64 makes 100 MiB of file into about 134 MiB of JSON.
      bodyLimit: Math.ceil(MAX_FILE_BYTES / 3) * 4 + 64 * 1024,
      config,
    }, async (request, reply) =>
      localized(request.locale, async () => {
        const body = request.body;
        const result = await service.uploadFile(store, request.scheme!.id, kind, { fileName: body.fileName, bytes: bytesOf(body.content), sheet: body.sheet ?? null });
        return reply.status(201).send(result);
      }),
    );

    for (const operation of ['dry_run', 'commit'] as const) {
      app.post(`${base}/:importId/${operation === 'dry_run' ? 'dry-run' : 'commit'}`, {
        schema: {
          tags,
          summary:
            operation === 'dry_run'
              ? 'Check every row with a mapping and report every bad one; nothing is written. Runs in the background: poll the upload’s status'
              : 'Write the file when no row is bad, all or nothing; rows already loaded are skipped. Runs in the background: poll the upload’s status',
          params: ImportParams,
          body: run,
          response: { 202: ImportStatus },
        },
        config,
      }, async (request, reply) =>
        localized(request.locale, () => {
          const scheme = request.scheme!;
          const c = ctx(request);
          const providers = kind === 'claims' ? providerRestriction(c, scheme, 'claims.submit') : undefined;
          const upload = service.startRun(c, store, { id: scheme.id, code: scheme.code }, kind, request.params.importId, request.body.mapping as Mapping, operation, request.log, providers);
          return reply.status(202).send(service.statusOf(upload, request.locale));
        }),
      );
    }

    app.get(`${base}/:importId`, {
      schema: { tags, summary: 'An upload’s state: the run under way (phase, done of total rows) and, once done, its report', params: ImportParams, response: { 200: ImportStatus } },
      config,
    }, async (request) => localized(request.locale, () => service.importStatus(store, request.scheme!.id, kind, request.params.importId, request.locale)));
  }
}
