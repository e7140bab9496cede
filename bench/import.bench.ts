import type { Transaction } from 'kysely';
import { demoHousehold, type HouseholdPlace } from '../src/demo/households.js';
import { Random } from '../src/demo/random.js';
import { inspectFile, runImport } from '../src/modules/imports/index.js';
import { DEFAULT_CARD_PATTERN, createGroup, formatCard, formatHouseholdNumber, insertHouseholdsBulk, type BulkHousehold } from '../src/modules/members/index.js';
import { createLocation, createScheme, setLocationLevels } from '../src/modules/organizations/index.js';
import { systemActor } from '../src/platform/audit/audit.js';
import type { Database } from '../src/platform/db/schema.js';
import { openBenchDatabase, report, type BenchDatabase } from './lib.js';

/*
 * Importing a register of households: a CSV of 100,000 households (about 620,000 beneficiary
 * rows, as a French office saves it: semicolons, Windows-1252, dd/mm/yyyy, words for sex and
 * relationship) read, checked and written in one transaction, next to a baseline in the same
 * run: the bare bulk insert of the same households (insertHouseholdsBulk, batches of 2,000, one
 * transaction) into a fresh database of its own. Then running the first 5,000 households of the
 * file again, every row already there (the slow path: look-ups one by one).
 *
 *   npx tsx bench/import.bench.ts            (BENCH_IMPORT_HOUSEHOLDS=20000 for a shorter run)
 */

const HOUSEHOLDS = Number(process.env.BENCH_IMPORT_HOUSEHOLDS) || 100_000;
const RERUN_HOUSEHOLDS = Math.min(5_000, HOUSEHOLDS);
const actor = systemActor('bench');
const VILLAGES = Array.from({ length: 20 }, (_, i) => ({ code: `VIL-${String(i + 1).padStart(2, '0')}`, name: `Village ${i + 1}` }));

interface World {
  bench: BenchDatabase;
  schemeId: string;
  code: string;
  places: HouseholdPlace[];
  groupId: string;
}

async function world(): Promise<World> {
  const bench = await openBenchDatabase();
  const ctx = { db: bench.db, actor };
  await setLocationLevels(ctx, { levels: [{ depth: 1, code: 'village', nameEn: 'Village', nameFr: 'Village' }] });
  const places: HouseholdPlace[] = [];
  for (const v of VILLAGES) places.push({ locationId: (await createLocation(ctx, { ...v, depth: 1 })).id, sectionId: null });
  const scheme = await createScheme(ctx, { code: 'MUT-BENCH', name: 'Bench', currency: 'XOF', country: 'SN' });
  const group = await createGroup(ctx, scheme.id, { code: 'GIE-1', name: 'GIE', kind: 'association' });
  return { bench, schemeId: scheme.id, code: scheme.code, places, groupId: group.id };
}

/** The same population for both runs: households drawn from one seed, places by index. */
function population(w: World): BulkHousehold[] {
  const random = new Random(20261121);
  return Array.from({ length: HOUSEHOLDS }, (_, i) => {
    const number = formatHouseholdNumber(i + 1);
    return demoHousehold(random, number, (rank) => formatCard(DEFAULT_CARD_PATTERN, { household: number, member: rank, scheme: w.code }), w.places, [w.groupId]);
  });
}

const CATEGORY = { regular: 'Régulier', indigent: 'Indigent', group: 'Groupement' } as const;
const RELATIONSHIP = { head: 'Chef de ménage', spouse: 'Épouse', child: 'Enfant', parent: 'Parent', other: 'Autre' } as const;
const frenchDate = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

