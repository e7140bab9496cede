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

/** Whether the user holds the permission on this scheme (through the platform, its federation or the scheme itself). */
export function canOnScheme(me: Me, permission: Permission, scheme: Pick<Scheme, 'code' | 'federation'>): boolean {
  return me.grants.some((g) => {
    if (!roleAllows(g.role, permission)) return false;
    if (g.scopeType === 'platform') return true;
    if (g.scopeType === 'federation') return scheme.federation !== null && g.scope === scheme.federation;
    if (g.scopeType === 'scheme') return g.scope === scheme.code;
    return false;
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
  if (grant.role === 'platform_admin' || grant.scopeType !== 'scheme') return false;
  const scheme = schemes.find((s) => s.code === grant.scope);
  return scheme !== undefined && canOnScheme(me, 'users.manage', scheme);
}

/** Whether the user may deactivate or reactivate another user: one of their scheme roles is in a scheme the user manages. */
export function canManageUser(me: Me, user: { id: string; grants: Pick<Grant, 'role' | 'scopeType' | 'scope'>[] }, schemes: Scheme[]): boolean {
  if (user.id === me.id) return false;
  if (hasOnPlatform(me, 'users.manage')) return true;
  return user.grants.some((g) => g.scopeType === 'scheme' && canManageGrant(me, g, schemes));
}
