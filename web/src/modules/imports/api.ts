import { api, call } from '../../api/client';
import type { paths } from '../../api/schema';

// The imports module's calls: upload a spreadsheet, run its dry run or commit, follow its status.
export type ImportKind = 'households' | 'payments' | 'claims';
export const importKinds: readonly ImportKind[] = ['households', 'payments', 'claims'];

type UploadedOf<K extends ImportKind> = paths[`/api/schemes/{scheme}/imports/${K}`]['post']['responses'][201]['content']['application/json'];
export type Uploaded = UploadedOf<'households'> | UploadedOf<'payments'> | UploadedOf<'claims'>;
export type ImportStatus = paths['/api/schemes/{scheme}/imports/households/{importId}']['get']['responses'][200]['content']['application/json'];
export type ImportMapping = UploadedOf<'claims'>['proposedMapping'] & Uploaded['proposedMapping'];
export type MappingOf = Uploaded['proposedMapping'];

export interface UploadBody {
  fileName: string;
  content: string;
  sheet?: string | null;
}

export function uploadSpreadsheet(kind: ImportKind, scheme: string, body: UploadBody): Promise<Uploaded> {
  const params = { path: { scheme } };
  switch (kind) {
    case 'households':
      return call(api.POST('/api/schemes/{scheme}/imports/households', { params, body }));
    case 'payments':
      return call(api.POST('/api/schemes/{scheme}/imports/payments', { params, body }));
    case 'claims':
      return call(api.POST('/api/schemes/{scheme}/imports/claims', { params, body }));
  }
}

/** Starts the dry run (`commit` false) or the commit of an upload; the answer is its status. */
export function startImportRun(kind: ImportKind, scheme: string, importId: string, mapping: MappingOf, commit: boolean): Promise<ImportStatus> {
  const params = { path: { scheme, importId } };
  // The mapping is the one the upload proposed for this kind, edited field by field.
  switch (kind) {
    case 'households':
      return call(commit
        ? api.POST('/api/schemes/{scheme}/imports/households/{importId}/commit', { params, body: { mapping: mapping as UploadedOf<'households'>['proposedMapping'] } })
        : api.POST('/api/schemes/{scheme}/imports/households/{importId}/dry-run', { params, body: { mapping: mapping as UploadedOf<'households'>['proposedMapping'] } }));
    case 'payments':
      return call(commit
        ? api.POST('/api/schemes/{scheme}/imports/payments/{importId}/commit', { params, body: { mapping: mapping as UploadedOf<'payments'>['proposedMapping'] } })
        : api.POST('/api/schemes/{scheme}/imports/payments/{importId}/dry-run', { params, body: { mapping: mapping as UploadedOf<'payments'>['proposedMapping'] } }));
    case 'claims':
      return call(commit
        ? api.POST('/api/schemes/{scheme}/imports/claims/{importId}/commit', { params, body: { mapping: mapping as UploadedOf<'claims'>['proposedMapping'] } })
        : api.POST('/api/schemes/{scheme}/imports/claims/{importId}/dry-run', { params, body: { mapping: mapping as UploadedOf<'claims'>['proposedMapping'] } }));
  }
}

export function importStatus(kind: ImportKind, scheme: string, importId: string): Promise<ImportStatus> {
  const params = { path: { scheme, importId } };
  switch (kind) {
    case 'households':
      return call(api.GET('/api/schemes/{scheme}/imports/households/{importId}', { params }));
    case 'payments':
      return call(api.GET('/api/schemes/{scheme}/imports/payments/{importId}', { params }));
    case 'claims':
      return call(api.GET('/api/schemes/{scheme}/imports/claims/{importId}', { params }));
  }
}
