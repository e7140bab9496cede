import { Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import type { Db } from '../../platform/db/connection.js';
import { today } from '../../platform/dates.js';
import { requestContext } from '../../platform/http/context.js';
import { SchemeParams } from '../../platform/http/schemas.js';
import type { App } from '../../platform/http/types.js';
import {
  Account,
  CardParams,
  CoverageQuery,
  CoverageView,
  CreateSubsidizer,
  Enrol,
  HouseholdParams,
  PaymentInput,
  PaymentParams,
  PaymentView,
  PeriodView,
  Renew,
  ReversalInput,
  Sponsor,
  Subsidizer,
  ArrearsList,
  ArrearsQuery,
  CashSheet,
  CashSheetQuery,
  Remittance,
  RemittanceInput,
  RenewalList,
  RenewalQuery,
  StatementQuery,
  SubsidizerParams,
  SubsidizerStatement,
} from './coverage.schemas.js';
import * as service from './coverage.service.js';

export async function coverageRoutes(app: App, { db }: { db: Db }) {
  const ctx = (request: FastifyRequest) => requestContext(db, request);
  const tags = ['coverage'];

  app.post('/api/schemes/:scheme/enrolments', {
    schema: { tags, summary: 'Enrol a household in a product from a date: a coverage period and its dues', params: SchemeParams, body: Enrol, response: { 201: PeriodView } },
    config: { scope: 'scheme', permission: 'members.write' },
  }, async (request, reply) => reply.status(201).send(await service.enrolHousehold(ctx(request), request.scheme!.id, request.body)));

  app.post('/api/schemes/:scheme/renewals', {
    schema: { tags, summary: 'Renew a household: the next period starts the day after the last one ends', params: SchemeParams, body: Renew, response: { 201: PeriodView } },
    config: { scope: 'scheme', permission: 'members.write' },
  }, async (request, reply) => reply.status(201).send(await service.renewHousehold(ctx(request), request.scheme!.id, request.body)));

  app.get('/api/schemes/:scheme/households/:number/account', {
    schema: { tags, summary: 'A household’s periods, dues, payments, credit and balance', params: HouseholdParams, response: { 200: Account } },
    config: { scope: 'scheme', permission: 'contributions.read' },
  }, async (request) => service.householdAccount(ctx(request), request.scheme!.id, request.params.number));

  app.post('/api/schemes/:scheme/payments', {
    schema: {
      tags,
      summary: 'Record a payment; it pays the oldest dues first. Retrying with the same idempotencyKey records nothing more (200)',
      params: SchemeParams,
      body: PaymentInput,
      response: { 200: PaymentView, 201: PaymentView },
    },
    config: { scope: 'scheme', permission: 'contributions.write' },
  }, async (request, reply) => {
    const { payment, replayed } = await service.recordPayment(ctx(request), request.scheme!.id, request.body);
    return reply.status(replayed ? 200 : 201).send(payment);
  });

  app.get('/api/schemes/:scheme/payments/:payment', {
    schema: { tags, summary: 'One payment', params: PaymentParams, response: { 200: PaymentView } },
    config: { scope: 'scheme', permission: 'contributions.read' },
  }, async (request) => service.getPayment(ctx(request), request.scheme!.id, request.params.payment));

  app.post('/api/schemes/:scheme/payments/:payment/reversal', {
    schema: { tags, summary: 'Reverse a mistaken payment by a counter-entry with a reason', params: PaymentParams, body: ReversalInput, response: { 201: PaymentView } },
    config: { scope: 'scheme', permission: 'contributions.write' },
  }, async (request, reply) => reply.status(201).send(await service.reversePayment(ctx(request), request.scheme!.id, request.params.payment, request.body)));

  app.get('/api/schemes/:scheme/coverage/:card', {
    schema: { tags, summary: 'Is this member covered on a date (default today), why, and for what', params: CardParams, querystring: CoverageQuery, response: { 200: CoverageView } },
    config: { scope: 'scheme', permission: 'eligibility.check' },
  }, async (request) => (await service.beneficiaryCoverage(ctx(request), request.scheme!.id, request.params.card, request.query.date ?? today(), request.locale)).view);

  app.get('/api/schemes/:scheme/subsidizers', {
    schema: { tags, summary: 'Subsidizers (state, donors, solidarity trusts)', params: SchemeParams, response: { 200: Type.Array(Subsidizer) } },
    config: { scope: 'scheme', permission: 'contributions.read' },
  }, async (request) => service.listSubsidizers(ctx(request), request.scheme!.id));

  app.post('/api/schemes/:scheme/subsidizers', {
    schema: { tags, summary: 'Register a subsidizer and the share of dues it pays', params: SchemeParams, body: CreateSubsidizer, response: { 201: Subsidizer } },
    config: { scope: 'scheme', permission: 'contributions.write' },
  }, async (request, reply) => reply.status(201).send(await service.createSubsidizer(ctx(request), request.scheme!.id, request.body)));

  app.post('/api/schemes/:scheme/households/:number/sponsorships', {
    schema: { tags, summary: 'A subsidizer sponsors the household’s dues from a date', params: HouseholdParams, body: Sponsor, response: { 204: Type.Null() } },
    config: { scope: 'scheme', permission: 'contributions.write' },
  }, async (request, reply) => {
    await service.sponsorHousehold(ctx(request), request.scheme!.id, request.params.number, request.body);
    return reply.status(204).send(null);
  });

  app.post('/api/schemes/:scheme/remittances', {
    schema: { tags, summary: 'Record a group’s payment split across its households by a list', params: SchemeParams, body: RemittanceInput, response: { 200: Remittance, 201: Remittance } },
    config: { scope: 'scheme', permission: 'contributions.write' },
  }, async (request, reply) => {
    const { remittance, replayed } = await service.recordRemittance(ctx(request), request.scheme!.id, request.body);
    return reply.status(replayed ? 200 : 201).send(remittance);
  });

  app.get('/api/schemes/:scheme/arrears', {
    schema: { tags, summary: 'Households with dues unpaid beyond grace, by section and collector', params: SchemeParams, querystring: ArrearsQuery, response: { 200: ArrearsList } },
    config: { scope: 'scheme', permission: 'contributions.read' },
  }, async (request) => service.arrearsList(ctx(request), request.scheme!.id, request.query));

  app.get('/api/schemes/:scheme/renewal-campaign', {
    schema: { tags, summary: 'Households due to renew in a window, in grace or lapsed, with their amounts', params: SchemeParams, querystring: RenewalQuery, response: { 200: RenewalList } },
    config: { scope: 'scheme', permission: 'members.read' },
  }, async (request) => service.renewalList(ctx(request), request.scheme!.id, request.query));

  app.get('/api/schemes/:scheme/subsidizers/:subsidizer/statement', {
    schema: { tags, summary: 'What a subsidizer owes and paid for a period', params: SubsidizerParams, querystring: StatementQuery, response: { 200: SubsidizerStatement } },
    config: { scope: 'scheme', permission: 'contributions.read' },
  }, async (request) => service.subsidizerStatement(ctx(request), request.scheme!.id, request.params.subsidizer, request.query));

  app.get('/api/schemes/:scheme/cash-sheet', {
    schema: { tags, summary: 'A collector’s payments of a day with totals by method', params: SchemeParams, querystring: CashSheetQuery, response: { 200: CashSheet } },
    config: { scope: 'scheme', permission: 'contributions.read' },
  }, async (request) => service.cashSheet(ctx(request), request.scheme!.id, request.query));
}
