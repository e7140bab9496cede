/** SQL of guarantee letters. Functions take a db or a transaction and return undefined when missing. */
import { type Insertable, type Selectable, sql, type Updateable } from 'kysely';
import type { Executor } from '../../platform/audit/audit.js';
import type { GuaranteeLetterTable } from './claims.table.js';
import type { LetterStatus } from './letters.schemas.js';

export type LetterRow = Selectable<GuaranteeLetterTable>;

export function findLetterByNumber(db: Executor, schemeId: string, number: string) {
  return db.selectFrom('guarantee_letter').selectAll().where('scheme_id', '=', schemeId).where('number', '=', number).executeTakeFirst();
}

export function lockLetterByNumber(db: Executor, schemeId: string, number: string) {
  return db.selectFrom('guarantee_letter').selectAll().where('scheme_id', '=', schemeId).where('number', '=', number).forUpdate().executeTakeFirst();
}

export function insertLetter(db: Executor, row: Insertable<GuaranteeLetterTable>) {
  return db.insertInto('guarantee_letter').values(row).execute();
}

export function updateLetter(db: Executor, schemeId: string, id: string, changes: Updateable<GuaranteeLetterTable>) {
  return db.updateTable('guarantee_letter').set(changes).where('scheme_id', '=', schemeId).where('id', '=', id).execute();
}

export interface LetterFilter {
  status?: LetterStatus;
  beneficiaryId?: string;
  provider?: string;
  validOn?: string;
  /** Provider clerks: letters naming one of these providers, and (only when a member is asked for) letters naming none. */
  providerCodes?: string[];
  today: string;
  limit: number;
  offset: number;
}

function filtered(db: Executor, schemeId: string, f: LetterFilter) {
  let q = db.selectFrom('guarantee_letter').where('scheme_id', '=', schemeId);
  if (f.beneficiaryId) q = q.where('beneficiary_id', '=', f.beneficiaryId);
  if (f.provider) q = q.where('provider_code', '=', f.provider);
  if (f.validOn) q = q.where('valid_from', '<=', f.validOn).where('valid_to', '>=', f.validOn);
  if (f.providerCodes) {
    const codes = f.providerCodes;
    const anyProvider = Boolean(f.beneficiaryId);
    q = q.where((eb) => eb.or([...(codes.length ? [eb('provider_code', 'in', codes)] : [eb.val(false)]), ...(anyProvider ? [eb('provider_code', 'is', null)] : [])]));
  }
  // Expired: requested or approved, not used, validity over (spec: derived, never stored).
  const expired = sql<boolean>`(status in ('requested', 'approved') and used_by_claim_id is null and valid_to < ${f.today})`;
  if (f.status === 'expired') q = q.where(expired);
  else if (f.status === 'requested' || f.status === 'approved') q = q.where('status', '=', f.status).where(sql<boolean>`not ${expired}`);
  else if (f.status) q = q.where('status', '=', f.status);
  return q;
}

export async function listLetters(db: Executor, schemeId: string, f: LetterFilter): Promise<{ total: number; rows: LetterRow[] }> {
  const total = await filtered(db, schemeId, f).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await filtered(db, schemeId, f).selectAll().orderBy('valid_from', 'desc').orderBy('number').limit(f.limit).offset(f.offset).execute();
  return { total: Number(total.n), rows };
}

export async function claimNumbers(db: Executor, schemeId: string, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('claim').select(['id', 'number']).where('scheme_id', '=', schemeId).where('id', 'in', [...new Set(ids)]).execute();
  return new Map(rows.map((r) => [r.id, r.number]));
}

