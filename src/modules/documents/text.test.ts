import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatDate, formatMoneyCode, gsmLength, printable, toGsm } from './text.js';

describe('text for paper and SMS', () => {
  it('dates are day first in both languages', () => {
    expect(formatDate('2025-01-02', 'fr')).toBe('02/01/2025');
    expect(formatDate('2025-01-02', 'en')).toBe('02/01/2025');
  });

  it('money carries the currency code, in the locale’s grouping', () => {
    expect(toGsm(formatMoneyCode(6400, 'XOF', 'fr'))).toBe('6 400 XOF');
    expect(toGsm(formatMoneyCode(6400, 'XOF', 'en'))).toBe('XOF 6,400');
    expect(toGsm(formatMoneyCode(123456, 'GHS', 'en'))).toBe('GHS 1,234.56');
  });

  it('SMS text keeps to the GSM alphabet: quotes, dashes and spaces made plain, accents dropped where GSM has none', () => {
    expect(toGsm('Reçu « n° 1 » – l’été… ŋ')).toBe('Recu " no 1 " - l\'été... ng');
    expect(gsmLength('é€')).toBe(3);
    expect(gsmLength('ç')).toBeUndefined();
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), (text) => {
        expect(gsmLength(toGsm(text))).toBeDefined();
      }),
    );
  });

  it('printable text keeps Latin-1 and WinAnsi letters and spells the others plainly', () => {
    expect(printable('Ndèye Fatou Sèye – “Œuvre”')).toBe('Ndèye Fatou Sèye – “Œuvre”');
    expect(printable('Ŋoné Ɗiouf Ɓaldé Ǹ')).toBe('Ngoné Diouf Baldé N');
    expect(printable('6\u202f400\u00a0F CFA')).toBe('6 400 F CFA');
    expect(printable('名前')).toBe('??');
  });
});
