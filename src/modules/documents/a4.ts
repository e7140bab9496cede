/**
 * Mutua's A4 documents (guarantee letters, explanations of benefits, payment orders, provider
 * statements, reports to a general assembly) and CSV files. Every text arrives already in the
 * reader's language; this file only lays it out.
 */
import PDFDocument from 'pdfkit';
import type { Locale } from '../../platform/i18n/index.js';
import { formatMoney } from '../../platform/money.js';

type Pdf = PDFKit.PDFDocument;

/** A file to send: its name, media type and bytes. */
export interface PrintedFile {
  filename: string;
  contentType: string;
  bytes: Buffer;
}

export interface Column {
  header: string;
  /** Share of the page width (the shares of a table add up to 1). */
  width: number;
  align?: 'left' | 'right';
}

export interface TableRow {
  cells: string[];
  /** Small lines under the row, across the whole width (reasons, notes). */
  notes?: string[];
  bold?: boolean;
}

export type Section =
  | { kind: 'heading'; text: string }
  | { kind: 'fields'; rows: [string, string][] }
  | { kind: 'paragraph'; text: string; bold?: boolean }
  | { kind: 'table'; columns: Column[]; rows: TableRow[]; total?: TableRow; empty?: string }
  /** Horizontal bars, one line per label, one bar per series (this year, last year), each with its value written. */
  | { kind: 'bars'; labels: string[]; series: { name: string; values: number[] }[]; format: (value: number) => string; empty?: string };

export interface PrintedDocument {
  /** Name of the scheme, at the top. */
  scheme: string;
  title: string;
  /** Under the title: a number, a period. */
  subtitle?: string | null;
  /** A stamp in the top right corner (a status: APPROVED, PAID, CANCELLED). */
  stamp?: string | null;
  sections: Section[];
  /** Small print at the end. */
  footer?: string[];
  /** "Page {{page}} of {{pages}}" in the reader's language. */
  pageLabel: (page: number, pages: number) => string;
}

// ---------------------------------------------------------------- text

// Dates on paper are day first in both languages (our English readers write 02/01/2025).
const DATE_LOCALES: Record<Locale, string> = { en: 'en-GB', fr: 'fr-FR' };

