import { api, call } from '../../api/client';
import type { paths } from '../../api/schema';

// The indicators module's calls.
export type IndicatorsReport = paths['/api/schemes/{scheme}/indicators']['get']['responses'][200]['content']['application/json'];
export type IndicatorView = IndicatorsReport['indicators'][number];
export type IndicatorSeries = paths['/api/schemes/{scheme}/indicators/series']['get']['responses'][200]['content']['application/json'];

export const schemeIndicators = (scheme: string, from: string, to: string) =>
  call(api.GET('/api/schemes/{scheme}/indicators', { params: { path: { scheme }, query: { from, to } } }));

export const schemeIndicatorSeries = (scheme: string, from: string, to: string, code: string) =>
  call(api.GET('/api/schemes/{scheme}/indicators/series', { params: { path: { scheme }, query: { from, to, code } } }));
