import type { AccessTables } from '../../modules/access/index.js';
import type { ClaimsTables } from '../../modules/claims/index.js';
import type { CoverageTables } from '../../modules/coverage/index.js';
import type { FinanceTables } from '../../modules/finance/index.js';
import type { IndicatorsTables } from '../../modules/indicators/index.js';
import type { DocumentsTables } from '../../modules/documents/index.js';
import type { MembersTables } from '../../modules/members/index.js';
import type { OrganizationsTables } from '../../modules/organizations/index.js';
import type { ProvidersTables } from '../../modules/providers/index.js';
import type { ProductsTables } from '../../modules/products/index.js';
import type { AuditTables } from '../audit/audit.table.js';

/** Every table Mutua has: the union of each module's `*.table.ts`. */
export interface Database extends OrganizationsTables, AccessTables, MembersTables, ProductsTables, CoverageTables, DocumentsTables, ProvidersTables, ClaimsTables, FinanceTables, IndicatorsTables, AuditTables {}
