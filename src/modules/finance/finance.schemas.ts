import { type Static, Type } from '@sinclair/typebox';
import { CalendarDate, Code, literals, Nullable, Timestamp, Uuid } from '../../platform/http/schemas.js';

export const expenseAccounts = ['administration', 'other_income', 'reserve_transfer'] as const;

export const RecordExpense = Type.Object(
  {
    date: CalendarDate(),
    account: literals(expenseAccounts, 'administration: running costs; other_income: a grant, interest; reserve_transfer: to the reserves'),
    amount: Type.Integer({ minimum: 1, maximum: 1_000_000_000_000, description: 'whole minor units of the scheme currency' }),
    label: Type.String({ minLength: 1, maxLength: 300 }),
    reference: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 100 }))),
  },
  { additionalProperties: false },
);
export type RecordExpense = Static<typeof RecordExpense>;

export const Expense = Type.Object({
  id: Uuid(),
  date: CalendarDate(),
  account: literals(expenseAccounts),
  amount: Type.Integer(),
  label: Type.String(),
  reference: Nullable(Type.String()),
  correctionOf: Nullable(Uuid()),
  createdBy: Type.String(),
  createdAt: Timestamp(),
});
export type Expense = Static<typeof Expense>;

export const ExpenseQuery = Type.Object(
  { from: Type.Optional(CalendarDate()), to: Type.Optional(CalendarDate()), account: Type.Optional(literals(expenseAccounts)) },
  { additionalProperties: false },
);
export type ExpenseQuery = Static<typeof ExpenseQuery>;

export const CorrectExpense = Type.Object({ reason: Type.String({ minLength: 3, maxLength: 300 }) }, { additionalProperties: false });
export const ExpenseParams = Type.Object({ scheme: Code('The scheme code'), id: Uuid() }, { additionalProperties: false });
