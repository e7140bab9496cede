import type { BeneficiaryStatus, DeactivationReason, GroupKind, HouseholdCategory, Relationship, Sex } from '../../api/types';
import { allValues } from '../../app/enums';

// The members module's enums, as lists checked against the API's types.
export const groupKinds = allValues<GroupKind>()(['association', 'cooperative', 'union', 'other']);
export const householdCategories = allValues<HouseholdCategory>()(['regular', 'indigent', 'group']);
export const sexes = allValues<Sex>()(['F', 'M']);
export const relationships = allValues<Relationship>()(['head', 'spouse', 'child', 'parent', 'other']);
export const beneficiaryStatuses = allValues<BeneficiaryStatus>()(['active', 'deceased', 'departed', 'inactive']);
export const deactivationReasons = allValues<DeactivationReason>()(['death', 'departure', 'other']);
/** Relationships other than head (a head changes through "Change the head"). */
export const memberRelationships = relationships.filter((r) => r !== 'head');
