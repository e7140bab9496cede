import { describe, expect, it } from 'vitest';
import { ImportStore } from './imports.store.js';

const facts = { format: 'csv' as const, encoding: 'utf-8', delimiter: ';', sheets: [], sheet: null, headerRow: 1, columns: [], rows: 1 };
const upload = (schemeId: string, size: number) => ({ schemeId, kind: 'households' as const, fileName: 'f.csv', bytes: Buffer.alloc(size), sheet: null, facts });

describe('uploads kept for their dry run and commit', () => {
  it('an upload expires two hours after its last use, and is found only in its scheme and kind', () => {
    let now = Date.UTC(2025, 0, 1);
    const store = new ImportStore({ ttlMs: 2 * 3600_000, maxBytes: 1000, now: () => now });
    const u = store.add(upload('A', 10));
    expect(() => store.get('B', 'households', u.id)).toThrow(expect.objectContaining({ code: 'import_not_found' }));
    expect(() => store.get('A', 'payments', u.id)).toThrow(expect.objectContaining({ code: 'import_not_found' }));
    now += 3600_000;
    expect(store.get('A', 'households', u.id).id).toBe(u.id);
    now += 2 * 3600_000 - 1;
    expect(store.get('A', 'households', u.id).id).toBe(u.id);
    now += 2 * 3600_000;
    expect(() => store.get('A', 'households', u.id)).toThrow(expect.objectContaining({ code: 'import_not_found' }));
  });

  it('the oldest idle uploads make room; when the running ones fill it, a new upload is refused', () => {
    const store = new ImportStore({ ttlMs: 3600_000, maxBytes: 100, now: () => Date.UTC(2025, 0, 1) });
    const first = store.add(upload('A', 60));
    const second = store.add(upload('A', 60));
    expect(() => store.get('A', 'households', first.id)).toThrow(expect.objectContaining({ code: 'import_not_found' }));
    second.running = new Promise(() => undefined);
    expect(() => store.add(upload('A', 60))).toThrow(expect.objectContaining({ code: 'imports_full' }));
  });
});
