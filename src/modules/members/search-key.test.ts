import { describe, expect, it } from 'vitest';
import { nameWords, normalizePhone, searchKey } from './search-key.js';

describe('name keys for spelling-tolerant search', () => {
  it('the order of names, case, accents and apostrophes do not matter', () => {
    const key = searchKey('Awa', "N'Diaye");
    expect(key).toBe(' awa ndiaye');
    expect(searchKey('NDIAYE', 'Awa')).toBe(key);
    expect(searchKey('Awa', 'N’DIAYE')).toBe(key);
    expect(searchKey('  awa ', ' ndiaye  ')).toBe(key);
  });

  it('doubled letters collapse and hyphens join', () => {
    expect(searchKey('Fallou', 'Diallo')).toBe(searchKey('Falou', 'Dialo'));
    expect(searchKey('Aïssatou', 'Sène')).toBe(' aisatou sene');
    expect(nameWords('Jean-Pierre Mbaye')).toEqual(['jeanpiere', 'mbaye']);
  });

  it('several first names are several words', () => {
    expect(searchKey('Mame Diarra', 'Bousso')).toBe(' bouso diara mame');
  });

  it('phones lose their separators', () => {
    expect(normalizePhone('+221 77 123-45.67')).toBe('+221771234567');
    expect(normalizePhone('(77) 123 45 67')).toBe('771234567');
  });
});
