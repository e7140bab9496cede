import { type Static, Type } from '@sinclair/typebox';
import { CalendarDate, Nullable } from '../../platform/http/schemas.js';

export const ReservesQuery = Type.Object(
  {
    on: CalendarDate(),
    months: Type.Optional(Type.Integer({ minimum: 2, maximum: 60, default: 12, description: 'Months of care in the triangle, ending with the month of `on`' })),
  },
  { additionalProperties: false },
);
export type ReservesQuery = Static<typeof ReservesQuery>;

const Row = Type.Array(Nullable(Type.Integer()));

export const Reserves = Type.Object({
  on: CalendarDate(),
  outstanding: Type.Object({
    claims: Type.Integer({ description: 'Decided claims submitted by `on` and not paid by `on`' }),
    payable: Type.Integer({ description: 'What they pay: the outstanding claims reserve, minor units' }),
    pendingClaims: Type.Integer({ description: 'Claims submitted by `on` and not decided yet' }),
    pendingAsked: Type.Integer({ description: 'What providers ask for them, minor units' }),
  }),
  ibnr: Type.Object({
    total: Type.Integer({ description: 'Claims incurred but not reported, minor units' }),
    origins: Type.Array(Type.String({ description: 'Month of care, YYYY-MM' })),
    incremental: Type.Array(Row, { description: 'Payable reported k months after the month of care (null: not known yet)' }),
    cumulative: Type.Array(Row),
    claims: Type.Array(Row, { description: 'Number of claims in each cell of `incremental`' }),
    factors: Type.Array(Nullable(Type.Number()), { description: 'Development factors from column k to k + 1 (null: nothing to learn from, taken as 1)' }),
    latest: Type.Array(Type.Integer()),
    ultimate: Type.Array(Type.Integer()),
    ibnr: Type.Array(Type.Integer()),
  }),
});
export type Reserves = Static<typeof Reserves>;
