import { ConflictError, DomainError } from '../../platform/errors.js';

export class InvalidCredentialsError extends DomainError {
  constructor() {
    super('invalid_credentials', 'unauthenticated', 'wrong username or password');
  }
}

export class AccountLockedError extends DomainError {
  constructor(until: Date) {
    super('account_locked', 'locked', `account locked until ${until.toISOString()}`, [], { until: until.toISOString() });
  }
}

export class UsernameTakenError extends ConflictError {
  constructor(username: string) {
    super('username_taken', `username ${username} is already used`, [{ field: 'username', message: 'already used' }]);
  }
}

export class GrantExistsError extends ConflictError {
  constructor() {
    super('grant_exists', 'the user already has this role on this scope');
  }
}

export class InvalidScopeError extends DomainError {
  constructor(field: string, message: string) {
    super('invalid_scope', 'invalid', message, [{ field, message }]);
  }
}

export class WeakPasswordError extends DomainError {
  constructor(field = 'password') {
    super('weak_password', 'invalid', 'the password must have at least 10 characters', [{ field, message: 'at least 10 characters' }]);
  }
}

export class SetupDoneError extends ConflictError {
  constructor() {
    super('setup_done', 'an administrator already exists');
  }
}

export class SetupLinkInvalidError extends DomainError {
  constructor() {
    super('setup_link_invalid', 'invalid', 'the set-up link is invalid, used or expired', [{ field: 'token', message: 'invalid, used or expired' }]);
  }
}

export class LastAdminError extends ConflictError {
  constructor() {
    super('last_admin', 'this is the last platform administrator');
  }
}
