/** SQL of the review queue, review settings and reviewers' decisions. */
import { type Insertable, sql } from 'kysely';
import type { Executor } from '../../platform/audit/audit.js';
import { newIds } from '../../platform/ids.js';
import type { ClaimDecisionTable } from './claims.table.js';
import type { ReviewQuery, ReviewSource } from './review.schemas.js';

export function lockClaim(db: Executor, schemeId: string, id: string) {
  return db.selectFrom('claim').selectAll().where('scheme_id', '=', schemeId).where('id', '=', id).forUpdate().executeTakeFirst();
}

export function findLine(db: Executor, schemeId: string, claimId: string, lineId: string) {
  return db.selectFrom('claim_line').selectAll().where('scheme_id', '=', schemeId).where('claim_id', '=', claimId).where('id', '=', lineId).executeTakeFirst();
}

export function currentDecision(db: Executor, schemeId: string, lineId: string) {
  return db.selectFrom('claim_decision').selectAll().where('scheme_id', '=', schemeId).where('line_id', '=', lineId).where('current', '=', true).executeTakeFirst();
}

/** Makes `row` the line's current decision; the one it replaces stays in the history. */
export async function replaceDecision(db: Executor, schemeId: string, previousId: string, row: Insertable<ClaimDecisionTable>): Promise<void> {
  // The partial unique index allows one current decision per line: retire the old one first.
  await db.updateTable('claim_decision').set({ current: false }).where('scheme_id', '=', schemeId).where('id', '=', previousId).execute();
  await db.insertInto('claim_decision').values(row).execute();
}

/** The claim's amounts are the sums of its lines' current decisions. */
export async function recomputeClaimTotals(db: Executor, schemeId: string, claimId: string, at: Date): Promise<void> {
  await sql`
    update claim c set allowed = s.allowed, payable = s.payable, member_share = s.member_share, updated_at = ${at}
      from (select coalesce(sum(allowed), 0) as allowed, coalesce(sum(payable), 0) as payable, coalesce(sum(member_share), 0) as member_share
              from claim_decision where scheme_id = ${schemeId} and claim_id = ${claimId} and current) s
     where c.scheme_id = ${schemeId} and c.id = ${claimId}`.execute(db);
}

/**
 * Closes the line's open review items, then the claim's own (not about a line) when no item
 * about one of its lines is still open. Returns how many were closed.
 */
export async function closeItems(db: Executor, schemeId: string, claimId: string, lineId: string, by: string, at: Date): Promise<number> {
  const lines = await db
    .updateTable('review_item')
    .set({ status: 'closed', resolved_by: by, resolved_at: at })
    .where('scheme_id', '=', schemeId)
    .where('claim_id', '=', claimId)
    .where('line_id', '=', lineId)
    .where('status', '=', 'open')
    .executeTakeFirst();
  const claim = await sql`
    update review_item set status = 'closed', resolved_by = ${by}, resolved_at = ${at}
     where scheme_id = ${schemeId} and claim_id = ${claimId} and line_id is null and status = 'open'
       and not exists (select 1 from review_item o where o.scheme_id = ${schemeId} and o.claim_id = ${claimId} and o.line_id is not null and o.status = 'open')`.execute(db);
  return Number(lines.numUpdatedRows) + Number(claim.numAffectedRows ?? 0);
}

function queueQuery(db: Executor, schemeId: string, query: ReviewQuery) {
  let q = db
    .selectFrom('review_item as r')
    .innerJoin('claim as c', (j) => j.onRef('c.id', '=', 'r.claim_id').onRef('c.scheme_id', '=', 'r.scheme_id'))
    .leftJoin('claim_line as l', (j) => j.onRef('l.id', '=', 'r.line_id').onRef('l.scheme_id', '=', 'r.scheme_id'))
    .where('r.scheme_id', '=', schemeId)
    .where('r.status', '=', query.status ?? 'open');
  if (query.source) q = q.where('r.source', '=', query.source);
  if (query.provider) q = q.where('c.provider_code', '=', query.provider);
  if (query.member) q = q.where('c.card', '=', query.member.trim().toUpperCase());
  if (query.claim) q = q.where('c.number', '=', query.claim);
  return q;
}

export async function reviewQueue(db: Executor, schemeId: string, query: ReviewQuery) {
  const total = await queueQuery(db, schemeId, query).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await queueQuery(db, schemeId, query)
    .select([
      'r.id',
      'r.claim_id',
      'r.line_id',
      'r.source',
      'r.detail',
      'r.status',
      'r.created_at',
      'r.resolved_by',
      'r.resolved_at',
      'c.number',
      'c.status as claim_status',
      'c.provider_code',
      'c.card',
      'c.from_date',
      'c.payable',
      'l.seq',
      'l.service_code',
    ])
    .orderBy('r.created_at')
    .orderBy('r.id')
    .limit(query.limit ?? 100)
    .offset(query.offset ?? 0)
    .execute();
  return { total: Number(total.n), rows };
}

export async function writeSettings(db: Executor, schemeId: string, s: { sampleRate: string; amountMultiple: string; providerMultiple: string }, at: Date): Promise<void> {
  await db
    .insertInto('review_settings')
    .values({ scheme_id: schemeId, sample_rate: s.sampleRate, amount_multiple: s.amountMultiple, provider_multiple: s.providerMultiple, updated_at: at })
    .onConflict((oc) => oc.column('scheme_id').doUpdateSet({ sample_rate: s.sampleRate, amount_multiple: s.amountMultiple, provider_multiple: s.providerMultiple, updated_at: at }))
    .execute();
}

/** Per provider, over decided claims with a date of care in the period and a known patient. */
export async function providerActivity(db: Executor, schemeId: string, from: string, to: string) {
  const { rows } = await sql<{ provider_id: string; claims: number; members: number; payable: string }>`
    select provider_id, count(*)::int as claims, count(distinct beneficiary_id)::int as members, coalesce(sum(payable), 0)::text as payable
      from claim
     where scheme_id = ${schemeId} and status <> 'submitted' and provider_id is not null and beneficiary_id is not null
       and from_date between ${from} and ${to}
     group by provider_id`.execute(db);
  return rows.map((r) => ({ providerId: r.provider_id, claims: r.claims, members: r.members, payable: Number(r.payable) }));
}

/** Puts the decided claims of these providers in the period in the queue (once per claim and source). */
export async function queueProviderClaims(db: Executor, schemeId: string, items: { providerId: string; detail: string }[], from: string, to: string, source: ReviewSource, at: Date): Promise<Map<string, number>> {
  const created = new Map<string, number>();
  for (const item of items) {
    const claims = await db
      .selectFrom('claim')
      .select('id')
      .where('scheme_id', '=', schemeId)
      .where('provider_id', '=', item.providerId)
      .where('status', '<>', 'submitted')
      .where('from_date', '>=', from)
      .where('from_date', '<=', to)
      .execute();
    let n = 0;
    for (let i = 0; i < claims.length; i += 5000) {
      const slice = claims.slice(i, i + 5000).map((c) => c.id);
      const result = await sql`
        insert into review_item (id, scheme_id, claim_id, line_id, source, detail, status, created_at)
        select u.id, ${schemeId}::uuid, u.claim_id, null, ${source}, ${item.detail}, 'open', ${at}
          from unnest(${newIds(slice.length)}::uuid[], ${slice}::uuid[]) as u(id, claim_id)
        on conflict do nothing`.execute(db);
      n += Number(result.numAffectedRows ?? 0);
    }
    created.set(item.providerId, n);
  }
  return created;
}
