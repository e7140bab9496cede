import { type Static, Type } from '@sinclair/typebox';
import { CalendarDate, Code, literals, Nullable, Paging, Timestamp, Uuid } from '../../platform/http/schemas.js';
import { agreementPaymentMethods } from '../providers/index.js';
import { lineDecisions, reasonCodes } from './adjudication.rules.js';
import { claimStatuses } from './claims.schemas.js';

export const batchStatuses = ['ordered', 'paid', 'cancelled'] as const;
export type BatchStatus = (typeof batchStatuses)[number];

const Reference = () => Type.String({ minLength: 1, maxLength: 100, pattern: '\\S', description: 'The payment’s reference (transfer, cheque, mobile money transaction)' });

export const CreateBatch = Type.Object(
  { provider: Code('Provider code'), from: CalendarDate(), to: CalendarDate() },
  { additionalProperties: false },
);
export type CreateBatch = Static<typeof CreateBatch>;

export const PayBatch = Type.Object({ date: CalendarDate(), reference: Reference() }, { additionalProperties: false });
export type PayBatch = Static<typeof PayBatch>;

export const CancelBatch = Type.Object({ reason: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 1000 }))) }, { additionalProperties: false });
export type CancelBatch = Static<typeof CancelBatch>;

export const BatchClaim = Type.Object({
  id: Uuid(),
  number: Type.String(),
  member: Type.String(),
  from: CalendarDate(),
  payable: Type.Integer({ description: 'The claim’s payable as decided' }),
  method: literals(agreementPaymentMethods),
  amount: Type.Integer({ description: 'What the batch pays for it: the payable (fee for service) or the flat rate' }),
});

export const BatchSummary = Type.Object({
  id: Uuid(),
  number: Type.String(),
  provider: Type.String(),
  providerName: Nullable(Type.String()),
  from: CalendarDate(),
  to: CalendarDate(),
  status: literals(batchStatuses),
  claimsAmount: Type.Integer(),
  capitationAmount: Type.Integer(),
  flatRateAmount: Type.Integer(),
  total: Type.Integer(),
  dueOn: CalendarDate(),
  paidOn: Nullable(CalendarDate()),
  reference: Nullable(Type.String()),
  createdBy: Type.String(),
  createdAt: Timestamp(),
});
export type BatchSummary = Static<typeof BatchSummary>;

export const BatchView = Type.Composite([BatchSummary, Type.Object({ claims: Type.Array(BatchClaim) })]);
export type BatchView = Static<typeof BatchView>;

export const BatchPage = Type.Object({ total: Type.Integer(), items: Type.Array(BatchSummary) });
export type BatchPage = Static<typeof BatchPage>;

export const BatchQuery = Type.Composite(
  [Paging, Type.Object({ provider: Type.Optional(Code('Provider code')), status: Type.Optional(literals(batchStatuses)) })],
  { additionalProperties: false },
);
export type BatchQuery = Static<typeof BatchQuery>;

export const BatchParams = Type.Object({ scheme: Code('The scheme code'), id: Uuid() }, { additionalProperties: false });

// ---------------------------------------------------------------- provider statement

export const StatementQuery = Type.Object({ from: CalendarDate(), to: CalendarDate() }, { additionalProperties: false });
export type StatementQuery = Static<typeof StatementQuery>;

export const StatementParams = Type.Object({ scheme: Code('The scheme code'), provider: Code('The provider code') }, { additionalProperties: false });

export const StatementLine = Type.Object({
  seq: Type.Integer(),
  service: Type.String(),
  serviceName: Nullable(Type.String()),
  quantity: Type.Integer(),
  unitPrice: Type.Integer(),
  asked: Type.Integer(),
  allowed: Nullable(Type.Integer()),
  payable: Nullable(Type.Integer()),
  memberShare: Nullable(Type.Integer()),
  decision: Nullable(literals(lineDecisions)),
  reasons: Type.Array(literals(reasonCodes)),
  messages: Type.Array(Type.String()),
  overridden: Type.Boolean(),
});

export const StatementClaim = Type.Object({
  id: Uuid(),
  number: Type.String(),
  member: Type.String(),
  memberName: Nullable(Type.String()),
  from: CalendarDate(),
  to: CalendarDate(),
  submittedOn: CalendarDate(),
  status: literals(claimStatuses),
  asked: Type.Integer(),
  allowed: Nullable(Type.Integer()),
  payable: Nullable(Type.Integer()),
  memberShare: Nullable(Type.Integer()),
  batch: Nullable(Type.String({ description: 'Number of the payment batch it is in' })),
  paidOn: Nullable(CalendarDate()),
  paymentReference: Nullable(Type.String()),
  lines: Type.Array(StatementLine),
});

export const StatementView = Type.Object({
  provider: Type.String(),
  providerName: Type.String(),
  from: CalendarDate(),
  to: CalendarDate(),
  currency: Type.String(),
  claims: Type.Array(StatementClaim),
  batches: Type.Array(BatchSummary, { description: 'Batches whose period overlaps the statement’s, or paid within it' }),
  totals: Type.Object({
    claims: Type.Integer(),
    asked: Type.Integer(),
    payable: Type.Integer({ description: 'Sum of the claims’ payable as decided' }),
    ordered: Type.Integer({ description: 'Batches ordered, not yet paid' }),
    paid: Type.Integer({ description: 'Batches paid' }),
  }),
});
export type StatementView = Static<typeof StatementView>;

/** A scheme file's `claimPayments[]` entry: the named claims' payable paid in full on the date. */
export interface ClaimsPaidInFull {
  provider: string;
  date: string;
  reference: string;
  /** Claim numbers of that provider. */
  claims: string[];
}
