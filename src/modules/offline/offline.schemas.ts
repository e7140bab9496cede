import { type Static, Type } from '@sinclair/typebox';
import { CalendarDate, Code, Nullable, Timestamp, literals } from '../../platform/http/schemas.js';
import { coverageStatuses, paymentMethods, statusReasons } from '../coverage/index.js';
import { beneficiaryStatuses, householdCategories, householdStatuses, relationships, sexes } from '../members/index.js';

/** The most households one page carries (default 500). */
export const MAX_SNAPSHOT_PAGE = 1000;

export const SnapshotQuery = Type.Object(
  {
    section: Type.Optional(Code('Only the households of this section')),
    since: Type.Optional(Timestamp()),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_SNAPSHOT_PAGE, default: 500 })),
    after: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: 'The `next` of the previous page: the last household number it carried' })),
  },
  { additionalProperties: false },
);
export type SnapshotQuery = Static<typeof SnapshotQuery>;

const Status = {
  status: literals(coverageStatuses),
  reason: literals(statusReasons),
  waitingEnd: Nullable(CalendarDate()),
};

export const SnapshotMember = Type.Object({
  card: Type.String(),
  firstName: Type.String(),
  lastName: Type.String(),
  sex: literals(sexes),
  birthDate: Nullable(CalendarDate()),
  birthYear: Type.Integer(),
  relationship: literals(relationships),
  phone: Nullable(Type.String()),
  joinedOn: CalendarDate(),
  memberStatus: literals(beneficiaryStatuses),
  coverage: Type.Object(Status),
});

export const SnapshotHousehold = Type.Object({
  number: Type.String(),
  status: literals(householdStatuses),
  category: literals(householdCategories),
  section: Nullable(Type.String()),
  phone: Nullable(Type.String()),
  address: Nullable(Type.String()),
  location: Nullable(Type.Object({ code: Type.String(), name: Type.String() })),
  updatedAt: Timestamp(),
  members: Type.Array(SnapshotMember),
  coverage: Type.Object({
    ...Status,
    period: Nullable(Type.Object({ start: CalendarDate(), end: CalendarDate(), product: Type.String() })),
    arrears: Type.Integer({ description: 'Unpaid dues of the current period past grace, minor units' }),
    owed: Type.Integer({ description: 'Unpaid dues falling due on or before asOf, minor units' }),
    nextDue: Nullable(Type.Object({ date: CalendarDate(), amount: Type.Integer() })),
    credit: Type.Integer(),
  }),
  lastPayments: Type.Array(
    Type.Object({
      id: Type.String(),
      date: CalendarDate(),
      amount: Type.Integer(),
      method: literals(paymentMethods),
      receipt: Nullable(Type.String()),
      reversalOf: Nullable(Type.String()),
    }),
  ),
});
export type SnapshotHousehold = Static<typeof SnapshotHousehold>;

export const Snapshot = Type.Object({
  scheme: Type.String(),
  currency: Type.String(),
  section: Nullable(Type.String()),
  asOf: Type.String({ format: 'date', description: 'The day statuses and amounts are computed for (the server’s today)' }),
  since: Nullable(Timestamp()),
  serverTime: Type.String({ format: 'date-time', description: 'Send it back as `since` for the households changed after this answer' }),
  households: Type.Array(SnapshotHousehold),
  next: Nullable(Type.String({ description: 'Send as `after` for the next page; null on the last page' })),
});
export type Snapshot = Static<typeof Snapshot>;
