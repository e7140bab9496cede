// The providers module's public face: other modules import only this file.
// Loading it registers the provider directory that access control uses for grants on providers.
import './providers.access.js';

export { providersRoutes } from './providers.routes.js';
export {
  addAgreement,
  createProvider,
  createService,
  diagnosisExists,
  getProvider,
  getService,
  importCatalogue,
  knownDiagnoses,
  listProviders,
  listServices,
  loadDiagnoses,
  providerCatalogue,
  searchDiagnoses,
  tariffOn,
  updateProvider,
  updateService,
  type CatalogueImport,
} from './providers.service.js';
export { agreementOn, type CatalogueAgreement, type CatalogueProvider, type CatalogueService, type ProviderCatalogue } from './providers.rules.js';
export { normalizeDiagnosisCode, wordReport as wordImportReport, type ImportFile, type RawReport as RawImportReport } from './providers.files.js';
export {
  agreementPaymentMethods,
  providerTypes,
  serviceKinds,
  DEFAULT_PAYMENT_DELAY_DAYS,
  type AddAgreement,
  type Agreement,
  type AgreementPaymentMethod,
  type CreateProvider,
  type CreateService,
  type ImportReport,
  type Provider,
  type ProviderDetail,
  type ProviderType,
  type Service,
  type ServiceKind,
} from './providers.schemas.js';
export type { ProvidersTables } from './providers.table.js';
