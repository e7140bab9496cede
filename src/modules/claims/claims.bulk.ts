/**
 * Bulk paths of the claims module, for generated data (the demo) and loads measured by the
 * benchmarks: claims and their lines, and approved guarantee letters, written a batch at a time
 * with one statement per table (columns sent as typed arrays and unnested). Claims go in as
 * `submitted`, undecided: adjudicatePending decides them as it decides any other. No audit record
 * here: the caller writes one per batch in the same transaction.
 */
import { sql } from 'kysely';
import type { Executor } from '../../platform/audit/audit.js';
import type { Db } from '../../platform/db/connection.js';
import { newIds } from '../../platform/ids.js';

export interface BulkClaimLine {
  service: string;
  quantity: number;
  unitPrice: number;
}

export interface BulkClaim {
  /** The provider's number for the claim: unique per provider in the scheme. */
  number: string;
  provider: string;
  card: string;
  from: string;
  to: string;
  submittedOn: string;
  diagnosis: string | null;
  guaranteeLetter: string | null;
  lines: BulkClaimLine[];
}

export interface BulkLetter {
  number: string;
  beneficiaryId: string;
  /** null: any provider. */
  provider: string | null;
  category: string;
  validFrom: string;
  validTo: string;
  status: 'requested' | 'approved' | 'refused';
  decisionReason: string | null;
}

/**
 * Inserts submitted claims and their lines (seq 1, 2, … in the order given); returns the claims'
 * ids in the order given. `source` as claims record it (default `file`).
 */
export async function insertClaimsBulk(
  trx: Executor,
  schemeId: string,
  claims: BulkClaim[],
  options: { createdBy: string; source?: 'api' | 'form' | 'upload' | 'file' },
): Promise<{ claimIds: string[]; lines: number }> {
  if (claims.length === 0) return { claimIds: [], lines: 0 };
  const now = new Date();
  const lineCount = claims.reduce((n, c) => n + c.lines.length, 0);
  const ids = newIds(claims.length + lineCount, now.getTime());
  const claimIds = ids.slice(0, claims.length);
  const c = {
    number: [] as string[],
    provider: [] as string[],
    card: [] as string[],
    from: [] as string[],
    to: [] as string[],
    submittedOn: [] as string[],
    diagnosis: [] as (string | null)[],
    letter: [] as (string | null)[],
    asked: [] as number[],
  };
  const l = { id: [] as string[], claim: [] as string[], seq: [] as number[], service: [] as string[], quantity: [] as number[], unitPrice: [] as number[] };
  let next = claims.length;
  claims.forEach((claim, i) => {
    c.number.push(claim.number);
    c.provider.push(claim.provider);
    c.card.push(claim.card.trim().toUpperCase());
    c.from.push(claim.from);
    c.to.push(claim.to);
    c.submittedOn.push(claim.submittedOn);
    c.diagnosis.push(claim.diagnosis);
    c.letter.push(claim.guaranteeLetter);
    let asked = 0;
    claim.lines.forEach((line, k) => {
      asked += line.quantity * line.unitPrice;
      l.id.push(ids[next++]!);
      l.claim.push(claimIds[i]!);
      l.seq.push(k + 1);
      l.service.push(line.service);
      l.quantity.push(line.quantity);
      l.unitPrice.push(line.unitPrice);
    });
    c.asked.push(asked);
  });
  await sql`
    insert into claim (id, scheme_id, number, provider_code, card, from_date, to_date, submitted_on, diagnosis, guarantee_letter,
                       status, source, asked, created_by, created_at, updated_at)
    select id, ${schemeId}::uuid, number, provider_code, card, from_date, to_date, submitted_on, diagnosis, guarantee_letter,
           'submitted', ${options.source ?? 'file'}, asked, ${options.createdBy}, ${now}::timestamptz, ${now}::timestamptz
      from unnest(${claimIds}::uuid[], ${c.number}::text[], ${c.provider}::text[], ${c.card}::text[], ${c.from}::date[], ${c.to}::date[],
                  ${c.submittedOn}::date[], ${c.diagnosis}::text[], ${c.letter}::text[], ${c.asked}::bigint[])
        as u(id, number, provider_code, card, from_date, to_date, submitted_on, diagnosis, guarantee_letter, asked)`.execute(trx);
  if (lineCount) {
    await sql`
      insert into claim_line (id, scheme_id, claim_id, seq, service_code, quantity, unit_price)
      select id, ${schemeId}::uuid, claim_id, seq, service_code, quantity, unit_price
        from unnest(${l.id}::uuid[], ${l.claim}::uuid[], ${l.seq}::int[], ${l.service}::text[], ${l.quantity}::int[], ${l.unitPrice}::bigint[])
          as u(id, claim_id, seq, service_code, quantity, unit_price)`.execute(trx);
  }
  return { claimIds, lines: lineCount };
}

/** Inserts guarantee letters already decided (or still requested), numbers as given. */
export async function insertLettersBulk(trx: Executor, schemeId: string, letters: BulkLetter[], options: { createdBy: string; decidedAt?: Date }): Promise<number> {
  if (letters.length === 0) return 0;
  const now = new Date();
  const col = <T>(pick: (x: BulkLetter) => T) => letters.map(pick);
  await sql`
    insert into guarantee_letter (id, scheme_id, number, beneficiary_id, provider_code, category, valid_from, valid_to, status, decision_reason,
                                  requested_by, decided_by, decided_at, created_at, updated_at)
    select id, ${schemeId}::uuid, number, beneficiary_id, provider_code, category, valid_from, valid_to, status, decision_reason,
           ${options.createdBy}, case when status = 'requested' then null else ${options.createdBy} end,
           case when status = 'requested' then null else ${options.decidedAt ?? now}::timestamptz end, ${now}::timestamptz, ${now}::timestamptz
      from unnest(${newIds(letters.length, now.getTime())}::uuid[], ${col((x) => x.number)}::text[], ${col((x) => x.beneficiaryId)}::uuid[], ${col((x) => x.provider)}::text[],
                  ${col((x) => x.category)}::text[], ${col((x) => x.validFrom)}::date[], ${col((x) => x.validTo)}::date[], ${col((x) => x.status)}::text[],
                  ${col((x) => x.decisionReason)}::text[])
        as u(id, number, beneficiary_id, provider_code, category, valid_from, valid_to, status, decision_reason)`.execute(trx);
  return letters.length;
}

/** Refreshes the planner's statistics of the claims tables after a bulk load. */
export async function analyzeClaimTables(db: Db | Executor): Promise<void> {
  await sql`analyze claim, claim_line, claim_decision, guarantee_letter`.execute(db);
}
