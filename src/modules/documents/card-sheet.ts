import { type Pdf, fitLine, mm, newPdf } from './pdf.js';
import { drawQr } from './qr.js';
import { printable } from './text.js';

/** One membership card, with every text already in the reader's language. */
export interface CardFace {
  name: string;
  card: string;
  household: string;
  sex: string;
  birth: string;
  /** "01/01/2025 to 31/12/2025", or null: the line is left blank to be written by hand. */
  validity: string | null;
  /** The signed QR payload (card-payload.ts). */
  payload: string;
  photo: Buffer | null;
}

export interface CardLabels {
  scheme: string;
  title: string;
  card: string;
  household: string;
  sex: string;
  born: string;
  valid: string;
  photo: string;
  footer: string;
  page(page: number, pages: number): string;
}

// ISO/IEC 7810 ID-1, the size of a bank card; ten on an A4 sheet, two columns of five, edge to
// edge so that one cut separates two cards.
export const CARD_WIDTH = 85.6;
export const CARD_HEIGHT = 54;
const PAGE = { width: 210, height: 297 };
const COLUMNS = 2;
const ROWS = 5;
export const CARDS_PER_PAGE = COLUMNS * ROWS;
const LEFT = (PAGE.width - COLUMNS * CARD_WIDTH) / 2;
const TOP = (PAGE.height - ROWS * CARD_HEIGHT) / 2;

const REGULAR = 'Helvetica';
const BOLD = 'Helvetica-Bold';
const GREY = '#555555';

/** A4 sheets of cards, ten per page, with cut marks in the margins. */
export async function renderCardSheet(faces: CardFace[], labels: CardLabels, options: { lang: string; title: string; compress?: boolean }): Promise<Buffer> {
  const { doc, finish } = newPdf({ title: options.title, lang: options.lang, compress: options.compress });
  const pages = Math.max(1, Math.ceil(faces.length / CARDS_PER_PAGE));
  for (let page = 0; page < pages; page += 1) {
    doc.addPage({ size: 'A4', margin: 0 });
    drawCutMarks(doc);
    // Under the cards, between the cut marks: the instruction under the left column, the page
    // number under the right one.
    const footerY = mm(TOP + ROWS * CARD_HEIGHT + 3);
    doc.font(REGULAR).fontSize(6.5).fillColor(GREY).text(printable(labels.footer), mm(LEFT + 2), footerY, { width: mm(CARD_WIDTH - 4), height: mm(6), ellipsis: '…' });
    fitLine(doc, printable(labels.page(page + 1, pages)), mm(LEFT + CARD_WIDTH + 2), footerY, mm(CARD_WIDTH - 4), { font: REGULAR, size: 6.5, align: 'right', color: GREY });
    faces.slice(page * CARDS_PER_PAGE, (page + 1) * CARDS_PER_PAGE).forEach((face, i) => {
      const x = LEFT + (i % COLUMNS) * CARD_WIDTH;
      const y = TOP + Math.floor(i / COLUMNS) * CARD_HEIGHT;
      drawCard(doc, face, labels, x, y);
    });
  }
  return finish();
}

/** Marks on the page margins in line with every card edge: cut from mark to mark. */
function drawCutMarks(doc: Pdf): void {
  const gap = 2;
  const length = 7;
  doc.save().lineWidth(0.5).strokeColor('#000000');
  for (let c = 0; c <= COLUMNS; c += 1) {
    const x = mm(LEFT + c * CARD_WIDTH);
    doc.moveTo(x, mm(TOP - gap - length)).lineTo(x, mm(TOP - gap));
    doc.moveTo(x, mm(TOP + ROWS * CARD_HEIGHT + gap)).lineTo(x, mm(TOP + ROWS * CARD_HEIGHT + gap + length));
  }
  for (let r = 0; r <= ROWS; r += 1) {
    const y = mm(TOP + r * CARD_HEIGHT);
    doc.moveTo(mm(LEFT - gap - length), y).lineTo(mm(LEFT - gap), y);
    doc.moveTo(mm(LEFT + COLUMNS * CARD_WIDTH + gap), y).lineTo(mm(LEFT + COLUMNS * CARD_WIDTH + gap + length), y);
  }
  doc.stroke().restore();
}

// Card layout, in millimetres from the card's top left corner.
const PAD = 3.5;
const PHOTO = { x: PAD, y: 12.5, w: 20, h: 25 };
const QR = { size: 23, y: 12.5 };
const TEXT_X = PHOTO.x + PHOTO.w + 3;

