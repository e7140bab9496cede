import { sql } from 'kysely';
import type { Executor } from '../../platform/audit/audit.js';
import type { CardHolder } from './members.service.js';

/**
 * Card holders of many cards at once (batch adjudication, claim uploads): one statement. Cards are
 * matched as stored (upper case); the map is keyed by the upper-cased card asked for.
 */
export async function cardHolders(db: Executor, schemeId: string, cards: string[]): Promise<Map<string, CardHolder & { householdId: string }>> {
  const wanted = [...new Set(cards.map((c) => c.trim().toUpperCase()))];
  const result = new Map<string, CardHolder & { householdId: string }>();
  if (wanted.length === 0) return result;
  const { rows } = await sql<{
    id: string;
    card: string;
    first_name: string;
    last_name: string;
    sex: 'F' | 'M';
    birth_date: string | null;
    birth_year: number;
    joined_on: string;
    status: CardHolder['status'];
    status_date: string | null;
    household_id: string;
    household_number: string;
  }>`select b.id, b.card, b.first_name, b.last_name, b.sex, b.birth_date, b.birth_year, b.joined_on, b.status, b.status_date,
            b.household_id, h.number as household_number
       from beneficiary b join household h on h.id = b.household_id and h.scheme_id = b.scheme_id
      where b.scheme_id = ${schemeId} and b.card = any(${wanted}::text[])`.execute(db);
  for (const r of rows) {
    result.set(r.card, {
      id: r.id,
      card: r.card,
      household: r.household_number,
      householdId: r.household_id,
      firstName: r.first_name,
      lastName: r.last_name,
      sex: r.sex,
      birthDate: r.birth_date,
      birthYear: r.birth_year,
      joinedOn: r.joined_on,
      status: r.status,
      statusDate: r.status_date,
    });
  }
  return result;
}

/** The day a member stopped being one (death, departure), or null while they are a member. */
export function memberLeftOn(member: Pick<CardHolder, 'status' | 'statusDate'>): string | null {
  return member.status === 'active' ? null : (member.statusDate ?? '0001-01-01');
}

/** Card numbers of beneficiaries, by beneficiary id. */
export async function cardsOfBeneficiaries(db: Executor, schemeId: string, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const { rows } = await sql<{ id: string; card: string }>`
    select id, card from beneficiary where scheme_id = ${schemeId} and id = any(${[...new Set(ids)]}::uuid[])`.execute(db);
  return new Map(rows.map((r) => [r.id, r.card]));
}

/** Members of these households who had joined by `joinedBy`, with what decides whether they still are members. */
export async function membersOfHouseholds(db: Executor, schemeId: string, householdIds: string[], joinedBy: string): Promise<{ householdId: string; joinedOn: string; leftOn: string | null }[]> {
  if (householdIds.length === 0) return [];
  const { rows } = await sql<{ household_id: string; joined_on: string; status: CardHolder['status']; status_date: string | null }>`
    select household_id, joined_on, status, status_date from beneficiary
     where scheme_id = ${schemeId} and household_id = any(${householdIds}::uuid[]) and joined_on <= ${joinedBy}`.execute(db);
  return rows.map((r) => ({ householdId: r.household_id, joinedOn: r.joined_on, leftOn: memberLeftOn({ status: r.status, statusDate: r.status_date }) }));
}
