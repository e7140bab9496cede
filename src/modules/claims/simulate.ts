/**
 * Simulation: what a proposed product change would have paid on past claims. The claims are
 * replayed through the same engine, in order, with the product's versions replaced by the
 * proposal, and compared line by line with what was decided. Nothing is written.
 */
import { sql } from 'kysely';
import type { ServiceContext } from '../../platform/context.js';
import { NotFoundError, ValidationError } from '../../platform/errors.js';
import { compileSchema, describeValidationErrors } from '../../platform/http/validation.js';
import { checkVersions, listProducts, resolveVersion, VersionDefinition } from '../products/index.js';
import type { LineDecision, ReasonCode } from './adjudication.rules.js';
import { Adjudication } from './claims.engine.js';
import * as repo from './claims.repository.js';

const validVersion = compileSchema(VersionDefinition);

export interface SimulationInput {
  product: string;
  version: VersionDefinition;
  /** Report on claims with date of care in [from, to]; every earlier claim is replayed too, for the uses and ceilings it consumed. */
  from?: string;
  to?: string;
}

export interface SimulatedLine {
  claim: string;
  provider: string;
  member: string;
  from: string;
  service: string;
  before: { decision: LineDecision; reasons: ReasonCode[]; payable: number };
  after: { decision: LineDecision; reasons: ReasonCode[]; payable: number };
}

export interface SimulationReport {
  product: string;
  from: string | null;
  to: string | null;
  claims: number;
  lines: number;
  changedLines: number;
  payableBefore: number;
  payableAfter: number;
  byCategory: { category: string; lines: number; payableBefore: number; payableAfter: number }[];
  /** The first lines whose outcome changed (at most 200). */
  changes: SimulatedLine[];
}

export async function simulateProductChange(ctx: ServiceContext, schemeId: string, input: SimulationInput): Promise<SimulationReport> {
  if (!validVersion(input.version)) throw new ValidationError(describeValidationErrors(validVersion.errors ?? [], 'en', 'version'));
  const problems = checkVersions([input.version], 'version').map((d) => ({ ...d, field: d.field.replace(/^version\[0\]/, 'version') }));
  if (problems.length) throw new ValidationError(problems);
  const product = (await listProducts(ctx, schemeId)).find((p) => p.code === input.product);
  if (!product) throw new NotFoundError('product', input.product);
  const proposed = resolveVersion(input.version);
  const run = await Adjudication.start(ctx.db, schemeId, {
    replay: true,
    transform: (facts) => ({ ...facts, periods: facts.periods.map((p) => (p.productCode === input.product ? { ...p, version: proposed } : p)) }),
  });
  const report: SimulationReport = { product: input.product, from: input.from ?? null, to: input.to ?? null, claims: 0, lines: 0, changedLines: 0, payableBefore: 0, payableAfter: 0, byCategory: [], changes: [] };
  const categories = new Map<string, { lines: number; payableBefore: number; payableAfter: number }>();
  const chunk = 5000;
  type Position = { from: string; submitted: string; number: string; provider: string; id: string } | null;
  type Row = { id: string; number: string; provider_code: string; card: string; from_date: string; to_date: string; submitted_on: string; diagnosis: string | null; guarantee_letter: string | null };
  let after: Position = null;
  for (;;) {
    const position: Position = after;
    const { rows }: { rows: Row[] } = await sql<Row>`
      select id, number, provider_code, card, from_date, to_date, submitted_on, diagnosis, guarantee_letter from claim
       where scheme_id = ${schemeId} and status <> 'submitted' ${input.to ? sql`and from_date <= ${input.to}` : sql``}
         ${position ? sql`and (from_date, submitted_on, number collate "C", provider_code collate "C", id) > (${position.from}::date, ${position.submitted}::date, ${position.number} collate "C", ${position.provider} collate "C", ${position.id}::uuid)` : sql``}
       order by from_date, submitted_on, number collate "C", provider_code collate "C", id
       limit ${chunk}`.execute(ctx.db);
    if (rows.length === 0) break;
    const last: Row = rows[rows.length - 1]!;
    after = { from: last.from_date, submitted: last.submitted_on, number: last.number, provider: last.provider_code, id: last.id };
    const claims = await repo.claimInputs(ctx.db, schemeId, rows);
    const results = await run.decide(ctx.db, claims);
    const decisions = await repo.decisionsOf(ctx.db, schemeId, rows.map((r) => r.id));
    const current = new Map(decisions.filter((d) => d.current).map((d) => [d.line_id, d]));
    const byId = new Map(claims.map((c) => [c.id, c]));
    for (const r of results) {
      const claim = byId.get(r.claimId)!;
      if (input.from && claim.from < input.from) continue;
      report.claims += 1;
      for (const l of r.lines) {
        const was = current.get(l.lineId);
        if (!was) continue;
        report.lines += 1;
        report.payableBefore += was.payable;
        report.payableAfter += l.payable;
        const category = l.category ?? was.benefit_category ?? 'unknown';
        const c = categories.get(category) ?? { lines: 0, payableBefore: 0, payableAfter: 0 };
        c.lines += 1;
        c.payableBefore += was.payable;
        c.payableAfter += l.payable;
        categories.set(category, c);
        const changed = was.payable !== l.payable || was.decision !== l.decision || was.reasons.join(',') !== l.reasons.join(',');
        if (!changed) continue;
        report.changedLines += 1;
        if (report.changes.length < 200) {
          const line = claim.lines.find((x) => x.id === l.lineId)!;
          report.changes.push({
            claim: claim.number,
            provider: claim.provider,
            member: claim.card,
            from: claim.from,
            service: line.service,
            before: { decision: was.decision, reasons: was.reasons as ReasonCode[], payable: was.payable },
            after: { decision: l.decision, reasons: l.reasons, payable: l.payable },
          });
        }
      }
    }
  }
  report.byCategory = [...categories.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([category, c]) => ({ category, ...c }));
  return report;
}
