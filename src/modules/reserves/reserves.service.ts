import { outstandingClaims, reportedClaimsByMonth } from '../claims/index.js';
import type { ServiceContext } from '../../platform/context.js';
import { addMonths } from '../../platform/dates.js';
import { chainLadder, monthsBetween } from './reserves.rules.js';
import type { Reserves, ReservesQuery } from './reserves.schemas.js';

/**
 * The claims reserves of one or more schemes (a federation pools them) on a date: outstanding
 * claims (decided, unpaid) and the IBNR estimate with its triangle. Reads only; nothing is written.
 */
export async function claimsReserves(ctx: Pick<ServiceContext, 'db'>, schemeIds: readonly string[], query: ReservesQuery): Promise<Reserves> {
  const months = query.months ?? 12;
  const firstMonth = addMonths(`${query.on.slice(0, 7)}-01`, -(months - 1));
  const origins = monthsBetween(firstMonth.slice(0, 7), query.on.slice(0, 7));
  const [cells, outstanding] = await Promise.all([
    reportedClaimsByMonth(ctx.db, schemeIds, firstMonth, query.on),
    outstandingClaims(ctx.db, schemeIds, query.on),
  ]);
  const amounts = chainLadder(origins, cells.map((c) => ({ origin: c.origin, reported: c.reported, amount: c.payable })));
  const counts = chainLadder(origins, cells.map((c) => ({ origin: c.origin, reported: c.reported, amount: c.claims })));
  return {
    on: query.on,
    outstanding,
    ibnr: {
      total: amounts.totalIbnr,
      origins,
      incremental: amounts.incremental,
      cumulative: amounts.cumulative,
      claims: counts.incremental,
      factors: amounts.factors,
      latest: amounts.latest,
      ultimate: amounts.ultimate,
      ibnr: amounts.ibnr,
    },
  };
}
