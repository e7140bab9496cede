import PDFDocument from 'pdfkit';

/** Millimetres to PDF points. */
export const mm = (value: number) => (value * 72) / 25.4;

export type Pdf = PDFKit.PDFDocument;

/** A new PDF document with no page yet; `finish` ends it and gives its bytes. */
export function newPdf(options: { title: string; lang: string; compress?: boolean }): { doc: Pdf; finish(): Promise<Buffer> } {
  const doc = new PDFDocument({
    autoFirstPage: false,
    margin: 0,
    compress: options.compress ?? true,
    lang: options.lang,
    displayTitle: true,
    info: { Title: options.title, Creator: 'Mutua', Producer: 'Mutua' },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  return {
    doc,
    finish() {
      doc.end();
      return done;
    },
  };
}

/**
 * Writes one line of text in a box: the font shrinks down to `minSize` to fit the width, and what
 * still does not fit is cut with an ellipsis. Text never wraps onto what lies below.
 */
export function fitLine(doc: Pdf, text: string, x: number, y: number, width: number, options: { font: string; size: number; minSize?: number; align?: 'left' | 'center' | 'right'; color?: string }): void {
  doc.font(options.font);
  let size = options.size;
  const min = options.minSize ?? options.size;
  while (size > min && doc.fontSize(size).widthOfString(text) > width) size -= 0.25;
  doc.fontSize(size);
  let shown = text;
  if (doc.widthOfString(shown) > width) {
    while (shown.length > 1 && doc.widthOfString(`${shown}…`) > width) shown = shown.slice(0, -1);
    shown = `${shown.trimEnd()}…`;
  }
  doc.fillColor(options.color ?? '#000000').text(shown, x, y, { width, align: options.align ?? 'left', lineBreak: false });
}
