import { roleDefinitions, roles, type Permission } from '../../../src/platform/auth/roles.js';
import type { Grant, Me, Role, Scheme, ScopeType } from '../api/types';

// Roles and permissions are defined once, on the server (src/platform/auth/roles.ts), and shared
// here. These checks only decide what the interface offers; the API enforces access itself.
export { roles, type Permission };

export function roleAllows(role: Role, permission: Permission): boolean {
  return roleDefinitions[role].permissions.includes(permission);
}

/** The scope types a role can be granted on (a scheme manager on a scheme, an auditor on several). */
export function scopesOfRole(role: Role): readonly ScopeType[] {
  return roleDefinitions[role].scopes;
}

export function hasAnywhere(me: Me, permission: Permission): boolean {
  return me.permissions.includes(permission);
}

export function hasOnPlatform(me: Me, permission: Permission): boolean {
  return me.grants.some((g) => g.scopeType === 'platform' && roleAllows(g.role, permission));
}

/** A grant on a provider names it `SCHEME/PROVIDER`; its scheme and provider codes. */
export function providerScope(scope: string | null): { scheme: string; provider: string } | undefined {
  const slash = scope?.indexOf('/') ?? -1;
  return scope && slash > 0 ? { scheme: scope.slice(0, slash), provider: scope.slice(slash + 1) } : undefined;
}

/**
 * Whether the user holds the permission on this scheme (through the platform, its federation, the
 * scheme itself, or a provider of the scheme — a provider clerk works inside their facility's
 * scheme, and the API narrows what they see to that facility).
 */
export function canOnScheme(me: Me, permission: Permission, scheme: Pick<Scheme, 'code' | 'federation'>): boolean {
  return me.grants.some((g) => {
    if (!roleAllows(g.role, permission)) return false;
    if (g.scopeType === 'platform') return true;
    if (g.scopeType === 'federation') return scheme.federation !== null && g.scope === scheme.federation;
    if (g.scopeType === 'scheme') return g.scope === scheme.code;
    return providerScope(g.scope)?.scheme === scheme.code;
  });
}

/**
 * The providers of this scheme the user acts for when the permission comes only from grants on
 * providers (a provider clerk); undefined when it holds for the whole scheme.
 */
export function ownProviders(me: Me, permission: Permission, scheme: Pick<Scheme, 'code' | 'federation'>): string[] | undefined {
  const wide = me.grants.some(
    (g) =>
      roleAllows(g.role, permission) &&
      (g.scopeType === 'platform' || (g.scopeType === 'scheme' && g.scope === scheme.code) || (g.scopeType === 'federation' && scheme.federation !== null && g.scope === scheme.federation)),
  );
  if (wide) return undefined;
  return me.grants.flatMap((g) => {
    const p = g.scopeType === 'provider' && roleAllows(g.role, permission) ? providerScope(g.scope) : undefined;
    return p && p.scheme === scheme.code ? [p.provider] : [];
  });
}

/** Federations in which the user may manage organizations (where a federation officer creates schemes). */
export function federationsManaged(me: Me): string[] {
  return me.grants.filter((g) => g.scopeType === 'federation' && g.scope && roleAllows(g.role, 'organizations.manage')).map((g) => g.scope!);
}

/** Whether the user may create a scheme somewhere: the platform, or a federation they manage. */
export function canCreateScheme(me: Me): boolean {
  return hasOnPlatform(me, 'platform.manage') || federationsManaged(me).length > 0;
}

/** Whether the user may take this grant away (the API decides in the end; this hides what it would refuse). */
export function canManageGrant(me: Me, grant: Pick<Grant, 'role' | 'scopeType' | 'scope'>, schemes: Scheme[]): boolean {
  if (hasOnPlatform(me, 'users.manage')) return true;
  if (grant.role === 'platform_admin') return false;
  // A grant on a provider is managed by those who manage users of the provider's scheme.
  const code = grant.scopeType === 'scheme' ? grant.scope : grant.scopeType === 'provider' ? providerScope(grant.scope)?.scheme : undefined;
  const scheme = schemes.find((s) => s.code === code);
  return scheme !== undefined && canOnScheme(me, 'users.manage', scheme);
}

/** Whether the user may deactivate or reactivate another user: one of their scheme roles is in a scheme the user manages. */
export function canManageUser(me: Me, user: { id: string; grants: Pick<Grant, 'role' | 'scopeType' | 'scope'>[] }, schemes: Scheme[]): boolean {
  if (user.id === me.id) return false;
  if (hasOnPlatform(me, 'users.manage')) return true;
  return user.grants.some((g) => (g.scopeType === 'scheme' || g.scopeType === 'provider') && canManageGrant(me, g, schemes));
}
