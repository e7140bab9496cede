import { api, call } from '../../api/client';
import type { BatchQuery, ClaimQuery, CreateBatch, LetterQuery, LineDecisionInput, QuoteClaim, RequestLetter, ReviewQuery, SubmitClaim } from '../../api/types';
import { saveFile } from '../../app/download';

// The claims module's calls: entry, quote, lists, one claim, batch adjudication; guarantee
// letters; review; provider payment and statements.
export const submitClaim = (scheme: string, body: SubmitClaim) => call(api.POST('/api/schemes/{scheme}/claims', { params: { path: { scheme } }, body }));
export const quoteClaim = (scheme: string, body: QuoteClaim, signal?: AbortSignal) =>
  call(api.POST('/api/schemes/{scheme}/claims/quote', { params: { path: { scheme } }, body, signal }));
export const listClaims = (scheme: string, query: ClaimQuery) => call(api.GET('/api/schemes/{scheme}/claims', { params: { path: { scheme }, query } }));
export const getClaim = (scheme: string, id: string) => call(api.GET('/api/schemes/{scheme}/claims/{id}', { params: { path: { scheme, id } } }));
export const adjudicateSubmitted = (scheme: string) => call(api.POST('/api/schemes/{scheme}/claims/adjudicate', { params: { path: { scheme } }, body: {} }));

// Guarantee letters (prior authorizations).
export const listLetters = (scheme: string, query: LetterQuery) => call(api.GET('/api/schemes/{scheme}/guarantee-letters', { params: { path: { scheme }, query } }));
export const getLetter = (scheme: string, number: string) => call(api.GET('/api/schemes/{scheme}/guarantee-letters/{number}', { params: { path: { scheme, number } } }));
export const requestLetter = (scheme: string, body: RequestLetter) => call(api.POST('/api/schemes/{scheme}/guarantee-letters', { params: { path: { scheme } }, body }));
export const approveLetter = (scheme: string, number: string, reason: string | null) =>
  call(api.POST('/api/schemes/{scheme}/guarantee-letters/{number}/approve', { params: { path: { scheme, number } }, body: { reason } }));
export const refuseLetter = (scheme: string, number: string, reason: string) =>
  call(api.POST('/api/schemes/{scheme}/guarantee-letters/{number}/refuse', { params: { path: { scheme, number } }, body: { reason } }));
export const cancelLetter = (scheme: string, number: string, reason: string | null) =>
  call(api.POST('/api/schemes/{scheme}/guarantee-letters/{number}/cancel', { params: { path: { scheme, number } }, body: { reason } }));
export const letterPdf = (scheme: string, number: string) =>
  saveFile(api.GET('/api/schemes/{scheme}/guarantee-letters/{number}/letter.pdf', { params: { path: { scheme, number } }, parseAs: 'blob' }), `${number}.pdf`);

// Review and control.
export const reviewQueue = (scheme: string, query: ReviewQuery) => call(api.GET('/api/schemes/{scheme}/review/items', { params: { path: { scheme }, query } }));
export const decideLine = (scheme: string, id: string, lineId: string, body: LineDecisionInput) =>
  call(api.POST('/api/schemes/{scheme}/claims/{id}/lines/{lineId}/decision', { params: { path: { scheme, id, lineId } }, body }));
export const eobPdf = (scheme: string, id: string, number: string) =>
  saveFile(api.GET('/api/schemes/{scheme}/claims/{id}/eob.pdf', { params: { path: { scheme, id }, query: {} }, parseAs: 'blob' }), `${number}-eob.pdf`);

// Provider payment.
export const listBatches = (scheme: string, query: BatchQuery) => call(api.GET('/api/schemes/{scheme}/payment-batches', { params: { path: { scheme }, query } }));
export const getBatch = (scheme: string, id: string) => call(api.GET('/api/schemes/{scheme}/payment-batches/{id}', { params: { path: { scheme, id } } }));
export const createBatch = (scheme: string, body: CreateBatch) => call(api.POST('/api/schemes/{scheme}/payment-batches', { params: { path: { scheme } }, body }));
export const payBatch = (scheme: string, id: string, body: { date: string; reference: string }) =>
  call(api.POST('/api/schemes/{scheme}/payment-batches/{id}/pay', { params: { path: { scheme, id } }, body }));
export const cancelBatch = (scheme: string, id: string, reason: string | null) =>
  call(api.POST('/api/schemes/{scheme}/payment-batches/{id}/cancel', { params: { path: { scheme, id } }, body: { reason } }));
export const batchOrderPdf = (scheme: string, id: string, number: string) =>
  saveFile(api.GET('/api/schemes/{scheme}/payment-batches/{id}/order.pdf', { params: { path: { scheme, id } }, parseAs: 'blob' }), `${number}.pdf`);
export const batchOrderCsv = (scheme: string, id: string, number: string) =>
  saveFile(api.GET('/api/schemes/{scheme}/payment-batches/{id}/order.csv', { params: { path: { scheme, id } }, parseAs: 'blob' }), `${number}.csv`);
export const providerStatement = (scheme: string, provider: string, from: string, to: string) =>
  call(api.GET('/api/schemes/{scheme}/providers/{provider}/statement', { params: { path: { scheme, provider }, query: { from, to } } }));
export const providerStatementPdf = (scheme: string, provider: string, from: string, to: string) =>
  saveFile(api.GET('/api/schemes/{scheme}/providers/{provider}/statement.pdf', { params: { path: { scheme, provider }, query: { from, to } }, parseAs: 'blob' }), `${provider}-${from}-${to}.pdf`);

// Papers of a claim (scanned invoices).
export const listAttachments = (scheme: string, id: string) => call(api.GET('/api/schemes/{scheme}/claims/{id}/attachments', { params: { path: { scheme, id } } }));
export const addAttachment = (scheme: string, id: string, body: { fileName: string; content: string }) =>
  call(api.POST('/api/schemes/{scheme}/claims/{id}/attachments', { params: { path: { scheme, id } }, body }));
export const downloadAttachment = (scheme: string, id: string, attachmentId: string, fileName: string) =>
  saveFile(api.GET('/api/schemes/{scheme}/claims/{id}/attachments/{attachmentId}', { params: { path: { scheme, id, attachmentId } }, parseAs: 'blob' }), fileName);

// Review settings and the provider scan.
export const getReviewSettings = (scheme: string) => call(api.GET('/api/schemes/{scheme}/review/settings', { params: { path: { scheme } } }));
export const putReviewSettings = (scheme: string, body: { sampleRate: number; amountMultiple: number; providerMultiple: number }) =>
  call(api.PUT('/api/schemes/{scheme}/review/settings', { params: { path: { scheme } }, body }));
export const scanProviders = (scheme: string, from: string, to: string) => call(api.POST('/api/schemes/{scheme}/review/scan-providers', { params: { path: { scheme }, query: { from, to } } }));
