import { ConflictError } from '../../platform/errors.js';

/** Failures of review and control; the HTTP handler words them from `errors.<code>`. */

export class ClaimNotDecidedError extends ConflictError {
  constructor(number: string) {
    super('claim_not_adjudicated', `claim ${number} is not adjudicated yet`);
  }
}

/** A claim in a payment batch, or paid, keeps its amounts: the batch and the payment were made from them. */
export class ClaimPaidError extends ConflictError {
  constructor(number: string) {
    super('claim_paid', `claim ${number} is paid or in a payment batch: its amounts can no longer change`);
  }
}
