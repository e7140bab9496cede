import type { FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { Db } from '../../platform/db/connection.js';
import { requestContext } from '../../platform/http/context.js';
import { SchemeParams } from '../../platform/http/schemas.js';
import type { App } from '../../platform/http/types.js';
import { CorrectExpense, Expense, ExpenseParams, ExpenseQuery, RecordExpense } from './finance.schemas.js';
import * as service from './finance.service.js';

export async function financeRoutes(app: App, { db }: { db: Db }) {
  const ctx = (request: FastifyRequest) => requestContext(db, request);
  const tags = ['finance'];

  app.get('/api/schemes/:scheme/expenses', {
    schema: { tags, summary: 'Expenses and other income, by date', params: SchemeParams, querystring: ExpenseQuery, response: { 200: Type.Array(Expense) } },
    config: { scope: 'scheme', permission: 'finance.read' },
  }, async (request) => service.listExpenses(ctx(request), request.scheme!.id, request.query));

  app.post('/api/schemes/:scheme/expenses', {
    schema: { tags, summary: 'Record an expense (running cost), other income or a transfer to the reserves', params: SchemeParams, body: RecordExpense, response: { 201: Expense } },
    config: { scope: 'scheme', permission: 'finance.write' },
  }, async (request, reply) => reply.status(201).send(await service.recordExpense(ctx(request), request.scheme!.id, request.body)));

  app.post('/api/schemes/:scheme/expenses/:id/correction', {
    schema: { tags, summary: 'Cancel an expense recorded by mistake with a counter-entry (nothing is deleted)', params: ExpenseParams, body: CorrectExpense, response: { 201: Expense } },
    config: { scope: 'scheme', permission: 'finance.write' },
  }, async (request, reply) => reply.status(201).send(await service.correctExpense(ctx(request), request.scheme!.id, request.params.id, request.body.reason)));
}
