/**
 * English catalogue of every message the server shows people: error codes, reason codes, CLI
 * output. The French catalogue must have exactly the same keys (a type check and a test say so).
 */
export const en = {
  errors: {
    validation_failed: 'The request has invalid fields',
    not_found: 'Not found',
    route_not_found: 'There is no such address',
    unauthenticated: 'Sign in first',
    forbidden: 'You are not allowed to do this',
    invalid_credentials: 'Wrong username or password',
    account_locked: 'Too many failed sign-ins: the account is locked until {{until}}',
    account_inactive: 'This account is deactivated',
    rate_limited: 'Too many requests; wait a moment and try again',
    internal: 'Something went wrong on the server; the error was logged',
    payload_too_large: 'The request is too large',
    unsupported_media_type: 'Send JSON (Content-Type: application/json)',
    invalid_json: 'The request body is not valid JSON',
    duplicate_code: 'This code is already used',
    username_taken: 'This username is already used',
    grant_exists: 'The user already has this role on this scope',
    invalid_scope: 'This role cannot be granted on this scope',
    setup_done: 'An administrator already exists',
    setup_link_invalid: 'This set-up link is invalid, used or expired',
    weak_password: 'The password must have at least 10 characters',
    invalid_currency: 'Not an ISO 4217 currency code',
    invalid_country: 'Not an ISO 3166 two-letter country code',
    location_level_missing: 'No location level at this depth; define the hierarchy first',
    location_parent_depth: 'The parent location must be one level up',
    last_admin: 'This is the last platform administrator',
    migration_failed: 'A database migration failed; the database was left as it was',
    restore_not_empty: 'Restore needs an empty database',
    backup_invalid: 'This file is not a Mutua backup',
  },
  validation: {
    required: 'is required',
    unknown_field: 'is not a known field',
    type: 'must be a {{type}}',
    format: 'must be a valid {{format}}',
    pattern: 'has an invalid form',
    minLength: 'must have at least {{limit}} characters',
    maxLength: 'must have at most {{limit}} characters',
    minimum: 'must be at least {{limit}}',
    maximum: 'must be at most {{limit}}',
    enum: 'must be one of: {{values}}',
    other: 'is invalid',
  },
  roles: {
    platform_admin: 'Platform administrator',
    federation_officer: 'Federation officer',
    scheme_manager: 'Scheme manager',
    enrolment_agent: 'Enrolment agent',
    claims_officer: 'Claims officer',
    treasurer: 'Treasurer',
    provider_clerk: 'Provider clerk',
    auditor: 'Auditor',
  },
  cli: {
    serving: 'Mutua is running at {{url}}',
    setup_link: 'No administrator exists yet. Open this one-time link to create the first one (valid 24 hours):',
    demo_accounts: 'Demo accounts (password "{{password}}"):',
    migrated: 'Applied {{count}} migration(s)',
    up_to_date: 'The database is up to date',
  },
} as const;

type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };
export type Catalogue = Widen<typeof en>;
