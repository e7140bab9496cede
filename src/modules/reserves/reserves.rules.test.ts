import { describe, expect, it } from 'vitest';
import { chainLadder, monthsBetween } from './reserves.rules.js';

const origins = ['2025-01', '2025-02', '2025-03'];

describe('chain-ladder', () => {
  it('projects each month of care to its ultimate with volume-weighted factors (hand-computed)', () => {
    // Jan: 100 reported in Jan, 50 in Feb, 10 in Mar; Feb: 200 then 100; Mar: 300.
    const r = chainLadder(origins, [
      { origin: '2025-01', reported: '2025-01', amount: 100 },
      { origin: '2025-01', reported: '2025-02', amount: 50 },
      { origin: '2025-01', reported: '2025-03', amount: 10 },
      { origin: '2025-02', reported: '2025-02', amount: 200 },
      { origin: '2025-02', reported: '2025-03', amount: 100 },
      { origin: '2025-03', reported: '2025-03', amount: 300 },
    ]);
    expect(r.cumulative).toEqual([[100, 150, 160], [200, 300, null], [300, null, null]]);
    // f0 = (150 + 300) / (100 + 200) = 1.5; f1 = 160 / 150.
    expect(r.factors[0]).toBe(1.5);
    expect(r.factors[1]).toBeCloseTo(160 / 150, 12);
    expect(r.latest).toEqual([160, 300, 300]);
    // Feb: 300 x 16/15 = 320; Mar: 300 x 1.5 x 16/15 = 480.
    expect(r.ultimate).toEqual([160, 320, 480]);
    expect(r.ibnr).toEqual([0, 20, 180]);
    expect(r.totalIbnr).toBe(200);
  });

  it('rounds each ultimate half up to whole minor units', () => {
    // f0 = 3 / 2; Feb's ultimate 1 x 1.5 = 1.5 → 2.
    const r = chainLadder(['2025-01', '2025-02'], [
      { origin: '2025-01', reported: '2025-01', amount: 2 },
      { origin: '2025-01', reported: '2025-02', amount: 1 },
      { origin: '2025-02', reported: '2025-02', amount: 1 },
    ]);
    expect(r.ultimate).toEqual([3, 2]);
    expect(r.ibnr).toEqual([0, 1]);
  });

  it('with no claims there is nothing to learn: factors unknown, no IBNR', () => {
    const r = chainLadder(origins, []);
    expect(r.factors).toEqual([null, null]);
    expect(r.ibnr).toEqual([0, 0, 0]);
    expect(r.incremental).toEqual([[0, 0, 0], [0, 0, null], [0, null, null]]);
  });

  it('a claim reported before its month of care counts at once; cells outside the history are left out', () => {
    const r = chainLadder(origins, [
      { origin: '2025-02', reported: '2025-01', amount: 40 },
      { origin: '2024-12', reported: '2025-01', amount: 999 },
    ]);
    expect(r.incremental[1]).toEqual([40, 0, null]);
    expect(r.latest).toEqual([0, 40, 0]);
  });
});

describe('months', () => {
  it('lists the months between two, across a year end', () => {
    expect(monthsBetween('2024-11', '2025-02')).toEqual(['2024-11', '2024-12', '2025-01', '2025-02']);
  });
});
