import { translate, type Locale } from '../../platform/i18n/index.js';
import { cellText, openTable, type Cell } from '../../platform/spreadsheet.js';
import { benefitCategories, type BenefitCategory } from '../products/index.js';
import type { CatalogueField, DiagnosisField, ImportIssue, ImportReport, ServiceKind } from './providers.schemas.js';
import { serviceKinds } from './providers.schemas.js';

/**
 * Reading the fixed-column files of this module: the service catalogue (code, name, category,
 * kind, active) and ICD-10 diagnoses (code, title), CSV or XLSX through the imports module's
 * reader. Headers and words are understood in English and French, ignoring case, accents and
 * punctuation. Every problem is kept with its row and column, worded later in the reader's
 * language.
 */

/** The file as given: its name, its bytes, and for a workbook the sheet to read (default: the first). */
export interface ImportFile {
  fileName: string;
  bytes: Buffer;
  sheet?: string | null;
}

/** A problem of one row (or of the file when `row` is null), not yet worded. */
export interface RawIssue {
  row: number | null;
  column: string | null;
  field: string | null;
  code: string;
  params: Record<string, string | number>;
}

export interface RawReport extends Omit<ImportReport, 'errors'> {
  errors: RawIssue[];
}

/** Lower case, no accents, letters and digits only: "Catégorie" and "categorie" are one word. */
export function simplify(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

const catalogueHeaders: Record<CatalogueField, string[]> = {
  code: ['code', 'servicecode', 'codeservice', 'codeacte', 'codeprestation', 'reference', 'ref'],
  name: ['name', 'nom', 'libelle', 'label', 'designation', 'description', 'intitule', 'servicename', 'prestation', 'acte'],
  category: ['category', 'categorie', 'benefitcategory', 'categoriedeprestation', 'rubrique', 'garantie'],
  kind: ['kind', 'type', 'nature'],
  active: ['active', 'actif', 'status', 'statut', 'enabled'],
};

const diagnosisHeaders: Record<DiagnosisField, string[]> = {
  code: ['code', 'icd10', 'icd10code', 'codeicd10', 'icd', 'cim10', 'codecim10', 'codecim', 'cim'],
  title: ['title', 'titre', 'libelle', 'label', 'description', 'name', 'nom', 'designation', 'intitule'],
};

const categoryWords: Record<BenefitCategory, string[]> = {
  consultation: ['consultations', 'cons'],
  hospitalization: ['hospitalisation', 'hospitalizations', 'hospitalisations', 'hospit'],
  delivery: ['accouchement', 'accouchements', 'deliveries'],
  caesarean: ['cesarean', 'cesarienne', 'cesariennes', 'caesareansection'],
  surgery: ['chirurgie'],
  drugs: ['drug', 'medicament', 'medicaments', 'medicines', 'pharmacie', 'pharmacy'],
  laboratory: ['laboratoire', 'lab', 'labo', 'analyses', 'biologie'],
  imaging: ['imagerie', 'radiologie', 'radiology', 'echographie'],
  dental: ['dentaire', 'soinsdentaires'],
  eye_care: ['ophtalmologie', 'optique', 'soinsoculaires'],
  antenatal: ['prenatal', 'cpn', 'consultationprenatale'],
  transport: ['evacuation', 'evacuations', 'ambulance'],
  other: ['autre', 'autres', 'divers'],
};

const kindWords: Record<ServiceKind, string[]> = {
  service: ['services', 'acte', 'actes', 'act', 'prestation'],
  drug: ['drugs', 'medicament', 'medicaments', 'medicine', 'medication'],
  supply: ['supplies', 'consommable', 'consommables', 'fourniture', 'fournitures', 'materiel'],
};

const booleanWords: Record<'true' | 'false', string[]> = {
  true: ['true', 'yes', 'y', '1', 'oui', 'o', 'actif', 'active', 'vrai', 'x'],
  false: ['false', 'no', 'n', '0', 'non', 'inactif', 'inactive', 'faux'],
};

function lookup<T extends string>(values: readonly T[], words: Record<T, string[]>): Map<string, T> {
  const map = new Map<string, T>();
  for (const value of values) for (const word of [value, ...words[value]]) map.set(simplify(word), value);
  return map;
}

const categories = lookup(benefitCategories, categoryWords);
const kinds = lookup(serviceKinds, kindWords);
const booleans = lookup(['true', 'false'] as const, booleanWords);

const CODE = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
const quoted = (text: string) => text.slice(0, 60);

// ---------------------------------------------------------------- reading a file of fixed columns

interface Columns<F extends string> {
  /** The file's column index and name for each field found. */
  found: Map<F, { index: number; name: string }>;
}

interface FixedRow<F extends string> {
  row: number;
  cell(field: F): Cell | undefined;
}

async function readFixed<F extends string>(
  file: ImportFile,
  headers: Record<F, string[]>,
  required: readonly F[],
  issues: RawIssue[],
  onRow: (row: FixedRow<F>, columns: Columns<F>) => void,
): Promise<number> {
  const byHeader = new Map<string, F>();
  for (const [field, names] of Object.entries(headers) as [F, string[]][]) for (const name of [field, ...names]) byHeader.set(simplify(name), field);
  const table = await openTable(file.bytes, file.fileName, { sheet: file.sheet ?? null, isKnownHeader: (text) => byHeader.has(simplify(text)) });
  const found = new Map<F, { index: number; name: string }>();
  table.columns.forEach((column, index) => {
    const field = byHeader.get(simplify(column.name));
    if (field && !found.has(field)) found.set(field, { index, name: column.name });
  });
  const missing = required.filter((f) => !found.has(f));
  for (const field of missing) issues.push({ row: null, column: null, field, code: 'missing_column', params: { field, expected: [field, ...headers[field]].slice(0, 4).join(', ') } });
  let rows = 0;
  const columns = { found };
  for await (const chunk of table.rows) {
    for (const sheetRow of chunk) {
      rows += 1;
      if (missing.length) continue;
      onRow({ row: sheetRow.row, cell: (field) => (found.has(field) ? sheetRow.cells[found.get(field)!.index] : undefined) }, columns);
    }
  }
  if (rows === 0) issues.push({ row: null, column: null, field: null, code: 'no_data', params: {} });
  return rows;
}

function issueAt<F extends string>(issues: RawIssue[], columns: Columns<F>, row: number, field: F, code: string, params: Record<string, string | number> = {}) {
  issues.push({ row, column: columns.found.get(field)?.name ?? null, field, code, params });
}

/** One line of text, blanks made single spaces; '' when empty. */
const textOf = (cell: Cell | undefined) => cellText(cell).replace(/\s+/g, ' ');

// ---------------------------------------------------------------- service catalogue

export interface CatalogueRow {
  row: number;
  code: string;
  name: string;
  category: BenefitCategory;
  /** undefined: the file has no such column (or an empty cell): a new service takes the default, an existing one keeps its own. */
  kind?: ServiceKind;
  active?: boolean;
}

/**
 * Reads a catalogue file: every row checked on its own and against the file's other rows
 * (a code twice). Errors of rows go into `issues`; unreadable files throw UnreadableFileError.
 */
export async function readCatalogue(file: ImportFile, issues: RawIssue[]): Promise<{ rows: number; entries: CatalogueRow[] }> {
  const entries: CatalogueRow[] = [];
  const firstRow = new Map<string, number>();
  const rows = await readFixed<CatalogueField>(file, catalogueHeaders, ['code', 'name', 'category'], issues, (r, columns) => {
    const problem = (field: CatalogueField, code: string, params: Record<string, string | number> = {}) => issueAt(issues, columns, r.row, field, code, params);
    const before = issues.length;
    const code = textOf(r.cell('code'));
    if (!code) problem('code', 'required');
    else if (code.length > 64) problem('code', 'too_long', { max: 64 });
    else if (!CODE.test(code)) problem('code', 'invalid_code', { value: quoted(code) });
    else if (firstRow.has(code)) problem('code', 'duplicate_code', { code, firstRow: firstRow.get(code)! });
    else firstRow.set(code, r.row);
    const name = textOf(r.cell('name'));
    if (!name) problem('name', 'required');
    else if (name.length > 200) problem('name', 'too_long', { max: 200 });
    const categoryText = textOf(r.cell('category'));
    const category = categories.get(simplify(categoryText));
    if (!categoryText) problem('category', 'required');
    else if (!category) problem('category', 'unknown_value', { value: quoted(categoryText), allowed: benefitCategories.join(', ') });
    const kindText = textOf(r.cell('kind'));
    const kind = kindText ? kinds.get(simplify(kindText)) : undefined;
    if (kindText && !kind) problem('kind', 'unknown_value', { value: quoted(kindText), allowed: serviceKinds.join(', ') });
    const activeText = textOf(r.cell('active'));
    const active = activeText ? booleans.get(simplify(activeText)) : undefined;
    if (activeText && !active) problem('active', 'unknown_value', { value: quoted(activeText), allowed: 'yes, no' });
    if (issues.length === before) entries.push({ row: r.row, code, name, category: category!, ...(kind ? { kind } : {}), ...(active ? { active: active === 'true' } : {}) });
  });
  return { rows, entries };
}

// ---------------------------------------------------------------- diagnoses

const ICD10 = /^[A-Z][0-9][0-9A-Z](\.[0-9A-Z]{1,4})?$/;

/**
 * An ICD-10 code as stored: upper case, no blanks, and the dot after the category when the
 * file leaves it out ("A090" is "A09.0"). Undefined when it is not of the ICD-10 form.
 */
export function normalizeDiagnosisCode(text: string): string | undefined {
  let code = text.toUpperCase().replace(/\s+/g, '');
  if (/^[A-Z][0-9][0-9A-Z][0-9A-Z]{1,4}$/.test(code)) code = `${code.slice(0, 3)}.${code.slice(3)}`;
  return ICD10.test(code) ? code : undefined;
}

export interface DiagnosisRow {
  row: number;
  code: string;
  title: string;
}

export async function readDiagnoses(file: ImportFile, issues: RawIssue[]): Promise<{ rows: number; entries: DiagnosisRow[] }> {
  const entries: DiagnosisRow[] = [];
  const firstRow = new Map<string, number>();
  const rows = await readFixed<DiagnosisField>(file, diagnosisHeaders, ['code', 'title'], issues, (r, columns) => {
    const problem = (field: DiagnosisField, code: string, params: Record<string, string | number> = {}) => issueAt(issues, columns, r.row, field, code, params);
    const before = issues.length;
    const text = textOf(r.cell('code'));
    const code = normalizeDiagnosisCode(text);
    if (!text) problem('code', 'required');
    else if (!code) problem('code', 'invalid_diagnosis_code', { value: quoted(text) });
    else if (firstRow.has(code)) problem('code', 'duplicate_code', { code, firstRow: firstRow.get(code)! });
    else firstRow.set(code, r.row);
    const title = textOf(r.cell('title'));
    if (!title) problem('title', 'required');
    else if (title.length > 500) problem('title', 'too_long', { max: 500 });
    if (issues.length === before) entries.push({ row: r.row, code: code!, title });
  });
  return { rows, entries };
}

// ---------------------------------------------------------------- the report in words

/** The report with every problem worded in the reader's language. */
export function wordReport(report: RawReport, locale: Locale): ImportReport {
  const errors: ImportIssue[] = report.errors.map((issue) => {
    const message = translate(locale, `providers.issues.${issue.code}`, issue.params);
    const column = issue.column ?? (issue.field ? translate(locale, `providers.fields.${issue.field}`) : null);
    const text =
      issue.row !== null && column
        ? translate(locale, 'providers.line.row_column', { row: issue.row, column, message })
        : issue.row !== null
          ? translate(locale, 'providers.line.row', { row: issue.row, message })
          : column
            ? translate(locale, 'providers.line.column', { column, message })
            : message;
    return { row: issue.row, column: issue.column, field: issue.field, code: issue.code, message, text };
  });
  return { ...report, errors };
}
