/**
 * Runs the engine (adjudication.rules.ts) on stored claims: builds the world it asks about from the
 * other modules, feeds it what earlier claims consumed, and writes its decisions. One code path for
 * a single claim on submission, a batch, and a scheme file being loaded.
 */
import { sql } from 'kysely';
import { recordAudit, type Actor, type Executor } from '../../platform/audit/audit.js';
import { emitEvent } from '../../platform/events.js';
import type { Db } from '../../platform/db/connection.js';
import { householdStatusFacts, type HouseholdStatusFacts } from '../coverage/index.js';
import { cardHolders, memberLeftOn } from '../members/index.js';
import { agreementOn, knownDiagnoses, providerCatalogue, type ProviderCatalogue } from '../providers/index.js';
import { adjudicateClaim, claimKey, compareClaims, Consumption, periodOn, type ClaimInput, type ClaimResult, type ConsumedLine, type LetterFacts, type MemberFacts, type World } from './adjudication.rules.js';
import * as repo from './claims.repository.js';
import { queueForReview } from './review.js';

/** Facts about the scheme loaded once per run, and per batch of claims. */
class Facts {
  readonly members = new Map<string, MemberFacts | null>();
  readonly households = new Map<string, HouseholdStatusFacts>();
  readonly letters = new Map<string, LetterFacts | null>();
  diagnoses: Set<string> | undefined = undefined;

  constructor(
    readonly schemeId: string,
    readonly catalogue: ProviderCatalogue,
    private readonly transform?: (facts: HouseholdStatusFacts) => HouseholdStatusFacts,
  ) {}

  static async load(db: Executor, schemeId: string, transform?: (facts: HouseholdStatusFacts) => HouseholdStatusFacts): Promise<Facts> {
    return new Facts(schemeId, await providerCatalogue(db, schemeId), transform);
  }

  /** Loads what these claims need and was not loaded yet; returns the households seen for the first time. */
  async prepare(db: Executor, claims: ClaimInput[]): Promise<string[]> {
    const cards = [...new Set(claims.map((c) => c.card.trim().toUpperCase()))].filter((c) => !this.members.has(c));
    const holders = await cardHolders(db, this.schemeId, cards);
    for (const card of cards) {
      const h = holders.get(card);
      this.members.set(
        card,
        h ? { beneficiaryId: h.id, householdId: h.householdId, sex: h.sex ?? null, birthDate: h.birthDate, birthYear: h.birthYear, joinedOn: h.joinedOn, leftOn: memberLeftOn(h) } : null,
      );
    }
    const newHouseholds = [...new Set(cards.map((c) => this.members.get(c)?.householdId).filter((h): h is string => !!h && !this.households.has(h)))];
    const facts = await householdStatusFacts(db, this.schemeId, newHouseholds);
    for (const [id, f] of facts) this.households.set(id, this.transform ? this.transform(f) : f);
    const numbers = [...new Set(claims.map((c) => c.guaranteeLetter).filter((n): n is string => !!n && !this.letters.has(n)))];
    const letters = await repo.lettersByNumber(db, this.schemeId, numbers);
    for (const n of numbers) this.letters.set(n, null);
    for (const l of letters) {
      this.letters.set(l.number, {
        number: l.number,
        beneficiaryId: l.beneficiary_id,
        providerCode: l.provider_code,
        category: l.category,
        validFrom: l.valid_from,
        validTo: l.valid_to,
        approved: l.status === 'approved',
        usedBy: l.used_by_claim_id,
      });
    }
    const codes = [...new Set(claims.map((c) => c.diagnosis).filter((d): d is string => !!d))];
    if (codes.length) {
      // No code known at all: the scheme has loaded no diagnosis list, so nothing is flagged.
      const known = await knownDiagnoses(db, codes);
      if (known.size > 0 || this.diagnoses) this.diagnoses = new Set([...(this.diagnoses ?? []), ...known]);
    }
    return newHouseholds;
  }

