import type { FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import { schemeIdsOfFederations } from '../organizations/index.js';
import type { Db } from '../../platform/db/connection.js';
import { requestContext } from '../../platform/http/context.js';
import { SchemeParams } from '../../platform/http/schemas.js';
import type { App } from '../../platform/http/types.js';
import { FederationParams, IndicatorSeries, IndicatorsQuery, IndicatorsReport, PutThresholds, SeriesQuery, ThresholdView } from './indicators.schemas.js';
import { indicatorSeries, indicatorsReport, putThresholds, thresholdsOf, type IndicatorScope } from './indicators.service.js';

export async function indicatorsRoutes(app: App, { db }: { db: Db }) {
  const ctx = (request: FastifyRequest) => requestContext(db, request);
  const tags = ['indicators'];

  const schemeScope = (request: FastifyRequest): IndicatorScope => ({ kind: 'scheme', code: request.scheme!.code, schemeIds: [request.scheme!.id] });
  const federationScope = async (request: FastifyRequest): Promise<IndicatorScope> => ({
    kind: 'federation',
    code: request.federation!.code,
    schemeIds: await schemeIdsOfFederations({ db }, [request.federation!.id]),
  });
  const allScope: IndicatorScope = { kind: 'all', code: null, schemeIds: undefined };

  app.get('/api/schemes/:scheme/indicators', {
    schema: { tags, summary: 'Monitoring indicators of a scheme for a period, with last year’s and their thresholds', params: SchemeParams, querystring: IndicatorsQuery, response: { 200: IndicatorsReport } },
    config: { scope: 'scheme', permission: 'indicators.read' },
  }, async (request) => indicatorsReport(ctx(request), schemeScope(request), request.query, request.locale));

  app.get('/api/schemes/:scheme/indicators/series', {
    schema: { tags, summary: 'One indicator of a scheme, month by month', params: SchemeParams, querystring: SeriesQuery, response: { 200: IndicatorSeries } },
    config: { scope: 'scheme', permission: 'indicators.read' },
  }, async (request) => indicatorSeries(ctx(request), schemeScope(request), request.query));

  app.get('/api/schemes/:scheme/indicators/thresholds', {
    schema: { tags, summary: 'The scheme’s indicator thresholds (its own, else the defaults)', params: SchemeParams, response: { 200: Type.Array(ThresholdView) } },
    config: { scope: 'scheme', permission: 'indicators.read' },
  }, async (request) => thresholdsOf(ctx(request), request.scheme!.id));

  app.put('/api/schemes/:scheme/indicators/thresholds', {
    schema: { tags, summary: 'Set some of the scheme’s indicator thresholds, or reset them to the defaults', params: SchemeParams, body: PutThresholds, response: { 200: Type.Array(ThresholdView) } },
    config: { scope: 'scheme', permission: 'organizations.manage' },
  }, async (request) => putThresholds(ctx(request), request.scheme!.id, request.body));

  app.get('/api/federations/:federation/indicators', {
    schema: { tags, summary: 'Monitoring indicators of a federation’s schemes together (numerators and denominators summed)', params: FederationParams, querystring: IndicatorsQuery, response: { 200: IndicatorsReport } },
    config: { scope: 'federation', permission: 'indicators.read' },
  }, async (request) => indicatorsReport(ctx(request), await federationScope(request), request.query, request.locale));

  app.get('/api/federations/:federation/indicators/series', {
    schema: { tags, summary: 'One indicator of a federation, month by month', params: FederationParams, querystring: SeriesQuery, response: { 200: IndicatorSeries } },
    config: { scope: 'federation', permission: 'indicators.read' },
  }, async (request) => indicatorSeries(ctx(request), await federationScope(request), request.query));

  app.get('/api/indicators', {
    schema: { tags, summary: 'Monitoring indicators of every scheme together', querystring: IndicatorsQuery, response: { 200: IndicatorsReport } },
    config: { scope: 'platform', permission: 'indicators.read' },
  }, async (request) => indicatorsReport(ctx(request), allScope, request.query, request.locale));

  app.get('/api/indicators/series', {
    schema: { tags, summary: 'One indicator of every scheme together, month by month', querystring: SeriesQuery, response: { 200: IndicatorSeries } },
    config: { scope: 'platform', permission: 'indicators.read' },
  }, async (request) => indicatorSeries(ctx(request), allScope, request.query));
}
