import { type Pdf, fitLine, mm, newPdf } from './pdf.js';
import { printable } from './text.js';

/** A payment receipt, every text already in the reader's language. */
export interface ReceiptContent {
  scheme: string;
  title: string;
  /** "No. R-000001", or null (a reversal names the receipt it cancels in its rows). */
  number: string | null;
  amount: string;
  /** Label and value rows, in order. */
  rows: [string, string][];
  /** Rows under the amount (account standing). */
  account: [string, string][];
  /** A warning in bold, e.g. that the payment was reversed. */
  notice: string | null;
  footer: string[];
}

// Paper 80 mm wide (thermal printers print about 72 mm of it); as long as the content. Any
// printer can print it too: it is a small page.
const WIDTH = 80;
const MARGIN = 4;
const REGULAR = 'Helvetica';
const BOLD = 'Helvetica-Bold';

/** A receipt for an 80 mm roll. */
export async function renderReceipt(content: ReceiptContent, options: { lang: string; title: string; compress?: boolean }): Promise<Buffer> {
  // Lay out once on a scratch page to learn the length, then for real on a page of that length.
  const scratch = newPdf({ title: options.title, lang: options.lang, compress: false });
  scratch.doc.addPage({ size: [mm(WIDTH), mm(1000)], margin: 0 });
  const length = layout(scratch.doc, content);
  await scratch.finish();
  const { doc, finish } = newPdf({ title: options.title, lang: options.lang, compress: options.compress });
  doc.addPage({ size: [mm(WIDTH), length + mm(MARGIN)], margin: 0 });
  layout(doc, content);
  return finish();
}

/** Draws the receipt from the top; returns where it ends (points). */
function layout(doc: Pdf, content: ReceiptContent): number {
  const x = mm(MARGIN);
  const width = mm(WIDTH - 2 * MARGIN);
  let y = mm(MARGIN);
  const rule = (dashed = false) => {
    y += mm(1.5);
    doc.save().lineWidth(0.6).strokeColor('#000000');
    if (dashed) doc.dash(2, { space: 2 });
    doc.moveTo(x, y).lineTo(x + width, y).stroke();
    doc.undash().restore();
    y += mm(2.5);
  };
  const wrapped = (text: string, font: string, size: number) => {
    doc.font(font).fontSize(size).fillColor('#000000');
    const t = printable(text);
    doc.text(t, x, y, { width, align: 'center' });
    y += doc.heightOfString(t, { width, align: 'center' }) + mm(0.8);
  };
  const row = ([label, value]: [string, string], size = 9) => {
    doc.font(REGULAR).fontSize(size);
    const labelWidth = Math.min(doc.widthOfString(printable(label)) + mm(2), width * 0.5);
    fitLine(doc, printable(label), x, y, labelWidth, { font: REGULAR, size });
    fitLine(doc, printable(value), x + labelWidth, y, width - labelWidth, { font: BOLD, size, minSize: 7, align: 'right' });
    y += size * 1.45;
  };

  wrapped(content.scheme, BOLD, 12);
  y += mm(1);
  wrapped(content.title, BOLD, 11);
  if (content.number) wrapped(content.number, REGULAR, 10);
  rule();
  content.rows.forEach((r) => row(r));
  rule();
  fitLine(doc, printable(content.amount), x, y, width, { font: BOLD, size: 18, minSize: 11, align: 'center' });
  y += 18 * 1.35;
  if (content.notice) {
    y += mm(1);
    wrapped(content.notice, BOLD, 10);
  }
  rule(true);
  content.account.forEach((r) => row(r, 8.5));
  if (content.footer.length) rule(true);
  content.footer.forEach((line) => wrapped(line, REGULAR, 8));
  return y;
}
