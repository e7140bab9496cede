import type { FastifyRequest } from 'fastify';
import type { Db } from '../../platform/db/connection.js';
import { requestContext } from '../../platform/http/context.js';
import { SchemeParams } from '../../platform/http/schemas.js';
import type { App } from '../../platform/http/types.js';
import { providerRestriction } from './claims.service.js';
import { binary, sendFile } from '../../platform/http/files.js';
import { BatchPage, BatchParams, BatchQuery, BatchView, CancelBatch, CreateBatch, PayBatch, StatementParams, StatementQuery, StatementView } from './payments.schemas.js';
import * as service from './payments.service.js';

export async function paymentsRoutes(app: App, { db }: { db: Db }) {
  const ctx = (request: FastifyRequest) => requestContext(db, request);
  const tags = ['provider payment'];

  app.post('/api/schemes/:scheme/payment-batches', {
    schema: {
      tags,
      summary: 'Order the payment of a provider for a period: its decided, unpaid claims with care in the period (payable, or flat rate per case) and the capitation of the months it covers',
      params: SchemeParams,
      body: CreateBatch,
      response: { 201: BatchView },
    },
    config: { scope: 'scheme', permission: 'claims.pay' },
  }, async (request, reply) => reply.status(201).send(await service.createBatch(ctx(request), request.scheme!.id, request.body)));

  app.get('/api/schemes/:scheme/payment-batches', {
    schema: { tags, summary: 'Payment batches, newest first, by provider and status', params: SchemeParams, querystring: BatchQuery, response: { 200: BatchPage } },
    config: { scope: 'scheme', permission: 'claims.pay' },
  }, async (request) => service.listBatches(ctx(request), request.scheme!.id, request.query));

  app.get('/api/schemes/:scheme/payment-batches/:id', {
    schema: { tags, summary: 'One payment batch with its claims', params: BatchParams, response: { 200: BatchView } },
    config: { scope: 'scheme', permission: 'claims.pay' },
  }, async (request) => service.getBatch(ctx(request), request.scheme!.id, request.params.id));

  app.get('/api/schemes/:scheme/payment-batches/:id/order.pdf', {
    schema: { tags, summary: 'The payment order to sign (A4 PDF)', params: BatchParams, response: { 200: binary('application/pdf') } },
    config: { scope: 'scheme', permission: 'claims.pay' },
  }, async (request, reply) => sendFile(reply, await service.batchOrderPdf(ctx(request), request.scheme!, request.params.id, request.locale)));

  app.get('/api/schemes/:scheme/payment-batches/:id/order.csv', {
    schema: { tags, summary: 'The payment order as CSV (UTF-8, semicolons; amounts in minor units)', params: BatchParams, response: { 200: binary('text/csv') } },
    config: { scope: 'scheme', permission: 'claims.pay' },
  }, async (request, reply) => sendFile(reply, await service.batchOrderCsv(ctx(request), request.scheme!, request.params.id, request.locale)));

  app.post('/api/schemes/:scheme/payment-batches/:id/pay', {
    schema: { tags, summary: 'Record the payment of a batch: it and its claims become paid (repeating it with the same date and reference changes nothing)', params: BatchParams, body: PayBatch, response: { 200: BatchView } },
    config: { scope: 'scheme', permission: 'claims.pay' },
  }, async (request) => (await service.payBatch(ctx(request), request.scheme!.id, request.params.id, request.body)).batch);

  app.post('/api/schemes/:scheme/payment-batches/:id/cancel', {
    schema: { tags, summary: 'Cancel an unpaid batch: its claims can go in another', params: BatchParams, body: CancelBatch, response: { 200: BatchView } },
    config: { scope: 'scheme', permission: 'claims.pay' },
  }, async (request) => service.cancelBatch(ctx(request), request.scheme!.id, request.params.id, request.body));

  app.get('/api/schemes/:scheme/providers/:provider/statement', {
    schema: { tags, summary: 'A provider’s statement: every claim with care in the period, line by line, and its batches and payments', params: StatementParams, querystring: StatementQuery, response: { 200: StatementView } },
    config: { scope: 'scheme', permission: 'claims.read' },
  }, async (request) => {
    const c = ctx(request);
    return service.providerStatement(c, request.scheme!, request.params.provider, request.query, request.locale, providerRestriction(c, request.scheme!, 'claims.read'));
  });

  app.get('/api/schemes/:scheme/providers/:provider/statement.pdf', {
    schema: { tags, summary: 'The provider’s statement to print (A4 PDF)', params: StatementParams, querystring: StatementQuery, response: { 200: binary('application/pdf') } },
    config: { scope: 'scheme', permission: 'claims.read' },
  }, async (request, reply) => {
    const c = ctx(request);
    return sendFile(reply, await service.providerStatementPdf(c, request.scheme!, request.params.provider, request.query, request.locale, providerRestriction(c, request.scheme!, 'claims.read')));
  });
}
