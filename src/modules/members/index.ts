// The members module's public face: other modules import only this file.
export { membersRoutes } from './members.routes.js';
export {
  addBeneficiary,
  changeHead,
  createGroup,
  deactivateBeneficiary,
  getBeneficiary,
  getCardHolder,
  type CardHolder,
  getHousehold,
  householdNumberById,
  householdNumbers,
  householdSummaries,
  type HouseholdSummary,
  listGroups,
  registerHousehold,
  searchBeneficiaries,
  updateBeneficiary,
  updateHousehold,
} from './members.service.js';
// Bulk loading (demo generator, imports): callers own the transaction and the audit record.
export { analyzeMemberTables, countHouseholds, insertHouseholdsBulk, reserveHouseholdNumbers, type BulkBeneficiary, type BulkHousehold, type BulkInsertResult } from './members.repository.js';
// A card's holder and another module's columns of the household in one statement (the eligibility check).
export { cardHolderStatement } from './members.repository.js';
export { cardHolders, cardsOfBeneficiaries, memberLeftOn, membersOfHouseholds } from './card-holders.js';
export { DEFAULT_CARD_PATTERN, cardPatternProblem, formatCard, formatHouseholdNumber } from './card-pattern.js';
export { nameWords, normalizePhone, searchKey } from './search-key.js';
export {
  beneficiaryStatuses,
  deactivationReasons,
  groupKinds,
  householdCategories,
  householdStatuses,
  relationships,
  sexes,
} from './members.schemas.js';
export type { Beneficiary, BeneficiaryMatch, BeneficiaryPage, Group, Household, NewMember, RegisterHousehold, Warning } from './members.schemas.js';
export type { MembersTables } from './members.table.js';
// Offline devices' snapshot (the offline module).
export { householdsChangedSince, householdsSnapshotPage, type SnapshotHousehold, type SnapshotMember } from './members.snapshot.js';
export { householdsWithMembersChangedSince } from './members.indicators.js';
