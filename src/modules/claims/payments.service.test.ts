import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/db.js';
import { addDays, today } from '../../platform/dates.js';
import { NotFoundError, ValidationError } from '../../platform/errors.js';
import { recordPayment } from '../coverage/index.js';
import { providerCatalogue } from '../providers/index.js';
import { activeBeneficiaryCounts, monthStarts } from './capitation.js';
import { getClaim } from './claims.service.js';
import { addCoveredHousehold, addProvider, claim, newWorld, TARIFF, type World } from './control.testing.js';
import { BatchAlreadyPaidError, BatchCancelledError, BatchEmptyError, CapitationAlreadyOrderedError } from './payments.errors.js';
import { batchOrderCsv, batchOrderPdf, cancelBatch, createBatch, getBatch, listBatches, payBatch, payClaimsInFull, providerStatement, providerStatementPdf } from './payments.service.js';

let tdb: TestDatabase;

beforeAll(async () => {
  tdb = await createTestDatabase();
});

afterAll(async () => {
  await tdb.drop();
});

describe('payment batches of fee-for-service claims', () => {
  let w: World;
  const c: Record<string, Awaited<ReturnType<typeof claim>>> = {};
  beforeAll(async () => {
    w = await newWorld(tdb.db, 2);
    await addProvider(w, 'CS-F', { paymentDelayDays: 45 });
    c.feb1 = await claim(w, 'CS-F', w.cards[0]!, '2025-02-03');
    c.feb2 = await claim(w, 'CS-F', w.cards[1]!, '2025-02-10', [['CONS', 1, TARIFF.CONS], ['LAB', 1, TARIFF.LAB]]);
    c.rejected = await claim(w, 'CS-F', w.cards[2]!, '2025-02-12', [['HOSP', 1, TARIFF.HOSP]]);
    c.undecided = await claim(w, 'CS-F', w.cards[3]!, '2025-02-14', undefined, { adjudicate: false });
    c.march = await claim(w, 'CS-F', w.cards[0]!, '2025-03-05');
  });

  it('a batch holds the provider’s decided, unbatched claims of the period with something payable, and is due after the agreed delay', async () => {
    const batch = await createBatch(w.ctx, w.schemeId, { provider: 'CS-F', from: '2025-02-01', to: '2025-02-28' });
    expect(batch).toMatchObject({
      number: 'PB-000001',
      provider: 'CS-F',
      status: 'ordered',
      claimsAmount: 1125 + 3125,
      capitationAmount: 0,
      flatRateAmount: 0,
      total: 4250,
      dueOn: addDays(today(), 45),
      paidOn: null,
    });
    expect(batch.claims.map((x) => [x.number, x.method, x.amount])).toEqual([
      [c.feb1!.number, 'fee_for_service', 1125],
      [c.feb2!.number, 'fee_for_service', 3125],
    ]);
    await expect(createBatch(w.ctx, w.schemeId, { provider: 'CS-F', from: '2025-02-01', to: '2025-02-28' })).rejects.toThrow(BatchEmptyError);
    await expect(createBatch(w.ctx, w.schemeId, { provider: 'NO-SUCH', from: '2025-02-01', to: '2025-02-28' })).rejects.toThrow(NotFoundError);
    expect((await listBatches(w.ctx, w.schemeId, { provider: 'CS-F' })).items.map((b) => b.number)).toEqual(['PB-000001']);
  });

  it('recording the payment makes the batch and its claims paid; the same payment again changes nothing, another is refused', async () => {
    const [batch] = (await listBatches(w.ctx, w.schemeId, { status: 'ordered' })).items;
    const first = await payBatch(w.ctx, w.schemeId, batch!.id, { date: '2025-04-10', reference: 'VIR-2025-04-01' });
    expect(first).toMatchObject({ replayed: false, batch: { status: 'paid', paidOn: '2025-04-10', reference: 'VIR-2025-04-01' } });
    const claim1 = await getClaim(w.ctx, w.schemeId, c.feb1!.id);
    expect(claim1).toMatchObject({ status: 'paid', paidOn: '2025-04-10', paymentReference: 'VIR-2025-04-01' });
    const again = await payBatch(w.ctx, w.schemeId, batch!.id, { date: '2025-04-10', reference: 'VIR-2025-04-01' });
    expect(again).toMatchObject({ replayed: true, batch: { status: 'paid', total: 4250 } });
    await expect(payBatch(w.ctx, w.schemeId, batch!.id, { date: '2025-04-10', reference: 'VIR-OTHER' })).rejects.toThrow(BatchAlreadyPaidError);
    await expect(cancelBatch(w.ctx, w.schemeId, batch!.id)).rejects.toThrow(BatchAlreadyPaidError);
    await expect(payBatch(w.ctx, w.schemeId, batch!.id, { date: addDays(today(), 2), reference: 'VIR-2025-04-01' })).rejects.toThrow(ValidationError);
  });

  it('cancelling an unpaid batch releases its claims for the next one', async () => {
    const march = await createBatch(w.ctx, w.schemeId, { provider: 'CS-F', from: '2025-03-01', to: '2025-03-31' });
    expect(march.claims.map((x) => x.number)).toEqual([c.march!.number]);
    const cancelled = await cancelBatch(w.ctx, w.schemeId, march.id, { reason: 'wrong period' });
    expect(cancelled).toMatchObject({ status: 'cancelled', claims: [] });
    expect((await cancelBatch(w.ctx, w.schemeId, march.id)).status).toBe('cancelled');
    await expect(payBatch(w.ctx, w.schemeId, march.id, { date: '2025-04-10', reference: 'X' })).rejects.toThrow(BatchCancelledError);
    const again = await createBatch(w.ctx, w.schemeId, { provider: 'CS-F', from: '2025-03-01', to: '2025-03-31' });
    expect(again).toMatchObject({ number: 'PB-000003', total: 1125, claims: [{ number: c.march!.number }] });
  });

  it('prints the payment order as PDF and CSV', async () => {
    const [batch] = (await listBatches(w.ctx, w.schemeId, { status: 'paid' })).items;
    const scheme = { id: w.schemeId, code: w.code, currency: 'XOF' };
    const pdf = await batchOrderPdf(w.ctx, scheme, batch!.id, 'fr');
    expect(pdf.bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.filename).toBe('ordre-de-paiement-PB-000001.pdf');
    const csv = (await batchOrderCsv(w.ctx, scheme, batch!.id, 'en')).bytes.toString('utf8');
    const lines = csv.replace(/^\ufeff/, '').trim().split('\r\n');
    expect(lines[0]).toBe('batch;provider;item;claim;member;date_of_care;payment_method;amount_minor_units;currency');
    expect(lines.slice(1)).toEqual([
      `PB-000001;CS-F;claim;${c.feb1!.number};${w.cards[0]};2025-02-03;fee_for_service;1125;XOF`,
      `PB-000001;CS-F;claim;${c.feb2!.number};${w.cards[1]};2025-02-10;fee_for_service;3125;XOF`,
      'PB-000001;CS-F;total;;;;;4250;XOF',
    ]);
  });

  it('the provider’s statement lists every claim line by line, with its batch and payment; a clerk of another provider cannot see it', async () => {
    const scheme = { id: w.schemeId, code: w.code, currency: 'XOF' };
    const statement = await providerStatement(w.ctx, scheme, 'CS-F', { from: '2025-02-01', to: '2025-03-31' }, 'fr');
    expect(statement.claims.map((x) => [x.number, x.status, x.payable, x.batch])).toEqual([
      [c.feb1!.number, 'paid', 1125, 'PB-000001'],
      [c.feb2!.number, 'paid', 3125, 'PB-000001'],
      [c.rejected!.number, 'adjudicated', 0, null],
      [c.undecided!.number, 'submitted', null, null],
      [c.march!.number, 'adjudicated', 1125, 'PB-000003'],
    ]);
    expect(statement.claims[2]!.lines[0]).toMatchObject({ decision: 'rejected', reasons: ['GUARANTEE_LETTER_REQUIRED'], messages: ['Une lettre de garantie valide est requise pour cet acte'] });
    expect(statement.batches.map((b) => [b.number, b.status])).toEqual([
      ['PB-000001', 'paid'],
      ['PB-000002', 'cancelled'],
      ['PB-000003', 'ordered'],
    ]);
    expect(statement.totals).toEqual({ claims: 5, asked: 1500 + 3500 + 20000 + 1500 + 1500, payable: 1125 + 3125 + 1125, ordered: 1125, paid: 4250 });
    await addProvider(w, 'CS-OTHER');
    const otherId = (await providerCatalogue(tdb.db, w.schemeId)).providers.get('CS-OTHER')!.id;
    await expect(providerStatement(w.ctx, scheme, 'CS-F', { from: '2025-02-01', to: '2025-03-31' }, 'en', new Set([otherId]))).rejects.toThrow(NotFoundError);
    const own = await providerStatement(w.ctx, scheme, 'CS-OTHER', { from: '2025-02-01', to: '2025-03-31' }, 'en', new Set([otherId]));
    expect(own.claims).toEqual([]);
    const pdf = await providerStatementPdf(w.ctx, scheme, 'CS-F', { from: '2025-02-01', to: '2025-03-31' }, 'en');
    expect(pdf.bytes.subarray(0, 5).toString()).toBe('%PDF-');
  });
});

