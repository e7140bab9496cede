import type { ColumnType, Generated, Selectable } from 'kysely';

type Timestamp = ColumnType<Date, Date, Date>;

export interface FederationTable {
  id: string;
  code: string;
  name: string;
  country: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface SchemeTable {
  id: string;
  federation_id: string | null;
  code: string;
  name: string;
  currency: string;
  country: string;
  target_population: number | null;
  settings: ColumnType<Record<string, unknown>, string | undefined, string>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface SectionTable {
  id: string;
  scheme_id: string;
  code: string;
  name: string;
  location_id: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface LocationLevelTable {
  depth: number;
  code: string;
  name_en: string;
  name_fr: string;
}

export interface LocationTable {
  id: string;
  parent_id: string | null;
  depth: number;
  code: string;
  name: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface OrganizationsTables {
  federation: FederationTable;
  scheme: SchemeTable;
  section: SectionTable;
  location_level: LocationLevelTable;
  location: LocationTable;
}

export type FederationRow = Selectable<FederationTable>;
export type SchemeRow = Selectable<SchemeTable>;
export type SectionRow = Selectable<SectionTable>;
export type LocationRow = Selectable<LocationTable>;
export type LocationLevelRow = Selectable<LocationLevelTable>;
export type { Generated };
