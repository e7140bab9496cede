import QRCode from 'qrcode';

/**
 * QR codes drawn as vector squares: sharp at any printer resolution, a few kilobytes per card.
 * Error correction M (15 % of the symbol can be lost): a worn card in a pocket still scans.
 */
export const QR_ERROR_CORRECTION = 'M';

/** The modules of the QR code of `text`, row by row (true = dark), without quiet zone. */
export function qrModules(text: string): boolean[][] {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: QR_ERROR_CORRECTION });
  return Array.from({ length: modules.size }, (_, r) => Array.from({ length: modules.size }, (_, c) => modules.data[r * modules.size + c] === 1));
}

/**
 * Dark runs of each row as rectangles in module units: `[column, row, width]`, height 1. Runs
 * rather than single modules keep a card's QR to a few hundred rectangles.
 */
export function qrRuns(modules: boolean[][]): [number, number, number][] {
  const runs: [number, number, number][] = [];
  modules.forEach((row, r) => {
    let c = 0;
    while (c < row.length) {
      if (!row[c]) {
        c += 1;
        continue;
      }
      const start = c;
      while (c < row.length && row[c]) c += 1;
      runs.push([start, r, c - start]);
    }
  });
  return runs;
}

/** The minimal surface of a PDF document this module draws with. */
interface Canvas {
  save(): Canvas;
  restore(): Canvas;
  translate(x: number, y: number): Canvas;
  scale(factor: number): Canvas;
  rect(x: number, y: number, w: number, h: number): Canvas;
  fill(color?: string): Canvas;
}

/** Draws the QR code of `text` as a `size` × `size` square at (x, y). */
export function drawQr(doc: Canvas, text: string, x: number, y: number, size: number): void {
  const modules = qrModules(text);
  doc.save().translate(x, y).scale(size / modules.length);
  for (const [c, r, w] of qrRuns(modules)) doc.rect(c, r, w, 1);
  doc.fill('#000000').restore();
}
