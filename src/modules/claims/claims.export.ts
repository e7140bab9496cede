/**
 * Claims, guarantee letters and claim payments as a scheme file writes them (spec: scheme-file.md):
 * the facts a claim was submitted with (its decisions are the engine's, made again on loading),
 * the approved letters, and the paid claims grouped by provider, date and payment reference.
 * Claims are read in pages of CHUNK so a scheme with millions of them is not held twice in memory.
 */
import { sql } from 'kysely';
import type { Executor } from '../../platform/audit/audit.js';
import { cardsOfBeneficiaries } from '../members/index.js';
import type { ClaimInput } from './adjudication.rules.js';
import { claimInputs } from './claims.repository.js';

const CHUNK = 5_000;

/** A claim's row as the engine's reader takes it. */
type ClaimHead = { id: string; number: string; provider_code: string; card: string; from_date: string; to_date: string; submitted_on: string; diagnosis: string | null; guarantee_letter: string | null };

export interface ExportedClaim {
  number: string;
  provider: string;
  member: string;
  from: string;
  to: string;
  submittedOn: string;
  diagnosis: string | null;
  guaranteeLetter: string | null;
  lines: { service: string; quantity: number; unitPrice: number }[];
}

/** A claim as a file carries it: the facts it was submitted with. */
const exported = (c: ClaimInput): ExportedClaim => ({
  number: c.number,
  provider: c.provider,
  member: c.card,
  from: c.from,
  to: c.to,
  submittedOn: c.submittedOn,
  diagnosis: c.diagnosis,
  guaranteeLetter: c.guaranteeLetter,
  lines: c.lines.map((l) => ({ service: l.service, quantity: l.quantity, unitPrice: l.unitPrice })),
});

/** Every claim of the scheme, in the engine's order (date of care, submission, number, provider). */
export async function* exportedClaims(db: Executor, schemeId: string): AsyncGenerator<ExportedClaim[]> {
  let after: { from: string; submitted: string; number: string; provider: string } | undefined;
  for (;;) {
    const { rows } = await sql<ClaimHead>`
      select id, number, provider_code, card, from_date, to_date, submitted_on, diagnosis, guarantee_letter from claim
       where scheme_id = ${schemeId}
         ${after ? sql`and (from_date, submitted_on, number collate "C", provider_code collate "C") > (${after.from}::date, ${after.submitted}::date, ${after.number} collate "C", ${after.provider} collate "C")` : sql``}
       order by from_date, submitted_on, number collate "C", provider_code collate "C" limit ${CHUNK}`.execute(db);
    if (rows.length === 0) return;
    yield (await claimInputs(db, schemeId, rows)).map(exported);
    const last = rows[rows.length - 1]!;
    after = { from: last.from_date, submitted: last.submitted_on, number: last.number, provider: last.provider_code };
  }
}

/**
 * Claims already stored, by `provider/number`, with the facts they were submitted with: an import
 * compares a file's claims with them (the same claim is skipped, another one under the number is
 * refused). One statement per 5,000 keys.
 */
export async function submittedClaims(db: Executor, schemeId: string, keys: readonly { provider: string; number: string }[]): Promise<Map<string, ExportedClaim>> {
  const found = new Map<string, ExportedClaim>();
  for (let i = 0; i < keys.length; i += CHUNK) {
    const part = keys.slice(i, i + CHUNK);
    const { rows } = await sql<ClaimHead>`
      select c.id, c.number, c.provider_code, c.card, c.from_date, c.to_date, c.submitted_on, c.diagnosis, c.guarantee_letter
        from claim c join unnest(${part.map((k) => k.provider)}::text[], ${part.map((k) => k.number)}::text[]) as k(provider, number)
          on c.provider_code = k.provider and c.number = k.number
       where c.scheme_id = ${schemeId}`.execute(db);
    for (const c of await claimInputs(db, schemeId, rows)) found.set(`${c.provider}/${c.number}`, exported(c));
  }
  return found;
}

/** Paid claims, grouped as the scheme file's `claimPayments` (each pays the named claims in full). */
export async function exportedClaimPayments(db: Executor, schemeId: string): Promise<{ provider: string; date: string; reference: string; claims: string[] }[]> {
  const { rows } = await sql<{ provider: string; date: string; reference: string; claims: string[] }>`
    select provider_code as provider, paid_on as date, payment_reference as reference,
           array_agg(number order by number collate "C") as claims
      from claim
     where scheme_id = ${schemeId} and status = 'paid' and paid_on is not null and payment_reference is not null
     group by provider_code, paid_on, payment_reference
     order by paid_on, provider_code collate "C", payment_reference collate "C"`.execute(db);
  return rows;
}

/** Approved guarantee letters (used or not): a refused, cancelled or pending request is not a letter. */
export async function exportedLetters(db: Executor, schemeId: string): Promise<{ number: string; member: string; provider: string | null; category: string; validFrom: string; validTo: string }[]> {
  const { rows } = await sql<{ number: string; beneficiary_id: string; provider: string | null; category: string; valid_from: string; valid_to: string }>`
    select number, beneficiary_id, provider_code as provider, category, valid_from, valid_to from guarantee_letter
     where scheme_id = ${schemeId} and status = 'approved'
     order by valid_from, number collate "C"`.execute(db);
  const cards = await cardsOfBeneficiaries(db, schemeId, rows.map((r) => r.beneficiary_id));
  return rows.map((r) => ({ number: r.number, member: cards.get(r.beneficiary_id)!, provider: r.provider, category: r.category, validFrom: r.valid_from, validTo: r.valid_to }));
}
