import { api, ApiError, call } from '../api/client';
import { today } from '../app/dates';
import { newIdempotencyKey } from '../app/idempotency';
import { countHouseholds, enqueue, getMeta, outbox, putCardKeys, putHouseholds, putMeta, removeItem, updateItem } from './store';
import { fieldStatus, setFieldStatus } from './status';
import type { HouseholdBody, OutboxItem, PaymentBody, Snapshot } from './types';

/**
 * Sync: send the outbox in the order the changes were made, each with its device-made
 * idempotency key (a request whose answer was lost is recorded once when resent), then refresh
 * the snapshot (only what changed since the last one on the same day) and the card keys.
 *
 * - No network, a server error or an ended session: the item stays queued and the sync stops;
 *   it runs again when the browser comes online, every minute while online, and on "Sync now".
 * - The server refuses (400, 404, 409, 422…): the item goes to "needs a person" with what was
 *   sent and what the server said; the next items are still sent. Nothing is dropped silently.
 */
export interface SchemeAccess {
  currency: string;
  /** members.read: the snapshot may be fetched. */
  snapshot: boolean;
  /** eligibility.check: the card keys may be fetched. */
  keys: boolean;
}

const SYNC_EVERY_MS = 60_000;
const PAGE = 500;
/** Confirmed changes stay on the device this long (their receipts can be shown again), then go. */
const KEEP_DONE_MS = 7 * 24 * 3600_000;

const schemes = new Map<string, SchemeAccess>();
let chain: Promise<void> = Promise.resolve();
let timer: ReturnType<typeof setInterval> | undefined;

/** Counts of the outbox for the status line. */
async function refreshCounts(bump = true) {
  const items = await outbox();
  setFieldStatus({
    waiting: items.filter((i) => i.status === 'queued' || i.status === 'sending').length,
    problems: items.filter((i) => i.status === 'problem').length,
    ...(bump ? { revision: fieldStatus().revision + 1 } : {}),
  });
}

function start() {
  if (timer) return;
  window.addEventListener('online', () => {
    setFieldStatus({ online: true });
    void syncAll();
  });
  window.addEventListener('offline', () => setFieldStatus({ online: false }));
  timer = setInterval(() => {
    if (navigator.onLine) void syncAll();
  }, SYNC_EVERY_MS);
  void refreshCounts(false);
}

/**
 * The scheme the user works in, and what they may fetch for it. A field screen opts the device in
 * (`fieldScreen`): the scheme is synced at once and from then on. Elsewhere (the header) a scheme
 * is synced only when the device already works offline for it (a snapshot or changes kept), so
 * an office computer never downloads a scheme's households unasked.
 */
export async function register(scheme: string, access: SchemeAccess, { fieldScreen = false } = {}) {
  start();
  if (!fieldScreen && !schemes.has(scheme) && !(await getMeta(scheme)) && !(await outbox(scheme)).length) return;
  const known = schemes.has(scheme);
  schemes.set(scheme, access);
  if (!known && navigator.onLine) void syncAll();
}

/** Syncs every registered scheme, one sync at a time (a call during a sync runs after it). */
export function syncAll(): Promise<void> {
  const next = chain.then(async () => {
    setFieldStatus({ syncing: true, lastFailure: null });
    try {
      for (const [scheme, access] of schemes) {
        if (!(await syncScheme(scheme, access))) break;
      }
    } finally {
      setFieldStatus({ syncing: false });
      await refreshCounts();
    }
  });
  chain = next.catch(() => undefined);
  return next;
}

/** A failure that is not the server's refusal of one change: try again later. */
function transient(error: unknown): 'network' | 'server' | 'session' | null {
  if (!(error instanceof ApiError)) return 'network';
  if (error.status === 0) return 'network';
  if (error.status === 401) return 'session';
  if (error.status >= 500 || error.status === 408 || error.status === 429) return 'server';
  return null;
}

function send(item: OutboxItem) {
  const path = { params: { path: { scheme: item.scheme } } };
  return item.kind === 'payment'
    ? call(api.POST('/api/schemes/{scheme}/payments', { ...path, body: { ...item.body, idempotencyKey: item.id } }))
    : call(api.POST('/api/schemes/{scheme}/households', { ...path, body: { ...item.body, idempotencyKey: item.id } }));
}

