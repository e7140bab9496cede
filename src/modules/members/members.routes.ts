import { Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import { requestContext } from '../../platform/http/context.js';
import type { App } from '../../platform/http/types.js';
import { SchemeParams } from '../../platform/http/schemas.js';
import type { Db } from '../../platform/db/connection.js';
import * as service from './members.service.js';
import {
  AddedBeneficiary,
  Beneficiary,
  BeneficiaryPage,
  BeneficiaryQuery,
  CardParams,
  ChangeHead,
  CreateGroup,
  DeactivateBeneficiary,
  Group,
  Household,
  HouseholdParams,
  NewMember,
  RegisterHousehold,
  RegisteredHousehold,
  UpdateBeneficiary,
  UpdateHousehold,
} from './members.schemas.js';

export async function membersRoutes(app: App, { db }: { db: Db }) {
  const ctx = (request: FastifyRequest) => requestContext(db, request);
  const schemeId = (request: FastifyRequest) => request.scheme!.id;
  const tags = ['members'];
  const read = { scope: 'scheme', permission: 'members.read' } as const;
  const write = { scope: 'scheme', permission: 'members.write' } as const;

  app.get('/api/schemes/:scheme/groups', {
    schema: { tags, summary: 'Groups (associations, cooperatives, unions) through which households enrol', params: SchemeParams, response: { 200: Type.Array(Group) } },
    config: read,
  }, async (request) => service.listGroups(ctx(request), schemeId(request)));

  app.post('/api/schemes/:scheme/groups', {
    schema: { tags, summary: 'Add a group', params: SchemeParams, body: CreateGroup, response: { 201: Group } },
    config: write,
  }, async (request, reply) => reply.status(201).send(await service.createGroup(ctx(request), schemeId(request), request.body)));

  app.post('/api/schemes/:scheme/households', {
    schema: {
      tags,
      summary: 'Register a household and its members (exactly one head); possible duplicates come back as warnings; a retry with the same idempotencyKey answers 200 with the first household',
      params: SchemeParams,
      body: RegisterHousehold,
      response: { 201: RegisteredHousehold, 200: RegisteredHousehold },
    },
    config: write,
  }, async (request, reply) => {
    const { replayed, ...result } = await service.registerHousehold(ctx(request), schemeId(request), request.body);
    return reply.status(replayed ? 200 : 201).send({ ...result, warnings: service.localizeWarnings(result.warnings, request.locale) });
  });

  app.get('/api/schemes/:scheme/households/:number', {
    schema: { tags, summary: 'A household and all its members', params: HouseholdParams, response: { 200: Household } },
    config: read,
  }, async (request) => service.getHousehold(ctx(request), schemeId(request), request.params.number));

  app.patch('/api/schemes/:scheme/households/:number', {
    schema: { tags, summary: 'Change a household’s category, group, section, location, phone or address', params: HouseholdParams, body: UpdateHousehold, response: { 200: Household } },
    config: write,
  }, async (request) => service.updateHousehold(ctx(request), schemeId(request), request.params.number, request.body));

  app.post('/api/schemes/:scheme/households/:number/head', {
    schema: { tags, summary: 'Make another active member the head of the household', params: HouseholdParams, body: ChangeHead, response: { 200: Household } },
    config: write,
  }, async (request) => service.changeHead(ctx(request), schemeId(request), request.params.number, request.body));

  app.post('/api/schemes/:scheme/households/:number/members', {
    schema: { tags, summary: 'Add a member to a household', params: HouseholdParams, body: NewMember, response: { 201: AddedBeneficiary } },
    config: write,
  }, async (request, reply) => {
    const result = await service.addBeneficiary(ctx(request), schemeId(request), request.params.number, request.body);
    return reply.status(201).send({ ...result, warnings: service.localizeWarnings(result.warnings, request.locale) });
  });

  app.get('/api/schemes/:scheme/beneficiaries', {
    schema: {
      tags,
      summary: 'Search beneficiaries by name (spelling-tolerant), card, phone, household, location or status',
      params: SchemeParams,
      querystring: BeneficiaryQuery,
      response: { 200: BeneficiaryPage },
    },
    config: read,
  }, async (request) => service.searchBeneficiaries(ctx(request), schemeId(request), request.query));

  app.get('/api/schemes/:scheme/beneficiaries/:card', {
    schema: { tags, summary: 'A beneficiary by card', params: CardParams, response: { 200: Beneficiary } },
    config: read,
  }, async (request) => service.getBeneficiary(ctx(request), schemeId(request), request.params.card));

  app.patch('/api/schemes/:scheme/beneficiaries/:card', {
    schema: { tags, summary: 'Correct a beneficiary’s details', params: CardParams, body: UpdateBeneficiary, response: { 200: Beneficiary } },
    config: write,
  }, async (request) => service.updateBeneficiary(ctx(request), schemeId(request), request.params.card, request.body));

  app.post('/api/schemes/:scheme/beneficiaries/:card/deactivate', {
    schema: {
      tags,
      summary: 'Record a death, a departure or another end of membership; returns the household',
      params: CardParams,
      body: DeactivateBeneficiary,
      response: { 200: Household },
    },
    config: write,
  }, async (request) => service.deactivateBeneficiary(ctx(request), schemeId(request), request.params.card, request.body));
}
