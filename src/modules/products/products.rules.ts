import type { ErrorDetail } from '../../platform/errors.js';
import type { Benefit, VersionDefinition } from './products.schemas.js';

/** A version with every optional field at its default, as the rules engine reads it. */
export interface ResolvedVersion {
  effectiveFrom: string;
  coverageMonths: number;
  contribution: VersionDefinition['contribution'];
  joiningFee: number;
  cardFee: number;
  instalments: number;
  activation: 'full_payment' | 'first_instalment';
  gracePeriodDays: number;
  waitingPeriodDays: number;
  /** null: no deadline */
  claimDeadlineDays: number | null;
  benefits: Benefit[];
  exclusions: string[];
}

/** Defaults for fields a product may leave out; documented in the products README. */
export function resolveVersion(v: VersionDefinition): ResolvedVersion {
  return {
    effectiveFrom: v.effectiveFrom,
    coverageMonths: v.coverageMonths,
    contribution: v.contribution,
    joiningFee: v.joiningFee ?? 0,
    cardFee: v.cardFee ?? 0,
    instalments: v.instalments ?? 1,
    activation: v.activation ?? 'full_payment',
    gracePeriodDays: v.gracePeriodDays ?? 0,
    waitingPeriodDays: v.waitingPeriodDays ?? 0,
    claimDeadlineDays: v.claimDeadlineDays ?? null,
    benefits: v.benefits,
    exclusions: v.exclusions ?? [],
  };
}

/**
 * Coherence checks the schema cannot express. Returns every problem, each naming its field
 * relative to `prefix` (e.g. `versions[0].benefits[2].maxAge`).
 */
export function checkVersion(v: VersionDefinition, prefix: string): ErrorDetail[] {
  const details: ErrorDetail[] = [];
  const at = (field: string, message: string) => details.push({ field: `${prefix}.${field}`, message });
  const instalments = v.instalments ?? 1;
  if (v.coverageMonths % instalments !== 0) at('instalments', `${instalments} instalments do not divide ${v.coverageMonths} months`);
  const seen = new Set<string>();
  v.benefits.forEach((b, i) => {
    const hasRate = b.coverageRate !== undefined && b.coverageRate !== null;
    const hasCopay = b.copayment !== undefined && b.copayment !== null;
    if (hasRate === hasCopay) at(`benefits[${i}]`, 'give either coverageRate or copayment, not both or neither');
    if (seen.has(b.category)) at(`benefits[${i}].category`, `${b.category} has two benefit lines`);
    seen.add(b.category);
    if (b.minAge != null && b.maxAge != null && b.minAge > b.maxAge) at(`benefits[${i}].maxAge`, 'is below minAge');
    if (b.maxUsesPerPeriod === 0) at(`benefits[${i}].maxUsesPerPeriod`, 'must be at least 1 (leave it out for no limit)');
    if (b.ceilingPerBeneficiary != null && b.ceilingPerHousehold != null && b.ceilingPerBeneficiary > b.ceilingPerHousehold) {
      at(`benefits[${i}].ceilingPerBeneficiary`, 'is above ceilingPerHousehold');
    }
  });
  return details;
}

export function checkVersions(versions: VersionDefinition[], prefix = 'versions'): ErrorDetail[] {
  const details = versions.flatMap((v, i) => checkVersion(v, `${prefix}[${i}]`));
  const dates = new Map<string, number>();
  versions.forEach((v, i) => {
    if (dates.has(v.effectiveFrom)) details.push({ field: `${prefix}[${i}].effectiveFrom`, message: `another version is effective from ${v.effectiveFrom}` });
    dates.set(v.effectiveFrom, i);
  });
  return details;
}

/** The version effective on a date: the latest whose effectiveFrom is on or before it. */
export function versionOn<T extends { effectiveFrom: string }>(versions: T[], date: string): T | undefined {
  let best: T | undefined;
  for (const v of versions) if (v.effectiveFrom <= date && (!best || v.effectiveFrom > best.effectiveFrom)) best = v;
  return best;
}
