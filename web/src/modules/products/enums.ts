import type { ActivationMode, BenefitCategory, ContributionBasis, ProviderLevel } from '../../api/types';
import { allValues } from '../../app/enums';

// The products module's enums, as lists checked against the API's types.
export const benefitCategories = allValues<BenefitCategory>()([
  'consultation',
  'hospitalization',
  'delivery',
  'caesarean',
  'surgery',
  'drugs',
  'laboratory',
  'imaging',
  'dental',
  'eye_care',
  'antenatal',
  'transport',
  'other',
]);
export const providerLevels = allValues<ProviderLevel>()(['health_post', 'health_centre', 'hospital', 'pharmacy', 'laboratory']);
export const contributionBases = allValues<ContributionBasis>()(['per_person', 'per_household', 'household_lump_sum']);
export const activationModes = allValues<ActivationMode>()(['full_payment', 'first_instalment']);
