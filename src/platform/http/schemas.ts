import { type TLiteral, type TSchema, type TUnion, Type } from '@sinclair/typebox';

/** Shapes shared by many routes. */
export const ErrorBody = Type.Object(
  {
    error: Type.Object({
      code: Type.String(),
      message: Type.String(),
      details: Type.Array(Type.Object({ field: Type.String(), message: Type.String() })),
    }),
  },
  { $id: 'ErrorBody', description: 'Every error: a stable code, a message in the reader’s language, and field-level details' },
);

export const Code = (description = 'A code chosen by the scheme') =>
  Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9][A-Za-z0-9._-]*$', description });
export const Name = () => Type.String({ minLength: 1, maxLength: 200 });
export const Uuid = () => Type.String({ format: 'uuid' });
export const CalendarDate = () => Type.String({ format: 'date', description: 'A calendar date YYYY-MM-DD' });
export const Timestamp = () => Type.String({ format: 'date-time' });
export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

export const SchemeParams = Type.Object({ scheme: Code('The scheme code') }, { additionalProperties: false });

export const Paging = Type.Object(
  {
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 100 })),
    offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000_000, default: 0 })),
  },
  { additionalProperties: false },
);

/** A union of string literals from an `as const` list (one definition: list -> schema -> type). */
export function literals<const T extends readonly string[]>(values: T, description?: string): TUnion<TLiteral<T[number]>[]> {
  return Type.Union(
    values.map((v) => Type.Literal(v)),
    description ? { description } : {},
  ) as unknown as TUnion<TLiteral<T[number]>[]>;
}
