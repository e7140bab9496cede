/**
 * Claims facts for the technical reserves (the reserves module): what was reported when, and what
 * is owed. Amounts are the claims' `payable` as adjudicated now (the spec's rule for incurred
 * claims), summed in SQL in minor units.
 */
import { sql } from 'kysely';
import type { Executor } from '../../platform/audit/audit.js';

/** Claims of one month of care (`origin`, YYYY-MM) reported (submitted) in month `reported`. */
export interface ReportedClaims {
  origin: string;
  reported: string;
  claims: number;
  payable: number;
}

/**
 * Decided claims with a date of care in [from, on] submitted by `on`, by month of care and month of
 * submission: the cells of a reporting-delay triangle.
 */
export async function reportedClaimsByMonth(db: Executor, schemeIds: readonly string[], from: string, on: string): Promise<ReportedClaims[]> {
  if (schemeIds.length === 0) return [];
  const { rows } = await sql<{ origin: string; reported: string; claims: string; payable: string }>`
    select to_char(from_date, 'YYYY-MM') as origin, to_char(submitted_on, 'YYYY-MM') as reported,
           count(*) as claims, coalesce(sum(payable), 0) as payable
      from claim
     where scheme_id = any(${[...schemeIds]}::uuid[]) and status <> 'submitted'
       and from_date between ${from} and ${on} and submitted_on <= ${on}
     group by 1, 2 order by 1, 2`.execute(db);
  return rows.map((r) => ({ origin: r.origin, reported: r.reported, claims: Number(r.claims), payable: Number(r.payable) }));
}

export interface OutstandingClaims {
  /** Decided, submitted by `on`, not paid by `on`: what the scheme owes providers. */
  claims: number;
  payable: number;
  /** Submitted by `on` and not decided yet: reported, amount unknown (`asked` is what providers ask). */
  pendingClaims: number;
  pendingAsked: number;
}

export async function outstandingClaims(db: Executor, schemeIds: readonly string[], on: string): Promise<OutstandingClaims> {
  if (schemeIds.length === 0) return { claims: 0, payable: 0, pendingClaims: 0, pendingAsked: 0 };
  const { rows } = await sql<{ claims: string; payable: string; pending_claims: string; pending_asked: string }>`
    select count(*) filter (where status <> 'submitted' and (paid_on is null or paid_on > ${on})) as claims,
           coalesce(sum(payable) filter (where status <> 'submitted' and (paid_on is null or paid_on > ${on})), 0) as payable,
           count(*) filter (where status = 'submitted') as pending_claims,
           coalesce(sum(asked) filter (where status = 'submitted'), 0) as pending_asked
      from claim
     where scheme_id = any(${[...schemeIds]}::uuid[]) and submitted_on <= ${on}`.execute(db);
  const r = rows[0]!;
  return { claims: Number(r.claims), payable: Number(r.payable), pendingClaims: Number(r.pending_claims), pendingAsked: Number(r.pending_asked) };
}

export interface ProviderClaims {
  provider: string;
  claims: number;
  asked: number;
  payable: number;
  /** Claims that pay nothing (every line rejected, or nothing left after the co-payment). */
  nothingPaid: number;
}

/** Decided claims with a date of care in [from, to], by provider (most paid first): for activity reports. */
export async function claimsByProvider(db: Executor, schemeIds: readonly string[], from: string, to: string): Promise<ProviderClaims[]> {
  if (schemeIds.length === 0) return [];
  const { rows } = await sql<{ provider: string; claims: string; asked: string; payable: string; nothing_paid: string }>`
    select provider_code as provider, count(*) as claims, coalesce(sum(asked), 0) as asked, coalesce(sum(payable), 0) as payable,
           count(*) filter (where payable = 0) as nothing_paid
      from claim
     where scheme_id = any(${[...schemeIds]}::uuid[]) and status <> 'submitted' and from_date between ${from} and ${to}
     group by provider_code order by sum(payable) desc, provider_code collate "C"`.execute(db);
  return rows.map((r) => ({ provider: r.provider, claims: Number(r.claims), asked: Number(r.asked), payable: Number(r.payable), nothingPaid: Number(r.nothing_paid) }));
}
