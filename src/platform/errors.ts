/**
 * Failures are DomainError subclasses with a stable string code. The HTTP error handler maps the
 * code's kind to a status; the message key is looked up in the i18n catalogues.
 */
export type ErrorKind = 'invalid' | 'unauthenticated' | 'forbidden' | 'not_found' | 'conflict' | 'locked' | 'rate_limited';

export interface ErrorDetail {
  field: string;
  message: string;
}

export class DomainError extends Error {
  constructor(
    readonly code: string,
    readonly kind: ErrorKind,
    message: string,
    readonly details: ErrorDetail[] = [],
    readonly params: Record<string, string | number> = {},
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class ValidationError extends DomainError {
  constructor(details: ErrorDetail[], message = 'The request has invalid fields') {
    super('validation_failed', 'invalid', message, details);
  }
}

export class NotFoundError extends DomainError {
  constructor(entity: string, key?: string) {
    super('not_found', 'not_found', key ? `${entity} ${key} not found` : `${entity} not found`, [], { entity });
  }
}

export class ConflictError extends DomainError {
  constructor(code: string, message: string, details: ErrorDetail[] = []) {
    super(code, 'conflict', message, details);
  }
}
