import type { AgreementPaymentMethod, ProviderType, ServiceKind } from '../../api/types';
import { allValues } from '../../app/enums';

// The providers module's enums, as lists checked against the API's types.
export const serviceKinds = allValues<ServiceKind>()(['service', 'drug', 'supply']);
export const providerTypes = allValues<ProviderType>()(['public', 'private', 'confessional', 'community']);
export const agreementPaymentMethods = allValues<AgreementPaymentMethod>()(['fee_for_service', 'capitation', 'flat_rate']);