/** One scheme's sync; false when it stopped on a transient failure. */
async function syncScheme(scheme: string, access: SchemeAccess): Promise<boolean> {
  for (const item of await outbox(scheme)) {
    if (item.status !== 'queued' && item.status !== 'sending') {
      if (item.status === 'done' && item.doneAt && Date.now() - Date.parse(item.doneAt) > KEEP_DONE_MS) await removeItem(item.id);
      continue;
    }
    await updateItem(item.id, { status: 'sending' });
    try {
      const result = await send(item);
      const change = item.kind === 'payment' ? { result } : { result: (result as { household: unknown }).household };
      await updateItem(item.id, { ...change, status: 'done', doneAt: new Date().toISOString(), error: null } as Partial<OutboxItem>);
    } catch (error) {
      const failure = transient(error);
      if (failure) {
        await updateItem(item.id, { status: 'queued' });
        setFieldStatus({ lastFailure: failure });
        return false;
      }
      const e = error as ApiError;
      await updateItem(item.id, { status: 'problem', error: { status: e.status, code: e.code, message: e.message, details: e.details } });
    }
    await refreshCounts();
  }
  try {
    if (access.snapshot) await refreshSnapshot(scheme, access.currency);
    if (access.keys) await putCardKeys(await call(api.GET('/api/schemes/{scheme}/card-keys', { params: { path: { scheme } } })));
  } catch (error) {
    setFieldStatus({ lastFailure: transient(error) ?? 'server' });
    return false;
  }
  return true;
}

/**
 * The households changed since the last snapshot of the same day, or all of them (a new day
 * changes statuses without any change of data: waiting periods end, dues fall due). Every page is
 * fetched before anything is stored, so an interrupted sync leaves the previous snapshot whole.
 */
async function refreshSnapshot(scheme: string, currency: string) {
  const meta = await getMeta(scheme);
  const since = meta && meta.asOf === today() ? meta.serverTime : undefined;
  const pages: Snapshot[] = [];
  let after: string | undefined;
  do {
    const page = await call(api.GET('/api/schemes/{scheme}/offline/snapshot', { params: { path: { scheme }, query: { limit: PAGE, ...(since ? { since } : {}), ...(after ? { after } : {}) } } }));
    pages.push(page);
    after = page.next ?? undefined;
  } while (after);
  const first = pages[0]!;
  await putHouseholds(scheme, pages.flatMap((p) => p.households), { replaceAll: !since });
  const count = await countHouseholds(scheme);
  await putMeta({ scheme, currency: first.currency || currency, asOf: first.asOf, serverTime: first.serverTime, syncedAt: new Date().toISOString(), households: count });
}

/** Queues a payment made on the device and sends it at once when online. */
export async function queuePayment(scheme: string, body: PaymentBody, replaces: string | null = null): Promise<string> {
  return queue({ kind: 'payment', scheme, body, replaces });
}

/** Queues a household registered on the device and sends it at once when online. */
export async function queueHousehold(scheme: string, body: HouseholdBody, replaces: string | null = null): Promise<string> {
  return queue({ kind: 'household', scheme, body, replaces });
}

async function queue(change: Pick<OutboxItem, 'kind' | 'scheme' | 'body' | 'replaces'>): Promise<string> {
  const id = newIdempotencyKey();
  await enqueue({ ...change, id, createdAt: new Date().toISOString(), status: 'queued', error: null, doneAt: null, result: null } as OutboxItem);
  await refreshCounts();
  if (navigator.onLine) void syncAll();
  return id;
}

/** Sends a refused change again as it was, with the same key (the server may have changed meanwhile). */
export async function resend(id: string) {
  await updateItem(id, { status: 'queued', error: null });
  await refreshCounts();
  if (navigator.onLine) await syncAll();
}

/**
 * Replaces a refused change by an edited one: a new key (it is new content), queued at the end,
 * naming the one it replaces; the refused one is removed.
 */
export async function replace(item: OutboxItem, body: OutboxItem['body']): Promise<string> {
  const id = item.kind === 'payment' ? await queuePayment(item.scheme, body as PaymentBody, item.id) : await queueHousehold(item.scheme, body as HouseholdBody, item.id);
  await removeItem(item.id);
  await refreshCounts();
  return id;
}

/** Drops a change a person decided not to send (never done without their explicit choice). */
export async function discard(id: string) {
  await removeItem(id);
  await refreshCounts();
}

export { refreshCounts };
