import { ConflictError, DomainError } from '../../platform/errors.js';

export class DuplicateCodeError extends ConflictError {
  constructor(entity: string, code: string) {
    super('duplicate_code', `${entity} code ${code} is already used`, [{ field: 'code', message: `${code} is already used` }]);
  }
}

export class InvalidCurrencyError extends DomainError {
  constructor(currency: string) {
    super('invalid_currency', 'invalid', `${currency} is not an ISO 4217 currency code`, [{ field: 'currency', message: 'not an ISO 4217 currency code' }]);
  }
}

export class LocationLevelMissingError extends DomainError {
  constructor(depth: number) {
    super('location_level_missing', 'invalid', `no location level at depth ${depth}`, [{ field: 'depth', message: `no level at depth ${depth}` }]);
  }
}

export class LocationParentDepthError extends DomainError {
  constructor() {
    super('location_parent_depth', 'invalid', 'the parent location must be one level up', [{ field: 'parent', message: 'must be one level up' }]);
  }
}
