import type { paths } from '../api/schema';

type Json<R> = R extends { 200: { content: { 'application/json': infer B } } } ? B : R extends { 201: { content: { 'application/json': infer B } } } ? B : never;

/** What the server sends for offline work, by the names the field screens use. */
export type Snapshot = Json<paths['/api/schemes/{scheme}/offline/snapshot']['get']['responses']>;
export type SnapshotHousehold = Snapshot['households'][number];
export type SnapshotMember = SnapshotHousehold['members'][number];
export type CardKeys = Json<paths['/api/schemes/{scheme}/card-keys']['get']['responses']>;
export type PaymentBody = NonNullable<paths['/api/schemes/{scheme}/payments']['post']['requestBody']>['content']['application/json'];
export type RecordedPayment = Json<paths['/api/schemes/{scheme}/payments']['post']['responses']>;
export type HouseholdBody = NonNullable<paths['/api/schemes/{scheme}/households']['post']['requestBody']>['content']['application/json'];
export type RegisteredHousehold = Json<paths['/api/schemes/{scheme}/households']['post']['responses']>;

/** Where a queued change stands. */
export const outboxStatuses = ['queued', 'sending', 'done', 'problem'] as const;
export type OutboxStatus = (typeof outboxStatuses)[number];

interface OutboxBase {
  /** The device-made idempotency key; also the item's id. */
  id: string;
  scheme: string;
  /** When the change was made on the device (ISO time). */
  createdAt: string;
  status: OutboxStatus;
  /** The server's refusal, kept for a person to read. */
  error: { status: number; code: string; message: string; details: { field: string; message: string }[] } | null;
  /** When the server confirmed it. */
  doneAt: string | null;
  /** Items replaced by an edit keep the key of what they replace, for the record. */
  replaces: string | null;
}

export type OutboxItem =
  | (OutboxBase & { kind: 'payment'; body: PaymentBody; result: RecordedPayment | null })
  | (OutboxBase & { kind: 'household'; body: HouseholdBody; result: RegisteredHousehold['household'] | null });

/** Per scheme: when it was last synced and what the snapshot is as of. */
export interface SyncMeta {
  scheme: string;
  currency: string;
  /** The server's day the statuses were computed for. */
  asOf: string;
  /** The server's time of the last complete snapshot: the next `since`. */
  serverTime: string;
  /** When this device last finished a sync (device time). */
  syncedAt: string;
  households: number;
}
