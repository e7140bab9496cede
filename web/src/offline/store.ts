import { type DBSchema, type IDBPDatabase, openDB } from 'idb';
import type { CardKeys, OutboxItem, SnapshotHousehold, SyncMeta } from './types';

/**
 * What the device keeps for offline work, in IndexedDB (one database per browser profile): per
 * scheme the last snapshot's households, the card public keys and the sync times; and the outbox
 * of changes made on the device, kept until a person clears them (done items stay as a record of
 * receipts issued until the next successful sync removes them after a day).
 */
interface FieldDb extends DBSchema {
  households: { key: [string, string]; value: SnapshotHousehold & { scheme: string }; indexes: { scheme: string } };
  meta: { key: string; value: SyncMeta };
  keys: { key: string; value: CardKeys & { fetchedAt: string } };
  outbox: { key: string; value: OutboxItem & { seq: number }; indexes: { scheme: string; seq: number } };
}

const NAME = 'mutua-field';
let opened: Promise<IDBPDatabase<FieldDb>> | undefined;

function db(): Promise<IDBPDatabase<FieldDb>> {
  opened ??= openDB<FieldDb>(NAME, 1, {
    upgrade(database) {
      database.createObjectStore('households', { keyPath: ['scheme', 'number'] }).createIndex('scheme', 'scheme');
      database.createObjectStore('meta', { keyPath: 'scheme' });
      database.createObjectStore('keys', { keyPath: 'scheme' });
      const outbox = database.createObjectStore('outbox', { keyPath: 'id' });
      outbox.createIndex('scheme', 'scheme');
      outbox.createIndex('seq', 'seq');
    },
  });
  return opened;
}

// ---------------------------------------------------------------- snapshot

/** Stores households of a snapshot page (replacing those with the same number); a full sync first clears the scheme. */
export async function putHouseholds(scheme: string, households: SnapshotHousehold[], { replaceAll = false } = {}): Promise<void> {
  const tx = (await db()).transaction('households', 'readwrite');
  if (replaceAll) {
    for (const key of await tx.store.index('scheme').getAllKeys(scheme)) await tx.store.delete(key);
  }
  for (const h of households) await tx.store.put({ ...h, scheme });
  await tx.done;
}

export async function householdsOf(scheme: string): Promise<SnapshotHousehold[]> {
  return (await db()).getAllFromIndex('households', 'scheme', scheme);
}

export async function countHouseholds(scheme: string): Promise<number> {
  return (await db()).countFromIndex('households', 'scheme', scheme);
}

export async function householdOf(scheme: string, number: string): Promise<SnapshotHousehold | undefined> {
  return (await db()).get('households', [scheme, number]);
}

export async function getMeta(scheme: string): Promise<SyncMeta | undefined> {
  return (await db()).get('meta', scheme);
}

export async function putMeta(meta: SyncMeta): Promise<void> {
  await (await db()).put('meta', meta);
}

export async function getCardKeys(scheme: string): Promise<(CardKeys & { fetchedAt: string }) | undefined> {
  return (await db()).get('keys', scheme);
}

export async function putCardKeys(keys: CardKeys): Promise<void> {
  await (await db()).put('keys', { ...keys, fetchedAt: new Date().toISOString() });
}

// ---------------------------------------------------------------- outbox

/** Queues a change; it is sent in the order it was made. */
export async function enqueue(item: OutboxItem): Promise<void> {
  const database = await db();
  const tx = database.transaction('outbox', 'readwrite');
  const last = await tx.store.index('seq').openCursor(null, 'prev');
  await tx.store.put({ ...item, seq: (last?.value.seq ?? 0) + 1 });
  await tx.done;
}

/** Every change of a scheme (all schemes without one), oldest first. */
export async function outbox(scheme?: string): Promise<OutboxItem[]> {
  const all = await (await db()).getAllFromIndex('outbox', 'seq');
  return scheme ? all.filter((i) => i.scheme === scheme) : all;
}

export async function outboxItem(id: string): Promise<OutboxItem | undefined> {
  return (await db()).get('outbox', id);
}

/** Changes one item (its status, the server's answer). */
export async function updateItem(id: string, change: Partial<OutboxItem>): Promise<OutboxItem | undefined> {
  const tx = (await db()).transaction('outbox', 'readwrite');
  const item = await tx.store.get(id);
  if (!item) return undefined;
  const next = { ...item, ...change } as OutboxItem & { seq: number };
  await tx.store.put(next);
  await tx.done;
  return next;
}

/** Removes an item: a person discarded it, or it was confirmed and is old. */
export async function removeItem(id: string): Promise<void> {
  await (await db()).delete('outbox', id);
}
