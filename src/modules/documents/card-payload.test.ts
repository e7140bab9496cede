import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type CardPublicKey, generateCardKey, publicKeyOf, signCardPayload, verifyCardPayload } from './card-payload.js';
import { qrModules } from './qr.js';

const keyA1 = generateCardKey();
const keyA2 = generateCardKey();
const keyB1 = generateCardKey();
const keys: CardPublicKey[] = [
  { scheme: 'MUT-A', kid: 1, publicKey: keyA1.publicKey },
  { scheme: 'MUT-A', kid: 2, publicKey: keyA2.publicKey },
  { scheme: 'MUT-B', kid: 1, publicKey: keyB1.publicKey },
];

describe('the signed QR payload of a membership card', () => {
  it('has the documented form and verifies offline with the scheme’s public key', () => {
    const payload = signCardPayload(keyA1.privateKeyPem, 'MUT-A', '000001-01', 1);
    expect(payload).toMatch(/^MUTUA1\.MUT-A\.000001-01\.1\.[A-Za-z0-9_-]{86}$/);
    expect(verifyCardPayload(payload, keys)).toEqual({ valid: true, scheme: 'MUT-A', card: '000001-01', kid: 1, reason: null });
    expect(verifyCardPayload(payload, keys, 'MUT-A').valid).toBe(true);
  });

  it('is small enough for a version 8 QR code at error correction M, even with long codes', () => {
    const payload = signCardPayload(keyA1.privateKeyPem, 'MUT-NDIAFFATE', 'NDF-000123-12', 12);
    expect(payload.length).toBeLessThan(140);
    expect(qrModules(payload).length).toBeLessThanOrEqual(49);
  });

  it('a payload altered anywhere fails', () => {
    const payload = signCardPayload(keyA1.privateKeyPem, 'MUT-A', '000001-01', 1);
    const altered = [payload.replace('000001-01', '000001-02'), payload.replace('.1.', '.2.'), payload.replace('MUTUA1.MUT-A', 'MUTUA1.MUT-B')];
    expect(verifyCardPayload(altered[0]!, keys).reason).toBe('bad_signature');
    expect(verifyCardPayload(altered[1]!, keys).reason).toBe('bad_signature');
    expect(verifyCardPayload(altered[2]!, keys).reason).toBe('bad_signature');
    fc.assert(
      fc.property(fc.nat({ max: payload.length - 1 }), fc.constantFrom(...'ABCXYZabcxyz0189-_.%'), (at, c) => {
        fc.pre(payload[at] !== c);
        const changed = payload.slice(0, at) + c + payload.slice(at + 1);
        expect(verifyCardPayload(changed, keys).valid).toBe(false);
      }),
    );
  });

  it('a forged payload, signed with a key that is not the scheme’s, fails', () => {
    const forger = generateCardKey();
    const forged = signCardPayload(forger.privateKeyPem, 'MUT-A', '000001-01', 1);
    expect(verifyCardPayload(forged, keys)).toMatchObject({ valid: false, reason: 'bad_signature', card: '000001-01' });
  });

  it('a card signed with a retired key verifies with its kept public key; an unknown key number fails', () => {
    const old = signCardPayload(keyA1.privateKeyPem, 'MUT-A', '000007-01', 1);
    const current = signCardPayload(keyA2.privateKeyPem, 'MUT-A', '000007-01', 2);
    expect(verifyCardPayload(old, keys).valid).toBe(true);
    expect(verifyCardPayload(current, keys).valid).toBe(true);
    expect(verifyCardPayload(signCardPayload(keyA2.privateKeyPem, 'MUT-A', '000007-01', 3), keys).reason).toBe('unknown_key');
    // A key number is per scheme: scheme A's key 2 does not stand in for its key 1.
    expect(verifyCardPayload(signCardPayload(keyA2.privateKeyPem, 'MUT-A', '000007-01', 1), keys).reason).toBe('bad_signature');
  });

  it('another scheme’s card fails where this scheme is expected, even though its own signature is good', () => {
    const ofB = signCardPayload(keyB1.privateKeyPem, 'MUT-B', '000001-01', 1);
    expect(verifyCardPayload(ofB, keys).valid).toBe(true);
    expect(verifyCardPayload(ofB, keys, 'MUT-A')).toMatchObject({ valid: false, reason: 'other_scheme', scheme: 'MUT-B' });
    // Relabelled as scheme A, it no longer matches its signature.
    expect(verifyCardPayload(ofB.replace('MUT-B', 'MUT-A'), keys, 'MUT-A').reason).toBe('bad_signature');
  });

  it('codes with dots and per cent signs survive the round trip', () => {
    const payload = signCardPayload(keyA1.privateKeyPem, 'MUT.A', '12.3%4', 1);
    expect(payload.split('.')).toHaveLength(5);
    expect(verifyCardPayload(payload, [{ scheme: 'MUT.A', kid: 1, publicKey: keyA1.publicKey }])).toMatchObject({ valid: true, scheme: 'MUT.A', card: '12.3%4' });
  });

  it('anything that is not a payload is malformed or of an unsupported version, and never throws', () => {
    const sig = 'A'.repeat(86);
    expect(verifyCardPayload('', keys).reason).toBe('malformed');
    expect(verifyCardPayload('hello', keys).reason).toBe('malformed');
    expect(verifyCardPayload(`MUTUA1.MUT-A.1.1.${sig}.extra`, keys).reason).toBe('malformed');
    expect(verifyCardPayload(`MUTUA1.MUT-A.1.01.${sig}`, keys).reason).toBe('malformed');
    expect(verifyCardPayload(`MUTUA2.MUT-A.1.1.${sig}`, keys).reason).toBe('unsupported_version');
    expect(verifyCardPayload('x'.repeat(10_000), keys).reason).toBe('malformed');
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        expect(verifyCardPayload(text, keys).valid).toBe(false);
      }),
    );
  });

  it('a stored private key gives back its public key', () => {
    expect(publicKeyOf(keyA1.privateKeyPem)).toBe(keyA1.publicKey);
  });
});
