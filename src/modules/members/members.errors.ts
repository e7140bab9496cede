import { ConflictError, DomainError } from '../../platform/errors.js';

export class DuplicateCardError extends ConflictError {
  constructor(field: string, card: string) {
    super('duplicate_card', `card ${card} is already used in this scheme`, [{ field, message: `${card} is already used in this scheme` }]);
  }
}

export class HouseholdIdempotencyConflictError extends ConflictError {
  constructor() {
    super('household_idempotency_conflict', 'this idempotency key was already used for a different household', [{ field: 'idempotencyKey', message: 'already used for a different household' }]);
  }
}

export class DuplicateHouseholdNumberError extends ConflictError {
  constructor(number: string) {
    super('duplicate_household_number', `household number ${number} is already used in this scheme`, [{ field: 'number', message: `${number} is already used in this scheme` }]);
  }
}

export class DuplicateGroupCodeError extends ConflictError {
  constructor(code: string) {
    super('duplicate_code', `group code ${code} is already used`, [{ field: 'code', message: `${code} is already used` }]);
  }
}

/** A code in the request (group, section, location, card) that names nothing in the scheme. */
export class UnknownReferenceError extends DomainError {
  constructor(field: string, entity: string, code: string) {
    super('unknown_reference', 'invalid', `no ${entity} ${code} in this scheme`, [{ field, message: `no ${entity} ${code} in this scheme` }], { entity, code });
  }
}

export class InvalidCardPatternError extends DomainError {
  constructor(pattern: string, problem: string) {
    super('invalid_card_pattern', 'invalid', `the scheme's card pattern "${pattern}" ${problem}`, [{ field: 'settings.cardPattern', message: problem }], { pattern });
  }
}

export class BeneficiaryInactiveError extends ConflictError {
  constructor(card: string, status: string, field = 'card') {
    super('beneficiary_inactive', `beneficiary ${card} is ${status}`, [{ field, message: `${card} is ${status}` }]);
  }
}
