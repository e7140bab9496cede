import { Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import type { Db } from '../../platform/db/connection.js';
import { requestContext } from '../../platform/http/context.js';
import { SchemeParams } from '../../platform/http/schemas.js';
import type { App } from '../../platform/http/types.js';
import { wordReport } from './providers.files.js';
import {
  AddAgreement,
  Agreement,
  CreateProvider,
  CreateService,
  Diagnosis,
  DiagnosisQuery,
  ImportQuery,
  ImportReport,
  ImportUpload,
  Provider,
  ProviderDetail,
  ProviderParams,
  ProviderQuery,
  Service,
  ServiceParams,
  ServiceQuery,
  TariffQuery,
  UpdateProvider,
  UpdateService,
} from './providers.schemas.js';
import * as service from './providers.service.js';

/** The largest catalogue file taken over HTTP: 20 MiB (a national drug list is a few MiB). */
const MAX_CATALOGUE_BYTES = 20 * 1024 * 1024;

/** The file's bytes from base64, with or without the `data:…;base64,` prefix a browser's FileReader gives. */
function bytesOf(content: string): Buffer {
  const comma = content.startsWith('data:') ? content.indexOf(',') : -1;
  return Buffer.from(comma >= 0 ? content.slice(comma + 1) : content, 'base64');
}

export async function providersRoutes(app: App, { db }: { db: Db }) {
  const ctx = (request: FastifyRequest) => requestContext(db, request);
  const read = { scope: 'scheme' as const, permission: 'providers.read' as const };
  const manage = { scope: 'scheme' as const, permission: 'providers.manage' as const };

  // ---------------------------------------------------------------- service catalogue
  {
    const tags = ['services'];
    app.get('/api/schemes/:scheme/services', {
      schema: { tags, summary: 'The scheme’s catalogue of services, drugs and supplies (filter by category, kind, active; q: a code prefix or words of the name)', params: SchemeParams, querystring: ServiceQuery, response: { 200: Type.Array(Service) } },
      config: read,
    }, async (request) => service.listServices(ctx(request), request.scheme!.id, request.query));

    app.post('/api/schemes/:scheme/services', {
      schema: { tags, summary: 'Add a service, drug or supply to the catalogue', params: SchemeParams, body: CreateService, response: { 201: Service } },
      config: manage,
    }, async (request, reply) => reply.status(201).send(await service.createService(ctx(request), request.scheme!.id, request.body)));

    app.patch('/api/schemes/:scheme/services/:service', {
      schema: { tags, summary: 'Change a service’s name, category, kind or active flag (its code never changes)', params: ServiceParams, body: UpdateService, response: { 200: Service } },
      config: manage,
    }, async (request) => service.updateService(ctx(request), request.scheme!.id, request.params.service, request.body));

    app.post('/api/schemes/:scheme/services/import', {
      schema: {
        tags,
        summary:
          'Import a catalogue file (CSV or XLSX, base64: code, name, category, kind, active). All or nothing: the report lists every bad row by row and column; `dryRun` writes nothing; a code that exists with other data is an error unless `update`',
        params: SchemeParams,
        querystring: ImportQuery,
        body: ImportUpload,
        response: { 200: ImportReport },
      },
      bodyLimit: Math.ceil(MAX_CATALOGUE_BYTES / 3) * 4 + 64 * 1024,
      config: manage,
    }, async (request) => {
      const { fileName, content, sheet } = request.body;
      const report = await service.importCatalogue(ctx(request), request.scheme!.id, {
        file: { fileName, bytes: bytesOf(content), sheet: sheet ?? null },
        dryRun: request.query.dryRun,
        update: request.query.update,
      });
      return wordReport(report, request.locale);
    });
  }

  // ---------------------------------------------------------------- diagnoses
  // ICD-10 is reference data shared by every scheme, not scheme data: no scheme in the path.
  // Whoever reads claims somewhere may search it (to enter or review a claim); nothing to filter.
  app.get('/api/diagnoses', {
    schema: { tags: ['diagnoses'], summary: 'ICD-10 diagnoses whose code starts with q, or whose title holds its words (at most 50)', querystring: DiagnosisQuery, response: { 200: Type.Array(Diagnosis) } },
    config: { scope: 'any', permission: 'claims.read' },
  }, async (request) => service.searchDiagnoses({ db }, request.query));

  // ---------------------------------------------------------------- providers and agreements
  {
    const tags = ['providers'];
    app.get('/api/schemes/:scheme/providers', {
      schema: { tags, summary: 'Health facilities of the scheme (a provider clerk sees their own); filter by level, active, q (code prefix or words of the name)', params: SchemeParams, querystring: ProviderQuery, response: { 200: Type.Array(Provider) } },
      config: read,
    }, async (request) => service.listProviders(ctx(request), request.scheme!.id, request.query));

    app.post('/api/schemes/:scheme/providers', {
      schema: { tags, summary: 'Register a health facility', params: SchemeParams, body: CreateProvider, response: { 201: ProviderDetail } },
      config: manage,
    }, async (request, reply) => reply.status(201).send(await service.createProvider(ctx(request), request.scheme!.id, request.body)));

    app.get('/api/schemes/:scheme/providers/:provider', {
      schema: { tags, summary: 'One provider with its agreement versions and their tariffs', params: ProviderParams, response: { 200: ProviderDetail } },
      config: read,
    }, async (request) => service.getProvider(ctx(request), request.scheme!.id, request.params.provider));

    app.patch('/api/schemes/:scheme/providers/:provider', {
      schema: { tags, summary: 'Change a provider’s details (its code never changes)', params: ProviderParams, body: UpdateProvider, response: { 200: ProviderDetail } },
      config: manage,
    }, async (request) => service.updateProvider(ctx(request), request.scheme!.id, request.params.provider, request.body));

    app.post('/api/schemes/:scheme/providers/:provider/agreements', {
      schema: {
        tags,
        summary: 'Add an agreement version (a tariff change is a new version: one starting inside the current version closes it the day before); versions never overlap',
        params: ProviderParams,
        body: AddAgreement,
        response: { 201: ProviderDetail },
      },
      config: manage,
    }, async (request, reply) => reply.status(201).send(await service.addAgreement(ctx(request), request.scheme!.id, request.params.provider, request.body)));

    app.get('/api/schemes/:scheme/providers/:provider/tariff', {
      schema: { tags, summary: 'The agreement valid on a date, with its tariff', params: ProviderParams, querystring: TariffQuery, response: { 200: Agreement } },
      config: read,
    }, async (request) => service.tariffOn(ctx(request), request.scheme!.id, request.params.provider, request.query.date));
  }
}
