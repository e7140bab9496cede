import { type Static, Type } from '@sinclair/typebox';
import { CalendarDate, Code, literals, Nullable, Paging, Timestamp, Uuid } from '../../platform/http/schemas.js';
import { locales } from '../../platform/i18n/index.js';
import { providerLevels } from '../products/index.js';
import { lineDecisions, reasonCodes } from './adjudication.rules.js';
import { claimStatuses } from './claims.schemas.js';

/** Why a claim or line is in the review queue. */
export const reviewSources = ['sample', 'amount_outlier', 'provider_outlier', 'engine_flag'] as const;
export type ReviewSource = (typeof reviewSources)[number];
export const reviewItemStatuses = ['open', 'closed'] as const;
export const lineActions = ['confirm', 'override'] as const;

const Amount = () => Type.Integer({ minimum: 0, maximum: 1_000_000_000_000, description: 'whole minor units of the scheme currency' });

// ---------------------------------------------------------------- the queue

export const ReviewItemView = Type.Object({
  id: Uuid(),
  claimId: Uuid(),
  claim: Type.String({ description: 'Claim number' }),
  claimStatus: literals(claimStatuses),
  provider: Type.String(),
  providerName: Nullable(Type.String()),
  member: Type.String({ description: 'Card number' }),
  memberName: Nullable(Type.String()),
  from: CalendarDate(),
  payable: Nullable(Type.Integer()),
  source: literals(reviewSources),
  detail: Type.String(),
  lineId: Nullable(Uuid()),
  line: Nullable(Type.Integer({ description: 'Line number (seq) when the item is about one line; null: the whole claim' })),
  service: Nullable(Type.String()),
  status: literals(reviewItemStatuses),
  createdAt: Timestamp(),
  resolvedBy: Nullable(Type.String()),
  resolvedAt: Nullable(Timestamp()),
});
export type ReviewItemView = Static<typeof ReviewItemView>;

export const ReviewPage = Type.Object({ total: Type.Integer(), items: Type.Array(ReviewItemView) });
export type ReviewPage = Static<typeof ReviewPage>;

export const ReviewQuery = Type.Composite(
  [
    Paging,
    Type.Object({
      status: Type.Optional(literals(reviewItemStatuses, 'Default: open')),
      source: Type.Optional(literals(reviewSources)),
      provider: Type.Optional(Code('Provider code')),
      member: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: 'Card number' })),
      claim: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: 'Claim number' })),
    }),
  ],
  { additionalProperties: false },
);
export type ReviewQuery = Static<typeof ReviewQuery>;

// ---------------------------------------------------------------- settings

export const ReviewSettingsView = Type.Object(
  {
    sampleRate: Type.Number({ minimum: 0, maximum: 1, description: 'Share of claims drawn at random for review (0 to 1, at most 4 decimals); default 0.05' }),
    amountMultiple: Type.Number({ minimum: 0.001, maximum: 99_999, description: 'A line whose allowed unit amount is above this multiple of the scheme’s average for the service is reviewed; default 3' }),
    providerMultiple: Type.Number({ minimum: 0.001, maximum: 99_999, description: 'A provider above this multiple of its peers’ median is reviewed (scan); default 2' }),
  },
  { additionalProperties: false },
);
export type ReviewSettingsView = Static<typeof ReviewSettingsView>;

// ---------------------------------------------------------------- provider scan

export const ScanQuery = Type.Object({ from: CalendarDate(), to: CalendarDate() }, { additionalProperties: false });
export type ScanQuery = Static<typeof ScanQuery>;

export const ScannedProvider = Type.Object({
  provider: Type.String(),
  name: Nullable(Type.String()),
  level: literals(providerLevels),
  claims: Type.Integer(),
  members: Type.Integer({ description: 'Distinct patients' }),
  payable: Type.Integer(),
  claimsPerMember: Type.Number(),
  payablePerMember: Type.Number(),
  peers: Type.Integer({ description: 'Providers of the same level with enough activity to compare with' }),
  peerClaimsPerMember: Nullable(Type.Number({ description: 'Median of the peers; null when there are too few peers' })),
  peerPayablePerMember: Nullable(Type.Number()),
  outlier: Type.Boolean(),
  above: Type.Array(literals(['claimsPerMember', 'payablePerMember'] as const)),
  itemsCreated: Type.Integer({ description: 'Claims newly put in the review queue' }),
});

export const ScanResult = Type.Object({
  from: CalendarDate(),
  to: CalendarDate(),
  providerMultiple: Type.Number(),
  minClaims: Type.Integer({ description: 'Least number of claims in the period for a provider to be compared' }),
  minPeers: Type.Integer({ description: 'Least number of peers for a median' }),
  providers: Type.Array(ScannedProvider),
  outliers: Type.Integer(),
  itemsCreated: Type.Integer(),
});
export type ScanResult = Static<typeof ScanResult>;

// ---------------------------------------------------------------- a reviewer's decision on a line

export const LineDecisionBody = Type.Object(
  {
    action: literals(lineActions, 'confirm: keep the decision, as looked at; override: a new decision'),
    decision: Type.Optional(literals(lineDecisions, 'override: default from the amount (0: rejected)')),
    payable: Type.Optional(Amount()),
    allowed: Type.Optional(Amount()),
    reasons: Type.Optional(Type.Array(literals(reasonCodes), { maxItems: 30, uniqueItems: true })),
    note: Type.String({ minLength: 1, maxLength: 2000, pattern: '\\S', description: 'Why (required; kept with the decision and in the audit log)' }),
  },
  { additionalProperties: false },
);
export type LineDecisionBody = Static<typeof LineDecisionBody>;

export const LineParams = Type.Object({ scheme: Code('The scheme code'), id: Uuid(), lineId: Uuid() }, { additionalProperties: false });

// ---------------------------------------------------------------- explanation of benefits

export const EobQuery = Type.Object({ lang: Type.Optional(literals(locales, 'The member’s language; default: the request’s')) }, { additionalProperties: false });
export type EobQuery = Static<typeof EobQuery>;

export const EobLine = Type.Object({
  seq: Type.Integer(),
  service: Type.String(),
  serviceName: Nullable(Type.String()),
  quantity: Type.Integer(),
  asked: Type.Integer({ description: 'What the provider asked' }),
  schemePays: Type.Integer(),
  memberPays: Type.Integer({ description: 'What is left for the member: asked - scheme pays' }),
  decision: literals(lineDecisions),
  decisionLabel: Type.String(),
  why: Type.Array(Type.String({ description: 'Reasons in the member’s language' })),
});

export const EobView = Type.Object({
  claimId: Uuid(),
  claim: Type.String(),
  language: literals(locales),
  currency: Type.String(),
  provider: Type.String(),
  providerName: Nullable(Type.String()),
  member: Type.String(),
  memberName: Nullable(Type.String()),
  household: Nullable(Type.String()),
  from: CalendarDate(),
  to: CalendarDate(),
  status: literals(claimStatuses),
  paidOn: Nullable(CalendarDate()),
  lines: Type.Array(EobLine),
  asked: Type.Integer(),
  schemePays: Type.Integer(),
  memberPays: Type.Integer(),
});
export type EobView = Static<typeof EobView>;