export function formatDate(date: string, locale: Locale): string {
  return new Intl.DateTimeFormat(DATE_LOCALES[locale], { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${date}T00:00:00Z`));
}

export function formatDateTime(at: Date, locale: Locale): string {
  return new Intl.DateTimeFormat(DATE_LOCALES[locale], { day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false }).format(at);
}

export function money(amount: number, currency: string, locale: Locale): string {
  return formatMoney(amount, currency, locale);
}

// The standard PDF fonts encode WinAnsi: Latin-1 and these. Anything else loses its accent, or
// prints "?" (the documents module does the same for cards and receipts).
const WIN_ANSI_EXTRA = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');
const SPACES = new Set(['\u00a0', '\u202f', '\u2009', '\u2007']);

function winAnsi(c: string): boolean {
  const code = c.codePointAt(0)!;
  return (code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || WIN_ANSI_EXTRA.has(c) || c === '\n';
}

export function printable(text: string): string {
  return [...text]
    .map((c) => {
      if (SPACES.has(c)) return ' ';
      if (winAnsi(c)) return c;
      const bare = c.normalize('NFD').replace(/\p{M}/gu, '');
      return bare && bare !== c && [...bare].every(winAnsi) ? bare : '?';
    })
    .join('');
}

/** A name for a file: letters, digits, dot, dash and underscore only. */
export function safeFileName(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 80) || 'file';
}

// ---------------------------------------------------------------- CSV

/**
 * CSV as spreadsheets in both our languages open it: UTF-8 with a byte order mark, semicolons
 * (a French spreadsheet reads commas as decimal marks), CRLF line ends, quotes where needed. A
 * cell that a spreadsheet would run as a formula (=, +, -, @ first) is prefixed with an apostrophe,
 * except numbers, which stay numbers.
 */
export function toCsv(rows: (string | number | null)[][]): Buffer {
  const cell = (value: string | number | null): string => {
    if (value === null) return '';
    if (typeof value === 'number') return String(value);
    const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
    return /[";\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
  };
  return Buffer.from(`\ufeff${rows.map((r) => r.map(cell).join(';')).join('\r\n')}\r\n`, 'utf8');
}

// ---------------------------------------------------------------- A4

const PAGE = { width: 595.28, height: 841.89 };
const MARGIN = 42;
const BOTTOM = PAGE.height - MARGIN - 18;
const REGULAR = 'Helvetica';
const BOLD = 'Helvetica-Bold';
const GREY = '#555555';
/** Dark enough to print in grey on a cheap printer, told apart by lightness as well as hue. */
const BAR_COLOURS = ['#1f6f5c', '#9bc4b8', '#c07a2c'];

/** Renders an A4 document (as many pages as it takes; table headers repeat on each page). */
export async function renderDocument(content: PrintedDocument, options: { lang: Locale; title: string; compress?: boolean }): Promise<Buffer> {
  const doc = new PDFDocument({
    autoFirstPage: false,
    size: 'A4',
    margin: MARGIN,
    bufferPages: true,
    compress: options.compress ?? true,
    lang: options.lang,
    displayTitle: true,
    info: { Title: printable(options.title), Creator: 'Mutua', Producer: 'Mutua' },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  new Layout(doc).draw(content);
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i += 1) {
    doc.switchToPage(i);
    // The page number sits in the bottom margin: with the margin in place, pdfkit would start a new page.
    doc.page.margins.bottom = 0;
    doc.font(REGULAR).fontSize(8).fillColor(GREY);
    const label = printable(content.pageLabel(i - range.start + 1, range.count));
    doc.text(label, MARGIN, PAGE.height - MARGIN, { width: PAGE.width - 2 * MARGIN, align: 'right', lineBreak: false });
  }
  doc.end();
  return done;
}

class Layout {
  private y = MARGIN;
  private readonly width = PAGE.width - 2 * MARGIN;

  constructor(private readonly doc: Pdf) {
    doc.addPage({ size: 'A4', margin: MARGIN });
  }

  draw(content: PrintedDocument): void {
    const { doc } = this;
    doc.font(BOLD).fontSize(10).fillColor(GREY).text(printable(content.scheme), MARGIN, this.y, { width: this.width * 0.7 });
    if (content.stamp) {
      doc.font(BOLD).fontSize(12).fillColor('#000000');
      const text = printable(content.stamp);
      const w = doc.widthOfString(text) + 12;
      doc.save().lineWidth(1.2).rect(MARGIN + this.width - w, this.y - 3, w, 20).stroke().restore();
      doc.text(text, MARGIN + this.width - w, this.y + 1, { width: w, align: 'center', lineBreak: false });
    }
    this.y = doc.y + 10;
    this.text(content.title, BOLD, 16);
    if (content.subtitle) this.text(content.subtitle, REGULAR, 11);
    this.rule();
    for (const section of content.sections) {
      switch (section.kind) {
        case 'heading':
          this.space(16 + 14);
          this.y += 6;
          this.text(section.text, BOLD, 11);
          break;
        case 'paragraph':
          this.y += 4;
          this.text(section.text, section.bold ? BOLD : REGULAR, 9.5);
          break;
        case 'fields':
          this.fields(section.rows);
          break;
        case 'table':
          this.y += 6;
          this.table(section.columns, section.rows, section.total, section.empty);
          break;
        case 'bars':
          this.y += 6;
          this.bars(section);
          break;
      }
    }
    if (content.footer?.length) {
      this.y += 8;
      this.rule();
      for (const line of content.footer) this.text(line, REGULAR, 8, GREY);
    }
  }

  private space(needed: number): void {
    if (this.y + needed <= BOTTOM) return;
    this.doc.addPage({ size: 'A4', margin: MARGIN });
    this.y = MARGIN;
  }

  private text(text: string, font: string, size: number, color = '#000000'): void {
    const t = printable(text);
    this.doc.font(font).fontSize(size);
    const h = this.doc.heightOfString(t, { width: this.width });
    this.space(h);
    this.doc.fillColor(color).text(t, MARGIN, this.y, { width: this.width });
    this.y += h + 3;
  }

  private rule(): void {
    this.space(8);
    this.y += 2;
    this.doc.save().lineWidth(0.6).strokeColor('#000000').moveTo(MARGIN, this.y).lineTo(MARGIN + this.width, this.y).stroke().restore();
    this.y += 6;
  }

  private fields(rows: [string, string][]): void {
    const { doc } = this;
    const labelWidth = this.width * 0.3;
    for (const [label, value] of rows) {
      const l = printable(label);
      const v = printable(value);
      doc.font(BOLD).fontSize(9.5);
      const h = Math.max(doc.font(REGULAR).heightOfString(l, { width: labelWidth - 6 }), doc.font(BOLD).heightOfString(v, { width: this.width - labelWidth }));
      this.space(h);
      doc.font(REGULAR).fillColor(GREY).text(l, MARGIN, this.y, { width: labelWidth - 6 });
      doc.font(BOLD).fillColor('#000000').text(v, MARGIN + labelWidth, this.y, { width: this.width - labelWidth });
      this.y += h + 3;
    }
  }

  private bars(section: Extract<Section, { kind: 'bars' }>): void {
    const { doc } = this;
    const all = section.series.flatMap((s) => s.values);
    if (section.labels.length === 0 || all.every((v) => v === 0)) {
      if (section.empty) this.text(section.empty, REGULAR, 8.5, GREY);
      return;
    }
    const max = Math.max(...all.map(Math.abs));
    const labelWidth = this.width * 0.28;
    const valueWidth = 70;
    const barSpace = this.width - labelWidth - valueWidth - 8;
    const barHeight = 7;
    if (section.series.length > 1) {
      // The legend: one swatch per series.
      this.space(14);
      let x = MARGIN + labelWidth;
      section.series.forEach((s, i) => {
        doc.save().rect(x, this.y + 1, 8, 8).fill(BAR_COLOURS[i % BAR_COLOURS.length]!).restore();
        doc.font(REGULAR).fontSize(8).fillColor(GREY).text(printable(s.name), x + 11, this.y, { lineBreak: false });
        x += 11 + doc.widthOfString(printable(s.name)) + 16;
      });
      this.y += 14;
    }
    section.labels.forEach((label, row) => {
      const height = section.series.length * (barHeight + 2) + 3;
      this.space(height);
      doc.font(REGULAR).fontSize(8.5).fillColor('#000000').text(printable(label), MARGIN, this.y, { width: labelWidth - 6, height: height, ellipsis: true });
      section.series.forEach((s, i) => {
        const value = s.values[row] ?? 0;
        const w = max > 0 ? Math.max(value === 0 ? 0 : 1, (Math.abs(value) / max) * barSpace) : 0;
        const y = this.y + i * (barHeight + 2);
        doc.save().rect(MARGIN + labelWidth, y, w, barHeight).fill(BAR_COLOURS[i % BAR_COLOURS.length]!).restore();
        doc.font(REGULAR).fontSize(7.5).fillColor(GREY).text(printable(section.format(value)), MARGIN + labelWidth + w + 4, y - 0.5, { width: valueWidth, lineBreak: false });
      });
      this.y += height;
    });
  }

  private table(columns: Column[], rows: TableRow[], total: TableRow | undefined, empty: string | undefined): void {
    const { doc } = this;
    const widths = columns.map((c) => c.width * this.width);
    const size = 8.5;
    const rowHeight = (cells: string[], font: string) => {
      doc.font(font).fontSize(size);
      return Math.max(...cells.map((c, i) => doc.heightOfString(printable(c), { width: widths[i]! - 4 })));
    };
    const drawCells = (cells: string[], font: string, color = '#000000') => {
      let x = MARGIN;
      doc.font(font).fontSize(size).fillColor(color);
      cells.forEach((c, i) => {
        doc.text(printable(c), x + 2, this.y, { width: widths[i]! - 4, align: columns[i]!.align ?? 'left' });
        x += widths[i]!;
      });
    };
    const header = () => {
      const h = rowHeight(columns.map((c) => c.header), BOLD);
      this.space(h + 16);
      drawCells(columns.map((c) => c.header), BOLD, GREY);
      this.y += h + 2;
      doc.save().lineWidth(0.4).strokeColor(GREY).moveTo(MARGIN, this.y).lineTo(MARGIN + this.width, this.y).stroke().restore();
      this.y += 3;
    };
    header();
    if (rows.length === 0 && empty) {
      this.text(empty, REGULAR, size, GREY);
      return;
    }
    const drawRow = (row: TableRow) => {
      const font = row.bold ? BOLD : REGULAR;
      const h = rowHeight(row.cells, font);
      const notes = (row.notes ?? []).map(printable);
      doc.font(REGULAR).fontSize(7.5);
      const notesHeight = notes.reduce((s, n) => s + doc.heightOfString(n, { width: this.width - widths[0]! }) + 1, 0);
      if (this.y + h + notesHeight > BOTTOM) {
        doc.addPage({ size: 'A4', margin: MARGIN });
        this.y = MARGIN;
        header();
      }
      drawCells(row.cells, font);
      this.y += h + 1;
      for (const n of notes) {
        doc.font(REGULAR).fontSize(7.5).fillColor(GREY).text(n, MARGIN + widths[0]!, this.y, { width: this.width - widths[0]! });
        this.y += doc.heightOfString(n, { width: this.width - widths[0]! }) + 1;
      }
      this.y += 3;
    };
    rows.forEach(drawRow);
    if (total) {
      this.space(14);
      doc.save().lineWidth(0.4).strokeColor(GREY).moveTo(MARGIN, this.y).lineTo(MARGIN + this.width, this.y).stroke().restore();
      this.y += 3;
      drawRow({ ...total, bold: true });
    }
  }
}
