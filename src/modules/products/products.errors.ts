import { ConflictError, ValidationError, type ErrorDetail } from '../../platform/errors.js';

export class ProductCodeTakenError extends ConflictError {
  constructor(code: string) {
    super('duplicate_code', `product ${code} already exists`, [{ field: 'code', message: `${code} is already used` }]);
  }
}

export class VersionInUseError extends ConflictError {
  constructor(effectiveFrom: string) {
    super('version_in_use', `the version effective from ${effectiveFrom} is used by coverage periods: make a new version instead`, [
      { field: 'effectiveFrom', message: 'in use: make a new version' },
    ]);
  }
}

export class IncoherentProductError extends ValidationError {
  constructor(details: ErrorDetail[]) {
    super(details, 'The benefit package is incoherent');
  }
}
