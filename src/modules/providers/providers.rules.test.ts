import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '../../platform/dates.js';
import { agreementOn, checkAgreement, placeVersion, type CatalogueAgreement, type ProviderCatalogue, type Span } from './providers.rules.js';

const span = (id: string, from: string, to: string | null): Span => ({ id, from, to });

describe('where a new agreement version goes', () => {
  const year2025 = span('v2025', '2025-01-01', '2025-12-31');

  it('a version after the last one, or before the first, takes a free place', () => {
    expect(placeVersion([year2025], '2026-01-01', null)).toEqual({ kind: 'free' });
    expect(placeVersion([year2025], '2024-01-01', '2024-12-31')).toEqual({ kind: 'free' });
    expect(placeVersion([], '2025-01-01', null)).toEqual({ kind: 'free' });
  });

  it('a tariff change inside an open version closes it the day before', () => {
    const open = span('open', '2025-01-01', null);
    expect(placeVersion([open], '2025-07-01', null)).toEqual({ kind: 'replaces', current: open, closeOn: '2025-06-30' });
    // Ending the new version closes the open one all the same: the convention now ends then.
    expect(placeVersion([open], '2025-07-01', '2025-09-30')).toEqual({ kind: 'replaces', current: open, closeOn: '2025-06-30' });
  });

  it('a change inside a closed version that runs at least as long replaces it from its start', () => {
    expect(placeVersion([year2025], '2025-03-01', '2025-12-31')).toEqual({ kind: 'replaces', current: year2025, closeOn: '2025-02-28' });
    expect(placeVersion([year2025], '2025-03-01', null)).toEqual({ kind: 'replaces', current: year2025, closeOn: '2025-02-28' });
    expect(placeVersion([year2025], '2025-12-31', '2026-06-30')).toEqual({ kind: 'replaces', current: year2025, closeOn: '2025-12-30' });
  });

  it('a change that ends before the version it starts in would leave a gap', () => {
    expect(placeVersion([year2025], '2025-03-01', '2025-09-30')).toEqual({ kind: 'gap', current: year2025, gapFrom: '2025-10-01' });
  });

  it('a version starting the day another starts, or running into a later one, overlaps', () => {
    expect(placeVersion([year2025], '2025-01-01', null)).toEqual({ kind: 'overlap', other: year2025, field: 'from' });
    expect(placeVersion([year2025], '2024-07-01', '2025-01-01')).toEqual({ kind: 'overlap', other: year2025, field: 'to' });
    expect(placeVersion([year2025], '2024-07-01', null)).toEqual({ kind: 'overlap', other: year2025, field: 'to' });
    const next = span('v2026', '2026-01-01', null);
    // Starts inside 2025 but runs into 2026: the later version is the conflict.
    expect(placeVersion([year2025, next], '2025-07-01', '2026-03-31')).toEqual({ kind: 'overlap', other: next, field: 'to' });
  });

  it('whatever is added, versions placed by the rule never overlap and close only earlier', () => {
    const day = fc.integer({ min: 0, max: 2000 }).map((n) => addDays('2020-01-01', n));
    const request = fc.tuple(day, fc.option(fc.integer({ min: 0, max: 800 }), { nil: null })).map(([from, length]) => ({ from, to: length === null ? null : addDays(from, length) }));
    fc.assert(
      fc.property(fc.array(request, { maxLength: 25 }), (requests) => {
        const versions: Span[] = [];
        requests.forEach((r, i) => {
          const placement = placeVersion(versions, r.from, r.to);
          if (placement.kind === 'overlap' || placement.kind === 'gap') return;
          if (placement.kind === 'replaces') {
            const current = versions.find((v) => v.id === placement.current.id)!;
            expect(placement.closeOn >= current.from).toBe(true);
            expect(current.to === null || placement.closeOn < current.to).toBe(true);
            current.to = placement.closeOn;
          }
          versions.push(span(`v${i}`, r.from, r.to));
        });
        const sorted = [...versions].sort((a, b) => (a.from < b.from ? -1 : 1));
        for (let i = 1; i < sorted.length; i += 1) expect(sorted[i - 1]!.to !== null && sorted[i - 1]!.to! < sorted[i]!.from).toBe(true);
      }),
    );
  });
});

describe('the agreement valid on a date', () => {
  const agreement = (id: string, from: string, to: string | null): CatalogueAgreement => ({
    id,
    providerId: 'p1',
    from,
    to,
    paymentMethod: 'fee_for_service',
    paymentDelayDays: 30,
    capitationAmount: null,
    flatRateAmount: null,
    prices: new Map([['CONS', id === 'a2025' ? 1500 : 1800]]),
  });
  const catalogue: ProviderCatalogue = {
    services: new Map(),
    providers: new Map(),
    agreements: new Map([['p1', [agreement('a2025', '2025-01-01', '2025-12-31'), agreement('a2026', '2026-02-01', null)]]]),
  };

  it('spans from and to, both included, and nothing outside', () => {
    expect(agreementOn(catalogue, 'p1', '2024-12-31')).toBeUndefined();
    expect(agreementOn(catalogue, 'p1', '2025-01-01')?.id).toBe('a2025');
    expect(agreementOn(catalogue, 'p1', '2025-12-31')?.id).toBe('a2025');
    expect(agreementOn(catalogue, 'p1', '2026-01-01')).toBeUndefined();
    expect(agreementOn(catalogue, 'p1', '2026-02-01')?.id).toBe('a2026');
    expect(agreementOn(catalogue, 'p1', '2099-01-01')?.id).toBe('a2026');
    expect(agreementOn(catalogue, 'unknown', '2025-06-01')).toBeUndefined();
  });
});

describe('a coherent agreement', () => {
  const known = new Set(['CONS', 'ACC']);
  const fields = (terms: Parameters<typeof checkAgreement>[0]) => checkAgreement(terms, known).map((d) => d.field);

  it('names every problem by field: dates, the amount its payment method needs and only that one, the tariff', () => {
    expect(fields({ from: '2025-01-01', paymentMethod: 'fee_for_service', tariff: [{ service: 'CONS', price: 1500 }] })).toEqual([]);
    expect(fields({ from: '2025-06-01', to: '2025-05-31', paymentMethod: 'capitation', tariff: [] })).toEqual(['to', 'capitationAmount']);
    expect(fields({ from: '2025-01-01', paymentMethod: 'flat_rate', capitationAmount: 300, tariff: [] })).toEqual(['capitationAmount', 'flatRateAmount']);
    expect(fields({ from: '2025-01-01', paymentMethod: 'capitation', capitationAmount: 250, tariff: [] })).toEqual([]);
    expect(
      fields({
        from: '2025-01-01',
        paymentMethod: 'fee_for_service',
        tariff: [
          { service: 'CONS', price: 1500 },
          { service: 'XRAY', price: 5000 },
          { service: 'CONS', price: 1600 },
          { service: 'ACC', price: -1 },
        ],
      }),
    ).toEqual(['tariff[1].service', 'tariff[2].service', 'tariff[3].price']);
    expect(fields({ from: '1850-01-01', to: '2025-02-30', paymentMethod: 'cash', paymentDelayDays: -3, tariff: [] })).toEqual(['from', 'to', 'paymentMethod', 'paymentDelayDays']);
  });
});
