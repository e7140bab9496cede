import { type Static, Type } from '@sinclair/typebox';
import { CalendarDate, Code, literals, Nullable, Paging, Timestamp, Uuid } from '../../platform/http/schemas.js';
import { benefitCategories } from '../products/index.js';
import { engineFlags, lineDecisions, reasonCodes } from './adjudication.rules.js';

export const claimStatuses = ['submitted', 'adjudicated', 'paid'] as const;
export const claimSources = ['api', 'form', 'upload', 'file'] as const;
export const decisionKinds = ['engine', 'override', 'confirm'] as const;

const Amount = () => Type.Integer({ minimum: 0, maximum: 1_000_000_000_000, description: 'whole minor units of the scheme currency' });
const ClaimNumber = () => Type.String({ minLength: 1, maxLength: 64, description: 'Claim number, unique per provider' });
const Card = () => Type.String({ minLength: 1, maxLength: 64, description: 'Card number of the patient' });

export const ClaimLineInput = Type.Object(
  {
    service: Type.String({ minLength: 1, maxLength: 64, description: 'Service code of the catalogue' }),
    quantity: Type.Integer({ minimum: 1, maximum: 100_000 }),
    unitPrice: Amount(),
  },
  { additionalProperties: false },
);

export const SubmitClaim = Type.Object(
  {
    number: ClaimNumber(),
    provider: Code('Provider code'),
    member: Card(),
    from: CalendarDate(),
    to: CalendarDate(),
    submittedOn: Type.Optional(CalendarDate()),
    diagnosis: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 20, description: 'ICD-10 code' }))),
    guaranteeLetter: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 64 }))),
    lines: Type.Array(ClaimLineInput, { minItems: 1, maxItems: 500 }),
    idempotencyKey: Type.Optional(Type.String({ minLength: 8, maxLength: 100, description: 'A retried submission with the same key returns the first claim' })),
  },
  { additionalProperties: false },
);
export type SubmitClaim = Static<typeof SubmitClaim>;

export const DecisionView = Type.Object({
  kind: literals(decisionKinds),
  decision: literals(lineDecisions),
  reasons: Type.Array(literals(reasonCodes)),
  asked: Type.Integer(),
  allowed: Type.Integer(),
  payable: Type.Integer(),
  memberShare: Type.Integer(),
  note: Nullable(Type.String()),
  decidedBy: Type.String(),
  decidedAt: Timestamp(),
});

export const ClaimLineView = Type.Object({
  id: Uuid(),
  seq: Type.Integer(),
  service: Type.String(),
  serviceName: Nullable(Type.String()),
  quantity: Type.Integer(),
  unitPrice: Type.Integer(),
  decision: Nullable(literals(lineDecisions)),
  reasons: Type.Array(literals(reasonCodes)),
  messages: Type.Array(Type.String({ description: 'Each reason in the reader’s language' })),
  asked: Type.Integer(),
  allowed: Nullable(Type.Integer()),
  payable: Nullable(Type.Integer()),
  memberShare: Nullable(Type.Integer()),
  category: Nullable(literals(benefitCategories)),
  productVersionId: Nullable(Uuid()),
  flags: Type.Array(literals(engineFlags)),
  overridden: Type.Boolean(),
  history: Type.Array(DecisionView),
});
export type ClaimLineView = Static<typeof ClaimLineView>;

export const ClaimView = Type.Object({
  id: Uuid(),
  number: Type.String(),
  provider: Type.String(),
  providerName: Nullable(Type.String()),
  member: Type.String({ description: 'Card number' }),
  memberName: Nullable(Type.String()),
  household: Nullable(Type.String()),
  from: CalendarDate(),
  to: CalendarDate(),
  submittedOn: CalendarDate(),
  diagnosis: Nullable(Type.String()),
  guaranteeLetter: Nullable(Type.String()),
  status: literals(claimStatuses),
  source: literals(claimSources),
  asked: Type.Integer(),
  allowed: Nullable(Type.Integer()),
  payable: Nullable(Type.Integer()),
  memberShare: Nullable(Type.Integer()),
  adjudicatedAt: Nullable(Timestamp()),
  paidOn: Nullable(CalendarDate()),
  paymentReference: Nullable(Type.String()),
  lines: Type.Array(ClaimLineView),
});
export type ClaimView = Static<typeof ClaimView>;

export const ClaimSummary = Type.Object({
  id: Uuid(),
  number: Type.String(),
  provider: Type.String(),
  member: Type.String(),
  from: CalendarDate(),
  submittedOn: CalendarDate(),
  status: literals(claimStatuses),
  asked: Type.Integer(),
  payable: Nullable(Type.Integer()),
  rejectedLines: Type.Integer(),
  lines: Type.Integer(),
});
export type ClaimSummary = Static<typeof ClaimSummary>;

export const ClaimPage = Type.Object({ total: Type.Integer(), items: Type.Array(ClaimSummary) });
export type ClaimPage = Static<typeof ClaimPage>;

export const ClaimQuery = Type.Composite(
  [
    Paging,
    Type.Object({
      provider: Type.Optional(Code('Provider code')),
      member: Type.Optional(Card()),
      status: Type.Optional(literals(claimStatuses)),
      from: Type.Optional(CalendarDate()),
      to: Type.Optional(CalendarDate()),
      number: Type.Optional(ClaimNumber()),
    }),
  ],
  { additionalProperties: false },
);
export type ClaimQuery = Static<typeof ClaimQuery>;

export const ClaimParams = Type.Object({ scheme: Code('The scheme code'), id: Uuid() }, { additionalProperties: false });

export const AdjudicationSummary = Type.Object({
  claims: Type.Integer(),
  lines: Type.Integer(),
  approved: Type.Integer(),
  reduced: Type.Integer(),
  rejected: Type.Integer(),
  payable: Type.Integer(),
  remaining: Type.Integer({ description: 'Claims still waiting (another run holds the scheme, or the limit was reached)' }),
});
export type AdjudicationSummary = Static<typeof AdjudicationSummary>;

export const AdjudicateBody = Type.Object(
  { limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000_000, description: 'Decide at most this many claims' })) },
  { additionalProperties: false },
);

export const QuoteClaim = Type.Object(
  {
    provider: Code('Provider code'),
    member: Card(),
    from: CalendarDate(),
    to: CalendarDate(),
    submittedOn: Type.Optional(CalendarDate()),
    diagnosis: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 20 }))),
    guaranteeLetter: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 64 }))),
    lines: Type.Array(ClaimLineInput, { minItems: 1, maxItems: 500 }),
  },
  { additionalProperties: false },
);
export type QuoteClaim = Static<typeof QuoteClaim>;

export const ClaimQuote = Type.Object({
  asked: Type.Integer(),
  allowed: Type.Integer(),
  payable: Type.Integer(),
  memberShare: Type.Integer(),
  lines: Type.Array(
    Type.Object({
      seq: Type.Integer(),
      decision: literals(lineDecisions),
      reasons: Type.Array(literals(reasonCodes)),
      messages: Type.Array(Type.String()),
      asked: Type.Integer(),
      allowed: Type.Integer(),
      payable: Type.Integer(),
      memberShare: Type.Integer(),
      category: Nullable(literals(benefitCategories)),
    }),
  ),
});
export type ClaimQuote = Static<typeof ClaimQuote>;
