import { Command } from 'commander';
import { beneficiaryCoverage } from '../modules/coverage/index.js';
import { resolveScheme } from '../modules/organizations/index.js';
import { isCalendarDate, today } from '../platform/dates.js';
import { NotFoundError, ValidationError } from '../platform/errors.js';
import { action, cliActor, output, withCommonOptions, withDatabase, type GlobalOptions } from './common.js';

export function coverageCommand(): Command {
  const command = withCommonOptions(new Command('coverage').description("a member's coverage on a date: status, reason, period, waiting end, what each benefit allows"))
    .requiredOption('--scheme <code>', 'the scheme')
    .requiredOption('--member <card>', 'the member’s card number')
    .option('--date <date>', 'the date (YYYY-MM-DD), default today');
  command.action(
    action(async (options: GlobalOptions & { scheme: string; member: string; date?: string }) => {
      const date = options.date ?? today();
      if (!isCalendarDate(date)) throw new ValidationError([{ field: 'date', message: `not a date: "${date}"` }]);
      await withDatabase(options, async ({ db }) => {
        const scheme = await resolveScheme({ db }, options.scheme);
        if (!scheme) throw new NotFoundError('scheme', options.scheme);
        const { view } = await beneficiaryCoverage({ db, actor: cliActor() }, scheme.id, options.member, date);
        output(options, view, () =>
          [
            `${view.card}  ${view.name}  (household ${view.household})  on ${view.date}`,
            `status: ${view.status} — ${view.message}`,
            view.period ? `period: ${view.period.start} to ${view.period.end}, product ${view.period.product} (version of ${view.period.versionEffectiveFrom})` : 'period: none',
            `waiting end: ${view.waitingEnd ?? '-'}`,
            ...view.overdue.map((o) => `overdue: ${o.unpaid} due ${o.dueDate}`),
            ...view.benefits.map(
              (b) =>
                `  ${b.category.padEnd(16)} ${b.available ? 'available' : 'not available'}${b.waitingEnd ? `  from ${b.waitingEnd}` : ''}${b.usesLeft !== null ? `  uses left ${b.usesLeft}` : ''}${b.beneficiaryCeilingLeft !== null ? `  ceiling left ${b.beneficiaryCeilingLeft}` : ''}`,
            ),
          ].join('\n'),
        );
      });
    }),
  );
  return command;
}
