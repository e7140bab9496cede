// The imports module's public face: spreadsheets (CSV, XLSX) of households, payments and claims
// into a scheme, checked whole and written all or nothing. Other modules import only this file.
// (The spreadsheet reader itself is the platform's: src/platform/spreadsheet.ts.)
export { importsRoutes } from './imports.routes.js';
export { inspectFile, parseMapping, runImport, wordReport, type ImportFile, type Inspection, type RunRequest } from './imports.service.js';
export type { ProgressListener, RawReport } from './import-run.js';
export {
  householdFields,
  importKinds,
  importPhases,
  importStates,
  paymentFields,
  type ImportKind,
  type ImportStatus,
  type Mapping,
  type Report,
  type Uploaded,
} from './imports.schemas.js';
