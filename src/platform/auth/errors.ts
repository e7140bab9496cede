import { DomainError } from '../errors.js';

export class UnauthenticatedError extends DomainError {
  constructor() {
    super('unauthenticated', 'unauthenticated', 'sign in first');
  }
}

export class ForbiddenError extends DomainError {
  constructor() {
    super('forbidden', 'forbidden', 'not allowed');
  }
}
