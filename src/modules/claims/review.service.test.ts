import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/db.js';
import { ValidationError } from '../../platform/errors.js';
import { getClaim } from './claims.service.js';
import { addProvider, claim, newWorld, TARIFF, type World } from './control.testing.js';
import { explanationOfBenefits, explanationOfBenefitsPdf } from './eob.service.js';
import { createBatch, payClaimsInFull } from './payments.service.js';
import { ClaimNotDecidedError, ClaimPaidError } from './review.errors.js';
import { decideLine, getReviewSettings, putReviewSettings, reviewQueue, scanProviders } from './review.service.js';

let tdb: TestDatabase;

beforeAll(async () => {
  tdb = await createTestDatabase();
});

afterAll(async () => {
  await tdb.drop();
});

describe('a reviewer’s decision on a line', () => {
  let w: World;
  beforeAll(async () => {
    w = await newWorld(tdb.db, 2);
    await addProvider(w, 'CS-1');
  });

  it('an override is a new decision: the engine’s stays in the history, and the claim’s totals are summed again', async () => {
    const c = await claim(w, 'CS-1', w.cards[0]!, '2025-02-03', [['CONS', 1, TARIFF.CONS], ['LAB', 1, TARIFF.LAB]]);
    expect(c).toMatchObject({ allowed: 3500, payable: 3125, memberShare: 375 });
    const line = c.lines[0]!;
    const after = await decideLine(w.ctx, w.schemeId, c.id, line.id, { action: 'override', payable: 500, note: 'the consultation was a follow-up visit' });
    expect(after).toMatchObject({ allowed: 3500, payable: 2500, memberShare: 1000 });
    const overridden = after.lines[0]!;
    expect(overridden).toMatchObject({ decision: 'reduced', payable: 500, memberShare: 1000, overridden: true });
    expect(overridden.history.map((h) => [h.kind, h.payable, h.note])).toEqual([
      ['engine', 1125, null],
      ['override', 500, 'the consultation was a follow-up visit'],
    ]);
    expect(after.lines[1]!.history).toHaveLength(1);
    // What getClaim reads back is the same.
    expect((await getClaim(w.ctx, w.schemeId, c.id)).payable).toBe(2500);
  });

  it('a rejected line may be overridden to pay: allowed defaults to the tariff, or is given', async () => {
    const c = await claim(w, 'CS-1', w.cards[1]!, '2025-02-04', [['HOSP', 1, 25000], ['HOSP', 1, 25000]].map(([s, q, p]) => [s, q, p] as [string, number, number]));
    expect(c.lines.map((l) => l.reasons)).toEqual([['GUARANTEE_LETTER_REQUIRED'], ['GUARANTEE_LETTER_REQUIRED']]);
    const first = await decideLine(w.ctx, w.schemeId, c.id, c.lines[0]!.id, { action: 'override', payable: 16000, note: 'emergency admission: the letter was asked for afterwards' });
    expect(first.lines[0]).toMatchObject({ decision: 'approved', allowed: TARIFF.HOSP, payable: 16000, memberShare: 4000, reasons: [] });
    const second = await decideLine(w.ctx, w.schemeId, c.id, c.lines[1]!.id, { action: 'override', allowed: 18000, payable: 18000, decision: 'reduced', reasons: ['PRICE_ABOVE_TARIFF'], note: 'agreed with the hospital' });
    expect(second.lines[1]).toMatchObject({ decision: 'reduced', allowed: 18000, payable: 18000, memberShare: 0, reasons: ['PRICE_ABOVE_TARIFF'] });
    expect(second).toMatchObject({ allowed: 38000, payable: 34000, memberShare: 4000 });
  });

  it('an override keeps payable within allowed and the decision coherent with the amount', async () => {
    const c = await claim(w, 'CS-1', w.cards[2]!, '2025-02-05');
    const line = c.lines[0]!.id;
    const attempts = [
      { action: 'override' as const, payable: 1501, note: 'x' },
      { action: 'override' as const, payable: 0, decision: 'approved' as const, note: 'x' },
      { action: 'override' as const, allowed: 1000, payable: 500, note: 'x' },
      { action: 'override' as const, note: 'x' },
      { action: 'confirm' as const, payable: 10, note: 'x' },
      { action: 'confirm' as const, note: '   ' },
    ];
    for (const input of attempts) await expect(decideLine(w.ctx, w.schemeId, c.id, line, input), JSON.stringify(input)).rejects.toThrow(ValidationError);
    const rejected = await decideLine(w.ctx, w.schemeId, c.id, line, { action: 'override', decision: 'rejected', reasons: ['NOT_COVERED'], note: 'cosmetic, not covered' });
    expect(rejected.lines[0]).toMatchObject({ decision: 'rejected', payable: 0, allowed: 1500, memberShare: 1500, reasons: ['NOT_COVERED'] });
    expect(rejected.payable).toBe(0);
  });

  it('a confirmation keeps the amounts, records who looked and why, and closes the review items', async () => {
    await putReviewSettings(w.ctx, w.schemeId, { sampleRate: 1, amountMultiple: 3, providerMultiple: 2 });
    const c = await claim(w, 'CS-1', w.cards[3]!, '2025-02-06', [['CONS', 1, TARIFF.CONS], ['LAB', 1, TARIFF.LAB]]);
    const open = await reviewQueue(w.ctx, w.schemeId, { claim: c.number });
    expect(open.items).toEqual([expect.objectContaining({ claim: c.number, source: 'sample', line: null, provider: 'CS-1', member: w.cards[3], memberName: 'Modou Sarr', status: 'open' })]);
    const confirmed = await decideLine(w.ctx, w.schemeId, c.id, c.lines[1]!.id, { action: 'confirm', note: 'results seen' });
    expect(confirmed.lines[1]!.history.map((h) => [h.kind, h.decision, h.payable])).toEqual([
      ['engine', 'approved', 2000],
      ['confirm', 'approved', 2000],
    ]);
    expect(confirmed.payable).toBe(c.payable);
    expect((await reviewQueue(w.ctx, w.schemeId, { claim: c.number })).total).toBe(0);
    const closed = await reviewQueue(w.ctx, w.schemeId, { claim: c.number, status: 'closed' });
    expect(closed.items[0]).toMatchObject({ status: 'closed', resolvedBy: 'test' });
    await putReviewSettings(w.ctx, w.schemeId, { sampleRate: 0, amountMultiple: 3, providerMultiple: 2 });
  });

  it('a claim paid, or in a payment batch, cannot be overridden (it can still be confirmed)', async () => {
    const paid = await claim(w, 'CS-1', w.cards[0]!, '2025-03-03');
    await payClaimsInFull(w.ctx, w.schemeId, { provider: 'CS-1', date: '2025-04-01', reference: 'VIR-1', claims: [paid.number] });
    await expect(decideLine(w.ctx, w.schemeId, paid.id, paid.lines[0]!.id, { action: 'override', payable: 100, note: 'too late' })).rejects.toThrow(ClaimPaidError);
    await addProvider(w, 'CS-2');
    const ordered = await claim(w, 'CS-2', w.cards[0]!, '2025-03-04');
    await createBatch(w.ctx, w.schemeId, { provider: 'CS-2', from: '2025-03-01', to: '2025-03-31' });
    await expect(decideLine(w.ctx, w.schemeId, ordered.id, ordered.lines[0]!.id, { action: 'override', payable: 100, note: 'too late' })).rejects.toThrow(ClaimPaidError);
    const confirmed = await decideLine(w.ctx, w.schemeId, ordered.id, ordered.lines[0]!.id, { action: 'confirm', note: 'checked after payment order' });
    expect(confirmed.payable).toBe(ordered.payable);
  });

  it('a claim not decided yet has nothing to override', async () => {
    const c = await claim(w, 'CS-1', w.cards[1]!, '2025-03-05', undefined, { adjudicate: false });
    await expect(decideLine(w.ctx, w.schemeId, c.id, c.lines[0]!.id, { action: 'confirm', note: 'x' })).rejects.toThrow(ClaimNotDecidedError);
  });
});

