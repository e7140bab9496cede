import { Readable } from 'node:stream';
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { parse as csvParser } from 'csv-parse';
import ExcelJS from 'exceljs';
import { DomainError } from './errors.js';

/**
 * Spreadsheets as people keep them (CSV in any common encoding and delimiter, XLSX), read as rows
 * of cells: the platform's reader for every module that takes a file (registers, payments, claim
 * batches, the service catalogue, ICD-10 lists).
 */

/** The largest file read: 100 MiB. */
export const MAX_FILE_BYTES = 100 * 1024 * 1024;

export type SpreadsheetFormat = 'csv' | 'xlsx';

/** A column: its header made unique ("Nom (2)", or "Column C" when blank) and its letter. */
export interface Column {
  name: string;
  letter: string;
}

/** The file cannot be read as a spreadsheet at all (not a row problem: callers report those). */
export class UnreadableFileError extends DomainError {
  constructor(reason: string, message: string, params: Record<string, string | number> = {}) {
    super('unreadable_file', 'invalid', message, [{ field: 'file', message }], { reason, ...params });
  }
}

/**
 * Reading spreadsheets: CSV (delimiter and encoding detected) and XLSX (a sheet streamed row by
 * row), as rows of cells with the row numbers people see in a spreadsheet program.
 */

/** A cell as read: text (CSV, and text cells of XLSX), a number, or a date (XLSX date cells). */
export type Cell = string | number | Date | null;

export interface SheetRow {
  /** Row number in the file, counting the header and any title rows, as a spreadsheet shows it. */
  row: number;
  cells: Cell[];
}

export interface TableFacts {
  format: SpreadsheetFormat;
  encoding: string | null;
  delimiter: string | null;
  sheets: string[];
  sheet: string | null;
  headerRow: number;
  columns: Column[];
}

export interface OpenTable extends TableFacts {
  /** The data rows below the header, in chunks; rows with no value at all are left out. */
  rows: AsyncIterable<SheetRow[]>;
}

export const MAX_COLUMNS = 200;
export const MAX_ROWS = 1_000_000;
/** The header is looked for among the first rows: registers often begin with a title. */
const HEADER_SEARCH_ROWS = 10;

// ---------------------------------------------------------------- format and encoding

function formatOf(bytes: Buffer, fileName: string): SpreadsheetFormat {
  if (bytes.length >= 4 && bytes.readUInt32BE(0) === 0x504b0304) return 'xlsx';
  if (bytes.length >= 8 && bytes.readUInt32BE(0) === 0xd0cf11e0) {
    throw new UnreadableFileError('xls', 'this is an old Excel file (.xls): save it as .xlsx or .csv and upload that');
  }
  if (/\.(xlsx|xlsm)$/i.test(fileName)) throw new UnreadableFileError('not_xlsx', 'the file is named .xlsx but is not an Excel workbook');
  return 'csv';
}

/**
 * The text of a CSV file: UTF-8 (with or without BOM), UTF-16 with a BOM, and else Windows-1252,
 * what French spreadsheets save as "CSV (séparateur: point-virgule)" on Windows.
 */
export function decodeText(bytes: Buffer): { text: string; encoding: string } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8 with BOM' };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('windows-1252').decode(bytes), encoding: 'windows-1252' };
  }
}

const DELIMITERS = [';', ',', '\t'] as const;

/** Counts a character in a line, outside double quotes. */
function countOutsideQuotes(line: string, ch: string): number {
  let n = 0;
  let quoted = false;
  for (const c of line) {
    if (c === '"') quoted = !quoted;
    else if (c === ch && !quoted) n += 1;
  }
  return n;
}

/**
 * The delimiter: among ; , and tab, the one that splits the first lines into the same number of
 * fields, the most fields when several do (a French file's decimal commas do not split evenly).
 */
export function detectDelimiter(text: string): string {
  const lines = text.slice(0, 64 * 1024).split(/\r\n|\n|\r/).filter((l) => l.trim() !== '').slice(0, 20);
  if (lines.length > 1 && lines.at(-1)!.length > 0 && text.length > 64 * 1024) lines.pop(); // may be cut short
  let best: { delimiter: string; score: number } = { delimiter: ',', score: -1 };
  for (const delimiter of DELIMITERS) {
    const counts = lines.map((l) => countOutsideQuotes(l, delimiter));
    const head = counts[0] ?? 0;
    if (head === 0) continue;
    const steady = counts.filter((c) => c === head).length / counts.length;
    const score = steady * 1000 + head;
    if (score > best.score) best = { delimiter, score };
  }
  return best.delimiter;
}

// ---------------------------------------------------------------- CSV

