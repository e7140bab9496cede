// The organizations module's public face: other modules import only this file.
export { organizationsRoutes } from './organizations.routes.js';
export {
  createFederation,
  createLocation,
  createScheme,
  createSection,
  getScheme,
  listSchemes,
  listSections,
  resolveFederation,
  resolveLocation,
  getFederation,
  resolveScheme,
  schemeIdsOfFederations,
  setLocationLevels,
  updateScheme,
} from './organizations.service.js';
export type { Federation, Scheme, Section, Location } from './organizations.schemas.js';
export type { OrganizationsTables } from './organizations.table.js';
export { schemesForIndicators, type SchemeForIndicators } from './organizations.indicators.js';
