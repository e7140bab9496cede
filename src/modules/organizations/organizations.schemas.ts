import { type Static, Type } from '@sinclair/typebox';
import { Code, Name, Nullable, Timestamp, Uuid } from '../../platform/http/schemas.js';

const Country = () => Type.String({ pattern: '^[A-Z]{2}$', description: 'ISO 3166-1 alpha-2 country code' });
const Currency = () => Type.String({ pattern: '^[A-Z]{3}$', description: 'ISO 4217 currency code' });

export const Federation = Type.Object({
  id: Uuid(),
  code: Type.String(),
  name: Type.String(),
  country: Nullable(Type.String()),
  createdAt: Timestamp(),
  updatedAt: Timestamp(),
});
export type Federation = Static<typeof Federation>;

export const CreateFederation = Type.Object(
  { code: Code(), name: Name(), country: Type.Optional(Nullable(Country())) },
  { additionalProperties: false },
);
export type CreateFederation = Static<typeof CreateFederation>;

export const UpdateFederation = Type.Object(
  { name: Type.Optional(Name()), country: Type.Optional(Nullable(Country())) },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateFederation = Static<typeof UpdateFederation>;

export const SchemeSettings = Type.Record(Type.String({ maxLength: 64 }), Type.Union([Type.String({ maxLength: 2000 }), Type.Number(), Type.Boolean(), Type.Null()]), {
  description: 'Scheme settings: card number pattern, default language, and the like',
});

export const Scheme = Type.Object({
  id: Uuid(),
  code: Type.String(),
  name: Type.String(),
  federation: Nullable(Type.String({ description: 'Federation code' })),
  currency: Type.String(),
  country: Type.String(),
  targetPopulation: Nullable(Type.Integer()),
  settings: SchemeSettings,
  createdAt: Timestamp(),
  updatedAt: Timestamp(),
});
export type Scheme = Static<typeof Scheme>;

export const CreateScheme = Type.Object(
  {
    code: Code(),
    name: Name(),
    federation: Type.Optional(Nullable(Code('Federation code'))),
    currency: Currency(),
    country: Country(),
    targetPopulation: Type.Optional(Nullable(Type.Integer({ minimum: 0, maximum: 2_000_000_000 }))),
    settings: Type.Optional(SchemeSettings),
  },
  { additionalProperties: false },
);
export type CreateScheme = Static<typeof CreateScheme>;

export const UpdateScheme = Type.Object(
  {
    name: Type.Optional(Name()),
    targetPopulation: Type.Optional(Nullable(Type.Integer({ minimum: 0, maximum: 2_000_000_000 }))),
    settings: Type.Optional(SchemeSettings),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateScheme = Static<typeof UpdateScheme>;

export const Section = Type.Object({
  id: Uuid(),
  code: Type.String(),
  name: Type.String(),
  location: Nullable(Type.String({ description: 'Location code' })),
  createdAt: Timestamp(),
  updatedAt: Timestamp(),
});
export type Section = Static<typeof Section>;

export const CreateSection = Type.Object(
  { code: Code(), name: Name(), location: Type.Optional(Nullable(Code('Location code'))) },
  { additionalProperties: false },
);
export type CreateSection = Static<typeof CreateSection>;

export const UpdateSection = Type.Object(
  { name: Type.Optional(Name()), location: Type.Optional(Nullable(Code('Location code'))) },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateSection = Static<typeof UpdateSection>;

export const LocationLevel = Type.Object({
  depth: Type.Integer({ minimum: 1, maximum: 10 }),
  code: Code(),
  nameEn: Name(),
  nameFr: Name(),
}, { additionalProperties: false });
export type LocationLevel = Static<typeof LocationLevel>;

export const SetLocationLevels = Type.Object(
  { levels: Type.Array(LocationLevel, { minItems: 1, maxItems: 10 }) },
  { additionalProperties: false },
);
export type SetLocationLevels = Static<typeof SetLocationLevels>;

export const Location = Type.Object({
  id: Uuid(),
  code: Type.String(),
  name: Type.String(),
  depth: Type.Integer(),
  parent: Nullable(Type.String({ description: 'Parent location code' })),
});
export type Location = Static<typeof Location>;

export const CreateLocation = Type.Object(
  { code: Code(), name: Name(), depth: Type.Integer({ minimum: 1, maximum: 10 }), parent: Type.Optional(Nullable(Code('Parent location code'))) },
  { additionalProperties: false },
);
export type CreateLocation = Static<typeof CreateLocation>;

export const LocationQuery = Type.Object(
  {
    parent: Type.Optional(Code('Parent location code; omit for the top level')),
    search: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 200 })),
  },
  { additionalProperties: false },
);
export type LocationQuery = Static<typeof LocationQuery>;
