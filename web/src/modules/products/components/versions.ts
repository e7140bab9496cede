import type { Product } from '../../../api/types';

/** The version in force on a date: the latest that started on or before it. */
export function versionOn(product: Product, date: string) {
  return [...product.versions].filter((v) => v.definition.effectiveFrom <= date).sort((a, b) => b.definition.effectiveFrom.localeCompare(a.definition.effectiveFrom))[0];
}
