import { type Static, Type } from '@sinclair/typebox';
import { roles, scopeTypes } from '../../platform/auth/roles.js';
import { Nullable, Timestamp, Uuid } from '../../platform/http/schemas.js';
import { locales } from '../../platform/i18n/index.js';

export const RoleName = Type.Union(roles.map((r) => Type.Literal(r)));
export const ScopeTypeName = Type.Union(scopeTypes.map((s) => Type.Literal(s)));
export const LocaleName = Type.Union(locales.map((l) => Type.Literal(l)));
const Username = () => Type.String({ minLength: 3, maxLength: 64, pattern: '^[a-zA-Z0-9][a-zA-Z0-9._@-]*$' });
const Password = () => Type.String({ minLength: 1, maxLength: 200 });

export const GrantView = Type.Object({
  id: Uuid(),
  role: RoleName,
  scopeType: ScopeTypeName,
  scope: Nullable(Type.String({ description: 'Code of the federation or scheme, SCHEME/PROVIDER for a provider; null on the platform' })),
});
export type GrantView = Static<typeof GrantView>;

/** A federation or scheme code; a provider as `SCHEME/PROVIDER` (provider codes are unique within a scheme only). */
const ScopeCode = () =>
  Type.String({
    minLength: 1,
    maxLength: 129,
    pattern: '^[A-Za-z0-9][A-Za-z0-9._-]*(/[A-Za-z0-9][A-Za-z0-9._-]*)?$',
    description: 'Code of the federation or scheme; a provider as SCHEME/PROVIDER (e.g. MUT-NDIAFFATE/CS-NDIAFFATE)',
  });

export const GrantInput = Type.Object(
  { role: RoleName, scopeType: ScopeTypeName, scope: Type.Optional(Nullable(ScopeCode())) },
  { additionalProperties: false },
);
export type GrantInput = Static<typeof GrantInput>;

export const User = Type.Object({
  id: Uuid(),
  username: Type.String(),
  displayName: Type.String(),
  email: Nullable(Type.String()),
  locale: Type.String(),
  active: Type.Boolean(),
  lockedUntil: Nullable(Timestamp()),
  lastSignInAt: Nullable(Timestamp()),
  grants: Type.Array(GrantView),
});
export type User = Static<typeof User>;

export const CreateUser = Type.Object(
  {
    username: Username(),
    displayName: Type.String({ minLength: 1, maxLength: 200 }),
    email: Type.Optional(Nullable(Type.String({ format: 'email', maxLength: 200 }))),
    locale: Type.Optional(LocaleName),
    password: Password(),
    grants: Type.Optional(Type.Array(GrantInput, { maxItems: 50 })),
  },
  { additionalProperties: false },
);
export type CreateUser = Static<typeof CreateUser>;

export const UpdateUser = Type.Object(
  {
    displayName: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    email: Type.Optional(Nullable(Type.String({ format: 'email', maxLength: 200 }))),
    locale: Type.Optional(LocaleName),
    active: Type.Optional(Type.Boolean()),
    password: Type.Optional(Password()),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateUser = Static<typeof UpdateUser>;

export const SignIn = Type.Object({ username: Type.String({ minLength: 1, maxLength: 200 }), password: Password() }, { additionalProperties: false });
export type SignIn = Static<typeof SignIn>;

export const Me = Type.Object({
  id: Uuid(),
  username: Type.String(),
  displayName: Type.String(),
  locale: Type.String(),
  grants: Type.Array(GrantView),
  permissions: Type.Array(Type.String(), { description: 'Every permission held on some scope' }),
});
export type Me = Static<typeof Me>;

export const SetupStatus = Type.Object({ needed: Type.Boolean() });

export const CompleteSetup = Type.Object(
  {
    token: Type.String({ minLength: 10, maxLength: 200 }),
    username: Username(),
    displayName: Type.String({ minLength: 1, maxLength: 200 }),
    password: Password(),
    locale: Type.Optional(LocaleName),
  },
  { additionalProperties: false },
);
export type CompleteSetup = Static<typeof CompleteSetup>;

export const ApiToken = Type.Object({
  id: Uuid(),
  name: Type.String(),
  createdAt: Timestamp(),
  expiresAt: Nullable(Timestamp()),
  revokedAt: Nullable(Timestamp()),
  lastUsedAt: Nullable(Timestamp()),
});
export type ApiToken = Static<typeof ApiToken>;

export const CreateApiToken = Type.Object(
  { name: Type.String({ minLength: 1, maxLength: 100 }), expiresInDays: Type.Optional(Nullable(Type.Integer({ minimum: 1, maximum: 3650 }))) },
  { additionalProperties: false },
);
export type CreateApiToken = Static<typeof CreateApiToken>;

export const CreatedApiToken = Type.Composite([ApiToken, Type.Object({ token: Type.String({ description: 'Shown once: send it as `Authorization: Bearer <token>`' }) })]);
export type CreatedApiToken = Static<typeof CreatedApiToken>;
