import type { Actor, Executor } from './audit/audit.js';

/**
 * Typed domain events: how one module reacts to another without reaching into it. Handlers run
 * synchronously inside the transaction that raised the event, so a reaction (the dues of a
 * beneficiary added mid-period) is written, or not, together with its cause.
 */
export interface DomainEvents {
  /** A beneficiary joined an existing household. */
  'members.beneficiaryAdded': { schemeId: string; householdId: string; beneficiaryId: string; joinedOn: string };
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
