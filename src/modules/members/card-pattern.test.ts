import { describe, expect, it } from 'vitest';
import { DEFAULT_CARD_PATTERN, cardPatternProblem, formatCard, formatHouseholdNumber } from './card-pattern.js';

describe('card numbers from the scheme pattern', () => {
  it('pads all-digit household numbers and member ranks', () => {
    expect(formatCard('D1-{household:6}-{member:2}', { household: '42', member: 3, scheme: 'MUT' })).toBe('D1-000042-03');
    expect(formatCard('{scheme}-{household}-{member}', { household: 'h7', member: 12, scheme: 'MUT' })).toBe('MUT-H7-12');
  });

  it('leaves numbers with letters as they are (the scheme-file example)', () => {
    expect(formatCard(DEFAULT_CARD_PATTERN, { household: 'H0001', member: 1, scheme: 'X' })).toBe('H0001-01');
    expect(formatCard(DEFAULT_CARD_PATTERN, { household: formatHouseholdNumber(5), member: 2, scheme: 'X' })).toBe('000005-02');
  });

  it('refuses patterns that could give two members the same card, or odd characters', () => {
    expect(cardPatternProblem('D1-{household:6}-{member:2}')).toBeUndefined();
    expect(cardPatternProblem('{household}')).toMatch(/\{member\}/);
    expect(cardPatternProblem('{member}')).toMatch(/\{household\}/);
    expect(cardPatternProblem('{household}-{member}-{year}')).toMatch(/unknown/);
    expect(cardPatternProblem('{household} {member}')).toMatch(/letters, digits/);
  });
});
