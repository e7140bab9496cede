import { api, call } from '../../api/client';
import type { paths } from '../../api/schema';

// The finance module's calls: the ledger (journal, statements).
type Json<P extends keyof paths, M extends 'get' | 'post'> = paths[P][M] extends { responses: { 200: { content: { 'application/json': infer T } } } }
  ? T
  : paths[P][M] extends { responses: { 201: { content: { 'application/json': infer T } } } }
    ? T
    : never;

export type LedgerAccount = Json<'/api/schemes/{scheme}/ledger/accounts', 'get'>[number];
export type EntryPage = Json<'/api/schemes/{scheme}/ledger/entries', 'get'>;
export type Entry = EntryPage['items'][number];
export type TrialBalance = Json<'/api/schemes/{scheme}/ledger/trial-balance', 'get'>;
export type IncomeStatement = Json<'/api/schemes/{scheme}/ledger/income-statement', 'get'>;
export type BalanceSheet = Json<'/api/schemes/{scheme}/ledger/balance-sheet', 'get'>;
export type ManualEntry = NonNullable<paths['/api/schemes/{scheme}/ledger/entries']['post']['requestBody']>['content']['application/json'];

export const ledgerAccounts = (scheme: string) => call(api.GET('/api/schemes/{scheme}/ledger/accounts', { params: { path: { scheme } } }));

export const ledgerEntries = (scheme: string, query: { from?: string; to?: string; account?: string; limit?: number; offset?: number }) =>
  call(api.GET('/api/schemes/{scheme}/ledger/entries', { params: { path: { scheme }, query } }));

export const recordManualEntry = (scheme: string, body: ManualEntry) => call(api.POST('/api/schemes/{scheme}/ledger/entries', { params: { path: { scheme } }, body }));

export const reverseEntry = (scheme: string, id: string, reason: string) =>
  call(api.POST('/api/schemes/{scheme}/ledger/entries/{id}/reversal', { params: { path: { scheme, id } }, body: { reason } }));

export const trialBalance = (scheme: string, from: string, to: string) => call(api.GET('/api/schemes/{scheme}/ledger/trial-balance', { params: { path: { scheme }, query: { from, to } } }));

export const incomeStatement = (scheme: string, from: string, to: string) =>
  call(api.GET('/api/schemes/{scheme}/ledger/income-statement', { params: { path: { scheme }, query: { from, to } } }));

export const balanceSheet = (scheme: string, on: string) => call(api.GET('/api/schemes/{scheme}/ledger/balance-sheet', { params: { path: { scheme }, query: { on } } }));

export const closedPeriods = (scheme: string) => call(api.GET('/api/schemes/{scheme}/ledger/periods', { params: { path: { scheme } } }));

export const closeMonth = (scheme: string, month: string) => call(api.POST('/api/schemes/{scheme}/ledger/periods/{month}/close', { params: { path: { scheme, month } } }));
