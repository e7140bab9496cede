import { Command } from 'commander';
import { listAudit } from '../modules/audit/index.js';
import { ValidationError } from '../platform/errors.js';
import { isCalendarDate } from '../platform/dates.js';
import { action, cliActor, output, withCommonOptions, withDatabase, type GlobalOptions } from './common.js';

export function auditCommand(): Command {
  const command = withCommonOptions(new Command('audit').description('list the audit log, newest first'))
    .option('--scheme <code>', 'only this scheme')
    .option('--actor <username>', 'only changes made by this user')
    .option('--action <action>', 'only this action, e.g. scheme.update')
    .option('--entity <type>', 'only this kind of record, e.g. user')
    .option('--id <id>', 'only this record')
    .option('--from <date>', 'from this day (YYYY-MM-DD)')
    .option('--to <date>', 'to this day, inclusive')
    .option('--limit <n>', 'at most this many records', '50');
  command.action(
    action(async (options: GlobalOptions & { scheme?: string; actor?: string; action?: string; entity?: string; id?: string; from?: string; to?: string; limit: string }) => {
      const limit = Number(options.limit);
      const details = [
        ...(!Number.isInteger(limit) || limit < 1 || limit > 1000 ? [{ field: 'limit', message: 'a whole number from 1 to 1000' }] : []),
        ...(options.from && !isCalendarDate(options.from) ? [{ field: 'from', message: `not a date: "${options.from}"` }] : []),
        ...(options.to && !isCalendarDate(options.to) ? [{ field: 'to', message: `not a date: "${options.to}"` }] : []),
      ];
      if (details.length) throw new ValidationError(details);
      await withDatabase(options, async ({ db }) => {
        const page = await listAudit(
          { db, actor: cliActor() },
          { scheme: options.scheme, actor: options.actor, action: options.action, entityType: options.entity, entityId: options.id, from: options.from, to: options.to, limit },
        );
        output(options, page.records, () =>
          page.records
            .map((r) => `${r.occurredAt}  ${r.actor.padEnd(16)} ${r.action.padEnd(24)} ${r.entityType}:${r.entityId}${r.scheme ? `  [${r.scheme}]` : ''}`)
            .join('\n') || '(no records)',
        );
      });
    }),
  );
  return command;
}