describe('capitation and flat rates', () => {
  let w: World;
  beforeAll(async () => {
    w = await newWorld(tdb.db, 3);
    // Enrolled, never paid: never active. Paid late, on 15 March: active from then.
    await addCoveredHousehold(w, 'H0010', { pay: false });
    await addCoveredHousehold(w, 'H0011', { pay: false });
    await recordPayment(w.ctx, w.schemeId, { household: 'H0011', date: '2025-03-15', amount: 5400, method: 'cash' });
    await addProvider(w, 'CS-CAP', { paymentMethod: 'capitation', capitationAmount: 100, paymentDelayDays: 15 });
    await addProvider(w, 'CS-FLAT', { paymentMethod: 'flat_rate', flatRateAmount: 5000 });
  });

  it('counts the beneficiaries active on the first day of each month, by the coverage rules', async () => {
    expect(monthStarts('2025-01-15', '2025-04-01')).toEqual(['2025-02-01', '2025-03-01', '2025-04-01']);
    expect(monthStarts('2025-02-01', '2025-02-28')).toEqual(['2025-02-01']);
    expect(monthStarts('2025-02-02', '2025-02-28')).toEqual([]);
    const counts = await activeBeneficiaryCounts(tdb.db, w.schemeId, ['2025-01-01', '2025-02-01', '2025-04-01', '2026-02-01']);
    expect(Object.fromEntries(counts)).toEqual({ '2025-01-01': 0, '2025-02-01': 6, '2025-04-01': 8, '2026-02-01': 0 });
  });

  it('a capitation batch pays the amount per active beneficiary for each month; claims under capitation stay out; a month is paid once', async () => {
    await claim(w, 'CS-CAP', w.cards[0]!, '2025-02-03');
    const batch = await createBatch(w.ctx, w.schemeId, { provider: 'CS-CAP', from: '2025-02-01', to: '2025-04-30' });
    expect(batch).toMatchObject({ claimsAmount: 0, flatRateAmount: 0, capitationAmount: (6 + 6 + 8) * 100, total: 2000, claims: [], dueOn: addDays(today(), 15) });
    await expect(createBatch(w.ctx, w.schemeId, { provider: 'CS-CAP', from: '2025-03-01', to: '2025-03-31' })).rejects.toThrow(CapitationAlreadyOrderedError);
    // Cancelled, the months may be ordered again.
    await cancelBatch(w.ctx, w.schemeId, batch.id);
    expect((await createBatch(w.ctx, w.schemeId, { provider: 'CS-CAP', from: '2025-03-01', to: '2025-03-31' })).capitationAmount).toBe(600);
  });

  it('a flat-rate batch pays the flat rate per claim with a line not rejected, instead of the claims’ payable', async () => {
    const a = await claim(w, 'CS-FLAT', w.cards[0]!, '2025-05-05', [['CONS', 1, TARIFF.CONS], ['LAB', 1, TARIFF.LAB]]);
    const b = await claim(w, 'CS-FLAT', w.cards[1]!, '2025-05-06', [['CONS', 1, TARIFF.CONS], ['HOSP', 1, TARIFF.HOSP]]);
    await claim(w, 'CS-FLAT', w.cards[2]!, '2025-05-07', [['HOSP', 1, TARIFF.HOSP]]);
    const batch = await createBatch(w.ctx, w.schemeId, { provider: 'CS-FLAT', from: '2025-05-01', to: '2025-05-31' });
    expect(batch).toMatchObject({ claimsAmount: 0, capitationAmount: 0, flatRateAmount: 10000, total: 10000 });
    expect(batch.claims.map((x) => [x.number, x.method, x.payable, x.amount])).toEqual([
      [a.number, 'flat_rate', 3125, 5000],
      [b.number, 'flat_rate', 1125, 5000],
    ]);
  });
});

