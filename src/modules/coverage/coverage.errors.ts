import { ConflictError, DomainError } from '../../platform/errors.js';

export class PeriodOverlapError extends ConflictError {
  constructor(start: string, end: string) {
    super('period_overlap', `the household already has a coverage period between ${start} and ${end}`, [{ field: 'start', message: `overlaps ${start} to ${end}` }]);
  }
}

export class NoProductVersionError extends DomainError {
  constructor(product: string, date: string) {
    super('no_product_version', 'invalid', `product ${product} has no version effective on ${date}`, [{ field: 'start', message: `${product} has no version effective on ${date}` }]);
  }
}

export class ReceiptTakenError extends ConflictError {
  constructor(receipt: string) {
    super('receipt_taken', `receipt ${receipt} is already used in the scheme`, [{ field: 'receipt', message: `${receipt} is already used` }]);
  }
}

export class PaymentReversedError extends ConflictError {
  constructor() {
    super('payment_reversed', 'this payment is already reversed');
  }
}

export class ReversalNotReversibleError extends ConflictError {
  constructor() {
    super('reversal_not_reversible', 'a reversal cannot itself be reversed');
  }
}

export class IdempotencyConflictError extends ConflictError {
  constructor() {
    super('idempotency_conflict', 'this idempotency key was already used for a different payment', [{ field: 'idempotencyKey', message: 'already used for a different payment' }]);
  }
}

export class NothingToRenewError extends ConflictError {
  constructor(household: string) {
    super('nothing_to_renew', `household ${household} has no coverage period to renew`, [{ field: 'household', message: 'has no coverage period' }]);
  }
}
