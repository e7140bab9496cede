import type { Executor } from '../audit/audit.js';

/**
 * Grants on a provider (a provider clerk's role) name a health facility of a scheme. Access
 * control sits below the module that registers facilities: the providers module depends on the
 * organizations and products modules, and access must not depend on it. So the providers module
 * registers this small directory when it is loaded, and access asks it. Without it (the
 * providers module not loaded) no provider can be named and provider grants give nothing.
 */
export interface ProviderDirectory {
  /** The id of the provider with this code in the scheme; undefined when there is none. */
  findId(db: Executor, schemeId: string, code: string): Promise<string | undefined>;
  /** The scheme and code of each of these providers that exists, by provider id. */
  describe(db: Executor, ids: readonly string[]): Promise<Map<string, { schemeId: string; code: string }>>;
  /** The ids of every provider of these schemes. */
  idsOfSchemes(db: Executor, schemeIds: readonly string[]): Promise<string[]>;
}

let registered: ProviderDirectory | undefined;

export function registerProviderDirectory(directory: ProviderDirectory): void {
  registered = directory;
}

export function providerDirectory(): ProviderDirectory | undefined {
  return registered;
}
