import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/db.js';
import { providerCatalogue } from '../providers/index.js';
import { addAttachment, getAttachment, listAttachments, submitClaim } from './index.js';
import { claimsScheme } from './testing.js';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => database?.drop());

const pdf = (text: string) => ({ fileName: 'facture.pdf', content: Buffer.from(`%PDF-1.4\n${text}`).toString('base64') });

describe('claim attachments', () => {
  it('a scanned invoice is stored with its claim, typed by its bytes, once however often it is sent, and only the claim’s facility sees it', async () => {
    const { ctx, schemeId } = await claimsScheme(database.db);
    const { claim } = await submitClaim(ctx, schemeId, { number: 'C-1', provider: 'CS', member: 'H1-01', from: '2025-05-03', to: '2025-05-03', submittedOn: '2025-05-10', lines: [{ service: 'CONS', quantity: 1, unitPrice: 1500 }] });
    const first = await addAttachment(ctx, schemeId, claim.id, { fileName: 'scan "mai".pdf', content: `data:application/pdf;base64,${pdf('invoice 1').content}` });
    expect(first).toMatchObject({ created: true, attachment: { fileName: 'scan _mai_.pdf', contentType: 'application/pdf' } });
    expect((await addAttachment(ctx, schemeId, claim.id, pdf('invoice 1'))).created).toBe(false);
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('rest')]);
    await addAttachment(ctx, schemeId, claim.id, { fileName: 'photo.jpg', content: png.toString('base64') });
    expect((await listAttachments(ctx, schemeId, claim.id)).map((a) => [a.fileName, a.contentType])).toEqual([['scan _mai_.pdf', 'application/pdf'], ['photo.jpg', 'image/png']]);
    expect((await getAttachment(ctx, schemeId, claim.id, first.attachment.id)).bytes.toString()).toBe('%PDF-1.4\ninvoice 1');

    await expect(addAttachment(ctx, schemeId, claim.id, { fileName: 'note.txt', content: Buffer.from('hello').toString('base64') })).rejects.toMatchObject({ code: 'validation_failed', details: [{ field: 'content' }] });
    const hospital = (await providerCatalogue(database.db, schemeId)).providers.get('HOP')!;
    await expect(listAttachments(ctx, schemeId, claim.id, new Set([hospital.id]))).rejects.toMatchObject({ code: 'not_found' });
    await expect(addAttachment(ctx, schemeId, claim.id, pdf('other'), new Set([hospital.id]))).rejects.toMatchObject({ code: 'not_found' });
    const other = await claimsScheme(database.db);
    await expect(listAttachments(other.ctx, other.schemeId, claim.id)).rejects.toMatchObject({ code: 'not_found' });
  });
});
