import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/db.js';
import { ValidationError } from '../../platform/errors.js';
import { providerCatalogue } from '../providers/index.js';
import { ProviderNotYoursError } from './claims.errors.js';
import { addProvider, claim, newWorld, TARIFF, type World } from './control.testing.js';
import { LetterNotCancellableError, LetterNotPendingError, LetterNumberTakenError } from './letters.errors.js';
import { approveLetter, cancelLetter, getLetter, issueApprovedLetter, letterPdf, letterStatus, listLetters, refuseLetter, requestLetter } from './letters.service.js';

let tdb: TestDatabase;
let w: World;
let clinicId: string;

beforeAll(async () => {
  tdb = await createTestDatabase();
  w = await newWorld(tdb.db, 2);
  await addProvider(w, 'HOP-A', {}, 'hospital');
  await addProvider(w, 'HOP-B', {}, 'hospital');
  clinicId = (await providerCatalogue(tdb.db, w.schemeId)).providers.get('HOP-A')!.id;
});

afterAll(async () => {
  await tdb.drop();
});

const stay = (letter: string | null, from = '2025-03-10') => claim(w, 'HOP-A', w.cards[0]!, from, [['HOSP', 2, TARIFF.HOSP]], { guaranteeLetter: letter });

describe('guarantee letters', () => {
  it('a request is numbered GL-000001, GL-000002… in the scheme, and a number given twice is refused', async () => {
    const first = await requestLetter(w.ctx, w.schemeId, { member: w.cards[0]!, category: 'hospitalization', provider: 'HOP-A', validFrom: '2027-03-01', validTo: '2027-03-31', note: 'hernia surgery planned' });
    const second = await requestLetter(w.ctx, w.schemeId, { member: w.cards[1]!, category: 'surgery', validFrom: '2027-03-01', validTo: '2027-03-31' });
    expect(first).toMatchObject({ number: 'GL-000001', status: 'requested', member: w.cards[0], memberName: 'Awa Ndiaye', provider: 'HOP-A', providerName: 'Centre HOP-A', usedBy: null });
    expect(second).toMatchObject({ number: 'GL-000002', provider: null });
    await expect(requestLetter(w.ctx, w.schemeId, { number: 'GL-000001', member: w.cards[0]!, category: 'hospitalization', validFrom: '2025-03-01', validTo: '2025-03-31' })).rejects.toThrow(LetterNumberTakenError);
  });

  it('a request names an existing member and provider, and sensible dates, or nothing is written', async () => {
    const bad = requestLetter(w.ctx, w.schemeId, { member: 'NOBODY', category: 'hospitalization', provider: 'NO-SUCH', validFrom: '2025-03-31', validTo: '2025-03-01' });
    await expect(bad).rejects.toThrow(ValidationError);
    const error = (await bad.catch((e: ValidationError) => e)) as ValidationError;
    expect(error.details.map((d) => d.field).sort()).toEqual(['member', 'provider', 'validTo']);
    expect((await listLetters(w.ctx, w.schemeId, { member: 'NOBODY' })).total).toBe(0);
  });

  it('a reviewer approves a request; a decided letter cannot be decided again', async () => {
    const letter = await requestLetter(w.ctx, w.schemeId, { member: w.cards[0]!, category: 'hospitalization', provider: 'HOP-A', validFrom: '2027-04-01', validTo: '2027-04-30' });
    const approved = await approveLetter(w.ctx, w.schemeId, letter.number, { reason: 'medically justified' });
    expect(approved).toMatchObject({ status: 'approved', decisionReason: 'medically justified', decidedBy: 'test' });
    await expect(approveLetter(w.ctx, w.schemeId, letter.number, {})).rejects.toThrow(LetterNotPendingError);
    await expect(refuseLetter(w.ctx, w.schemeId, letter.number, { reason: 'too late' })).rejects.toThrow(LetterNotPendingError);
  });

  it('a refusal needs a written reason, which the letter keeps', async () => {
    const letter = await requestLetter(w.ctx, w.schemeId, { member: w.cards[1]!, category: 'hospitalization', validFrom: '2027-05-01', validTo: '2027-05-31' });
    await expect(refuseLetter(w.ctx, w.schemeId, letter.number, { reason: '   ' })).rejects.toThrow(ValidationError);
    const refused = await refuseLetter(w.ctx, w.schemeId, letter.number, { reason: 'not an emergency: go to the health centre first' });
    expect(refused).toMatchObject({ status: 'refused', decisionReason: 'not an emergency: go to the health centre first' });
    await expect(cancelLetter(w.ctx, w.schemeId, letter.number, {})).rejects.toThrow(LetterNotCancellableError);
  });

  it('a letter past its validity shows as expired, and lists under expired, not under its stored status', async () => {
    const letter = await requestLetter(w.ctx, w.schemeId, { member: w.cards[2]!, category: 'hospitalization', validFrom: '2025-01-01', validTo: '2025-01-31' });
    expect(letter.status).toBe('expired');
    const approved = await approveLetter(w.ctx, w.schemeId, letter.number, {});
    expect(approved.status).toBe('expired');
    expect(letterStatus({ status: 'approved', valid_to: '2025-01-31', used_by_claim_id: null }, '2025-01-31')).toBe('approved');
    expect(letterStatus({ status: 'approved', valid_to: '2025-01-31', used_by_claim_id: null }, '2025-02-01')).toBe('expired');
    expect(letterStatus({ status: 'refused', valid_to: '2025-01-31', used_by_claim_id: null }, '2025-02-01')).toBe('refused');
    const expired = await listLetters(w.ctx, w.schemeId, { status: 'expired', member: w.cards[2]! });
    expect(expired.items.map((l) => l.number)).toEqual([letter.number]);
    expect((await listLetters(w.ctx, w.schemeId, { status: 'approved', member: w.cards[2]! })).total).toBe(0);
  });

  it('an approved letter is used by one claim only, which the letter then names; a used letter cannot be cancelled', async () => {
    const letter = await requestLetter(w.ctx, w.schemeId, { member: w.cards[0]!, category: 'hospitalization', provider: 'HOP-A', validFrom: '2025-06-01', validTo: '2025-06-30' });
    const before = await stay(letter.number, '2025-06-10');
    expect(before.lines[0]).toMatchObject({ decision: 'rejected', reasons: ['GUARANTEE_LETTER_REQUIRED'] });
    await approveLetter(w.ctx, w.schemeId, letter.number, {});
    const first = await stay(letter.number, '2025-06-12');
    expect(first.lines[0]).toMatchObject({ decision: 'approved', payable: 32000 });
    const used = await getLetter(w.ctx, w.schemeId, letter.number);
    expect(used).toMatchObject({ status: 'approved', usedBy: first.number, usedByClaimId: first.id });
    const second = await stay(letter.number, '2025-06-20');
    expect(second.lines[0]).toMatchObject({ decision: 'rejected', reasons: ['GUARANTEE_LETTER_REQUIRED'] });
    await expect(cancelLetter(w.ctx, w.schemeId, letter.number, { reason: 'patient went elsewhere' })).rejects.toThrow(LetterNotCancellableError);
  });

  it('a letter that is not used may be cancelled; it then authorizes nothing', async () => {
    const letter = await issueApprovedLetter(w.ctx, w.schemeId, { number: 'GL-X1', member: w.cards[1]!, provider: 'HOP-A', category: 'hospitalization', validFrom: '2025-07-01', validTo: '2025-07-31' });
    const cancelled = await cancelLetter(w.ctx, w.schemeId, letter.letter.number, { reason: 'entered twice' });
    expect(cancelled).toMatchObject({ status: 'cancelled', decisionReason: 'entered twice' });
    const refused = await claim(w, 'HOP-A', w.cards[1]!, '2025-07-05', [['HOSP', 1, TARIFF.HOSP]], { guaranteeLetter: 'GL-X1' });
    expect(refused.lines[0]!.reasons).toEqual(['GUARANTEE_LETTER_REQUIRED']);
  });

  it('a scheme file’s letter is issued approved once; the same again changes nothing, a different one names the field', async () => {
    const input = { number: 'GL-FILE-1', member: w.cards[0]!, provider: 'HOP-NOT-YET', category: 'hospitalization', validFrom: '2027-08-01', validTo: '2027-08-31' };
    const first = await issueApprovedLetter(w.ctx, w.schemeId, input);
    expect(first).toMatchObject({ created: true, letter: { status: 'approved', provider: 'HOP-NOT-YET', providerName: null } });
    expect((await issueApprovedLetter(w.ctx, w.schemeId, input)).created).toBe(false);
    const differs = await issueApprovedLetter(w.ctx, w.schemeId, { ...input, validTo: '2027-09-30' }).catch((e: unknown) => e);
    expect(differs).toBeInstanceOf(ValidationError);
    expect((differs as ValidationError).details).toEqual([{ field: 'validTo', message: expect.stringContaining('2027-08-31') }]);
    // A generated number follows the highest GL-n, so it never collides with one a file brought.
    await issueApprovedLetter(w.ctx, w.schemeId, { ...input, number: 'GL-000100' });
    expect((await requestLetter(w.ctx, w.schemeId, { member: w.cards[0]!, category: 'laboratory', validFrom: '2025-09-01', validTo: '2025-09-30' })).number).toBe('GL-000101');
  });

  it('a provider clerk asks for their own provider by default, may not name another, and lists only theirs', async () => {
    const mine = new Set([clinicId]);
    const letter = await requestLetter(w.ctx, w.schemeId, { member: w.cards[3]!, category: 'hospitalization', validFrom: '2025-10-01', validTo: '2025-10-31' }, mine);
    expect(letter.provider).toBe('HOP-A');
    await expect(requestLetter(w.ctx, w.schemeId, { member: w.cards[3]!, category: 'hospitalization', provider: 'HOP-B', validFrom: '2025-10-01', validTo: '2025-10-31' }, mine)).rejects.toThrow(ProviderNotYoursError);
    const other = await requestLetter(w.ctx, w.schemeId, { member: w.cards[3]!, category: 'hospitalization', provider: 'HOP-B', validFrom: '2025-10-01', validTo: '2025-10-31' });
    const listed = await listLetters(w.ctx, w.schemeId, {}, mine);
    expect(listed.items.length).toBeGreaterThan(0);
    expect(listed.items.every((l) => l.provider === 'HOP-A')).toBe(true);
    await expect(getLetter(w.ctx, w.schemeId, other.number, mine)).rejects.toThrow(/not found/);
    // A letter for any provider is seen when the clerk asks for the member's letters.
    const byMember = await listLetters(w.ctx, w.schemeId, { member: w.cards[1]! }, mine);
    expect(byMember.items.some((l) => l.provider === null)).toBe(true);
  });

  it('filters by provider and by a date the letter is valid on', async () => {
    const page = await listLetters(w.ctx, w.schemeId, { provider: 'HOP-A', validOn: '2025-06-15' });
    expect(page.items.length).toBeGreaterThan(0);
    expect(page.items.every((l) => l.provider === 'HOP-A' && l.validFrom <= '2025-06-15' && l.validTo >= '2025-06-15')).toBe(true);
  });

  it('prints the letter as a PDF in English and in French', async () => {
    const scheme = { id: w.schemeId, code: w.code };
    const en = await letterPdf(w.ctx, scheme, 'GL-000001', 'en');
    const fr = await letterPdf(w.ctx, scheme, 'GL-000001', 'fr');
    expect(en.bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(en.filename).toBe('guarantee-letter-GL-000001.pdf');
    expect(fr.filename).toBe('lettre-de-garantie-GL-000001.pdf');
  });
});
