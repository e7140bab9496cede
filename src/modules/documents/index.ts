// The documents module's public face: membership cards (PDF, signed QR codes), photos and
// receipts. Other modules import only this file.
export { documentsRoutes } from './documents.routes.js';
export {
  cardPayload,
  cardPublicKeys,
  cardSheet,
  deletePhoto,
  getPhoto,
  householdCards,
  listCardKeys,
  paymentReceipt,
  paymentReceiptText,
  putPhoto,
  rotateCardKey,
  verifyCard,
} from './documents.service.js';
export { CARD_PAYLOAD_VERSION, verifyCardPayload, verifyFailures, type CardPublicKey, type CardVerification, type VerifyFailure } from './card-payload.js';
export type { DocumentsTables } from './documents.table.js';
export { formatDate, formatDateTime, money, printable, renderDocument, safeFileName, toCsv, type Column, type PrintedDocument, type PrintedFile, type Section, type TableRow } from './a4.js';
