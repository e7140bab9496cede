import { DomainError, type ErrorDetail } from '../../platform/errors.js';

/** A scheme file that cannot be loaded: every problem found, each as `path: message`. */
export class SchemeFileInvalidError extends DomainError {
  constructor(details: ErrorDetail[]) {
    super('scheme_file_invalid', 'invalid', `the scheme file has ${details.length} error(s); nothing was written`, details);
  }
}
