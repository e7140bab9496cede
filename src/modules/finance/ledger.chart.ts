/**
 * The default chart of accounts of a mutual health organization, seeded for a scheme the first
 * time its books are used. Codes follow the SYSCOHADA classes used by most West and Central
 * African mutuelles (1 equity, 4 third parties, 5 cash, 6 expenses, 7 income); a scheme may rename
 * any account and add its own (e.g. administrative expenses by nature under 6300), but the system
 * accounts below are the ones automatic postings use and cannot be removed.
 */
import { sql } from 'kysely';
import type { Executor } from '../../platform/audit/audit.js';

export const accountTypes = ['asset', 'liability', 'equity', 'income', 'expense'] as const;
export type AccountType = (typeof accountTypes)[number];

/** What an account is for; statements and the position classify by it. */
export const accountNatures = [
  'cash',
  'contributions_receivable',
  'subsidies_receivable',
  'other_asset',
  'unearned_contributions',
  'claims_payable',
  'other_payable',
  'equity',
  'reserve',
  'guarantee_fund',
  'retained_result',
  'contribution_income',
  'fee_income',
  'subsidy_income',
  'other_income',
  'claims_expense',
  'capitation_expense',
  'administrative_expense',
  'other_expense',
] as const;
export type AccountNature = (typeof accountNatures)[number];

/** The system accounts automatic postings use, by role. */
export const A = {
  cash: '5710',
  bank: '5210',
  mobileMoney: '5520',
  contributionsReceivable: '4110',
  subsidiesReceivable: '4410',
  unearnedContributions: '4190',
  claimsPayable: '4010',
  otherPayables: '4200',
  equity: '1010',
  reserves: '1060',
  guaranteeFund: '1070',
  retainedResult: '1200',
  contributionIncome: '7010',
  feeIncome: '7060',
  subsidyIncome: '7400',
  otherIncome: '7580',
  claimsExpense: '6010',
  capitationExpense: '6020',
  administrativeExpenses: '6300',
  otherExpenses: '6580',
} as const;

export interface ChartAccount {
  code: string;
  en: string;
  fr: string;
  type: AccountType;
  nature: AccountNature;
  parent: string | null;
}

export const defaultChart: ChartAccount[] = [
  { code: A.equity, en: 'Initial fund and equity', fr: 'Fonds initial et fonds propres', type: 'equity', nature: 'equity', parent: null },
  { code: A.reserves, en: 'Reserves', fr: 'Réserves', type: 'equity', nature: 'reserve', parent: null },
  { code: A.guaranteeFund, en: 'Guarantee fund', fr: 'Fonds de garantie', type: 'equity', nature: 'guarantee_fund', parent: null },
  { code: A.retainedResult, en: 'Retained result', fr: 'Report à nouveau', type: 'equity', nature: 'retained_result', parent: null },
  { code: A.claimsPayable, en: 'Claims payable to providers', fr: 'Prestataires de soins, factures à payer', type: 'liability', nature: 'claims_payable', parent: null },
  { code: A.contributionsReceivable, en: 'Contributions receivable', fr: 'Cotisations à recevoir', type: 'asset', nature: 'contributions_receivable', parent: null },
  { code: A.unearnedContributions, en: 'Contributions received in advance', fr: 'Cotisations perçues d’avance', type: 'liability', nature: 'unearned_contributions', parent: null },
  { code: A.otherPayables, en: 'Other payables', fr: 'Autres dettes', type: 'liability', nature: 'other_payable', parent: null },
  { code: A.subsidiesReceivable, en: 'Subsidies receivable', fr: 'Subventions à recevoir', type: 'asset', nature: 'subsidies_receivable', parent: null },
  { code: A.bank, en: 'Bank', fr: 'Banque', type: 'asset', nature: 'cash', parent: null },
  { code: A.mobileMoney, en: 'Mobile money', fr: 'Monnaie électronique (mobile money)', type: 'asset', nature: 'cash', parent: null },
  { code: A.cash, en: 'Cash', fr: 'Caisse', type: 'asset', nature: 'cash', parent: null },
  { code: A.claimsExpense, en: 'Claims incurred (benefits)', fr: 'Prestations maladie (sinistres)', type: 'expense', nature: 'claims_expense', parent: null },
  { code: A.capitationExpense, en: 'Capitation and flat-rate payments (beyond claims payable)', fr: 'Capitation et forfaits (au-delà des prestations dues)', type: 'expense', nature: 'capitation_expense', parent: null },
  { code: A.administrativeExpenses, en: 'Administrative expenses', fr: 'Frais de fonctionnement', type: 'expense', nature: 'administrative_expense', parent: null },
  { code: '6310', en: 'Allowances and staff', fr: 'Indemnités et personnel', type: 'expense', nature: 'administrative_expense', parent: A.administrativeExpenses },
  { code: '6320', en: 'Office supplies and printing (cards, receipts)', fr: 'Fournitures et impressions (cartes, reçus)', type: 'expense', nature: 'administrative_expense', parent: A.administrativeExpenses },
  { code: '6330', en: 'Transport and meetings', fr: 'Transport et réunions', type: 'expense', nature: 'administrative_expense', parent: A.administrativeExpenses },
  { code: '6340', en: 'Bank and mobile money fees', fr: 'Frais bancaires et de monnaie électronique', type: 'expense', nature: 'administrative_expense', parent: A.administrativeExpenses },
  { code: A.otherExpenses, en: 'Other expenses', fr: 'Autres charges', type: 'expense', nature: 'other_expense', parent: null },
  { code: A.contributionIncome, en: 'Contributions earned', fr: 'Cotisations acquises', type: 'income', nature: 'contribution_income', parent: null },
  { code: A.feeIncome, en: 'Joining and card fees', fr: 'Droits d’adhésion et frais de carte', type: 'income', nature: 'fee_income', parent: null },
  { code: A.subsidyIncome, en: 'Subsidies and grants', fr: 'Subventions et dons', type: 'income', nature: 'subsidy_income', parent: null },
  { code: A.otherIncome, en: 'Other income', fr: 'Autres produits', type: 'income', nature: 'other_income', parent: null },
];

/**
 * Seeds the default chart for a scheme when it has none yet (idempotent: accounts the scheme
 * already has, renamed or not, are left as they are).
 */
export async function ensureChart(trx: Executor, schemeId: string): Promise<void> {
  const has = await trx.selectFrom('account').select('code').where('scheme_id', '=', schemeId).where('code', '=', A.cash).executeTakeFirst();
  if (has) return;
  const at = new Date();
  await sql`
    insert into account (scheme_id, code, name_en, name_fr, type, nature, parent_code, system, created_at, updated_at)
    select ${schemeId}::uuid, code, en, fr, type, nature, parent, code = any(${Object.values(A)}::text[]), ${at}::timestamptz, ${at}::timestamptz
      from unnest(${defaultChart.map((a) => a.code)}::text[], ${defaultChart.map((a) => a.en)}::text[], ${defaultChart.map((a) => a.fr)}::text[],
                  ${defaultChart.map((a) => a.type)}::text[], ${defaultChart.map((a) => a.nature)}::text[], ${defaultChart.map((a) => a.parent)}::text[])
        as u(code, en, fr, type, nature, parent)
    on conflict do nothing`.execute(trx);
}
