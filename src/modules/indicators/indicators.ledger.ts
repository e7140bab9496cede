import { ledgerPosition } from '../finance/index.js';
import type { LedgerReader } from './indicators.summaries.js';

/**
 * The books' position on `to` for the ledger-based indicators (liquidity_ratio, reserve_months,
 * solvency_ratio): finance's `ledgerPosition`, summed over the scope's schemes. A scheme without
 * books counts zero, so its ratios come out null (nothing to divide by).
 */
export const ledgerReader: LedgerReader = (db, schemeIds, on) => ledgerPosition(db, schemeIds, on);