describe('claims paid in full (a scheme file’s claimPayments)', () => {
  let w: World;
  let a: Awaited<ReturnType<typeof claim>>;
  let b: Awaited<ReturnType<typeof claim>>;
  let pending: Awaited<ReturnType<typeof claim>>;
  beforeAll(async () => {
    w = await newWorld(tdb.db, 1);
    await addProvider(w, 'CS-P');
    a = await claim(w, 'CS-P', w.cards[0]!, '2025-05-03');
    b = await claim(w, 'CS-P', w.cards[1]!, '2025-05-04', [['LAB', 1, TARIFF.LAB]]);
    pending = await claim(w, 'CS-P', w.cards[1]!, '2025-05-05', undefined, { adjudicate: false });
  });

  it('pays the named claims once: the same payment again is left as it is', async () => {
    const input = { provider: 'CS-P', date: '2025-06-05', reference: 'VIR-2025-06-01', claims: [a.number, b.number] };
    const first = await payClaimsInFull(w.ctx, w.schemeId, input);
    expect(first).toMatchObject({ created: true, batch: { status: 'paid', paidOn: '2025-06-05', dueOn: '2025-06-05', reference: 'VIR-2025-06-01', claimsAmount: 3125, total: 3125, from: '2025-05-03', to: '2025-05-04' } });
    expect((await getClaim(w.ctx, w.schemeId, b.id)).status).toBe('paid');
    const again = await payClaimsInFull(w.ctx, w.schemeId, input);
    expect(again).toMatchObject({ created: false, batch: { id: first.batch.id } });
    expect((await listBatches(w.ctx, w.schemeId, {})).total).toBe(1);
    expect((await getBatch(w.ctx, w.schemeId, first.batch.id)).claims).toHaveLength(2);
  });

  it('names the claim that cannot be paid, and pays nothing', async () => {
    const fields = async (input: Parameters<typeof payClaimsInFull>[2]) => {
      const error = await payClaimsInFull(w.ctx, w.schemeId, input).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ValidationError);
      return (error as ValidationError).details;
    };
    expect(await fields({ provider: 'CS-P', date: '2025-06-05', reference: 'VIR-2', claims: [pending.number, 'NOPE', a.number] })).toEqual([
      { field: 'claims[0]', message: `claim ${pending.number} is not adjudicated` },
      { field: 'claims[1]', message: 'there is no claim NOPE of provider CS-P' },
      { field: 'claims[2]', message: `claim ${a.number} is already paid (VIR-2025-06-01, 2025-06-05)` },
    ]);
    expect((await fields({ provider: 'CS-P', date: '2025-06-05', reference: 'VIR-2025-06-01', claims: [a.number] })).map((d) => d.field)).toContain('reference');
    expect(await fields({ provider: 'NO-SUCH', date: '2025-06-05', reference: 'VIR-3', claims: [a.number] })).toEqual([{ field: 'provider', message: 'there is no provider NO-SUCH in this scheme' }]);
    expect((await listBatches(w.ctx, w.schemeId, {})).total).toBe(1);
  });
});
