// The products module's public face: other modules import only this file.
export { productsRoutes } from './products.routes.js';
export { addVersion, createProduct, getProduct, listProducts, markVersionInUse, productVersionOn, replaceVersion, versionsByIds, type VersionOnDate } from './products.service.js';
export { checkVersions, resolveVersion, versionOn, type ResolvedVersion } from './products.rules.js';
export { benefitCategories, providerLevels, VersionDefinition, type Benefit, type BenefitCategory, type Contribution, type Product, type ProviderLevel } from './products.schemas.js';
export type { ProductsTables } from './products.table.js';
