import { DomainError, type ErrorDetail } from '../../platform/errors.js';

/** A `mutua.pricing/1` input that cannot be priced; every detail names the JSON path of a bad field. */
export class PricingInputError extends DomainError {
  constructor(details: ErrorDetail[]) {
    super('pricing_input_invalid', 'invalid', `the pricing input has ${details.length} invalid field(s)`, details);
  }
}

/** The period asked for the scheme's own history is empty or reversed. */
export class PricingPeriodError extends DomainError {
  constructor() {
    super('pricing_period_invalid', 'invalid', 'the history period must end on or after its start, and cover at most 10 years', [{ field: 'to', message: 'on or after from, at most 10 years later' }]);
  }
}
