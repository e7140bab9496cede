// The indicators module's public face: other modules import only this file.
export { indicatorsRoutes } from './indicators.routes.js';
export { allIndicatorCodes, directScopeFacts, indicatorSeries, indicatorsReport, plainIndicators, putThresholds, thresholdsOf, type IndicatorScope, type ReportOptions } from './indicators.service.js';
export { rebuildSummaries, refreshSummaries, summaryScopeFacts, type LedgerReader } from './indicators.summaries.js';
export { computeIndicators, defaultThresholds, levelOf, type Indicator, type ScopeFacts } from './indicators.rules.js';
export { IndicatorSeries, IndicatorsReport, ThresholdView } from './indicators.schemas.js';
export type { IndicatorsTables } from './indicators.table.js';
