/**
 * Money and rates typed in the interface become exact integers of minor units and exact decimal
 * rates: no float ever holds an amount. (No browser needed.)
 */
import { describe, expect, it } from 'vitest';
import { minorToDecimal, moneyToInput, parseMoney } from '../src/app/money-text.js';
import { newIdempotencyKey } from '../src/app/idempotency.js';
import { parsePercent, percentText } from '../src/modules/products/components/rates.js';

describe('amounts typed by people', () => {
  it('reads whole amounts of a currency without decimals (XOF), with the locale’s grouping', () => {
    expect(parseMoney('3500', 0, 'fr')).toBe(3500);
    expect(parseMoney('3 500', 0, 'fr')).toBe(3500);
    expect(parseMoney('3\u202f500', 0, 'fr')).toBe(3500);
    expect(parseMoney('3,500', 0, 'en')).toBe(3500);
    expect(parseMoney('', 0, 'en')).toBeNull();
    expect(parseMoney('  ', 0, 'en')).toBeNull();
    expect(parseMoney('3500.5', 0, 'en')).toBeUndefined();
    expect(parseMoney('-5', 0, 'en')).toBeUndefined();
    expect(parseMoney('12abc', 0, 'en')).toBeUndefined();
    expect(parseMoney('1e3', 0, 'en')).toBeUndefined();
  });

  it('reads decimals into minor units with string arithmetic (0.1 + 0.2 is exactly 30 cents)', () => {
    expect(parseMoney('0.30', 2, 'en')).toBe(30);
    expect(parseMoney('1234.5', 2, 'en')).toBe(123450);
    expect(parseMoney('1 234,56', 2, 'fr')).toBe(123456);
    expect(parseMoney('1234.56', 2, 'fr')).toBe(123456);
    expect(parseMoney('19.99', 2, 'en')).toBe(1999);
    expect(parseMoney('1.005', 2, 'en')).toBeUndefined();
    expect(parseMoney('0.001', 3, 'en')).toBe(1);
    expect(parseMoney('9999999999999999', 0, 'en')).toBeUndefined();
  });

  it('shows minor units as exact decimals', () => {
    expect(minorToDecimal(123456, 2)).toBe('1234.56');
    expect(minorToDecimal(5, 2)).toBe('0.05');
    expect(minorToDecimal(-250, 2)).toBe('-2.50');
    expect(minorToDecimal(3500, 0)).toBe('3500');
    expect(moneyToInput(123456, 2, 'fr')).toBe('1234,56');
    expect(moneyToInput(null, 2, 'fr')).toBe('');
  });
});

describe('rates typed as percentages', () => {
  it('become the exact decimal rate, and back', () => {
    expect(parsePercent('80')).toBe(0.8);
    expect(parsePercent('82,5')).toBe(0.825);
    expect(parsePercent('7.25 %')).toBe(0.0725);
    expect(parsePercent('100')).toBe(1);
    expect(parsePercent('101')).toBeUndefined();
    expect(parsePercent('')).toBeNull();
    expect(percentText(0.825)).toBe('82.5');
    expect(percentText(1)).toBe('100');
    expect(percentText(0.05)).toBe('5');
  });
});

describe('idempotency keys', () => {
  it('are fresh version-4 UUIDs, even where crypto.randomUUID is missing (plain HTTP)', () => {
    const key = newIdempotencyKey();
    expect(key).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const randomUUID = crypto.randomUUID;
    try {
      Object.defineProperty(crypto, 'randomUUID', { value: undefined, configurable: true });
      const fallback = newIdempotencyKey();
      expect(fallback).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(fallback).not.toBe(key);
    } finally {
      Object.defineProperty(crypto, 'randomUUID', { value: randomUUID, configurable: true });
    }
  });
});