  world(): World {
    return {
      service: (code) => {
        const s = this.catalogue.services.get(code);
        return s && s.active ? { code: s.code, category: s.category } : undefined;
      },
      provider: (code) => {
        const p = this.catalogue.providers.get(code);
        return p && p.active ? { id: p.id, code: p.code, level: p.level } : undefined;
      },
      agreementOn: (providerId, date) => agreementOn(this.catalogue, providerId, date),
      member: (card) => this.members.get(card.trim().toUpperCase()) ?? undefined,
      household: (id) => this.households.get(id) ?? { periods: [], dues: [], payments: [] },
      letter: (number) => this.letters.get(number) ?? undefined,
      diagnosisKnown: this.diagnoses ? (code) => this.diagnoses!.has(code) : undefined,
    };
  }
}

/** Lines decided earlier, to be counted when the run reaches their place in the order. */
class Earlier {
  private queue: ConsumedLine[] = [];
  private next = 0;

  add(lines: ConsumedLine[], consumption: Consumption, position: string | null): void {
    // Lines before the current position count at once; the others wait for their turn.
    const later: ConsumedLine[] = [];
    for (const l of lines) {
      if (position !== null && l.claimKey < position) consumption.add(l);
      else later.push(l);
    }
    if (later.length === 0) return;
    this.queue = [...this.queue.slice(this.next), ...later].sort((a, b) => (a.claimKey < b.claimKey ? -1 : a.claimKey > b.claimKey ? 1 : 0));
    this.next = 0;
  }

  drainBefore(key: string, consumption: Consumption): void {
    while (this.next < this.queue.length && this.queue[this.next]!.claimKey < key) consumption.add(this.queue[this.next++]!);
  }
}

/** Claims decided between two turns of the event loop in a long decide(). */
const YIELD_EVERY = 250;

/** A run of the engine over claims in order, carrying what they consume from one batch to the next. */
export class Adjudication {
  readonly consumption = new Consumption();
  private readonly earlier = new Earlier();
  private position: string | null = null;

  private constructor(
    private readonly facts: Facts,
    private readonly replay: boolean,
  ) {}

  /**
   * `replay`: decide claims as if none had been decided (a simulation replays decided claims, so
   * their stored decisions must not count); `transform` changes the household facts the engine
   * sees (a simulation swaps a product's versions).
   */
  static async start(db: Executor, schemeId: string, options: { replay?: boolean; transform?: (facts: HouseholdStatusFacts) => HouseholdStatusFacts } = {}): Promise<Adjudication> {
    return new Adjudication(await Facts.load(db, schemeId, options.transform), options.replay ?? false);
  }

  /** Decides claims (any order in, the engine's order out); `exceptClaim` is left out of the earlier lines. */
  async decide(db: Executor, claims: ClaimInput[]): Promise<ClaimResult[]> {
    const ordered = [...claims].sort(compareClaims);
    const households = await this.facts.prepare(db, ordered);
    if (households.length && !this.replay) {
      const pending = new Set(ordered.map((c) => c.id));
      const rows = (await repo.consumedByHouseholds(db, this.facts.schemeId, households)).filter((l) => !pending.has(l.claimId));
      const lines: ConsumedLine[] = [];
      for (const r of rows) {
        const periodId = periodOn(this.facts.households.get(r.householdId)!, r.from);
        if (!periodId) continue;
        lines.push({ ...r, periodId });
      }
      this.earlier.add(lines, this.consumption, this.position);
    }
    const world = this.facts.world();
    const results: ClaimResult[] = [];
    for (const [i, claim] of ordered.entries()) {
      // A batch run writes the previous chunk meanwhile: let its statements go out now and then.
      if (i % YIELD_EVERY === YIELD_EVERY - 1) await new Promise((resolve) => setImmediate(resolve));
      const key = claimKey(claim);
      this.earlier.drainBefore(key, this.consumption);
      this.position = key;
      results.push(adjudicateClaim(claim, world, this.consumption));
    }
    return results;
  }
}

export interface RunTotals {
  claims: number;
  lines: number;
  approved: number;
  reduced: number;
  rejected: number;
  payable: number;
}

