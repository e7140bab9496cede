import { DomainError, NotFoundError, ValidationError } from '../../platform/errors.js';
import { type Locale, translate } from '../../platform/i18n/index.js';
import { MAX_PHOTO_SIDE, type PhotoProblem } from './photo-check.js';

// The platform translates `errors.<code>`; this module's messages live under `documents.…` in the
// catalogues, so its errors carry the message already in the reader's language.

/** A photo refused on upload: 400 naming the field `photo`. */
export class PhotoRefusedError extends ValidationError {
  constructor(problem: PhotoProblem, locale: Locale) {
    super([{ field: 'photo', message: translate(locale, `documents.photo.${problem}`, { max: MAX_PHOTO_SIDE }) }], translate(locale, 'errors.validation_failed'));
  }
}

export class NoPhotoError extends NotFoundError {
  constructor(card: string) {
    super('photo', card);
  }
}

/** A household with no active member: no card to print. */
export class NoActiveMemberError extends DomainError {
  constructor(number: string, locale: Locale) {
    super('no_active_member', 'conflict', translate(locale, 'documents.cards.no_active_member', { number }), [{ field: 'number', message: translate(locale, 'documents.cards.no_active_member', { number }) }]);
  }
}