/** Rows come in chunks: one await per chunk, not per row, matters over a million rows. */
const CHUNK = 2_000;

async function* csvRows(text: string, delimiter: string): AsyncGenerator<Cell[][]> {
  if (!text.includes('"')) {
    // Without a quote character no field can hold a delimiter or a line break, so splitting is
    // exactly what a CSV parser would do, several times faster on large files.
    let start = 0;
    let chunk: Cell[][] = [];
    while (start <= text.length) {
      let end = text.indexOf('\n', start);
      if (end < 0) end = text.length;
      const line = text.charCodeAt(end - 1) === 13 ? text.slice(start, end - 1) : text.slice(start, end);
      if (!(end === text.length && line === '')) chunk.push(line.split(delimiter));
      start = end + 1;
      if (chunk.length === CHUNK) {
        yield chunk;
        chunk = [];
        // Let other requests in now and then.
        await yieldToLoop();
      }
    }
    if (chunk.length) yield chunk;
    return;
  }
  const parser = csvParser({ delimiter, relax_column_count: true, relax_quotes: true, skip_empty_lines: false, record_delimiter: ['\r\n', '\n', '\r'] });
  const feed = (async () => {
    const size = 1 << 20;
    for (let i = 0; i < text.length; i += size) {
      if (!parser.write(text.slice(i, i + size))) await new Promise((resolve) => parser.once('drain', resolve));
    }
    parser.end();
  })();
  try {
    let chunk: Cell[][] = [];
    for await (const record of parser as AsyncIterable<string[]>) {
      chunk.push(record);
      if (chunk.length === CHUNK) {
        yield chunk;
        chunk = [];
      }
    }
    if (chunk.length) yield chunk;
  } catch (error) {
    throw new UnreadableFileError('csv', `the CSV cannot be read: ${(error as Error).message}`);
  } finally {
    await feed.catch(() => undefined);
  }
}

// ---------------------------------------------------------------- XLSX

type XlsxValue = ExcelJS.CellValue | undefined;

/** A cell of a workbook as text, number or date: formulas give their result, rich text its text. */
function xlsxCell(value: XlsxValue): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || value instanceof Date) return value;
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value === 'object') {
    if ('richText' in value && Array.isArray(value.richText)) return value.richText.map((r) => r.text).join('');
    if ('result' in value) return xlsxCell(value.result as XlsxValue);
    if ('formula' in value || 'sharedFormula' in value) return null;
    if ('text' in value && typeof value.text === 'string') return value.text;
    if ('error' in value) return String(value.error);
  }
  return String(value);
}

interface XlsxSheet {
  name?: string;
  id?: number;
  [Symbol.asyncIterator](): AsyncIterator<{ number: number; values: XlsxValue[] }>;
}

async function* xlsxRows(bytes: Buffer, wanted: string | null, found: { sheets: string[]; sheet: string | null }): AsyncGenerator<SheetRow[]> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([bytes]), {
    sharedStrings: 'cache',
    styles: 'cache',
    worksheets: 'emit',
    hyperlinks: 'ignore',
    entries: 'ignore',
  } as ConstructorParameters<typeof ExcelJS.stream.xlsx.WorkbookReader>[1]);
  let read = false;
  let chunk: SheetRow[] = [];
  try {
    for await (const item of reader as unknown as AsyncIterable<XlsxSheet>) {
      const name = item.name ?? `Sheet${item.id ?? found.sheets.length + 1}`;
      found.sheets.push(name);
      const take = !read && (wanted === null || name.toLowerCase() === wanted.toLowerCase());
      if (take) found.sheet = name;
      // A sheet not read is still gone through: the zip is read in order.
      for await (const row of item) {
        if (!take) continue;
        chunk.push({ row: row.number, cells: (row.values ?? []).slice(1).map(xlsxCell) });
        if (chunk.length === CHUNK) {
          yield chunk;
          chunk = [];
        }
      }
      if (take) {
        read = true;
        if (chunk.length) yield chunk;
        chunk = [];
      }
    }
  } catch (error) {
    if (error instanceof UnreadableFileError) throw error;
    throw new UnreadableFileError('xlsx', `the workbook cannot be read: ${(error as Error).message}`);
  }
  if (!read) {
    throw wanted === null
      ? new UnreadableFileError('no_sheet', 'the workbook has no sheet')
      : new UnreadableFileError('no_such_sheet', `the workbook has no sheet "${wanted}"; it has ${found.sheets.map((s) => `"${s}"`).join(', ')}`, { sheet: wanted });
  }
}

// ---------------------------------------------------------------- header and rows

