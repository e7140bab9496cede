/**
 * Offline verification of a membership card's QR payload, as src/modules/documents/README.md
 * ("Verifying offline") writes it: `MUTUA1.<scheme>.<card>.<kid>.<signature>`, Ed25519 over the
 * text before the last `.`, checked with WebCrypto against the scheme's public keys kept from the
 * last sync. The same reasons as the server's `verifyCardPayload`.
 */
export const verifyFailures = ['malformed', 'unsupported_version', 'other_scheme', 'unknown_key', 'bad_signature'] as const;
export type VerifyFailure = (typeof verifyFailures)[number];

export type CardVerification =
  | { valid: true; scheme: string; card: string; kid: number; reason: null }
  | { valid: false; scheme: string | null; card: string | null; kid: number | null; reason: VerifyFailure }
  /** The browser cannot check Ed25519 signatures: the card number alone can be looked up. */
  | { valid: null; scheme: string; card: string; kid: number; reason: 'unsupported' };

export interface PublicKey {
  kid: number;
  /** Raw 32-byte Ed25519 key, base64url. */
  publicKey: string;
}

const KID = /^[1-9][0-9]{0,8}$/;
const SIGNATURE = /^[A-Za-z0-9_-]{86}$/;
const FIELD = /^(?:[^.%]|%2E|%25)+$/;
const MAX_PAYLOAD_LENGTH = 512;

const decodeField = (value: string) => value.replace(/%(2E|25)/g, (m) => (m === '%2E' ? '.' : '%'));

function base64url(text: string): Uint8Array<ArrayBuffer> {
  const base64 = text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4);
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

function toBase64url(bytes: Uint8Array): string {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

let support: Promise<boolean> | undefined;

/** Whether this browser verifies Ed25519 with WebCrypto (Chromium does; plain-HTTP pages have no crypto.subtle). */
export function ed25519Supported(): Promise<boolean> {
  support ??= (async () => {
    try {
      if (!globalThis.crypto?.subtle) return false;
      await crypto.subtle.importKey('raw', new Uint8Array(32), { name: 'Ed25519' }, false, ['verify']);
      return true;
    } catch {
      return false;
    }
  })();
  return support;
}

/** Does this text look like a card's QR payload (rather than a card number typed)? */
export const looksLikePayload = (text: string) => /^MUTUA\d+\./.test(text.trim());

/** Checks a payload against the scheme's keys. Never throws: every failure is a reason. */
export async function verifyCard(payload: string, keys: readonly PublicKey[], expectedScheme: string): Promise<CardVerification> {
  const fail = (reason: VerifyFailure, scheme: string | null = null, card: string | null = null, kid: number | null = null): CardVerification => ({ valid: false, scheme, card, kid, reason });
  if (payload.length > MAX_PAYLOAD_LENGTH) return fail('malformed');
  const text = payload.trim();
  const parts = text.split('.');
  if (parts[0] !== 'MUTUA1') return parts.length === 5 && /^MUTUA\d+$/.test(parts[0] ?? '') ? fail('unsupported_version') : fail('malformed');
  if (parts.length !== 5) return fail('malformed');
  const [, schemeField, cardField, kidField, signature] = parts as [string, string, string, string, string];
  if (!FIELD.test(schemeField) || !FIELD.test(cardField) || !KID.test(kidField) || !SIGNATURE.test(signature)) return fail('malformed');
  const scheme = decodeField(schemeField);
  const card = decodeField(cardField);
  const kid = Number(kidField);
  if (scheme !== expectedScheme) return fail('other_scheme', scheme, card, kid);
  if (!(await ed25519Supported())) return { valid: null, scheme, card, kid, reason: 'unsupported' };
  const key = keys.find((k) => k.kid === kid);
  if (!key) return fail('unknown_key', scheme, card, kid);
  const signatureBytes = base64url(signature);
  // Only the canonical spelling of the signature is accepted (its last character's unused bits are zero).
  if (signatureBytes.length !== 64 || toBase64url(signatureBytes) !== signature) return fail('malformed', scheme, card, kid);
  try {
    const publicKey = await crypto.subtle.importKey('raw', base64url(key.publicKey), { name: 'Ed25519' }, false, ['verify']);
    const signed = new TextEncoder().encode(text.slice(0, text.lastIndexOf('.')));
    const ok = await crypto.subtle.verify({ name: 'Ed25519' }, publicKey, signatureBytes, signed);
    return ok ? { valid: true, scheme, card, kid, reason: null } : fail('bad_signature', scheme, card, kid);
  } catch {
    return fail('bad_signature', scheme, card, kid);
  }
}
