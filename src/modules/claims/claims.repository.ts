/** SQL of the claims module. Functions take a db or a transaction and return undefined when missing. */
import { type Selectable, sql } from 'kysely';
import type { Executor } from '../../platform/audit/audit.js';
import { newIds } from '../../platform/ids.js';
import type { ClaimInput, ClaimResult, ConsumedLine } from './adjudication.rules.js';
import { claimKey } from './adjudication.rules.js';
import type { ClaimTable } from './claims.table.js';

export type ClaimRow = Selectable<ClaimTable>;

export function findClaim(db: Executor, schemeId: string, id: string) {
  return db.selectFrom('claim').selectAll().where('scheme_id', '=', schemeId).where('id', '=', id).executeTakeFirst();
}

export function findClaimByNumber(db: Executor, schemeId: string, provider: string, number: string) {
  return db.selectFrom('claim').selectAll().where('scheme_id', '=', schemeId).where('provider_code', '=', provider).where('number', '=', number).executeTakeFirst();
}

export function findClaimsByNumber(db: Executor, schemeId: string, number: string) {
  return db.selectFrom('claim').selectAll().where('scheme_id', '=', schemeId).where('number', '=', number).orderBy('provider_code').execute();
}

export function findClaimByIdempotencyKey(db: Executor, schemeId: string, key: string) {
  return db.selectFrom('claim').selectAll().where('scheme_id', '=', schemeId).where('idempotency_key', '=', key).executeTakeFirst();
}

export function linesOf(db: Executor, schemeId: string, claimIds: string[]) {
  if (claimIds.length === 0) return Promise.resolve([]);
  // One array parameter rather than one parameter per claim: a batch asks for thousands, whose
  // placeholders cost time to build, send and plan.
  return db
    .selectFrom('claim_line')
    .selectAll()
    .where('scheme_id', '=', schemeId)
    .where('claim_id', '=', sql<string>`any(${claimIds}::uuid[])`)
    .orderBy('claim_id')
    .orderBy('seq')
    .execute();
}