describe('the explanation of benefits', () => {
  let w: World;
  beforeAll(async () => {
    w = await newWorld(tdb.db, 1);
    await addProvider(w, 'CS-1');
  });

  it('says, per service, what was asked, what the scheme pays, what is left and why, in the member’s language', async () => {
    const c = await claim(w, 'CS-1', w.cards[0]!, '2025-02-03', [['CONS', 1, 2000], ['LAB', 1, TARIFF.LAB], ['HOSP', 1, TARIFF.HOSP]]);
    const scheme = { id: w.schemeId, code: w.code, currency: 'XOF' };
    const en = await explanationOfBenefits(w.ctx, scheme, c.id, 'en');
    expect(en.lines.map((l) => [l.service, l.asked, l.schemePays, l.memberPays, l.decision])).toEqual([
      ['CONS', 2000, 1125, 875, 'reduced'],
      ['LAB', 2000, 2000, 0, 'approved'],
      ['HOSP', 20000, 0, 20000, 'rejected'],
    ]);
    expect(en).toMatchObject({ asked: 24000, schemePays: 3125, memberPays: 20875, language: 'en', memberName: 'Awa Ndiaye' });
    expect(en.lines[0]!.why).toEqual(['The price asked is above the agreed tariff: the tariff was applied']);
    expect(en.lines[1]!.why).toEqual(['Covered by your benefit package']);
    expect(en.lines[2]!.decisionLabel).toBe('Not covered');
    const fr = await explanationOfBenefits(w.ctx, scheme, c.id, 'fr');
    expect(fr.lines[2]!.why).toEqual(['Une lettre de garantie valide est requise pour cet acte']);
    expect(fr.lines[2]!.decisionLabel).toBe('Non pris en charge');
    const pdf = await explanationOfBenefitsPdf(w.ctx, scheme, c.id, 'fr');
    expect(pdf.bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.filename).toBe(`decompte-de-prestations-${c.number}.pdf`);
  });

  it('says when a line was decided by the scheme’s review', async () => {
    const c = await claim(w, 'CS-1', w.cards[1]!, '2025-02-04');
    await decideLine(w.ctx, w.schemeId, c.id, c.lines[0]!.id, { action: 'override', payable: 1500, note: 'exceptional' });
    const eob = await explanationOfBenefits(w.ctx, { id: w.schemeId, code: w.code, currency: 'XOF' }, c.id, 'en');
    expect(eob.lines[0]).toMatchObject({ schemePays: 1500, memberPays: 0 });
    expect(eob.lines[0]!.why).toContain('Decided after review by the scheme');
  });
});

