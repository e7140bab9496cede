// The imports module's public face: spreadsheets (CSV, XLSX) of households and of payments into
// a scheme, checked whole and written all or nothing. Other modules import only this file.
export { importsRoutes } from './imports.routes.js';
export { inspectFile, parseMapping, runImport, wordReport, type ImportFile, type Inspection, type RunRequest } from './imports.service.js';
export type { ProgressListener, RawReport } from './import-run.js';
// The spreadsheet reader, for other modules' imports of simple fixed-column files (e.g. the service catalogue).
export { cellText, openTable, type Cell, type OpenTable, type SheetRow } from './spreadsheet.js';
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
