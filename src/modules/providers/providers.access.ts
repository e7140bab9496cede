import { registerProviderDirectory, type ProviderDirectory } from '../../platform/auth/provider-directory.js';
import * as repo from './providers.repository.js';

/**
 * How access control finds providers for grants on them (the provider clerk's role), without
 * depending on this module: see src/platform/auth/provider-directory.ts. Registered when this
 * module is loaded, as the server and the CLI do at start-up through index.ts.
 */
export const providerDirectory: ProviderDirectory = {
  async findId(db, schemeId, code) {
    return (await repo.providerIdByCode(db, schemeId, code))?.id;
  },
  async describe(db, ids) {
    const rows = await repo.providersByIds(db, ids);
    return new Map(rows.map((r) => [r.id, { schemeId: r.scheme_id, code: r.code }]));
  },
  async idsOfSchemes(db, schemeIds) {
    return (await repo.providerIdsOfSchemes(db, schemeIds)).map((r) => r.id);
  },
};

registerProviderDirectory(providerDirectory);