export function emptyTotals(): RunTotals {
  return { claims: 0, lines: 0, approved: 0, reduced: 0, rejected: 0, payable: 0 };
}

export function addTotals(totals: RunTotals, results: ClaimResult[]): void {
  for (const r of results) {
    totals.claims += 1;
    totals.payable += r.payable;
    for (const l of r.lines) {
      totals.lines += 1;
      totals[l.decision] += 1;
    }
  }
}

/** Writes one batch of decisions with its review items and audit record, in the caller's transaction. */
export async function saveDecisions(trx: Executor, actor: Actor, schemeId: string, results: ClaimResult[], claims: ClaimInput[]): Promise<void> {
  if (results.length === 0) return;
  const at = new Date();
  await repo.writeDecisions(trx, schemeId, results, actor.label, at);
  const byId = new Map(claims.map((c) => [c.id, c]));
  await emitEvent(trx, actor, 'claims.payableChanged', {
    schemeId,
    changes: results.map((r) => ({ sourceId: r.claimId, kind: 'adjudicated' as const, claimNumber: byId.get(r.claimId)?.number ?? r.claimId, dateOfCare: byId.get(r.claimId)!.from, amount: r.payable })),
  });
  await queueForReview(trx, schemeId, results, claims, at);
  const totals = emptyTotals();
  addTotals(totals, results);
  // One record per batch: the decisions themselves are append-only rows that name who decided and when.
  await recordAudit(trx, actor, {
    action: 'claims.adjudicated',
    entityType: 'claim',
    entityId: results.length === 1 ? results[0]!.claimId : `${results[0]!.claimId}..${results[results.length - 1]!.claimId}`,
    schemeId,
    after: { ...totals, claimIds: results.length <= 20 ? results.map((r) => r.claimId) : undefined },
  });
}

// Locks: one batch run at a time per scheme (exclusive); single submissions share it among
// themselves, so that what a run holds in memory stays true, and queue per household.
const RUN_LOCK = 1_836_412_001;
const SINGLE_LOCK = 1_836_412_002;

export async function lockSingle(trx: Executor, schemeId: string, householdKey: string): Promise<boolean> {
  const { rows } = await sql<{ ok: boolean }>`select pg_try_advisory_xact_lock_shared(${RUN_LOCK}, hashtext(${schemeId})) as ok`.execute(trx);
  if (!rows[0]!.ok) return false;
  // Claims of one household queue on each other (they share its ceilings); other households do not wait.
  await sql`select pg_advisory_xact_lock(${SINGLE_LOCK}, hashtext(${householdKey}))`.execute(trx);
  return true;
}

/**
 * Decides every submitted claim of the scheme, in the engine's order, committing every `chunk`
 * claims. Interrupted, it starts again where it stopped: decided claims are no longer
 * `submitted`, and what they consumed is read back. Inside a transaction (a file being loaded),
 * everything is written in it.
 *
 * Outside one, it works on two connections: while one writes a chunk's decisions (and commits),
 * the other reads the next chunk and the engine decides it, so the database's writing and the
 * engine's work overlap. Chunks are still written one at a time, in order, each once the one before
 * has committed; the next chunk is read leaving out the claims being written, which are those a
 * run on one connection would have read as decided. The decisions are the same either way. When no
 * second connection comes within READER_WAIT_MS (a pool of one), it runs on one.
 */
