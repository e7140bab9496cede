import type { Permission, Role, ScopeType } from './roles.js';
import { roleAllows } from './roles.js';

export interface Grant {
  id: string;
  role: Role;
  scopeType: ScopeType;
  scopeId: string | null;
}

/** Where a record lives, for access checks. */
export interface Target {
  schemeId?: string | null;
  federationId?: string | null;
  providerId?: string | null;
}

/**
 * The signed-in user and what they may do. `can` answers for one target; `schemeFilter` gives
 * the schemes a list query may show (undefined = all of them).
 */
export class Principal {
  constructor(
    readonly userId: string,
    readonly username: string,
    readonly displayName: string,
    readonly locale: string,
    readonly grants: Grant[],
    /** For grants on providers: the scheme of each provider, by provider id (filled by access when the principal is loaded). */
    readonly providerSchemes: Map<string, string> = new Map(),
  ) {}

  get label(): string {
    return this.username;
  }

  isPlatformAdmin(): boolean {
    return this.grants.some((g) => g.role === 'platform_admin');
  }

  /** Whether some grant gives this permission anywhere. */
  hasAnywhere(permission: Permission): boolean {
    return this.grants.some((g) => roleAllows(g.role, permission));
  }

  hasOnPlatform(permission: Permission): boolean {
    return this.grants.some((g) => g.scopeType === 'platform' && roleAllows(g.role, permission));
  }

  can(permission: Permission, target: Target): boolean {
    return this.grants.some((g) => {
      if (!roleAllows(g.role, permission)) return false;
      switch (g.scopeType) {
        case 'platform':
          return true;
        case 'federation':
          return Boolean(target.federationId) && g.scopeId === target.federationId;
        case 'scheme':
          return Boolean(target.schemeId) && g.scopeId === target.schemeId;
        case 'provider':
          return (
            (Boolean(target.providerId) && g.scopeId === target.providerId) ||
            (!target.providerId && Boolean(target.schemeId) && this.providerSchemes.get(g.scopeId ?? '') === target.schemeId)
          );
      }
    });
  }

  /** Scopes on which the permission is held, for filtering lists. Undefined means everywhere. */
  scopesFor(permission: Permission): { schemeIds: string[]; federationIds: string[]; providerIds: string[] } | undefined {
    const result = { schemeIds: [] as string[], federationIds: [] as string[], providerIds: [] as string[] };
    for (const g of this.grants) {
      if (!roleAllows(g.role, permission)) continue;
      if (g.scopeType === 'platform') return undefined;
      if (g.scopeType === 'scheme' && g.scopeId) result.schemeIds.push(g.scopeId);
      if (g.scopeType === 'federation' && g.scopeId) result.federationIds.push(g.scopeId);
      if (g.scopeType === 'provider' && g.scopeId) {
        result.providerIds.push(g.scopeId);
        const scheme = this.providerSchemes.get(g.scopeId);
        if (scheme) result.schemeIds.push(scheme);
      }
    }
    return result;
  }
}
