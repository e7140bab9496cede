import { type KeyObject, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify } from 'node:crypto';

/**
 * The signed payload in a membership card's QR code, and its offline verification. Pure: no
 * database, no clock, no network, so a device holding the scheme's public keys checks a card
 * exactly as the server does.
 *
 *   MUTUA1.<scheme>.<card>.<kid>.<signature>
 *
 * - `MUTUA1` names the format and its version; another version is refused, never guessed at.
 * - `<scheme>` and `<card>` are the scheme code and the card number as stored. Codes may contain
 *   `.`, so inside a field `%` is written `%25` and `.` is written `%2E`: the payload always has
 *   exactly five fields.
 * - `<kid>` is the number of the scheme's key that signed (1, 2, … in decimal).
 * - `<signature>` is the Ed25519 signature (64 bytes, base64url without padding: 86 characters)
 *   of the UTF-8 text before the last `.`, i.e. of `MUTUA1.<scheme>.<card>.<kid>` as written.
 *
 * About 120 characters for usual codes: a version 7–8 QR code at error correction M.
 */
export const CARD_PAYLOAD_VERSION = 'MUTUA1';

/** The longest payload accepted for verification (far above any real one). */
export const MAX_PAYLOAD_LENGTH = 512;

/** A scheme's public key as devices receive it (GET …/card-keys). */
export interface CardPublicKey {
  scheme: string;
  kid: number;
  /** Raw 32-byte Ed25519 public key, base64url (a JWK's `x`). */
  publicKey: string;
}

export const verifyFailures = ['malformed', 'unsupported_version', 'other_scheme', 'unknown_key', 'bad_signature'] as const;
export type VerifyFailure = (typeof verifyFailures)[number];

export type CardVerification =
  | { valid: true; scheme: string; card: string; kid: number; reason: null }
  | { valid: false; scheme: string | null; card: string | null; kid: number | null; reason: VerifyFailure };

const KID = /^[1-9][0-9]{0,8}$/;
const SIGNATURE = /^[A-Za-z0-9_-]{86}$/;
const FIELD = /^(?:[^.%]|%2E|%25)+$/;

function encodeField(value: string): string {
  return value.replace(/%/g, '%25').replace(/\./g, '%2E');
}

function decodeField(value: string): string {
  return value.replace(/%(2E|25)/g, (m) => (m === '%2E' ? '.' : '%'));
}

/** A new Ed25519 key pair: the public key raw in base64url, the private key as PKCS#8 PEM. */
export function generateCardKey(): { publicKey: string; privateKeyPem: string } {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  return { publicKey: rawPublicKey(publicKey), privateKeyPem: privateKey.export({ format: 'pem', type: 'pkcs8' }).toString() };
}

function rawPublicKey(key: KeyObject): string {
  const x = key.export({ format: 'jwk' }).x;
  if (!x) throw new Error('not an Ed25519 public key');
  return x;
}

/** The base64url public key of a PKCS#8 PEM private key (to check a stored pair belongs together). */
export function publicKeyOf(privateKeyPem: string): string {
  return rawPublicKey(createPublicKey(createPrivateKey(privateKeyPem)));
}

/** The public key as SPKI PEM, for tools that want PEM rather than raw bytes. */
export function publicKeyPem(publicKey: string): string {
  return importPublicKey(publicKey).export({ format: 'pem', type: 'spki' }).toString();
}

function importPublicKey(publicKey: string): KeyObject {
  return createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: publicKey }, format: 'jwk' });
}

/** Signs a card: the text to put in its QR code. */
export function signCardPayload(privateKeyPem: string, scheme: string, card: string, kid: number): string {
  if (!Number.isSafeInteger(kid) || kid < 1) throw new RangeError(`not a key number: ${kid}`);
  const signed = `${CARD_PAYLOAD_VERSION}.${encodeField(scheme)}.${encodeField(card)}.${kid}`;
  const signature = sign(null, Buffer.from(signed, 'utf8'), createPrivateKey(privateKeyPem)).toString('base64url');
  return `${signed}.${signature}`;
}

/**
 * Checks a card's QR payload against public keys, offline. With `expectedScheme`, a payload of
 * another scheme fails (`other_scheme`) even when its own scheme's keys are in the list. Never
 * throws: every failure is a reason.
 */
export function verifyCardPayload(payload: string, publicKeys: readonly CardPublicKey[], expectedScheme?: string): CardVerification {
  const fail = (reason: VerifyFailure, scheme: string | null = null, card: string | null = null, kid: number | null = null): CardVerification => ({
    valid: false,
    scheme,
    card,
    kid,
    reason,
  });
  if (typeof payload !== 'string' || payload.length > MAX_PAYLOAD_LENGTH) return fail('malformed');
  const text = payload.trim();
  const parts = text.split('.');
  if (parts[0] !== CARD_PAYLOAD_VERSION) return parts.length === 5 && /^MUTUA\d+$/.test(parts[0] ?? '') ? fail('unsupported_version') : fail('malformed');
  if (parts.length !== 5) return fail('malformed');
  const [, schemeField, cardField, kidField, signature] = parts as [string, string, string, string, string];
  if (!FIELD.test(schemeField) || !FIELD.test(cardField) || !KID.test(kidField) || !SIGNATURE.test(signature)) return fail('malformed');
  const scheme = decodeField(schemeField);
  const card = decodeField(cardField);
  const kid = Number(kidField);
  if (expectedScheme !== undefined && scheme !== expectedScheme) return fail('other_scheme', scheme, card, kid);
  const key = publicKeys.find((k) => k.scheme === scheme && k.kid === kid);
  if (!key) return fail('unknown_key', scheme, card, kid);
  const signatureBytes = Buffer.from(signature, 'base64url');
  // The last character carries 4 unused bits: only the canonical spelling is accepted, so a
  // payload has exactly one valid form.
  if (signatureBytes.toString('base64url') !== signature) return fail('malformed', scheme, card, kid);
  let ok = false;
  try {
    const signed = text.slice(0, text.lastIndexOf('.'));
    ok = verify(null, Buffer.from(signed, 'utf8'), importPublicKey(key.publicKey), signatureBytes);
  } catch {
    ok = false;
  }
  return ok ? { valid: true, scheme, card, kid, reason: null } : fail('bad_signature', scheme, card, kid);
}
