// The coverage module's public face: coverage periods, dues, payments, subsidizers, and the
// status rules every other module uses. Other modules import only this file.
export { coverageRoutes } from './coverage.routes.js';
export {
  arrearsList,
  beneficiaryCoverage,
  cashSheet,
  recordRemittance,
  renewalList,
  subsidizerStatement,
  createSubsidizer,
  enrolHousehold,
  getPayment,
  householdAccount,
  listSponsorships,
  listSubsidizers,
  recordPayment,
  renewHousehold,
  reversePayment,
  sponsorHousehold,
  type BeneficiaryCoverage,
} from './coverage.service.js';
export { allocate, beneficiaryStatus, coverageStatuses, periodDues, statusReasons, type CoverageStatus, type StatusResult } from './coverage.rules.js';
export { CardParams, CoverageQuery, CoverageView, paymentMethods, payers, type PaymentInput, type PaymentView } from './coverage.schemas.js';
export type { CoverageTables } from './coverage.table.js';

export { insertEnrolmentsBulk, type BulkEnrolment } from './coverage.bulk.js';
export { analyzeCoverageTables, insertSponsorshipsBulk, type BulkPayment, type BulkSponsorship } from './coverage.bulk.js';
export { householdsCoveredOn, householdStatusFacts, type HouseholdPeriod, type HouseholdStatusFacts } from './coverage.facts.js';
export { ageAt, benefitWaitingEnd, type BeneficiaryFacts, type DueFacts, type PaymentFacts, type PeriodFacts } from './coverage.rules.js';
export {
  coverageIndicatorFacts,
  coverageSummaryRows,
  householdsWithCoverage,
  householdsWithCoverageChangedSince,
  type CoverageIndicatorFacts,
  type CoverageSummaryRows,
  type Window as IndicatorWindow,
} from './coverage.indicators.js';
export { coveredDays, coveredExposure, type Exposure } from './coverage.exposure.js';
// Offline devices' snapshot (the offline module).
export { coverageChangedSince, householdCoverageSnapshots, type HouseholdCoverageSnapshot, type SnapshotPayment, type SnapshotStatus } from './coverage.snapshot.js';
export { contributionsEarnedBy } from './coverage.ledger.js';
