// The reserves module's public face: other modules import only this file.
export { reservesRoutes } from './reserves.routes.js';
export { claimsReserves } from './reserves.service.js';
export { chainLadder, monthsBetween, type ChainLadder, type DelayCell } from './reserves.rules.js';
export type { Reserves, ReservesQuery } from './reserves.schemas.js';
