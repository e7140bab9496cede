import { sql } from 'kysely';
import { generateDemo } from '../src/demo/index.js';
import { indicatorsReport, rebuildSummaries, type IndicatorScope } from '../src/modules/indicators/index.js';
import { systemActor } from '../src/platform/audit/audit.js';
import { openBenchDatabase, report } from './lib.js';

// Indicators of one scheme for a year: from the summary tables (warm: nothing changed; after one
// new payment: incremental refresh), and straight from the facts (the rules replayed for every
// household), next to the time a full rebuild of the summaries takes. The target: under
// one second for 1,000,000 beneficiaries and 5,000,000 claim lines (BENCH_INDICATORS_HOUSEHOLDS
// scales the demo; the figures say how many beneficiaries and lines were measured).
const HOUSEHOLDS = Number(process.env.BENCH_INDICATORS_HOUSEHOLDS ?? 5000);

const database = await openBenchDatabase();
try {
  const ctx = { db: database.db, actor: systemActor('bench') };
  await generateDemo(ctx, { seed: 1, households: HOUSEHOLDS, schemes: 1 });
  const scheme = await database.db.selectFrom('scheme').select(['id', 'code']).executeTakeFirstOrThrow();
  const counts = await sql<{ beneficiaries: string; lines: string }>`
    select (select count(*) from beneficiary) as beneficiaries, (select count(*) from claim_line) as lines`.execute(database.db);
  const size = { households: HOUSEHOLDS, beneficiaries: Number(counts.rows[0]!.beneficiaries), claimLines: Number(counts.rows[0]!.lines), db: database.kind };
  const scope: IndicatorScope = { kind: 'scheme', code: scheme.code, schemeIds: [scheme.id] };
  const { rows: [range] } = await sql<{ last: string }>`select max(date)::text as last from payment`.execute(database.db);
  const to = range!.last;
  const from = `${Number(to.slice(0, 4)) - 1}${to.slice(4)}`;

  const time = async (run: () => Promise<unknown>) => {
    const t = performance.now();
    await run();
    return performance.now() - t;
  };
  report('indicators', 'rebuild_ms', await time(() => rebuildSummaries(ctx, [scheme.id])), 'ms', size);
  // The demo's facts are seconds old: without a margin, a refresh recomputes only what changed
  // after the rebuild (in service, facts of the last five minutes are looked at again).
  const warm = { refreshMarginMs: 0 };
  await indicatorsReport(ctx, scope, { from, to }, 'en', warm);
  report('indicators', 'report_from_summaries_ms', await time(() => indicatorsReport(ctx, scope, { from, to }, 'en', warm)), 'ms', size);
  const household = await database.db.selectFrom('household').select('number').where('scheme_id', '=', scheme.id).limit(1).executeTakeFirstOrThrow();
  const { recordPayment } = await import('../src/modules/coverage/index.js');
  await recordPayment(ctx, scheme.id, { household: household.number, date: to, amount: 100, method: 'cash' });
  report('indicators', 'report_after_one_payment_ms', await time(() => indicatorsReport(ctx, scope, { from, to }, 'en', warm)), 'ms', size);
  // The same without the books: what the indicators module itself costs (the ledger's position is finance's).
  report('indicators', 'report_without_books_ms', await time(() => indicatorsReport(ctx, scope, { from, to }, 'en', { ...warm, ledger: async () => null })), 'ms', size);
  const { ledgerPosition } = await import('../src/modules/finance/index.js');
  report('indicators', 'ledger_position_ms', await time(() => ledgerPosition(database.db, [scheme.id], to)), 'ms', size);
  const series = await time(() => import('../src/modules/indicators/index.js').then((m) => m.indicatorSeries(ctx, scope, { from, to, code: 'claims_ratio' }, warm)));
  report('indicators', 'monthly_series_ms', series, 'ms', size);
  report('indicators', 'report_from_facts_ms', await time(() => indicatorsReport(ctx, scope, { from, to }, 'en', { source: 'facts' })), 'ms', size);
} finally {
  await database.close();
}
