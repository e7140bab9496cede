import type { CoverageStatus, Payer, PaymentMethod, RenewalState } from '../../api/types';
import { allValues } from '../../app/enums';
import type { Tone } from '../../components/badge';

// The coverage module's enums, as lists checked against the API's types.
export const paymentMethods = allValues<PaymentMethod>()(['cash', 'mobile_money', 'bank', 'group_remittance', 'subsidy']);
export const payers = allValues<Payer>()(['member', 'group', 'subsidizer']);
export const coverageStatuses = allValues<CoverageStatus>()(['none', 'pending', 'waiting', 'suspended', 'active']);
export const renewalStates = allValues<RenewalState>()(['due', 'in_grace', 'lapsed']);

/** The colour of a coverage status: covered green, waiting or unpaid amber, suspended or none red. */
export const coverageTone: Record<CoverageStatus, Tone> = { active: 'success', waiting: 'warning', pending: 'warning', suspended: 'danger', none: 'danger' };
export const renewalTone: Record<RenewalState, Tone> = { due: 'info', in_grace: 'warning', lapsed: 'danger' };
