import { api, call } from '../../api/client';
import type { ClaimQuery, QuoteClaim, SubmitClaim } from '../../api/types';

// The claims module's calls (entry, quote, lists, one claim, batch adjudication).
export const submitClaim = (scheme: string, body: SubmitClaim) => call(api.POST('/api/schemes/{scheme}/claims', { params: { path: { scheme } }, body }));
export const quoteClaim = (scheme: string, body: QuoteClaim, signal?: AbortSignal) =>
  call(api.POST('/api/schemes/{scheme}/claims/quote', { params: { path: { scheme } }, body, signal }));
export const listClaims = (scheme: string, query: ClaimQuery) => call(api.GET('/api/schemes/{scheme}/claims', { params: { path: { scheme }, query } }));
export const getClaim = (scheme: string, id: string) => call(api.GET('/api/schemes/{scheme}/claims/{id}', { params: { path: { scheme, id } } }));
export const adjudicateSubmitted = (scheme: string) => call(api.POST('/api/schemes/{scheme}/claims/adjudicate', { params: { path: { scheme } }, body: {} }));
