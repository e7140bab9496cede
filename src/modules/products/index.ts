// The products module's public face: other modules import only this file.
export { checkVersions, resolveVersion, versionOn, type ResolvedVersion } from './products.rules.js';
export { benefitCategories, providerLevels, type Benefit, type BenefitCategory, type VersionDefinition, type Contribution } from './products.schemas.js';