export function decisionsOf(db: Executor, schemeId: string, claimIds: string[]) {
  if (claimIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('claim_decision').selectAll().where('scheme_id', '=', schemeId).where('claim_id', 'in', claimIds).orderBy('decided_at').orderBy('id').execute();
}

/** Claims as the engine reads them, with their lines. */
export async function claimInputs(db: Executor, schemeId: string, rows: Pick<ClaimRow, 'id' | 'number' | 'provider_code' | 'card' | 'from_date' | 'to_date' | 'submitted_on' | 'diagnosis' | 'guarantee_letter'>[]): Promise<ClaimInput[]> {
  const lines = await linesOf(db, schemeId, rows.map((r) => r.id));
  const byClaim = new Map<string, ClaimInput['lines']>();
  for (const l of lines) {
    const list = byClaim.get(l.claim_id) ?? [];
    list.push({ id: l.id, seq: l.seq, service: l.service_code, quantity: l.quantity, unitPrice: l.unit_price });
    byClaim.set(l.claim_id, list);
  }
  return rows.map((r) => ({
    id: r.id,
    number: r.number,
    provider: r.provider_code,
    card: r.card,
    from: r.from_date,
    to: r.to_date,
    submittedOn: r.submitted_on,
    diagnosis: r.diagnosis,
    guaranteeLetter: r.guarantee_letter,
    lines: byClaim.get(r.id) ?? [],
  }));
}

/**
 * The next claims waiting for a decision, in the engine's order (byte order on the text columns,
 * as claimKey compares them), leaving out `except` (claims whose decisions are being written;
 * `not in` a subquery is hashed whatever the plan, where `<> all` of a prepared statement's
 * generic plan compares each row with every id).
 */
export async function nextSubmitted(db: Executor, schemeId: string, limit: number, except?: string[]) {
  const { rows } = await sql<Pick<ClaimRow, 'id' | 'number' | 'provider_code' | 'card' | 'from_date' | 'to_date' | 'submitted_on' | 'diagnosis' | 'guarantee_letter'>>`
    select id, number, provider_code, card, from_date, to_date, submitted_on, diagnosis, guarantee_letter from claim
     where scheme_id = ${schemeId} and status = 'submitted'${except?.length ? sql` and id not in (select unnest(${except}::uuid[]))` : sql``}
     order by from_date, submitted_on, number collate "C", provider_code collate "C", id
     limit ${limit}`.execute(db);
  return rows;
}

export async function countSubmitted(db: Executor, schemeId: string): Promise<number> {
  const row = await db.selectFrom('claim').select((eb) => eb.fn.countAll<number>().as('n')).where('scheme_id', '=', schemeId).where('status', '=', 'submitted').executeTakeFirst();
  return row?.n ?? 0;
}

/** Lines already decided (and not rejected) for these households: what they consumed, with the claim's key. */
export async function consumedByHouseholds(db: Executor, schemeId: string, householdIds: string[], exceptClaim?: string): Promise<(Omit<ConsumedLine, 'periodId'> & { guaranteeLetter: string | null })[]> {
  if (householdIds.length === 0) return [];
  const { rows } = await sql<{ claim_id: string; number: string; provider_code: string; from_date: string; submitted_on: string; beneficiary_id: string; household_id: string; service_code: string; payable: number; category: string; guarantee_letter: string | null }>`
    select c.id as claim_id, c.number, c.provider_code, c.from_date, c.submitted_on, c.beneficiary_id, c.household_id, l.service_code, d.payable, d.benefit_category as category, c.guarantee_letter
      from claim c
      join claim_decision d on d.claim_id = c.id and d.scheme_id = c.scheme_id and d.current and d.decision <> 'rejected'
      join claim_line l on l.id = d.line_id
     where c.scheme_id = ${schemeId} and c.household_id = any(${householdIds}::uuid[]) and c.status <> 'submitted'
       and c.id <> ${exceptClaim ?? '00000000-0000-0000-0000-000000000000'}::uuid`.execute(db);
  return rows.map((r) => ({
    claimId: r.claim_id,
    claimKey: claimKey({ from: r.from_date, submittedOn: r.submitted_on, number: r.number, provider: r.provider_code, id: r.claim_id }),
    beneficiaryId: r.beneficiary_id,
    householdId: r.household_id,
    category: r.category,
    provider: r.provider_code,
    service: r.service_code,
    from: r.from_date,
    payable: r.payable,
    guaranteeLetter: r.guarantee_letter,
  }));
}

export function lettersByNumber(db: Executor, schemeId: string, numbers: string[]) {
  if (numbers.length === 0) return Promise.resolve([]);
  return db.selectFrom('guarantee_letter').selectAll().where('scheme_id', '=', schemeId).where('number', 'in', [...new Set(numbers)]).execute();
}

/** Writes the engine's decisions of many claims: one statement for the lines, one for the claims. */
export async function writeDecisions(db: Executor, schemeId: string, results: ClaimResult[], decidedBy: string, at: Date): Promise<void> {
  const lines = results.flatMap((r) => r.lines.map((l) => ({ claimId: r.claimId, ...l })));
  if (lines.length > 0) {
    const col = <T>(pick: (l: (typeof lines)[number]) => T) => lines.map(pick);
    await sql`
      insert into claim_decision (id, scheme_id, claim_id, line_id, current, kind, decision, reasons, asked, allowed, payable, member_share,
                                  product_version_id, benefit_category, flags, note, decided_by, decided_at)
      select u.id, ${schemeId}::uuid, u.claim_id, u.line_id, true, 'engine', u.decision,
             coalesce(string_to_array(nullif(u.reasons, ''), ','), '{}'), u.asked, u.allowed, u.payable, u.member_share,
             u.version_id, u.category, coalesce(string_to_array(nullif(u.flags, ''), ','), '{}'), null, ${decidedBy}, ${at}
        from unnest(${newIds(lines.length)}::uuid[], ${col((l) => l.claimId)}::uuid[], ${col((l) => l.lineId)}::uuid[], ${col((l) => l.decision)}::text[], ${col((l) => l.reasons.join(','))}::text[],
                    ${col((l) => l.asked)}::bigint[], ${col((l) => l.allowed)}::bigint[], ${col((l) => l.payable)}::bigint[], ${col((l) => l.memberShare)}::bigint[],
                    ${col((l) => l.productVersionId)}::uuid[], ${col((l) => l.category)}::text[], ${col((l) => l.flags.join(','))}::text[])
             as u(id, claim_id, line_id, decision, reasons, asked, allowed, payable, member_share, version_id, category, flags)`.execute(db);
  }
  const col = <T>(pick: (r: ClaimResult) => T) => results.map(pick);
  await sql`
    update claim c set status = 'adjudicated', allowed = u.allowed, payable = u.payable, member_share = u.member_share, adjudicated_at = ${at}, updated_at = ${at},
                       beneficiary_id = u.beneficiary_id, household_id = u.household_id, provider_id = u.provider_id
      from unnest(${col((r) => r.claimId)}::uuid[], ${col((r) => r.allowed)}::bigint[], ${col((r) => r.payable)}::bigint[], ${col((r) => r.memberShare)}::bigint[],
                  ${col((r) => r.beneficiaryId)}::uuid[], ${col((r) => r.householdId)}::uuid[], ${col((r) => r.providerId)}::uuid[])
           as u(id, allowed, payable, member_share, beneficiary_id, household_id, provider_id)
     where c.scheme_id = ${schemeId} and c.id = u.id`.execute(db);
  const used = results.filter((r) => r.letterUsed);
  if (used.length > 0) {
    await sql`
      update guarantee_letter g set used_by_claim_id = u.claim_id, updated_at = ${at}
        from unnest(${used.map((r) => r.letterUsed!)}::text[], ${used.map((r) => r.claimId)}::uuid[]) as u(number, claim_id)
       where g.scheme_id = ${schemeId} and g.number = u.number and g.used_by_claim_id is null`.execute(db);
  }
}
