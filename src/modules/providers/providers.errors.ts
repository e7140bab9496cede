import { ConflictError, DomainError, type ErrorDetail } from '../../platform/errors.js';

/**
 * The providers module's failures. Messages are in English; the HTTP handler words them in the
 * reader's language from `errors.<code>` with the parameters given here.
 */

export class DuplicateCodeError extends ConflictError {
  constructor(entity: 'service' | 'provider', code: string) {
    super('duplicate_code', `${entity} ${code} already exists in this scheme`, [{ field: 'code', message: `${code} is already used` }]);
  }
}

/** Fields of a service, provider or agreement that break a rule the schema cannot say; every one is listed. */
export class InvalidInputError extends DomainError {
  constructor(details: ErrorDetail[], message = 'The request has invalid fields') {
    super('validation_failed', 'invalid', message, details);
  }
}

export class UnknownLocationError extends DomainError {
  constructor(code: string, field = 'location') {
    super('unknown_location', 'invalid', `there is no location ${code}`, [{ field, message: `there is no location ${code}` }], { code });
  }
}

/** An agreement whose fields are incoherent (dates, amounts for the payment method, tariff services). */
export class InvalidAgreementError extends DomainError {
  constructor(details: ErrorDetail[]) {
    super('invalid_agreement', 'invalid', 'The agreement is incoherent', details);
  }
}

/** Versions of one provider's agreement never overlap. */
export class AgreementOverlapError extends DomainError {
  constructor(provider: string, other: { from: string; to: string | null }, field: 'from' | 'to') {
    const span = `${other.from} to ${other.to ?? 'open end'}`;
    super('agreement_overlap', 'conflict', `provider ${provider} already has an agreement from ${span} over these dates`, [{ field, message: `overlaps the version from ${span}` }], {
      provider,
      from: other.from,
      to: other.to ?? '…',
    });
  }
}

/**
 * A new version that starts inside a closed version but ends before it: closing the current
 * version the day before would leave the rest of it without any agreement.
 */
export class AgreementGapError extends DomainError {
  constructor(provider: string, current: { from: string; to: string }, gapFrom: string) {
    super(
      'agreement_gap',
      'conflict',
      `provider ${provider}: the version from ${current.from} runs until ${current.to}; the new version must run at least as long, or ${gapFrom} to ${current.to} would have no agreement`,
      [{ field: 'to', message: `must be ${current.to} or later, or left open (the version it replaces runs until ${current.to})` }],
      { provider, from: current.from, to: current.to, gapFrom },
    );
  }
}

export class NoAgreementError extends DomainError {
  constructor(provider: string, date: string) {
    super('no_agreement', 'not_found', `provider ${provider} has no agreement on ${date}`, [{ field: 'date', message: `no agreement on ${date}` }], { provider, date });
  }
}