/** The photo fitted in its box; false when the file cannot be embedded (then a frame is drawn). */
function drawPhoto(doc: Pdf, photo: Buffer, x: number, y: number): boolean {
  try {
    doc.image(photo, x, y, { fit: [mm(PHOTO.w), mm(PHOTO.h)], align: 'center', valign: 'center' });
    return true;
  } catch {
    // Photos are checked on upload (photo-check.ts); one stored before a stricter check must not
    // stop a whole sheet from printing.
    return false;
  }
}

function drawCard(doc: Pdf, face: CardFace, labels: CardLabels, x0: number, y0: number): void {
  const at = (x: number, y: number) => [mm(x0 + x), mm(y0 + y)] as const;
  const inner = CARD_WIDTH - 2 * PAD;
  const qrX = CARD_WIDTH - PAD - QR.size;
  const textWidth = qrX - 2 - TEXT_X;

  // Heading: the scheme, what the card is, a rule.
  fitLine(doc, printable(labels.scheme), ...at(PAD, 3.2), mm(inner), { font: BOLD, size: 9, minSize: 6.5 });
  fitLine(doc, printable(labels.title).toUpperCase(), ...at(PAD, 7.4), mm(inner), { font: REGULAR, size: 6, color: GREY });
  doc.save().lineWidth(0.6).strokeColor('#000000').moveTo(...at(PAD, 10.4)).lineTo(...at(CARD_WIDTH - PAD, 10.4)).stroke().restore();

  // Photo, or a frame to glue one in.
  const [px, py] = at(PHOTO.x, PHOTO.y);
  if (!face.photo || !drawPhoto(doc, face.photo, px, py)) {
    doc.save().lineWidth(0.4).dash(1.5, { space: 1.5 }).strokeColor('#888888').rect(px, py, mm(PHOTO.w), mm(PHOTO.h)).stroke().undash().restore();
    fitLine(doc, printable(labels.photo), px, py + mm(PHOTO.h / 2 - 1.2), mm(PHOTO.w), { font: REGULAR, size: 6, align: 'center', color: '#888888' });
  }

  // Who: the name on up to two lines, then the numbers.
  const name = printable(face.name);
  doc.font(BOLD).fontSize(8.5);
  const [nx, ny] = at(TEXT_X, PHOTO.y);
  if (doc.widthOfString(name) <= mm(textWidth)) {
    doc.fillColor('#000000').text(name, nx, ny, { width: mm(textWidth), lineBreak: false });
  } else {
    doc.fontSize(7.5).fillColor('#000000').text(name, nx, ny, { width: mm(textWidth), height: mm(6.4), ellipsis: '…' });
  }
  const field = (label: string, value: string, y: number, bold = false) => {
    fitLine(doc, printable(label), ...at(TEXT_X, y), mm(textWidth), { font: REGULAR, size: 5.5, color: GREY });
    fitLine(doc, printable(value), ...at(TEXT_X, y + 2.2), mm(textWidth), { font: bold ? BOLD : REGULAR, size: 8, minSize: 6 });
  };
  field(labels.card, face.card, 19.6, true);
  field(labels.household, face.household, 25.4);
  fitLine(doc, printable(`${labels.sex} / ${labels.born}`), ...at(TEXT_X, 31.2), mm(textWidth), { font: REGULAR, size: 5.5, minSize: 4.5, color: GREY });
  fitLine(doc, printable(`${face.sex}  ·  ${face.birth}`), ...at(TEXT_X, 33.4), mm(textWidth), { font: REGULAR, size: 8, minSize: 6 });

  drawQr(doc, face.payload, ...at(qrX, QR.y), mm(QR.size));

  // Validity along the bottom: the period, or a line to write it by hand.
  const vy = 42.5;
  fitLine(doc, printable(labels.valid), ...at(PAD, vy), mm(inner), { font: REGULAR, size: 5.5, color: GREY });
  if (face.validity) {
    fitLine(doc, printable(face.validity), ...at(PAD, vy + 2.3), mm(inner), { font: BOLD, size: 8.5, minSize: 6.5 });
  } else {
    doc.save().lineWidth(0.4).strokeColor('#888888').moveTo(...at(PAD, vy + 6.5)).lineTo(...at(PAD + 50, vy + 6.5)).stroke().restore();
  }
}
