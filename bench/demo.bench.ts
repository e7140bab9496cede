import { sql } from 'kysely';
import { systemActor } from '../src/platform/audit/audit.js';
import { generateDemo } from '../src/demo/index.js';
import { openBenchDatabase, report } from './lib.js';

// Rows/s of the synthetic data generator (`mutua demo`), next to a baseline in the same run: the
// same number of rows inserted by the database alone (insert ... select from generate_series into
// a table shaped like beneficiary, with the same indexes), the physical limit on this disk. The
// claims are generated and written but not adjudicated (`npm run bench claims` measures that).
const HOUSEHOLDS = Number(process.env.BENCH_DEMO_HOUSEHOLDS ?? 20_000);

const database = await openBenchDatabase();
try {
  const started = performance.now();
  const result = await generateDemo({ db: database.db, actor: systemActor('bench') }, { seed: 1, households: HOUSEHOLDS, adjudicate: false });
  const seconds = (performance.now() - started) / 1000;
  report('demo', 'generator_rows_per_s', result.rows / seconds, 'rows/s', { households: HOUSEHOLDS, rows: result.rows, seconds: Math.round(seconds * 10) / 10, db: database.kind });

  await sql`create table bench_beneficiary (like beneficiary including all)`.execute(database.db);
  const scheme = await database.db.selectFrom('scheme').select('id').limit(1).executeTakeFirstOrThrow();
  const household = await database.db.selectFrom('household').select('id').limit(1).executeTakeFirstOrThrow();
  const t = performance.now();
  await sql`
    insert into bench_beneficiary (id, scheme_id, household_id, card, first_name, last_name, sex, birth_year, relationship, joined_on, status, search_key, created_at, updated_at)
    select gen_random_uuid(), ${scheme.id}::uuid, ${household.id}::uuid, 'B' || g, 'Awa', 'Ndiaye', 'F', 1990, 'child', date '2025-01-01', 'active', ' awa ndiaye', now(), now()
    from generate_series(1, ${result.rows}) g`.execute(database.db);
  const bare = result.rows / ((performance.now() - t) / 1000);
  report('demo', 'bare_insert_rows_per_s', bare, 'rows/s', { rows: result.rows });
  report('demo', 'generator_to_bare_ratio', result.rows / seconds / bare, 'ratio');
} finally {
  await database.close();
}
