import type { ColumnType, Selectable } from 'kysely';

type Timestamp = ColumnType<Date, Date, Date>;

export interface AppUserTable {
  id: string;
  username: string;
  display_name: string;
  email: string | null;
  locale: string;
  password_hash: string;
  active: ColumnType<boolean, boolean | undefined, boolean>;
  failed_sign_ins: ColumnType<number, number | undefined, number>;
  locked_until: Date | null;
  last_sign_in_at: Date | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface RoleGrantTable {
  id: string;
  user_id: string;
  role: string;
  scope_type: string;
  scope_id: string | null;
  created_at: Timestamp;
}

export interface UserSessionTable {
  id: string;
  user_id: string;
  created_at: Timestamp;
  expires_at: Timestamp;
}

export interface ApiTokenTable {
  id: string;
  user_id: string;
  name: string;
  token_hash: string;
  created_at: Timestamp;
  expires_at: Date | null;
  revoked_at: Date | null;
  last_used_at: Date | null;
}

export interface SetupLinkTable {
  token_hash: string;
  created_at: Timestamp;
  expires_at: Timestamp;
  used_at: Date | null;
}

export interface AccessTables {
  app_user: AppUserTable;
  role_grant: RoleGrantTable;
  user_session: UserSessionTable;
  api_token: ApiTokenTable;
  setup_link: SetupLinkTable;
}

export type AppUserRow = Selectable<AppUserTable>;
export type RoleGrantRow = Selectable<RoleGrantTable>;
export type ApiTokenRow = Selectable<ApiTokenTable>;