function register(households: BulkHousehold[], w: World): Buffer {
  const village = new Map(w.places.map((p, i) => [p.locationId, VILLAGES[i]!.code]));
  const lines = ["N° ménage;Catégorie;Groupement;Village;Téléphone;N° carte;Prénom;Nom;Sexe;Date de naissance;Lien de parenté;Date d'adhésion;Pièce d'identité;Téléphone membre"];
  for (const h of households) {
    h.members.forEach((m, i) => {
      const first = i === 0;
      lines.push(
        [
          h.number,
          first ? CATEGORY[h.category] : '',
          first && h.groupId ? 'GIE-1' : '',
          first ? village.get(h.locationId!) : '',
          first ? (h.phone ?? '') : '',
          m.card,
          m.firstName,
          m.lastName,
          m.sex === 'M' ? 'H' : 'F',
          m.birthDate ? frenchDate(m.birthDate) : String(m.birthYear),
          RELATIONSHIP[m.relationship],
          frenchDate(m.joinedOn),
          m.idDocument ?? '',
          m.phone ?? '',
        ].join(';'),
      );
    });
  }
  return Buffer.from(`${lines.join('\r\n')}\r\n`, 'latin1');
}

const baselineWorld = await world();
const households = population(baselineWorld);
const beneficiaries = households.reduce((n, h) => n + h.members.length, 0);

// Baseline: the bare bulk insert of the same rows, already validated, in one transaction.
let t = performance.now();
await baselineWorld.bench.db.transaction().execute(async (trx: Transaction<Database>) => {
  for (let i = 0; i < households.length; i += 2000) await insertHouseholdsBulk(trx, baselineWorld.schemeId, households.slice(i, i + 2000));
});
const baseline = (performance.now() - t) / 1000;
await baselineWorld.bench.close();
report('import', 'baseline_bulk_insert_beneficiaries_per_s', beneficiaries / baseline, 'rows/s', { households: HOUSEHOLDS, beneficiaries, seconds: Math.round(baseline * 10) / 10 });
report('import', 'baseline_bulk_insert_households_per_s', HOUSEHOLDS / baseline, 'households/s');

// The import: the same households as a French CSV, into a fresh database of its own.
const w = await world();
const file = { fileName: 'registre.csv', bytes: register(population(w), w) };
const ctx = { db: w.bench.db, actor };
t = performance.now();
const inspection = await inspectFile('households', file);
const inspected = (performance.now() - t) / 1000;
const run = await runImport(ctx, { kind: 'households', scheme: { id: w.schemeId, code: w.code }, file, mapping: inspection.proposedMapping, dryRun: false, expectedRows: inspection.rows });
const total = (performance.now() - t) / 1000;
if (!run.committed || run.created.beneficiaries !== beneficiaries) throw new Error(`the import did not load the file: ${JSON.stringify({ ...run, errors: run.errors.slice(0, 5) })}`);
const extra = { households: HOUSEHOLDS, beneficiaries, megabytes: Math.round(file.bytes.length / 1e5) / 10, seconds: Math.round(total * 10) / 10, inspect_seconds: Math.round(inspected * 10) / 10, run_seconds: Math.round(run.seconds * 10) / 10 };
report('import', 'import_csv_beneficiaries_per_s', beneficiaries / total, 'rows/s', extra);
report('import', 'import_csv_households_per_s', HOUSEHOLDS / total, 'households/s');
report('import', 'import_vs_baseline', (beneficiaries / total) / (beneficiaries / baseline), 'ratio', { target_beneficiaries_per_s: 20_000 });

// Running part of the file again: every row is compared with what is registered and skipped.
const rerunRows = Buffer.from(file.bytes.toString('latin1').split('\r\n').filter((line, i) => i === 0 || line.slice(0, 6) <= formatHouseholdNumber(RERUN_HOUSEHOLDS)).join('\r\n'), 'latin1');
t = performance.now();
const again = await runImport(ctx, { kind: 'households', scheme: { id: w.schemeId, code: w.code }, file: { fileName: 'registre.csv', bytes: rerunRows }, mapping: inspection.proposedMapping, dryRun: false });
const rerun = (performance.now() - t) / 1000;
if (again.errorCount || again.skipped.households !== RERUN_HOUSEHOLDS) throw new Error(`the re-run did not skip every row: ${JSON.stringify({ ...again, errors: again.errors.slice(0, 5) })}`);
report('import', 'rerun_already_loaded_beneficiaries_per_s', again.rows / rerun, 'rows/s', { households: RERUN_HOUSEHOLDS, rows: again.rows, seconds: Math.round(rerun * 10) / 10 });
await w.bench.close();
