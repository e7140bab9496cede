// The finance module's public face: other modules import only this file.
export { financeRoutes } from './finance.routes.js';
export { correctExpense, listExpenses, recordExpense } from './finance.service.js';
export { expenseAccounts, type Expense, type RecordExpense } from './finance.schemas.js';
export type { FinanceTables } from './finance.table.js';

// The ledger (issue #5). Importing this file registers the ledger's event handlers.
export { A as ledgerAccounts, accountNatures, accountTypes, defaultChart, ensureChart } from './ledger.chart.js';
export { earnContributions } from './ledger.postings.js';
export { closedThrough, postEntries, type Posting, type PostingLine } from './ledger.post.js';
export {
  addAccount,
  balanceSheet,
  closeMonth,
  generalLedger,
  getEntry,
  incomeStatement,
  ledgerPosition,
  listAccounts,
  listClosedMonths,
  listEntries,
  recordManualEntry,
  renameAccount,
  removeAccount,
  reverseEntry,
  trialBalance,
  type LedgerPosition,
} from './ledger.service.js';
export type { BalanceSheet, IncomeStatement, TrialBalance } from './ledger.schemas.js';
export { ledgerRoutes } from './ledger.routes.js';
