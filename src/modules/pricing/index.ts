// The pricing module's public face: other modules import only this file.
export { pricingRoutes } from './pricing.routes.js';
export { calculatePremium, FEW_CASES, parsePricingInput, SENSITIVITY_STEPS } from './pricing.rules.js';
export { pricingHistory } from './pricing.history.js';
export { studyPdf } from './pricing.pdf.js';
export { loadingMethods, PRICING_FORMAT, pricingSources, type PricingHistory, type PricingInput, type PricingResult } from './pricing.schemas.js';