export async function adjudicatePending(
  db: Db | Executor,
  actor: Actor,
  schemeId: string,
  options: { chunk?: number; limit?: number; onProgress?: (done: RunTotals, remaining: number) => void } = {},
): Promise<RunTotals & { remaining: number }> {
  const chunk = options.chunk ?? 5000;
  const limit = options.limit ?? Number.MAX_SAFE_INTEGER;
  const totals = emptyTotals();
  const loop = async (conn: Executor, step: (work: (trx: Executor) => Promise<number>) => Promise<number>) => {
    const run = await Adjudication.start(conn, schemeId);
    for (;;) {
      const want = Math.min(chunk, limit - totals.claims);
      if (want <= 0) break;
      const done = await step(async (trx) => {
        const rows = await repo.nextSubmitted(trx, schemeId, want);
        if (rows.length === 0) return 0;
        const claims = await repo.claimInputs(trx, schemeId, rows);
        const results = await run.decide(trx, claims);
        await saveDecisions(trx, actor, schemeId, results, claims);
        addTotals(totals, results);
        return rows.length;
      });
      if (done === 0) break;
      options.onProgress?.(totals, await repo.countSubmitted(conn, schemeId));
    }
  };
  /** Reads and decides on `reader` while `writer` writes the chunk before, one transaction per chunk. */
  const pipelined = async (writer: Executor, reader: Executor) => {
    const run = await Adjudication.start(reader, schemeId);
    let decided = 0;
    let writing: { ids: string[]; done: Promise<void> } | undefined;
    // Progress is counted on the reader once a chunk has committed, off the writer's path; calls
    // come in order, the last before the run returns.
    let progress: Promise<void> = Promise.resolve();
    try {
      for (;;) {
        const want = Math.min(chunk, limit - decided);
        if (want <= 0) break;
        // The chunk being written is still `submitted` to the reader until it commits.
        const rows = await repo.nextSubmitted(reader, schemeId, want, writing?.ids);
        if (rows.length === 0) break;
        const claims = await repo.claimInputs(reader, schemeId, rows);
        const results = await run.decide(reader, claims);
        decided += rows.length;
        if (writing) await writing.done;
        const done = writer
          .transaction()
          .execute((trx) => saveDecisions(trx, actor, schemeId, results, claims))
          .then(() => {
            addTotals(totals, results);
            const onProgress = options.onProgress;
            if (onProgress) {
              const done = { ...totals };
              progress = progress.then(async () => onProgress(done, await repo.countSubmitted(reader, schemeId)));
              progress.catch(() => undefined);
            }
          });
        // Awaited before the next chunk is written, or at the end.
        done.catch(() => undefined);
        writing = { ids: rows.map((r) => r.id), done };
      }
    } catch (error) {
      await writing?.done.catch(() => undefined);
      await progress.catch(() => undefined);
      throw error;
    }
    await writing?.done;
    await progress;
  };
  if (db.isTransaction) {
    await sql`select pg_advisory_xact_lock(${RUN_LOCK}, hashtext(${schemeId}))`.execute(db);
    await loop(db, (work) => work(db));
  } else {
    await (db as Db).connection().execute(async (conn) => {
      await sql`select pg_advisory_lock(${RUN_LOCK}, hashtext(${schemeId}))`.execute(conn);
      try {
        await withSecondConnection(db as Db, (reader) => (reader ? pipelined(conn, reader) : loop(conn, (work) => conn.transaction().execute(work))));
      } finally {
        await sql`select pg_advisory_unlock(${RUN_LOCK}, hashtext(${schemeId}))`.execute(conn);
      }
    });
  }
  return { ...totals, remaining: await repo.countSubmitted(db, schemeId) };
}

/** How long a batch run waits for its second connection before running on one. */
const READER_WAIT_MS = 2000;

/**
 * Runs `work` with another connection of the pool, held until it ends, or with none when the pool
 * gives none within READER_WAIT_MS (the caller already holds one: a pool of one would never).
 */
async function withSecondConnection<T>(db: Db, work: (reader: Executor | undefined) => Promise<T>): Promise<T> {
  let finished = false;
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  const reader = await new Promise<Executor | undefined>((resolve) => {
    const timer = setTimeout(() => resolve(undefined), READER_WAIT_MS);
    db.connection()
      .execute(async (connection) => {
        clearTimeout(timer);
        // Given after the run (a pool of one): handed back at once. Given after the wait but
        // during the run, it is held, unused, until the run ends.
        if (finished) return;
        resolve(connection);
        await released;
      })
      .catch(() => resolve(undefined));
  });
  try {
    return await work(reader);
  } finally {
    finished = true;
    release();
  }
}
