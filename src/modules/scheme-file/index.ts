// The scheme-file module's public face: loading and (later) exporting `mutua.scheme/1` files.
export { loadSchemeFile } from './scheme-file.service.js';
export { validateSchemeFile } from './scheme-file.validate.js';
export { SchemeFile, type LoadSummary } from './scheme-file.schemas.js';
export { exportSchemeFile } from './scheme-file.export.js';
