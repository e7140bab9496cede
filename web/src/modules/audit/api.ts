import { api, call } from '../../api/client';
import type { AuditQuery } from '../../api/types';

export const listAudit = (query: AuditQuery) => call(api.GET('/api/audit', { params: { query } }));
