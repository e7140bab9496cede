import { newId } from '../../platform/ids.js';
import { ImportNotFoundError, ImportsFullError } from './imports.errors.js';
import type { RawReport } from './import-run.js';
import type { ImportKind, ImportOperation, ImportPhase, ImportState } from './imports.schemas.js';
import type { TableFacts } from '../../platform/spreadsheet.js';

/**
 * Uploaded files waiting for their dry run and commit, and the progress of the run under way.
 * They are kept in the server's memory, not in the database: an upload is a working copy that
 * lives for minutes, and the file's rows end up in the scheme's own tables. The price: an upload
 * is lost when the server restarts (upload it again), and a deployment with several server
 * processes must send a client's requests to the same one.
 */
export interface StoredUpload {
  id: string;
  schemeId: string;
  kind: ImportKind;
  fileName: string;
  /** The file; emptied once committed (it cannot be committed twice). */
  bytes: Buffer;
  sheet: string | null;
  facts: TableFacts & { rows: number };
  uploadedAt: Date;
  expiresAt: Date;
  state: ImportState;
  operation: ImportOperation | null;
  phase: ImportPhase | null;
  done: number;
  total: number;
  result: RawReport | null;
  error: { code: string; message: string } | null;
  running: Promise<void> | null;
}

export interface StoreLimits {
  /** How long an upload is kept after its last use. */
  ttlMs: number;
  /** The most bytes of uploads kept at once; the oldest idle ones make room for new ones. */
  maxBytes: number;
  now: () => number;
}

export const DEFAULT_LIMITS: StoreLimits = { ttlMs: 2 * 60 * 60 * 1000, maxBytes: 512 * 1024 * 1024, now: () => Date.now() };

export class ImportStore {
  private readonly uploads = new Map<string, StoredUpload>();

  constructor(private readonly limits: StoreLimits = DEFAULT_LIMITS) {}

  private purge(): void {
    const now = this.limits.now();
    for (const [id, u] of this.uploads) if (u.expiresAt.getTime() <= now && !u.running) this.uploads.delete(id);
  }

  private bytes(): number {
    let n = 0;
    for (const u of this.uploads.values()) n += u.bytes.length;
    return n;
  }

  /** Keeps an upload. Errors: ImportsFullError when even the idle ones' room is not enough. */
  add(upload: Omit<StoredUpload, 'id' | 'uploadedAt' | 'expiresAt' | 'state' | 'operation' | 'phase' | 'done' | 'total' | 'result' | 'error' | 'running'>): StoredUpload {
    this.purge();
    const idle = [...this.uploads.values()].filter((u) => !u.running).sort((a, b) => a.expiresAt.getTime() - b.expiresAt.getTime());
    while (this.bytes() + upload.bytes.length > this.limits.maxBytes) {
      const oldest = idle.shift();
      if (!oldest) throw new ImportsFullError();
      this.uploads.delete(oldest.id);
    }
    const now = this.limits.now();
    const stored: StoredUpload = {
      ...upload,
      id: newId(now),
      uploadedAt: new Date(now),
      expiresAt: new Date(now + this.limits.ttlMs),
      state: 'uploaded',
      operation: null,
      phase: null,
      done: 0,
      total: upload.facts.rows,
      result: null,
      error: null,
      running: null,
    };
    this.uploads.set(stored.id, stored);
    return stored;
  }

  /** An upload of this scheme and kind, its life extended. Errors: ImportNotFoundError. */
  get(schemeId: string, kind: ImportKind, id: string): StoredUpload {
    this.purge();
    const upload = this.uploads.get(id);
    if (!upload || upload.schemeId !== schemeId || upload.kind !== kind) throw new ImportNotFoundError(id);
    upload.expiresAt = new Date(Math.max(upload.expiresAt.getTime(), this.limits.now() + this.limits.ttlMs));
    return upload;
  }

  /** Waits for the runs under way (the server is closing). */
  async settle(): Promise<void> {
    await Promise.all([...this.uploads.values()].map((u) => u.running));
  }
}
