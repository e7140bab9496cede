import { Command } from 'commander';
import { balanceSheet, closeMonth, incomeStatement, trialBalance, type BalanceSheet, type IncomeStatement, type TrialBalance } from '../modules/finance/index.js';
import { resolveScheme } from '../modules/organizations/index.js';
import { isCalendarDate, today } from '../platform/dates.js';
import { NotFoundError, ValidationError } from '../platform/errors.js';
import type { Db } from '../platform/db/connection.js';
import { action, cliActor, output, withCommonOptions, withDatabase, type GlobalOptions } from './common.js';

type Options = GlobalOptions & { scheme: string };

const amount = (n: number) => String(n).padStart(14);

function checkDates(values: Record<string, string | undefined>): void {
  const details = Object.entries(values)
    .filter(([, v]) => v !== undefined && !isCalendarDate(v))
    .map(([field, v]) => ({ field, message: `not a date: "${v}"` }));
  if (details.length) throw new ValidationError(details);
}

async function schemeId(db: Db, code: string): Promise<string> {
  const scheme = await resolveScheme({ db }, code);
  if (!scheme) throw new NotFoundError('scheme', code);
  return scheme.id;
}

function trialText(tb: TrialBalance): string {
  return [
    `trial balance ${tb.from} to ${tb.to}`,
    `${'account'.padEnd(48)}${'opening'.padStart(14)}${'debit'.padStart(14)}${'credit'.padStart(14)}${'closing'.padStart(14)}`,
    ...tb.rows.map((r) => `${`${r.code} ${r.name}`.slice(0, 47).padEnd(48)}${amount(r.opening)}${amount(r.debit)}${amount(r.credit)}${amount(r.closing)}`),
    `${'total'.padEnd(62)}${amount(tb.totalDebit)}${amount(tb.totalCredit)}`,
    tb.balanced ? 'the books balance' : 'THE BOOKS DO NOT BALANCE',
  ].join('\n');
}

function statementsText(is: IncomeStatement, bs: BalanceSheet): string {
  const l = is.labels;
  const b = bs.labels;
  const lines = (rows: { code: string; name: string; amount: number }[]) => rows.map((r) => `  ${`${r.code} ${r.name}`.slice(0, 58).padEnd(60)}${amount(r.amount)}`);
  return [
    `${l.incomeStatement} ${is.from} - ${is.to}`,
    `${l.income}`,
    ...lines(is.income),
    `${l.expenses}`,
    ...lines(is.expenses),
    `${l.totalIncome!.padEnd(62)}${amount(is.totalIncome)}`,
    `${l.totalExpenses!.padEnd(62)}${amount(is.totalExpenses)}`,
    `${l.result!.padEnd(62)}${amount(is.result)}`,
    `${l.claimsIncurred!.padEnd(62)}${amount(is.claimsIncurred)}`,
    `${l.earnedThrough}: ${is.earnedThrough ?? '-'}`,
    '',
    `${b.balanceSheet} ${bs.on}`,
    `${b.assets}`,
    ...lines(bs.assets),
    `${b.liabilities}`,
    ...lines(bs.liabilities),
    `${b.equity}`,
    ...lines(bs.equity),
    `  ${b.resultToDate!.padEnd(60)}${amount(bs.resultToDate)}`,
    `${b.totalAssets!.padEnd(62)}${amount(bs.totalAssets)}`,
    `${b.totalLiabilities!.padEnd(62)}${amount(bs.totalLiabilities)}`,
    `${b.totalEquity!.padEnd(62)}${amount(bs.totalEquity)}`,
  ].join('\n');
}

export function ledgerCommand(): Command {
  const command = new Command('ledger').description('the books: trial balance, income statement and balance sheet, month closing');

  command.addCommand(
    withCommonOptions(new Command('trial-balance').description('every account: opening balance, debits, credits, closing balance over [from, to]'))
      .requiredOption('--scheme <code>', 'the scheme')
      .requiredOption('--from <date>', 'first day (YYYY-MM-DD)')
      .requiredOption('--to <date>', 'last day (YYYY-MM-DD)')
      .action(
        action(async (options: Options & { from: string; to: string }) => {
          checkDates({ from: options.from, to: options.to });
          await withDatabase(options, async ({ db }) => {
            const tb = await trialBalance({ db }, await schemeId(db, options.scheme), { from: options.from, to: options.to });
            output(options, tb, () => trialText(tb));
          });
        }),
      ),
  );

  command.addCommand(
    withCommonOptions(new Command('statements').description('income statement over [from, to] and balance sheet on `to`'))
      .requiredOption('--scheme <code>', 'the scheme')
      .requiredOption('--from <date>', 'first day (YYYY-MM-DD)')
      .requiredOption('--to <date>', 'last day (YYYY-MM-DD)')
      .option('--lang <lang>', 'en or fr', 'en')
      .action(
        action(async (options: Options & { from: string; to: string; lang: string }) => {
          checkDates({ from: options.from, to: options.to });
          const locale = options.lang === 'fr' ? 'fr' : 'en';
          await withDatabase(options, async ({ db }) => {
            const id = await schemeId(db, options.scheme);
            const is = await incomeStatement({ db }, id, { from: options.from, to: options.to }, locale);
            const bs = await balanceSheet({ db }, id, options.to, locale);
            output(options, { incomeStatement: is, balanceSheet: bs }, () => statementsText(is, bs));
          });
        }),
      ),
  );

  command.addCommand(
    withCommonOptions(new Command('close').description('close a month (and every one before it): earns its contributions, then locks its entries'))
      .requiredOption('--scheme <code>', 'the scheme')
      .requiredOption('--month <YYYY-MM>', 'the month to close')
      .action(
        action(async (options: Options & { month: string }) => {
          if (!/^[0-9]{4}-(0[1-9]|1[0-2])$/.test(options.month) || `${options.month}-01` > today()) {
            throw new ValidationError([{ field: 'month', message: `not a past or current month: "${options.month}"` }]);
          }
          await withDatabase(options, async ({ db }) => {
            const closed = await closeMonth({ db, actor: cliActor() }, await schemeId(db, options.scheme), options.month);
            output(options, closed, () => `${options.month} closed; contributions earned: ${closed.earned}`);
          });
        }),
      ),
  );
  return command;
}
