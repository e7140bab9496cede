/**
 * What the engine's decisions send to the review queue: lines it flagged, a random sample of
 * claims (the same claims whatever the run, drawn from their ids), and lines whose allowed unit
 * amount is far above the scheme's average for the service. Provider outliers are found by a scan
 * over a period (review.service.ts: scanProviders).
 */
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Executor } from '../../platform/audit/audit.js';
import { newIds } from '../../platform/ids.js';
import type { ClaimInput, ClaimResult } from './adjudication.rules.js';

export interface ReviewSettings {
  sampleRate: number;
  amountMultiple: number;
  providerMultiple: number;
}

export const DEFAULT_REVIEW_SETTINGS: ReviewSettings = { sampleRate: 0.05, amountMultiple: 3, providerMultiple: 2 };

export async function reviewSettings(db: Executor, schemeId: string): Promise<ReviewSettings> {
  const row = await db.selectFrom('review_settings').selectAll().where('scheme_id', '=', schemeId).executeTakeFirst();
  if (!row) return DEFAULT_REVIEW_SETTINGS;
  return { sampleRate: Number(row.sample_rate), amountMultiple: Number(row.amount_multiple), providerMultiple: Number(row.provider_multiple) };
}

/** A claim is in the sample when the hash of its id falls under the rate: stable across runs. */
export function inSample(claimId: string, rate: number): boolean {
  if (rate <= 0) return false;
  const n = createHash('sha256').update(claimId).digest().readUInt32BE(0);
  return n / 0x1_0000_0000 < rate;
}

// Average allowed unit amount per service, over decided lines not rejected, per scheme; read at
// most once a minute (a batch of a million lines would otherwise recompute it for every chunk).
const averages = new Map<string, { at: number; byService: Map<string, { avg: number; n: number }> }>();

async function serviceAverages(db: Executor, schemeId: string): Promise<Map<string, { avg: number; n: number }>> {
  const cached = averages.get(schemeId);
  if (cached && Date.now() - cached.at < 60_000) return cached.byService;
  const { rows } = await sql<{ service_code: string; avg: string; n: number }>`
    select l.service_code, avg(d.allowed::numeric / l.quantity)::text as avg, count(*)::int as n
      from claim_decision d join claim_line l on l.id = d.line_id
     where d.scheme_id = ${schemeId} and d.current and d.decision <> 'rejected'
     group by l.service_code`.execute(db);
  const map = new Map(rows.map((r) => [r.service_code, { avg: Number(r.avg), n: r.n }]));
  // Kept even when read inside a transaction: an average is a yardstick for review, and one read
  // a minute ago (or in a transaction later rolled back) serves as well as a fresh one.
  averages.set(schemeId, { at: Date.now(), byService: map });
  return map;
}

/** The least number of decided lines of a service before its average is trusted. */
const MIN_LINES_FOR_AVERAGE = 30;

export async function queueForReview(db: Executor, schemeId: string, results: ClaimResult[], claims: ClaimInput[], at: Date): Promise<number> {
  const settings = await reviewSettings(db, schemeId);
  const byId = new Map(claims.map((c) => [c.id, c]));
  const items: { claimId: string; lineId: string | null; source: string; detail: string }[] = [];
  const avgs = settings.amountMultiple > 0 ? await serviceAverages(db, schemeId) : new Map<string, { avg: number; n: number }>();
  for (const r of results) {
    if (inSample(r.claimId, settings.sampleRate)) items.push({ claimId: r.claimId, lineId: null, source: 'sample', detail: `random sample (${settings.sampleRate * 100} %)` });
    const claim = byId.get(r.claimId);
    for (const l of r.lines) {
      if (l.flags.length) items.push({ claimId: r.claimId, lineId: l.lineId, source: 'engine_flag', detail: l.flags.join(', ') });
      const input = claim?.lines.find((x) => x.id === l.lineId);
      if (!input || l.decision === 'rejected') continue;
      const avg = avgs.get(input.service);
      if (avg && avg.n >= MIN_LINES_FOR_AVERAGE && l.allowed / input.quantity > settings.amountMultiple * avg.avg) {
        items.push({ claimId: r.claimId, lineId: l.lineId, source: 'amount_outlier', detail: `${input.service}: ${Math.round(l.allowed / input.quantity)} per unit, average ${Math.round(avg.avg)}` });
      }
    }
  }
  if (items.length === 0) return 0;
  await sql`
    insert into review_item (id, scheme_id, claim_id, line_id, source, detail, status, created_at)
    select u.id, ${schemeId}::uuid, u.claim_id, u.line_id, u.source, u.detail, 'open', ${at}
      from unnest(${newIds(items.length)}::uuid[], ${items.map((i) => i.claimId)}::uuid[], ${items.map((i) => i.lineId)}::uuid[], ${items.map((i) => i.source)}::text[], ${items.map((i) => i.detail)}::text[])
           as u(id, claim_id, line_id, source, detail)
    on conflict do nothing`.execute(db);
  return items.length;
}
