import { ConflictError, ValidationError } from '../../platform/errors.js';

export class PeriodClosedError extends ConflictError {
  constructor(field: string, date: string, closedThrough: string) {
    super('ledger_period_closed', `the books are closed through ${closedThrough}: no manual entry may be dated ${date}`, [{ field, message: `is in a closed month (closed through ${closedThrough})` }]);
  }
}

export class EntryReversedError extends ConflictError {
  constructor(number: number) {
    super('ledger_entry_reversed', `journal entry ${number} is already reversed`, [{ field: 'id', message: 'already reversed' }]);
  }
}

export class EntryIsReversalError extends ConflictError {
  constructor(number: number) {
    super('ledger_entry_is_reversal', `journal entry ${number} is itself a reversal: record the entry again instead`, [{ field: 'id', message: 'is a reversal' }]);
  }
}

export class SystemAccountError extends ConflictError {
  constructor(code: string) {
    super('ledger_system_account', `account ${code} is used by automatic postings and cannot be removed`, [{ field: 'code', message: 'is a system account' }]);
  }
}

export class AccountUsedError extends ConflictError {
  constructor(code: string) {
    super('ledger_account_used', `account ${code} has entries and cannot be removed`, [{ field: 'code', message: 'has entries' }]);
  }
}

export class AccountExistsError extends ConflictError {
  constructor(code: string) {
    super('ledger_account_exists', `account ${code} already exists`, [{ field: 'code', message: 'is taken' }]);
  }
}

export class MonthClosedError extends ConflictError {
  constructor(month: string) {
    super('ledger_month_closed', `${month} is already closed`, [{ field: 'month', message: 'is already closed' }]);
  }
}

/** An unbalanced or empty manual entry, or one naming an unknown account. */
export function entryInvalid(details: { field: string; message: string }[]): ValidationError {
  return new ValidationError(details);
}

export class EntryNotManualError extends ConflictError {
  constructor(number: number, sourceKind: string) {
    super('ledger_entry_automatic', `journal entry ${number} was posted from a ${sourceKind}: correct the ${sourceKind} itself (its correction posts the reversal)`, [{ field: 'id', message: `posted from a ${sourceKind}` }]);
  }
}

export class EntryIdempotencyConflictError extends ConflictError {
  constructor() {
    super('ledger_idempotency_conflict', 'this idempotency key was used for a different entry', [{ field: 'idempotencyKey', message: 'used for a different entry' }]);
  }
}
