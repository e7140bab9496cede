import type { ColumnType, Selectable } from 'kysely';
import type { VersionDefinition } from './products.schemas.js';

type Timestamp = ColumnType<Date, Date, Date>;

export interface ProductTable {
  id: string;
  scheme_id: string;
  code: string;
  name: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ProductVersionTable {
  id: string;
  scheme_id: string;
  product_id: string;
  effective_from: string;
  definition: ColumnType<VersionDefinition, string, string>;
  in_use: ColumnType<boolean, boolean | undefined, boolean>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ProductsTables {
  product: ProductTable;
  product_version: ProductVersionTable;
}

export type ProductRow = Selectable<ProductTable>;
export type ProductVersionRow = Selectable<ProductVersionTable>;
