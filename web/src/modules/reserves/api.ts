import { api, call } from '../../api/client';
import type { paths } from '../../api/schema';

// The reserves module's calls.
export type Reserves = paths['/api/schemes/{scheme}/reserves']['get']['responses'][200]['content']['application/json'];

export const claimsReserves = (scheme: string, on: string, months: number) =>
  call(api.GET('/api/schemes/{scheme}/reserves', { params: { path: { scheme }, query: { on, months } } }));
