import { ConflictError, DomainError, type ErrorDetail } from '../../platform/errors.js';

/**
 * The imports module's failures. Their messages are in English; the routes re-word them in the
 * reader's language from the `imports.errors` catalogue section (see localizeError).
 */
export class ImportNotFoundError extends DomainError {
  constructor(id: string) {
    super('import_not_found', 'not_found', `no upload ${id}: it never existed, belongs to another scheme, or expired (uploads are kept 2 hours)`, [], { id });
  }
}

// The file cannot be read as a spreadsheet at all: the platform reader's error.
export { UnreadableFileError } from '../../platform/spreadsheet.js';

/** The mapping names columns the file does not have, or leaves out a field that is required. */
export class MappingInvalidError extends DomainError {
  constructor(details: ErrorDetail[]) {
    super('mapping_invalid', 'invalid', 'The column mapping does not fit the file', details);
  }
}

export class ImportBusyError extends ConflictError {
  constructor() {
    super('import_busy', 'A dry run or commit of this upload is already running: wait for it (GET its status)');
  }
}

export class ImportDoneError extends ConflictError {
  constructor() {
    super('import_committed', 'This upload is already committed; upload the file again to import it again');
  }
}

/** The server keeps uploads in memory; it refuses more when they would take too much of it. */
export class ImportsFullError extends DomainError {
  constructor() {
    super('imports_full', 'rate_limited', 'Too many uploads are waiting on the server; commit or let some expire, then try again');
  }
}
