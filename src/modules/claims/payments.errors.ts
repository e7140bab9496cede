import { DomainError } from '../../platform/errors.js';

/** Provider payment failures; the HTTP handler words them from `errors.<code>`. */

export class BatchEmptyError extends DomainError {
  constructor(provider: string, from: string, to: string) {
    super('batch_empty', 'conflict', `nothing to pay provider ${provider} for ${from} to ${to}`, [], { provider, from, to });
  }
}

/** The capitation of a month is paid once: another batch of the provider already covers it. */
export class CapitationAlreadyOrderedError extends DomainError {
  constructor(month: string, batch: string) {
    super('capitation_already_ordered', 'conflict', `the capitation of ${month} is already in payment batch ${batch}`, [{ field: 'from', message: `the capitation of ${month} is already in ${batch}` }], { month, batch });
  }
}

export class BatchAlreadyPaidError extends DomainError {
  constructor(number: string, paidOn: string, reference: string) {
    super('batch_already_paid', 'conflict', `payment batch ${number} is already paid (${paidOn}, ${reference})`, [], { number, paidOn, reference });
  }
}

export class BatchCancelledError extends DomainError {
  constructor(number: string) {
    super('batch_cancelled', 'conflict', `payment batch ${number} is cancelled`, [], { number });
  }
}
