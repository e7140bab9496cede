import type { AccessTables } from '../../modules/access/index.js';
import type { OrganizationsTables } from '../../modules/organizations/index.js';
import type { AuditTables } from '../audit/audit.table.js';

/** Every table Mutua has: the union of each module's `*.table.ts`. */
export interface Database extends OrganizationsTables, AccessTables, AuditTables {}