describe('review settings', () => {
  it('default to a 5 % sample, 3x the average amount, 2x the peers; are changed whole, with at most 4 (rate) or 3 decimals', async () => {
    const w = await newWorld(tdb.db, 0);
    expect(await getReviewSettings(w.ctx, w.schemeId)).toEqual({ sampleRate: 0.05, amountMultiple: 3, providerMultiple: 2 });
    expect(await putReviewSettings(w.ctx, w.schemeId, { sampleRate: 0.1, amountMultiple: 2.5, providerMultiple: 1.75 })).toEqual({ sampleRate: 0.1, amountMultiple: 2.5, providerMultiple: 1.75 });
    await expect(putReviewSettings(w.ctx, w.schemeId, { sampleRate: 0.12345, amountMultiple: 2.5, providerMultiple: 1.75 })).rejects.toThrow(ValidationError);
    expect((await getReviewSettings(w.ctx, w.schemeId)).sampleRate).toBe(0.1);
  });
});

describe('the provider scan', () => {
  let w: World;
  beforeAll(async () => {
    w = await newWorld(tdb.db, 6);
    await putReviewSettings(w.ctx, w.schemeId, { sampleRate: 0, amountMultiple: 3, providerMultiple: 2 });
    for (const code of ['CS-N1', 'CS-N2', 'CS-N3', 'CS-OUT', 'CS-SMALL']) await addProvider(w, code);
    await addProvider(w, 'HOP-1', {}, 'hospital');
    // Three ordinary health centres: ten patients, one visit each.
    for (const code of ['CS-N1', 'CS-N2', 'CS-N3']) {
      for (const card of w.cards.slice(0, 10)) await claim(w, code, card, '2025-03-10');
    }
    // One that sees three patients four times each.
    for (let i = 0; i < 12; i += 1) await claim(w, 'CS-OUT', w.cards[i % 3]!, `2025-03-${String(10 + Math.floor(i / 3)).padStart(2, '0')}`);
    // Too little activity to be compared, and a hospital without peers.
    for (let i = 0; i < 4; i += 1) await claim(w, 'CS-SMALL', w.cards[0]!, `2025-04-0${i + 1}`);
    for (let i = 0; i < 12; i += 1) await claim(w, 'HOP-1', w.cards[0]!, `2025-04-${String(10 + i)}`, [['LAB', 1, TARIFF.LAB]]);
  }, 120_000);

  it('puts the claims of a provider far above its peers in the queue, and no one else’s', async () => {
    const result = await scanProviders(w.ctx, w.schemeId, { from: '2025-03-01', to: '2025-04-30' });
    const byCode = new Map(result.providers.map((p) => [p.provider, p]));
    expect(byCode.get('CS-OUT')).toMatchObject({ claims: 12, members: 3, claimsPerMember: 4, peers: 3, peerClaimsPerMember: 1, outlier: true, above: ['claimsPerMember', 'payablePerMember'], itemsCreated: 12 });
    for (const code of ['CS-N1', 'CS-N2', 'CS-N3']) expect(byCode.get(code), code).toMatchObject({ claims: 10, members: 10, outlier: false, itemsCreated: 0 });
    expect(byCode.get('CS-SMALL')).toMatchObject({ outlier: false, peerClaimsPerMember: null });
    expect(byCode.get('HOP-1')).toMatchObject({ claimsPerMember: 12, peers: 0, outlier: false });
    expect(result).toMatchObject({ outliers: 1, itemsCreated: 12, minClaims: 10, minPeers: 3 });
    const queue = await reviewQueue(w.ctx, w.schemeId, { source: 'provider_outlier' });
    expect(queue.total).toBe(12);
    expect(new Set(queue.items.map((i) => i.provider))).toEqual(new Set(['CS-OUT']));
    expect(queue.items[0]!.detail).toMatch(/^CS-OUT: 4 claims per patient, peers' median 1/);
  });

  it('scanning again adds nothing twice', async () => {
    const again = await scanProviders(w.ctx, w.schemeId, { from: '2025-03-01', to: '2025-04-30' });
    expect(again).toMatchObject({ outliers: 1, itemsCreated: 0 });
    expect((await reviewQueue(w.ctx, w.schemeId, { source: 'provider_outlier' })).total).toBe(12);
  });

  it('a period with no activity finds nothing', async () => {
    expect(await scanProviders(w.ctx, w.schemeId, { from: '2025-09-01', to: '2025-09-30' })).toMatchObject({ providers: [], outliers: 0 });
    await expect(scanProviders(w.ctx, w.schemeId, { from: '2025-09-30', to: '2025-09-01' })).rejects.toThrow(ValidationError);
  });
});
