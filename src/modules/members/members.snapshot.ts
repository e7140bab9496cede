/**
 * Households and their members for devices that work offline (the offline module's snapshot):
 * one page in two statements, whatever the number of households.
 */
import { sql } from 'kysely';
import type { Executor } from '../../platform/audit/audit.js';
import { memberLeftOn } from './card-holders.js';

export interface SnapshotMember {
  id: string;
  card: string;
  firstName: string;
  lastName: string;
  sex: 'F' | 'M';
  birthDate: string | null;
  birthYear: number;
  relationship: string;
  phone: string | null;
  joinedOn: string;
  status: 'active' | 'deceased' | 'departed' | 'inactive';
  /** The day the member stopped being one (status date of a deceased or departed member), else null. */
  leftOn: string | null;
}

export interface SnapshotHousehold {
  id: string;
  number: string;
  status: 'active' | 'inactive';
  category: string;
  sectionId: string | null;
  phone: string | null;
  address: string | null;
  location: { code: string; name: string } | null;
  updatedAt: Date;
  /** Head first, then by card. */
  members: SnapshotMember[];
}

/**
 * Ids of the scheme's households whose household row or any member row changed after `since`
 * (registration, corrections, members added or deactivated, head changes).
 */
export async function householdsChangedSince(db: Executor, schemeId: string, since: Date): Promise<string[]> {
  const { rows } = await sql<{ id: string }>`
    select id from household where scheme_id = ${schemeId} and updated_at > ${since}
    union
    select household_id from beneficiary where scheme_id = ${schemeId} and updated_at > ${since}`.execute(db);
  return rows.map((r) => r.id);
}

/**
 * A page of the scheme's households ordered by number, after the number `after`, at most `limit`:
 * of one section when `sectionId` is given, among `ids` when given.
 */
export async function householdsSnapshotPage(
  db: Executor,
  schemeId: string,
  page: { sectionId?: string | undefined; ids?: string[] | undefined; after?: string | undefined; limit: number },
): Promise<SnapshotHousehold[]> {
  if (page.ids && page.ids.length === 0) return [];
  let query = db
    .selectFrom('household as h')
    .leftJoin('location as l', 'l.id', 'h.location_id')
    .select(['h.id', 'h.number', 'h.status', 'h.category', 'h.section_id', 'h.phone', 'h.address', 'h.updated_at', 'l.code as location_code', 'l.name as location_name'])
    .where('h.scheme_id', '=', schemeId)
    .orderBy('h.number')
    .limit(page.limit);
  if (page.sectionId) query = query.where('h.section_id', '=', page.sectionId);
  if (page.ids) query = query.where(sql<boolean>`h.id = any(${page.ids}::uuid[])`);
  if (page.after) query = query.where('h.number', '>', page.after);
  const households = await query.execute();
  if (households.length === 0) return [];
  const members = await db
    .selectFrom('beneficiary')
    .select(['id', 'household_id', 'card', 'first_name', 'last_name', 'sex', 'birth_date', 'birth_year', 'relationship', 'phone', 'joined_on', 'status', 'status_date'])
    .where('scheme_id', '=', schemeId)
    .where(sql<boolean>`household_id = any(${households.map((h) => h.id)}::uuid[])`)
    .orderBy(sql`relationship = 'head'`, 'desc')
    .orderBy('card')
    .execute();
  const byHousehold = new Map<string, SnapshotMember[]>(households.map((h) => [h.id, []]));
  for (const m of members) {
    const status = m.status as SnapshotMember['status'];
    byHousehold.get(m.household_id)!.push({
      id: m.id,
      card: m.card,
      firstName: m.first_name,
      lastName: m.last_name,
      sex: m.sex as 'F' | 'M',
      birthDate: m.birth_date,
      birthYear: m.birth_year,
      relationship: m.relationship,
      phone: m.phone,
      joinedOn: m.joined_on,
      status,
      leftOn: memberLeftOn({ status, statusDate: m.status_date }),
    });
  }
  return households.map((h) => ({
    id: h.id,
    number: h.number,
    status: h.status as 'active' | 'inactive',
    category: h.category,
    sectionId: h.section_id,
    phone: h.phone,
    address: h.address,
    location: h.location_code ? { code: h.location_code, name: h.location_name! } : null,
    updatedAt: h.updated_at,
    members: byHousehold.get(h.id)!,
  }));
}
