import type { Db } from '../../platform/db/connection.js';
import { SchemeParams } from '../../platform/http/schemas.js';
import type { App } from '../../platform/http/types.js';
import { pricingHistory } from './pricing.history.js';
import { studyPdf } from './pricing.pdf.js';
import { calculatePremium, parsePricingInput } from './pricing.rules.js';
import { HistoryQuery, PricingHistory, PricingInput, PricingResult, StudyRequest } from './pricing.schemas.js';

export async function pricingRoutes(app: App, { db }: { db: Db }) {
  const tags = ['pricing'];
  // The route schema checks the shape (errors name the JSON path, `categories[1].coverageRate`);
  // parsePricingInput adds what a schema cannot say, as it does for the CLI.

  app.post('/api/pricing/calculate', {
    schema: { tags, summary: 'Premium calculation and projection of a mutua.pricing/1 input (spec: pricing.md); writes nothing', body: PricingInput, response: { 200: PricingResult } },
    // No scheme: the calculator works on figures, not on a scheme's records.
    config: { scope: 'any', permission: 'pricing.use' },
  }, async (request) => calculatePremium(parsePricingInput(request.body, request.locale)));

  app.post('/api/pricing/study.pdf', {
    schema: {
      tags,
      summary: 'The one-page study for a general assembly (A4 PDF, English or French)',
      body: StudyRequest,
      response: { 200: { description: 'The file', content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } } } },
    },
    config: { scope: 'any', permission: 'pricing.use' },
  }, async (request, reply) => {
    const input = parsePricingInput(request.body.input, request.locale, 'input');
    const locale = request.body.locale ?? request.locale;
    const bytes = await studyPdf(input, calculatePremium(input), locale);
    return reply.header('content-type', 'application/pdf').header('content-disposition', 'inline; filename="premium-study.pdf"').header('cache-control', 'no-store').send(bytes);
  });

  app.get('/api/schemes/:scheme/pricing/history', {
    schema: { tags, summary: 'Frequencies and costs per case from the scheme’s own claims, and a ready mutua.pricing/1 input', params: SchemeParams, querystring: HistoryQuery, response: { 200: PricingHistory } },
    config: { scope: 'scheme', permission: 'pricing.use' },
  }, async (request) => pricingHistory({ db }, request.scheme!, request.query));
}
