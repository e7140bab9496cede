/**
 * Roles, permissions and scopes: defined once here and shared with the web app. A role is granted
 * on a scope; what a role may do is the list of permissions below, anywhere inside that scope
 * (a federation's scope holds its schemes).
 */
export const permissions = [
  'platform.manage',
  'organizations.read',
  'organizations.manage',
  'users.read',
  'users.manage',
  'audit.read',
  'products.read',
  'products.manage',
  'members.read',
  'members.write',
  'contributions.read',
  'contributions.write',
  'eligibility.check',
  'providers.read',
  'providers.manage',
  'claims.read',
  'claims.submit',
  'claims.review',
  'claims.pay',
  'finance.read',
  'finance.write',
  'indicators.read',
  'pricing.use',
] as const;
export type Permission = (typeof permissions)[number];

export const scopeTypes = ['platform', 'federation', 'scheme', 'provider'] as const;
export type ScopeType = (typeof scopeTypes)[number];

export const roles = [
  'platform_admin',
  'federation_officer',
  'scheme_manager',
  'enrolment_agent',
  'claims_officer',
  'treasurer',
  'provider_clerk',
  'auditor',
] as const;
export type Role = (typeof roles)[number];

const readAll: Permission[] = permissions.filter((p) => p.endsWith('.read'));

export const roleDefinitions: Record<Role, { scopes: readonly ScopeType[]; permissions: readonly Permission[] }> = {
  platform_admin: { scopes: ['platform'], permissions },
  federation_officer: {
    scopes: ['federation'],
    permissions: [...readAll, 'organizations.manage', 'pricing.use'],
  },
  scheme_manager: {
    scopes: ['scheme'],
    permissions: [
      ...readAll,
      'organizations.manage',
      'users.manage',
      'products.manage',
      'members.write',
      'contributions.write',
      'eligibility.check',
      'providers.manage',
      'claims.review',
      'pricing.use',
    ],
  },
  enrolment_agent: {
    scopes: ['scheme'],
    permissions: ['organizations.read', 'products.read', 'members.read', 'members.write', 'contributions.read', 'contributions.write', 'eligibility.check'],
  },
  claims_officer: {
    scopes: ['scheme'],
    permissions: ['organizations.read', 'products.read', 'members.read', 'eligibility.check', 'providers.read', 'claims.read', 'claims.submit', 'claims.review'],
  },
  treasurer: {
    scopes: ['scheme'],
    permissions: [
      'organizations.read',
      'members.read',
      'contributions.read',
      'contributions.write',
      'providers.read',
      'claims.read',
      'claims.pay',
      'finance.read',
      'finance.write',
      'indicators.read',
    ],
  },
  provider_clerk: {
    scopes: ['provider'],
    // providers.read: the service catalogue, and their own facility's agreements and tariff (the
    // providers module shows a clerk no other provider) for claim entry.
    permissions: ['organizations.read', 'products.read', 'eligibility.check', 'providers.read', 'claims.read', 'claims.submit'],
  },
  auditor: { scopes: ['platform', 'federation', 'scheme'], permissions: readAll },
};

export function roleAllows(role: Role, permission: Permission): boolean {
  return roleDefinitions[role].permissions.includes(permission);
}
