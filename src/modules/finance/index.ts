// The finance module's public face: other modules import only this file.
export { financeRoutes } from './finance.routes.js';
export { correctExpense, listExpenses, recordExpense } from './finance.service.js';
export { expenseAccounts, type Expense, type RecordExpense } from './finance.schemas.js';
export type { FinanceTables } from './finance.table.js';
