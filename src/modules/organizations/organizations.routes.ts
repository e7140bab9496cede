import { Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import { requestContext } from '../../platform/http/context.js';
import type { App } from '../../platform/http/types.js';
import { Code, SchemeParams } from '../../platform/http/schemas.js';
import type { Db } from '../../platform/db/connection.js';
import * as service from './organizations.service.js';
import {
  CreateFederation,
  CreateLocation,
  CreateScheme,
  CreateSection,
  Federation,
  Location,
  LocationLevel,
  LocationQuery,
  Scheme,
  Section,
  SetLocationLevels,
  UpdateFederation,
  UpdateScheme,
  UpdateSection,
} from './organizations.schemas.js';
import { ForbiddenError } from '../../platform/auth/errors.js';

const FederationParams = Type.Object({ federation: Code('The federation code') }, { additionalProperties: false });
const SectionParams = Type.Object({ scheme: Code('The scheme code'), section: Code('The section code') }, { additionalProperties: false });

export async function organizationsRoutes(app: App, { db }: { db: Db }) {
  const ctx = (request: FastifyRequest) => requestContext(db, request);
  const tags = ['organizations'];

  app.get('/api/federations', {
    schema: { tags, summary: 'Federations the user can see', response: { 200: Type.Array(Federation) } },
    config: { scope: 'any', permission: 'organizations.read' },
  }, async (request) => service.listFederations(ctx(request)));

  app.post('/api/federations', {
    schema: { tags, summary: 'Create a federation', body: CreateFederation, response: { 201: Federation } },
    config: { scope: 'platform', permission: 'platform.manage' },
  }, async (request, reply) => reply.status(201).send(await service.createFederation(ctx(request), request.body)));

  app.get('/api/federations/:federation', {
    schema: { tags, summary: 'One federation', params: FederationParams, response: { 200: Federation } },
    config: { scope: 'federation', permission: 'organizations.read' },
  }, async (request) => service.getFederation(ctx(request), request.params.federation));

  app.patch('/api/federations/:federation', {
    schema: { tags, summary: 'Rename a federation', params: FederationParams, body: UpdateFederation, response: { 200: Federation } },
    config: { scope: 'federation', permission: 'organizations.manage' },
  }, async (request) => service.updateFederation(ctx(request), request.params.federation, request.body));

  app.get('/api/schemes', {
    schema: {
      tags,
      summary: 'Schemes the user can see',
      querystring: Type.Object({ federation: Type.Optional(Code('Federation code')) }, { additionalProperties: false }),
      response: { 200: Type.Array(Scheme) },
    },
    config: { scope: 'any', permission: 'organizations.read' },
  }, async (request) => service.listSchemes(ctx(request), request.query.federation));

  app.post('/api/schemes', {
    schema: { tags, summary: 'Create a scheme (platform administrators, or federation officers in their federation)', body: CreateScheme, response: { 201: Scheme } },
    config: { scope: 'any', permission: 'organizations.manage' },
  }, async (request, reply) => {
    const principal = request.principal!;
    // Creating a scheme is a platform act, or a federation's inside its own federation.
    if (!principal.hasOnPlatform('platform.manage')) {
      const federation = request.body.federation ? await service.resolveFederation({ db }, request.body.federation) : undefined;
      if (!federation || !principal.can('organizations.manage', { federationId: federation.id })) throw new ForbiddenError();
    }
    return reply.status(201).send(await service.createScheme(ctx(request), request.body));
  });

  app.get('/api/schemes/:scheme', {
    schema: { tags, summary: 'One scheme', params: SchemeParams, response: { 200: Scheme } },
    config: { scope: 'scheme', permission: 'organizations.read' },
  }, async (request) => service.getScheme(ctx(request), request.params.scheme));

  app.patch('/api/schemes/:scheme', {
    schema: { tags, summary: 'Change a scheme’s name, target population or settings', params: SchemeParams, body: UpdateScheme, response: { 200: Scheme } },
    config: { scope: 'scheme', permission: 'organizations.manage' },
  }, async (request) => service.updateScheme(ctx(request), request.params.scheme, request.body));

  app.get('/api/schemes/:scheme/sections', {
    schema: { tags, summary: 'Sections (local committees) of a scheme', params: SchemeParams, response: { 200: Type.Array(Section) } },
    config: { scope: 'scheme', permission: 'organizations.read' },
  }, async (request) => service.listSections(ctx(request), request.scheme!.id));

  app.post('/api/schemes/:scheme/sections', {
    schema: { tags, summary: 'Add a section', params: SchemeParams, body: CreateSection, response: { 201: Section } },
    config: { scope: 'scheme', permission: 'organizations.manage' },
  }, async (request, reply) => reply.status(201).send(await service.createSection(ctx(request), request.scheme!.id, request.body)));

  app.patch('/api/schemes/:scheme/sections/:section', {
    schema: { tags, summary: 'Rename or move a section', params: SectionParams, body: UpdateSection, response: { 200: Section } },
    config: { scope: 'scheme', permission: 'organizations.manage' },
  }, async (request) => service.updateSection(ctx(request), request.scheme!.id, request.params.section, request.body));

  app.get('/api/location-levels', {
    schema: { tags, summary: 'The location hierarchy', response: { 200: Type.Array(LocationLevel) } },
    config: { scope: 'authenticated' },
  }, async () => service.listLocationLevels({ db }));

  app.put('/api/location-levels', {
    schema: { tags, summary: 'Set the location hierarchy', body: SetLocationLevels, response: { 200: Type.Array(LocationLevel) } },
    config: { scope: 'platform', permission: 'platform.manage' },
  }, async (request) => service.setLocationLevels(ctx(request), request.body));

  app.get('/api/locations', {
    schema: { tags, summary: 'Locations under a parent, or matching a search', querystring: LocationQuery, response: { 200: Type.Array(Location) } },
    config: { scope: 'authenticated' },
  }, async (request) => service.listLocations({ db }, request.query));

  app.post('/api/locations', {
    schema: { tags, summary: 'Add a location', body: CreateLocation, response: { 201: Location } },
    config: { scope: 'platform', permission: 'platform.manage' },
  }, async (request, reply) => reply.status(201).send(await service.createLocation(ctx(request), request.body)));

  app.get('/api/federations/:federation/schemes', {
    schema: { tags, summary: 'Schemes of a federation', params: FederationParams, response: { 200: Type.Array(Scheme) } },
    config: { scope: 'federation', permission: 'organizations.read' },
  }, async (request) => service.listSchemes(ctx(request), request.params.federation));
}
