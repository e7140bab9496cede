import type { Actor, Executor } from './audit/audit.js';

/**
 * Typed domain events: how one module reacts to another without reaching into it. Handlers run
 * synchronously inside the transaction that raised the event, so a reaction (the dues of a
 * beneficiary added mid-period) is written, or not, together with its cause.
 */
export interface DomainEvents {
  /** A beneficiary joined an existing household. */
  'members.beneficiaryAdded': { schemeId: string; householdId: string; beneficiaryId: string; joinedOn: string };

  // Money facts, posted to the ledger by the finance module. Arrays, so that bulk paths raise one
  // event per statement, not one per fact. Amounts are integer minor units.

  /** Dues were created (enrolment, renewal, a member added): the contribution and fee parts, by due date. */
  'coverage.duesCreated': { schemeId: string; dues: { id: string; dueDate: string; contribution: number; fees: number }[] };
  /**
   * Money was received (a payment, a group remittance) or given back (a reversal: negative amount,
   * `reversalOf` the payment it cancels). `id` is the payment's (or the remittance's) id.
   */
  'coverage.paymentsRecorded': {
    schemeId: string;
    payments: { id: string; date: string; amount: number; method: string; payer: string; reversalOf: string | null; receipt: string | null }[];
  };
  /**
   * The payable of claims changed: decided by the engine (`adjudicated`, sourceId = the claim's id)
   * or a line decision replaced by a reviewer (`override`, sourceId = the new decision's id, amount =
   * new payable - previous payable). Dated at the claim's date of care.
   */
  'claims.payableChanged': { schemeId: string; changes: { sourceId: string; kind: 'adjudicated' | 'override'; claimNumber: string; dateOfCare: string; amount: number }[] };
  /**
   * A payment batch was paid: `claimsPayable` is the payable of the claims it settles, `total` what
   * it paid (claims, flat rates and capitation).
   */
  'claims.batchPaid': { schemeId: string; batches: { id: string; number: string; paidOn: string; claimsPayable: number; total: number }[] };
}

export type EventName = keyof DomainEvents;
type Handler<E extends EventName> = (trx: Executor, actor: Actor, payload: DomainEvents[E]) => Promise<void>;

const handlers = new Map<EventName, Handler<EventName>[]>();

export function onEvent<E extends EventName>(name: E, handler: Handler<E>): void {
  handlers.set(name, [...(handlers.get(name) ?? []), handler as unknown as Handler<EventName>]);
}

export async function emitEvent<E extends EventName>(trx: Executor, actor: Actor, name: E, payload: DomainEvents[E]): Promise<void> {
  for (const handler of handlers.get(name) ?? []) await handler(trx, actor, payload);
}
