// The reports module's public face: activity and annual reports (PDF, XLSX) and DHIS2 exports.
export { reportsRoutes } from './reports.routes.js';
export { dhis2Export, reportData, reportDocument, reportFile, reportFormats, reportKinds, reportWorkbook, type ReportData, type ReportFormat, type ReportKind } from './reports.service.js';
export { dataElementOf, periodOf, toAdx, toDataValueSet } from './reports.dhis2.js';
