import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import { adjudicateSubmitted, claimsByNumber, claimViews, simulateProductChange, type ClaimView } from '../modules/claims/index.js';
import { resolveScheme } from '../modules/organizations/index.js';
import type { VersionDefinition } from '../modules/products/index.js';
import { isCalendarDate } from '../platform/dates.js';
import { NotFoundError, ValidationError } from '../platform/errors.js';
import type { Db } from '../platform/db/connection.js';
import { action, cliActor, output, progress, withCommonOptions, withDatabase, type GlobalOptions } from './common.js';

async function schemeId(db: Db, code: string): Promise<string> {
  const scheme = await resolveScheme({ db }, code);
  if (!scheme) throw new NotFoundError('scheme', code);
  return scheme.id;
}

/** A claim as `claims show --json` prints it: each line with decision, reasons and the four amounts. */
function shown(c: ClaimView) {
  return {
    number: c.number,
    provider: c.provider,
    member: c.member,
    from: c.from,
    to: c.to,
    submittedOn: c.submittedOn,
    status: c.status,
    asked: c.asked,
    allowed: c.allowed,
    payable: c.payable,
    memberShare: c.memberShare,
    lines: c.lines.map((l) => ({
      seq: l.seq,
      service: l.service,
      quantity: l.quantity,
      unitPrice: l.unitPrice,
      decision: l.decision,
      reasons: l.reasons,
      asked: l.asked,
      allowed: l.allowed,
      payable: l.payable,
      memberShare: l.memberShare,
      category: l.category,
    })),
  };
}

function text(c: ReturnType<typeof shown>): string {
  return [
    `${c.number}  ${c.provider}  ${c.member}  ${c.from}..${c.to}  submitted ${c.submittedOn}  ${c.status}  asked ${c.asked}  payable ${c.payable ?? '-'}`,
    ...c.lines.map((l) => `  ${String(l.seq).padStart(2)} ${l.service.padEnd(10)} x${l.quantity} @${l.unitPrice}  ${String(l.decision ?? 'pending').padEnd(9)} asked ${l.asked} allowed ${l.allowed ?? '-'} payable ${l.payable ?? '-'} member ${l.memberShare ?? '-'}  ${l.reasons.join(' ')}`),
  ].join('\n');
}

export function claimsCommand(): Command {
  const command = new Command('claims').description('claims: adjudicate, show, simulate a product change');

  command.addCommand(
    withCommonOptions(new Command('adjudicate').description('decide every submitted claim of a scheme, in order; resumable, never decides a line twice'))
      .requiredOption('--scheme <code>', 'the scheme')
      .option('--limit <n>', 'decide at most this many claims', (v) => Number(v))
      .option('--chunk <n>', 'claims per transaction (default 5000)', (v) => Number(v))
      .action(
        action(async (options: GlobalOptions & { scheme: string; limit?: number; chunk?: number }) => {
          await withDatabase(options, async ({ db }) => {
            const id = await schemeId(db, options.scheme);
            const bar = progress(options);
            let started = false;
            const started0 = Date.now();
            const result = await adjudicateSubmitted({ db, actor: cliActor() }, id, {
              limit: options.limit,
              chunk: options.chunk,
              onProgress: (done, remaining) => {
                if (!started) {
                  bar.start(done.claims + remaining, 'adjudicating');
                  started = true;
                }
                bar.update(done.claims);
              },
            });
            bar.stop();
            const seconds = (Date.now() - started0) / 1000;
            output(options, { ...result, seconds }, () =>
              `${result.claims} claims, ${result.lines} lines decided in ${seconds.toFixed(1)} s: ${result.approved} approved, ${result.reduced} reduced, ${result.rejected} rejected; payable ${result.payable}; ${result.remaining} still submitted`,
            );
          });
        }),
      ),
  );

  command.addCommand(
    withCommonOptions(new Command('show').description('claims with each line’s decision, reasons and amounts'))
      .requiredOption('--scheme <code>', 'the scheme')
      .option('--claim <number>', 'one claim (its number; with --provider when two providers used it)')
      .option('--provider <code>', 'the provider of the claim')
      .option('--limit <n>', 'without --claim: at most this many claims, in the order of care (default 1000)', (v) => Number(v))
      .action(
        action(async (options: GlobalOptions & { scheme: string; claim?: string; provider?: string; limit?: number }) => {
          await withDatabase(options, async ({ db }) => {
            const id = await schemeId(db, options.scheme);
            const ctx = { db, actor: cliActor() };
            if (options.claim) {
              const found = (await claimsByNumber(ctx, id, options.claim)).filter((c) => !options.provider || c.provider === options.provider);
              if (found.length === 0) throw new NotFoundError('claim', options.claim);
              if (found.length > 1) throw new ValidationError([{ field: 'provider', message: `claim ${options.claim} exists for ${found.map((c) => c.provider).join(', ')}: say which with --provider` }]);
              const claim = shown(found[0]!);
              output(options, claim, () => text(claim));
              return;
            }
            let query = db.selectFrom('claim').selectAll().where('scheme_id', '=', id);
            if (options.provider) query = query.where('provider_code', '=', options.provider);
            const rows = await query.orderBy('from_date').orderBy('submitted_on').orderBy('number').limit(options.limit ?? 1000).execute();
            const claims = (await claimViews(ctx, id, rows)).map(shown);
            output(options, { claims }, () => claims.map(text).join('\n'));
          });
        }),
      ),
  );

  command.addCommand(
    withCommonOptions(new Command('simulate').description('what a proposed product version would have paid on past claims (writes nothing)'))
      .requiredOption('--scheme <code>', 'the scheme')
      .requiredOption('--product <code>', 'the product to change')
      .requiredOption('--version <file>', 'a JSON file with the proposed version (as in the scheme file)')
      .option('--from <date>', 'report on care from this date')
      .option('--to <date>', 'report on care up to this date')
      .action(
        action(async (options: GlobalOptions & { scheme: string; product: string; version: string; from?: string; to?: string }) => {
          for (const k of ['from', 'to'] as const) if (options[k] && !isCalendarDate(options[k])) throw new ValidationError([{ field: k, message: `not a date: "${options[k]}"` }]);
          let version: VersionDefinition;
          try {
            version = JSON.parse(readFileSync(options.version, 'utf8')) as VersionDefinition;
          } catch (error) {
            throw new ValidationError([{ field: 'version', message: `cannot read ${options.version}: ${(error as Error).message}` }]);
          }
          await withDatabase(options, async ({ db }) => {
            const id = await schemeId(db, options.scheme);
            const report = await simulateProductChange({ db, actor: cliActor() }, id, { product: options.product, version, from: options.from, to: options.to });
            output(options, report, () =>
              [
                `${report.claims} claims, ${report.lines} lines replayed; ${report.changedLines} lines would be decided differently`,
                `payable: ${report.payableBefore} as decided, ${report.payableAfter} with the proposal (${report.payableAfter - report.payableBefore >= 0 ? '+' : ''}${report.payableAfter - report.payableBefore})`,
                ...report.byCategory.map((c) => `  ${c.category.padEnd(16)} ${String(c.lines).padStart(8)} lines  ${c.payableBefore} -> ${c.payableAfter}`),
              ].join('\n'),
            );
          });
        }),
      ),
  );
  return command;
}