export function cellText(cell: Cell | undefined): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'string') return cell.trim();
  if (typeof cell === 'number') return Number.isInteger(cell) ? cell.toFixed(0) : String(cell);
  return excelDate(cell);
}

/** A workbook date as a calendar date (workbooks store local dates as UTC midnights; a time part is dropped). */
export function excelDate(date: Date): string {
  const day = Math.floor(date.getTime() / 86_400_000 + 1e-6);
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}

function letterOf(index: number): string {
  let n = index + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** Column names: the header's text, "Column C" when blank, "Nom (2)" for a second "Nom". */
function columnsOf(header: Cell[]): Column[] {
  let width = header.length;
  while (width > 0 && cellText(header[width - 1]) === '') width -= 1;
  const seen = new Map<string, number>();
  return Array.from({ length: width }, (_, i) => {
    const letter = letterOf(i);
    let name = cellText(header[i]).replace(/\s+/g, ' ') || `Column ${letter}`;
    const key = name.toLowerCase();
    const n = (seen.get(key) ?? 0) + 1;
    seen.set(key, n);
    if (n > 1) name = `${name} (${n})`;
    return { name, letter };
  });
}

const isEmpty = (cells: Cell[]) => cells.every((c) => cellText(c) === '');

/**
 * Opens a CSV or XLSX file: finds its header (the first row, or a row below a title that names
 * known fields) and gives the rows below it. Errors: UnreadableFileError.
 */
export async function openTable(bytes: Buffer, fileName: string, options: { sheet?: string | null; isKnownHeader: (text: string) => boolean }): Promise<OpenTable> {
  if (bytes.length === 0) throw new UnreadableFileError('empty', 'the file is empty');
  if (bytes.length > MAX_FILE_BYTES) throw new UnreadableFileError('too_large', `the file is larger than ${MAX_FILE_BYTES / 1024 / 1024} MiB: split it`);
  const format = formatOf(bytes, fileName);
  const found = { sheets: [] as string[], sheet: null as string | null };
  let encoding: string | null = null;
  let delimiter: string | null = null;
  let source: AsyncIterator<SheetRow[]>;
  if (format === 'csv') {
    const decoded = decodeText(bytes);
    encoding = decoded.encoding;
    delimiter = detectDelimiter(decoded.text);
    const records = csvRows(decoded.text, delimiter);
    let row = 0;
    source = (async function* () {
      for await (const chunk of records) yield chunk.map((cells) => ({ row: ++row, cells }));
    })();
  } else {
    source = xlsxRows(bytes, options.sheet ?? null, found);
  }

  // The first non-empty rows, to find the header among them.
  const head: SheetRow[] = [];
  let rest: SheetRow[] = [];
  while (head.length < HEADER_SEARCH_ROWS) {
    const next = await source.next();
    if (next.done) break;
    const chunk = next.value;
    let i = 0;
    for (; i < chunk.length && head.length < HEADER_SEARCH_ROWS; i += 1) if (!isEmpty(chunk[i]!.cells)) head.push(chunk[i]!);
    rest = chunk.slice(i);
  }
  if (head.length === 0) throw new UnreadableFileError('no_rows', 'the file has no rows');
  const known = (cells: Cell[]) => cells.filter((c) => typeof c === 'string' && options.isKnownHeader(c)).length;
  const headerAt = Math.max(0, head.findIndex((r) => known(r.cells) >= 2));
  const headerRow = head[headerAt]!;
  const columns = columnsOf(headerRow.cells);
  if (columns.length === 0) throw new UnreadableFileError('no_header', 'the first row holds no column names');
  if (columns.length > MAX_COLUMNS) throw new UnreadableFileError('too_many_columns', `the file has more than ${MAX_COLUMNS} columns`);
  const buffered = [...head.slice(headerAt + 1), ...rest];

  async function* rows(): AsyncGenerator<SheetRow[]> {
    let count = 0;
    const take = (chunk: SheetRow[]) => {
      const kept = chunk.filter((r) => !isEmpty(r.cells));
      count += kept.length;
      if (count > MAX_ROWS) throw new UnreadableFileError('too_many_rows', `the file has more than ${MAX_ROWS.toLocaleString('en')} rows: split it`);
      return kept;
    };
    if (buffered.length) yield take(buffered);
    for (;;) {
      const next = await source.next();
      if (next.done) return;
      const kept = take(next.value);
      if (kept.length) yield kept;
    }
  }
  return {
    format,
    encoding,
    delimiter,
    // A workbook's sheets are known once it is read through (the rows are streamed).
    get sheets() {
      return [...found.sheets];
    },
    get sheet() {
      return found.sheet;
    },
    headerRow: headerRow.row,
    columns,
    rows: rows(),
  };
}
