import type { PricingInput } from './pricing.schemas.js';

/** The example of spec: pricing.md, field for field. */
export const specExample = (): PricingInput => ({
  format: 'mutua.pricing/1',
  currency: 'XOF',
  persons: 5000,
  averageHouseholdSize: 6.2,
  categories: [
    { category: 'consultation', frequency: 1.2, averageCost: 2000, coverageRate: 0.75, utilizationIncrease: 0.2 },
    { category: 'hospitalization', frequency: 0.04, averageCost: 60000, coverageRate: 0.8, perCaseCeiling: 40000 },
    { category: 'delivery', frequency: 0.03, averageCost: 12000, copayment: 2000 },
  ],
  loadings: { administration: 0.15, reserve: 0.05, reinsurance: 0.02 },
  loadingMethod: 'gross_up',
  roundTo: 100,
  projection: { years: 3, costInflation: 0.05, membershipGrowth: 0.1, renewalRate: 0.8, startingReserve: 0 },
});
