import { ConflictError, DomainError } from '../../platform/errors.js';

export class ClaimNumberTakenError extends ConflictError {
  constructor(provider: string, number: string) {
    super('claim_number_taken', `provider ${provider} already has a claim ${number}`, [{ field: 'number', message: `${number} is already used by ${provider}` }]);
  }
}

export class ClaimIdempotencyConflictError extends ConflictError {
  constructor() {
    super('claim_idempotency_conflict', 'this idempotency key was used for a different claim', [{ field: 'idempotencyKey', message: 'used for a different claim' }]);
  }
}

export class ProviderNotYoursError extends DomainError {
  constructor(provider: string) {
    super('provider_not_yours', 'forbidden', `you may not act for provider ${provider}`, [{ field: 'provider', message: `not one of your providers: ${provider}` }]);
  }
}
