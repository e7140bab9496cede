import { DomainError } from '../../platform/errors.js';

/** Guarantee letters' failures; the HTTP handler words them from `errors.<code>`. */

export class LetterNumberTakenError extends DomainError {
  constructor(number: string) {
    super('letter_number_taken', 'conflict', `guarantee letter ${number} already exists`, [{ field: 'number', message: `${number} is already used` }], { number });
  }
}

/** Approve or refuse a letter that is not waiting for a decision. */
export class LetterNotPendingError extends DomainError {
  constructor(number: string, status: string) {
    super('letter_not_pending', 'conflict', `guarantee letter ${number} is ${status}, not waiting for a decision`, [], { number, status });
  }
}

/** Cancel a letter that was refused, cancelled or used by a claim. */
export class LetterNotCancellableError extends DomainError {
  constructor(number: string, why: string) {
    super('letter_not_cancellable', 'conflict', `guarantee letter ${number} cannot be cancelled: ${why}`, [], { number });
  }
}
