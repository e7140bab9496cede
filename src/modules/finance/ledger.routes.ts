import type { FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { Db } from '../../platform/db/connection.js';
import { requestContext } from '../../platform/http/context.js';
import { SchemeParams } from '../../platform/http/schemas.js';
import type { App } from '../../platform/http/types.js';
import {
  Account,
  AccountParams,
  AddAccount,
  AddEntryAttachment,
  AttachmentParams,
  BalanceSheet,
  ClosedPeriods,
  Entry,
  EntryPage,
  EntryParams,
  EntryQuery,
  GeneralLedger,
  GeneralLedgerQuery,
  IncomeStatement,
  ManualEntry,
  MAX_LEDGER_ATTACHMENT_BYTES,
  MonthParams,
  OnQuery,
  PeriodClose,
  PeriodQuery,
  RenameAccount,
  ReverseEntry,
  TrialBalance,
  ledgerAttachmentTypes,
} from './ledger.schemas.js';
import * as service from './ledger.service.js';

const binary = (...mediaTypes: readonly string[]) => ({
  description: 'The file',
  content: Object.fromEntries(mediaTypes.map((m) => [m, { schema: { type: 'string', format: 'binary' } }])),
});

export async function ledgerRoutes(app: App, { db }: { db: Db }) {
  const ctx = (request: FastifyRequest) => requestContext(db, request);
  const tags = ['ledger'];
  const read = { scope: 'scheme', permission: 'finance.read' } as const;
  const write = { scope: 'scheme', permission: 'finance.write' } as const;

  app.get('/api/schemes/:scheme/ledger/accounts', {
    schema: { tags, summary: 'The chart of accounts (the default one is created on first use)', params: SchemeParams, response: { 200: Type.Array(Account) } },
    config: read,
  }, async (request) => service.listAccounts(ctx(request), request.scheme!.id));

  app.post('/api/schemes/:scheme/ledger/accounts', {
    schema: { tags, summary: 'Add an account (e.g. an administrative expense by nature under 6300)', params: SchemeParams, body: AddAccount, response: { 201: Account } },
    config: write,
  }, async (request, reply) => reply.status(201).send(await service.addAccount(ctx(request), request.scheme!.id, request.body)));

  app.patch('/api/schemes/:scheme/ledger/accounts/:code', {
    schema: { tags, summary: 'Rename an account', params: AccountParams, body: RenameAccount, response: { 200: Account } },
    config: write,
  }, async (request) => service.renameAccount(ctx(request), request.scheme!.id, request.params.code, request.body));

  app.delete('/api/schemes/:scheme/ledger/accounts/:code', {
    schema: { tags, summary: 'Remove an account the scheme added and never used (system accounts stay)', params: AccountParams, response: { 204: Type.Null() } },
    config: write,
  }, async (request, reply) => {
    await service.removeAccount(ctx(request), request.scheme!.id, request.params.code);
    return reply.status(204).send(null);
  });

  app.get('/api/schemes/:scheme/ledger/entries', {
    schema: { tags, summary: 'Journal entries by date, optionally those touching an account', params: SchemeParams, querystring: EntryQuery, response: { 200: EntryPage } },
    config: read,
  }, async (request) => service.listEntries(ctx(request), request.scheme!.id, request.query));

  app.post('/api/schemes/:scheme/ledger/entries', {
    schema: { tags, summary: 'Record a manual entry (running costs, grants, transfers); a retried request with the same idempotency key returns the first', params: SchemeParams, body: ManualEntry, response: { 201: Entry, 200: Entry } },
    config: write,
  }, async (request, reply) => {
    const { entry, replayed } = await service.recordManualEntry(ctx(request), request.scheme!.id, request.body);
    return reply.status(replayed ? 200 : 201).send(entry);
  });

  app.get('/api/schemes/:scheme/ledger/entries/:id', {
    schema: { tags, summary: 'One journal entry with its lines', params: EntryParams, response: { 200: Entry } },
    config: read,
  }, async (request) => service.getEntry(ctx(request), request.scheme!.id, request.params.id));

  app.post('/api/schemes/:scheme/ledger/entries/:id/reversal', {
    schema: { tags, summary: 'Cancel a manual entry by its reversing entry, with a reason (nothing is edited or deleted)', params: EntryParams, body: ReverseEntry, response: { 201: Entry } },
    config: write,
  }, async (request, reply) => reply.status(201).send(await service.reverseEntry(ctx(request), request.scheme!.id, request.params.id, request.body)));

  app.post('/api/schemes/:scheme/ledger/entries/:id/attachments', {
    schema: { tags, summary: 'Attach an invoice or receipt to an entry (PDF, JPEG, PNG or WebP, base64, at most 5 MiB)', params: EntryParams, body: AddEntryAttachment, response: { 201: Entry } },
    bodyLimit: Math.ceil(MAX_LEDGER_ATTACHMENT_BYTES / 3) * 4 + 64 * 1024,
    config: write,
  }, async (request, reply) => reply.status(201).send(await service.attachToEntry(ctx(request), request.scheme!.id, request.params.id, request.body)));

  app.get('/api/schemes/:scheme/ledger/entries/:id/attachments/:attachmentId', {
    schema: { tags, summary: 'One attached file, as stored', params: AttachmentParams, response: { 200: binary(...ledgerAttachmentTypes) } },
    config: read,
  }, async (request, reply) => {
    const file = await service.getEntryAttachment(ctx(request), request.scheme!.id, request.params.id, request.params.attachmentId);
    return reply
      .header('content-type', file.contentType)
      .header('content-disposition', `attachment; filename="${encodeURIComponent(file.filename)}"; filename*=UTF-8''${encodeURIComponent(file.filename)}`)
      .header('cache-control', 'no-store')
      .header('x-content-type-options', 'nosniff')
      .send(file.bytes);
  });

  app.get('/api/schemes/:scheme/ledger/periods', {
    schema: { tags, summary: 'The months closed and the last day the books are locked through', params: SchemeParams, response: { 200: ClosedPeriods } },
    config: read,
  }, async (request) => service.listClosedMonths(ctx(request), request.scheme!.id));

  app.post('/api/schemes/:scheme/ledger/periods/:month/close', {
    schema: { tags, summary: 'Close a month (and every one before it): earns the contributions of the month, then locks its entries', params: MonthParams, response: { 201: PeriodClose } },
    config: write,
  }, async (request, reply) => reply.status(201).send(await service.closeMonth(ctx(request), request.scheme!.id, request.params.month)));

  app.get('/api/schemes/:scheme/ledger/trial-balance', {
    schema: { tags, summary: 'Trial balance over [from, to]: opening, debits, credits, closing per account', params: SchemeParams, querystring: PeriodQuery, response: { 200: TrialBalance } },
    config: read,
  }, async (request) => service.trialBalance(ctx(request), request.scheme!.id, request.query, request.locale));

  app.get('/api/schemes/:scheme/ledger/general-ledger', {
    schema: { tags, summary: 'General ledger of one account over [from, to], with the running balance', params: SchemeParams, querystring: GeneralLedgerQuery, response: { 200: GeneralLedger } },
    config: read,
  }, async (request) => service.generalLedger(ctx(request), request.scheme!.id, request.query, request.locale));

  app.get('/api/schemes/:scheme/ledger/income-statement', {
    schema: { tags, summary: 'Income statement over [from, to]', params: SchemeParams, querystring: PeriodQuery, response: { 200: IncomeStatement } },
    config: read,
  }, async (request) => service.incomeStatement(ctx(request), request.scheme!.id, request.query, request.locale));

  app.get('/api/schemes/:scheme/ledger/balance-sheet', {
    schema: { tags, summary: 'Balance sheet on a date (inclusive)', params: SchemeParams, querystring: OnQuery, response: { 200: BalanceSheet } },
    config: read,
  }, async (request) => service.balanceSheet(ctx(request), request.scheme!.id, request.query.on, request.locale));
}
