import { useCallback, useRef } from 'react';

/**
 * A fresh idempotency key. crypto.randomUUID exists only in secure contexts (HTTPS, localhost); a
 * scheme office often serves Mutua over plain HTTP on its network, so the same version-4 UUID is
 * built from crypto.getRandomValues there.
 */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * The idempotency key of a money form. The same key goes with every submission of the same
 * content — a double click, or a retry after the connection dropped, records the payment once —
 * and a new one is made as soon as the content changes or a payment was recorded.
 *
 *   const key = useIdempotencyKey();
 *   onChange: key.reset();   submit: body.idempotencyKey = key.current();   after success: key.reset();
 */
export function useIdempotencyKey(): { current: () => string; reset: () => void } {
  const key = useRef<string | undefined>(undefined);
  const current = useCallback(() => (key.current ??= newIdempotencyKey()), []);
  const reset = useCallback(() => {
    key.current = undefined;
  }, []);
  return { current, reset };
}
