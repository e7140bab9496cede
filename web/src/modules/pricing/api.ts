import { api, call } from '../../api/client';
import type { paths } from '../../api/schema';
import { saveFile } from '../../app/download';

// The pricing module's calls: the calculator (no scheme), the one-page study, a scheme's history.
export type PricingInput = paths['/api/pricing/calculate']['post']['requestBody']['content']['application/json'];
export type PricingResult = paths['/api/pricing/calculate']['post']['responses'][200]['content']['application/json'];
export type PricingHistory = paths['/api/schemes/{scheme}/pricing/history']['get']['responses'][200]['content']['application/json'];
export type PricingCategory = PricingInput['categories'][number];
export type ProjectionYear = PricingResult['projection'][number];

export const pricingSources = ['history', 'shared', 'survey', 'manual'] as const;
export type PricingSource = (typeof pricingSources)[number];

export const calculatePremium = (body: PricingInput) => call(api.POST('/api/pricing/calculate', { body }));

export const pricingHistory = (scheme: string, query: { from: string; to: string; product: string }) =>
  call(api.GET('/api/schemes/{scheme}/pricing/history', { params: { path: { scheme }, query } }));

export const downloadStudy = (input: PricingInput, locale: 'en' | 'fr') =>
  saveFile(api.POST('/api/pricing/study.pdf', { body: { input, locale }, parseAs: 'blob' }), locale === 'fr' ? 'etude-cotisation.pdf' : 'premium-study.pdf');
