import type { FastifyRequest } from 'fastify';
import type { Db } from '../../platform/db/connection.js';
import { requestContext } from '../../platform/http/context.js';
import { binary, sendFile } from '../../platform/http/files.js';
import { SchemeParams } from '../../platform/http/schemas.js';
import type { App } from '../../platform/http/types.js';
import { getScheme } from '../organizations/index.js';
import { ActivityQuery, AnnualQuery, Dhis2Query } from './reports.schemas.js';
import { dhis2Export, reportFile } from './reports.service.js';

const PDF = 'application/pdf';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export async function reportsRoutes(app: App, { db }: { db: Db }) {
  const ctx = (request: FastifyRequest) => requestContext(db, request);
  const tags = ['reports'];

  app.get('/api/schemes/:scheme/reports/activity', {
    schema: {
      tags,
      summary: 'Activity report for any period (a month, usually): membership, contributions, claims by category and provider, reserves, every indicator with its meaning; PDF or XLSX, in English or French',
      params: SchemeParams,
      querystring: ActivityQuery,
      response: { 200: binary(PDF, XLSX) },
    },
    config: { scope: 'scheme', permission: 'indicators.read' },
  }, async (request, reply) => {
    const c = ctx(request);
    const scheme = await getScheme(c, request.scheme!.code);
    const q = request.query;
    return sendFile(reply, await reportFile(c, scheme, 'activity', q.format ?? 'pdf', q.from, q.to, q.lang ?? request.locale));
  });

  app.get('/api/schemes/:scheme/reports/annual', {
    schema: {
      tags,
      summary: 'Annual report for the general assembly: the activity report of a calendar year with its months; PDF or XLSX, in English or French',
      params: SchemeParams,
      querystring: AnnualQuery,
      response: { 200: binary(PDF, XLSX) },
    },
    config: { scope: 'scheme', permission: 'indicators.read' },
  }, async (request, reply) => {
    const c = ctx(request);
    const scheme = await getScheme(c, request.scheme!.code);
    const q = request.query;
    return sendFile(reply, await reportFile(c, scheme, 'annual', q.format ?? 'pdf', `${q.year}-01-01`, `${q.year}-12-31`, q.lang ?? request.locale));
  });

  app.get('/api/schemes/:scheme/reports/dhis2', {
    schema: {
      tags,
      summary: 'The scheme’s indicators for a national health information system (DHIS2): ADX XML, or dataValueSets JSON for a whole month or year',
      params: SchemeParams,
      querystring: Dhis2Query,
      response: { 200: binary('application/adx+xml', 'application/json') },
    },
    config: { scope: 'scheme', permission: 'indicators.read' },
  }, async (request, reply) => {
    const c = ctx(request);
    const scheme = await getScheme(c, request.scheme!.code);
    return sendFile(reply, await dhis2Export(c, scheme, request.query.format ?? 'adx', request.query.from, request.query.to));
  });
}
