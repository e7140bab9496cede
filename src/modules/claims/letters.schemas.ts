import { type Static, Type } from '@sinclair/typebox';
import { CalendarDate, Code, literals, Nullable, Paging, Timestamp, Uuid } from '../../platform/http/schemas.js';
import { benefitCategories } from '../products/index.js';

/**
 * Statuses of a guarantee letter as people see them. `expired` is derived, never stored: a letter
 * requested or approved, not used, whose validity ended before today.
 */
export const letterStatuses = ['requested', 'approved', 'refused', 'cancelled', 'expired'] as const;
export type LetterStatus = (typeof letterStatuses)[number];

const LetterNumber = () => Code('Letter number, unique in the scheme (e.g. GL-000001)');
const Card = () => Type.String({ minLength: 1, maxLength: 64, description: 'Card number of the patient' });
const Reason = (description: string) => Type.String({ minLength: 1, maxLength: 1000, pattern: '\\S', description });

export const RequestLetter = Type.Object(
  {
    number: Type.Optional(Nullable(LetterNumber())),
    member: Card(),
    category: literals(benefitCategories, 'The benefit category the letter authorizes (e.g. hospitalization)'),
    provider: Type.Optional(Nullable(Code('Provider code; none: any provider of the scheme. A provider clerk’s own provider by default'))),
    validFrom: CalendarDate(),
    validTo: CalendarDate(),
    note: Type.Optional(Nullable(Type.String({ maxLength: 2000, description: 'What is planned and why (for the reviewer)' }))),
  },
  { additionalProperties: false },
);
export type RequestLetter = Static<typeof RequestLetter>;

export const ApproveLetter = Type.Object({ reason: Type.Optional(Nullable(Reason('Why it is approved (optional)'))) }, { additionalProperties: false });
export type ApproveLetter = Static<typeof ApproveLetter>;

export const RefuseLetter = Type.Object({ reason: Reason('Why it is refused: written on the letter') }, { additionalProperties: false });
export type RefuseLetter = Static<typeof RefuseLetter>;

export const CancelLetter = Type.Object({ reason: Type.Optional(Nullable(Reason('Why it is cancelled'))) }, { additionalProperties: false });
export type CancelLetter = Static<typeof CancelLetter>;

export const LetterView = Type.Object({
  id: Uuid(),
  number: Type.String(),
  member: Type.String({ description: 'Card number' }),
  memberName: Nullable(Type.String()),
  household: Nullable(Type.String()),
  category: literals(benefitCategories),
  provider: Nullable(Type.String({ description: 'Provider code; null: any provider' })),
  providerName: Nullable(Type.String()),
  validFrom: CalendarDate(),
  validTo: CalendarDate(),
  status: literals(letterStatuses),
  note: Nullable(Type.String()),
  decisionReason: Nullable(Type.String()),
  requestedBy: Type.String(),
  requestedAt: Timestamp(),
  decidedBy: Nullable(Type.String()),
  decidedAt: Nullable(Timestamp()),
  usedBy: Nullable(Type.String({ description: 'Number of the claim that used the letter (a letter is used once)' })),
  usedByClaimId: Nullable(Uuid()),
});
export type LetterView = Static<typeof LetterView>;

export const LetterPage = Type.Object({ total: Type.Integer(), items: Type.Array(LetterView) });
export type LetterPage = Static<typeof LetterPage>;

export const LetterQuery = Type.Composite(
  [
    Paging,
    Type.Object({
      status: Type.Optional(literals(letterStatuses)),
      member: Type.Optional(Card()),
      provider: Type.Optional(Code('Provider code')),
      validOn: Type.Optional(CalendarDate()),
    }),
  ],
  { additionalProperties: false },
);
export type LetterQuery = Static<typeof LetterQuery>;

export const LetterParams = Type.Object({ scheme: Code('The scheme code'), number: LetterNumber() }, { additionalProperties: false });

/** A letter of a scheme file (`guaranteeLetters[]`): an approved one. */
export interface IssuedLetter {
  number: string;
  member: string;
  provider: string | null;
  category: string;
  validFrom: string;
  validTo: string;
}
