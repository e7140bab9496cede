import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/db.js';
import { claimsByNumber } from '../claims/index.js';
import { claimsScheme } from '../claims/testing.js';
import { providerCatalogue } from '../providers/index.js';
import type { ServiceContext } from '../../platform/context.js';
import type { Report } from './imports.schemas.js';
import { inspectFile, runImport, wordReport } from './imports.service.js';

let tdb: TestDatabase;
beforeAll(async () => {
  tdb = await createTestDatabase();
});
afterAll(async () => tdb?.drop());

const csv = (lines: string[]) => Buffer.from(`${lines.join('\r\n')}\r\n`, 'utf8');
const HEADER = 'N° facture;Prestataire;N° carte;Date des soins;Déposé le;Diagnostic;Acte;Quantité;Prix unitaire';

async function importClaimsFile(s: { ctx: ServiceContext; schemeId: string; code: string }, bytes: Buffer, options: { dryRun?: boolean; providers?: Set<string> } = {}): Promise<Report> {
  const file = { fileName: 'factures.csv', bytes };
  const { proposedMapping } = await inspectFile('claims', file);
  const report = await runImport(s.ctx, { kind: 'claims', scheme: { id: s.schemeId, code: s.code }, file, mapping: proposedMapping, dryRun: options.dryRun ?? false, providers: options.providers });
  return wordReport(report, 'en');
}

const decided = async (s: { ctx: ServiceContext; schemeId: string }, number: string) => {
  const [claim] = await claimsByNumber(s.ctx, s.schemeId, number);
  return claim && { status: claim.status, lines: claim.lines.map((l) => [l.service, l.decision, l.reasons, l.payable]) };
};

describe('importing claims', () => {
  it('a clinic’s French spreadsheet of claim lines is checked, stored and decided by the engine; running it again adds nothing', async () => {
    const s = await claimsScheme(tdb.db);
    const file = csv([
      HEADER,
      'F-1;CS;H1-01;03/05/2025;10/05/2025;A09;CONS;1;1500',
      'F-1;CS;H1-01;03/05/2025;10/05/2025;A09;PARA;10;200',
      'F-2;CS;H2-01;04/05/2025;10/05/2025;;CONS;1;2 000',
      'F-3;CS;zz-99;04/05/2025;10/05/2025;;CONS;1;1500',
    ]);
    const { proposedMapping } = await inspectFile('claims', { fileName: 'factures.csv', bytes: file });
    expect(proposedMapping.columns).toMatchObject({ claimNumber: 'N° facture', provider: 'Prestataire', card: 'N° carte', from: 'Date des soins', submittedOn: 'Déposé le', diagnosis: 'Diagnostic', service: 'Acte', quantity: 'Quantité', unitPrice: 'Prix unitaire' });

    const dry = await importClaimsFile(s, file, { dryRun: true });
    expect(dry).toMatchObject({ errorCount: 0, committed: false, created: { claims: 3, lines: 4 } });
    expect(dry.warnings.map((w) => [w.code, w.rows])).toEqual([['unknown_card', [5]]]);
    expect(await decided(s, 'F-1')).toBeUndefined();

    const committed = await importClaimsFile(s, file);
    expect(committed).toMatchObject({ errorCount: 0, committed: true, created: { claims: 3, lines: 4 } });
    // Consultation 75 % of the tariff; drugs 80 %; a price above the tariff is cut to it; an unknown card pays nothing.
    expect(await decided(s, 'F-1')).toEqual({ status: 'adjudicated', lines: [['CONS', 'approved', [], 1125], ['PARA', 'approved', [], 1600]] });
    expect(await decided(s, 'F-2')).toEqual({ status: 'adjudicated', lines: [['CONS', 'reduced', ['PRICE_ABOVE_TARIFF'], 1125]] });
    expect((await decided(s, 'F-3'))?.lines[0]?.[2]).toEqual(['MEMBER_UNKNOWN']);

    const again = await importClaimsFile(s, file);
    expect(again).toMatchObject({ errorCount: 0, created: { claims: 0, lines: 0 }, skipped: { claims: 3 } });
  });

  it('a file with bad rows names each one and writes nothing', async () => {
    const s = await claimsScheme(tdb.db);
    await importClaimsFile(s, csv([HEADER, 'F-1;CS;H1-01;03/05/2025;10/05/2025;;CONS;1;1500']));
    const report = await importClaimsFile(s, csv([
      HEADER,
      'F-1;CS;H1-01;03/05/2025;10/05/2025;;CONS;1;1800',
      'F-4;CS;H1-01;05/05/2025;10/05/2025;;CONS;1;1500',
      'F-4;CS;H2-01;05/05/2025;10/05/2025;;PARA;2;200',
      'F-5;XYZ;H1-01;05/05/2025;10/05/2025;;CONS;1;1500',
      'F-6;CS;H1-01;05/05/2025;10/05/2025;;CONS;0;1500',
      'F-7;CS;H1-01;12/05/2025;10/05/2025;;CONS;1;1500',
      'F-8;CS;H1-01;05/05/2025;10/05/2025;Z;CONS;1;1500',
    ]));
    expect(report.committed).toBe(false);
    expect(report.errors.map((e) => [e.row, e.code])).toEqual([
      [2, 'claim_number_taken'],
      [4, 'claim_inconsistent'],
      [5, 'unknown_provider'],
      [6, 'quantity_range'],
      [7, 'submitted_before_care'],
      [8, 'invalid_diagnosis'],
    ]);
    expect(report.errors[1]!.text).toBe('row 4, N° carte: differs from row 3 of claim F-4 ("H1-01"): the lines of a claim repeat its fields');
    expect(await decided(s, 'F-4')).toBeUndefined();
  });

  it('a provider clerk imports only their own facility’s claims', async () => {
    const s = await claimsScheme(tdb.db);
    const cs = (await providerCatalogue(tdb.db, s.schemeId)).providers.get('CS')!;
    const report = await importClaimsFile(s, csv([HEADER, 'F-1;CS;H1-01;03/05/2025;10/05/2025;;CONS;1;1500', 'H-1;HOP;H1-01;03/05/2025;10/05/2025;;CONS;1;1500']), { providers: new Set([cs.id]) });
    expect(report.errors.map((e) => [e.row, e.code])).toEqual([[3, 'provider_not_yours']]);
    expect(await decided(s, 'F-1')).toBeUndefined();
  });
});
