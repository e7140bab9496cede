import { type Static, Type } from '@sinclair/typebox';
import { Code, Nullable, Timestamp } from '../../platform/http/schemas.js';
import { CARD_PAYLOAD_VERSION, MAX_PAYLOAD_LENGTH, verifyFailures } from './card-payload.js';
import { photoTypes } from './photo-check.js';

const Enum = <T extends readonly string[]>(values: T, description?: string) =>
  Type.Unsafe<T[number]>({ type: 'string', enum: [...values], ...(description ? { description } : {}) });

const Card = (description = 'Card number') => Code(description);
const HouseholdNumber = (description = 'Household number') => Code(description);

export const CardParams = Type.Object({ scheme: Code('The scheme code'), card: Card() }, { additionalProperties: false });
export const HouseholdParams = Type.Object({ scheme: Code('The scheme code'), number: HouseholdNumber() }, { additionalProperties: false });
export const PaymentParams = Type.Object({ scheme: Code('The scheme code'), payment: Type.String({ format: 'uuid' }) }, { additionalProperties: false });

/** Most cards one request prints: 50 A4 pages. */
export const MAX_CARDS = 500;

export const CardSheetQuery = Type.Object(
  {
    household: Type.Optional(Type.Array(HouseholdNumber('Household number; repeat for several'), { maxItems: 200, description: 'Households whose active members get a card' })),
    card: Type.Optional(Type.Array(Card('Card number; repeat for several'), { maxItems: MAX_CARDS, description: 'Single cards to print (a lost card)' })),
  },
  { additionalProperties: false },
);
export type CardSheetQuery = Static<typeof CardSheetQuery>;

export const CardKey = Type.Object({
  kid: Type.Integer({ description: 'The key number, as in the QR payload' }),
  algorithm: Type.Literal('Ed25519'),
  publicKey: Type.String({ description: 'Raw 32-byte public key, base64url (a JWK `x`)' }),
  publicKeyPem: Type.String({ description: 'The same key as SPKI PEM' }),
  active: Type.Boolean({ description: 'True for the key that signs new cards; retired keys still verify the cards they signed' }),
  createdAt: Timestamp(),
  retiredAt: Nullable(Timestamp()),
});
export type CardKey = Static<typeof CardKey>;

export const CardKeys = Type.Object({
  scheme: Type.String(),
  format: Type.Literal(CARD_PAYLOAD_VERSION, { description: 'The QR payload format these keys verify' }),
  keys: Type.Array(CardKey, { description: 'Every key of the scheme, newest first; empty before the first card is printed' }),
});
export type CardKeys = Static<typeof CardKeys>;

export const VerifyInput = Type.Object(
  { payload: Type.String({ minLength: 1, maxLength: MAX_PAYLOAD_LENGTH, description: 'The text read from the card’s QR code' }) },
  { additionalProperties: false },
);
export type VerifyInput = Static<typeof VerifyInput>;

export const VerifyResult = Type.Object({
  valid: Type.Boolean(),
  scheme: Nullable(Type.String()),
  card: Nullable(Type.String({ description: 'The card number, when the payload could be read' })),
  kid: Nullable(Type.Integer()),
  reason: Nullable(Enum(verifyFailures, 'Why the payload is not valid; null when it is')),
  message: Type.String({ description: 'The outcome in the reader’s language' }),
});
export type VerifyResult = Static<typeof VerifyResult>;

export const PhotoView = Type.Object({
  card: Type.String(),
  contentType: Enum(photoTypes),
  size: Type.Integer({ description: 'bytes' }),
  width: Type.Integer(),
  height: Type.Integer(),
  sha256: Type.String(),
  updatedAt: Timestamp(),
});
export type PhotoView = Static<typeof PhotoView>;

/** A binary body of one of these media types (OpenAPI: `format: binary`). */
export function binary(...mediaTypes: string[]) {
  return {
    description: 'The file',
    content: Object.fromEntries(mediaTypes.map((m) => [m, { schema: { type: 'string', format: 'binary' } }])),
  };
}

/** A text body of this media type. */
export function textBody(mediaType: string) {
  return { description: 'The text', content: { [mediaType]: { schema: { type: 'string' } } } };
}
