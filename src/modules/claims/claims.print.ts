// The claims module's paper is laid out by the documents module's A4 layout (documents/a4.ts).
export { formatDate, formatDateTime, money, renderDocument, safeFileName, toCsv, type Column, type PrintedDocument, type PrintedFile, type Section, type TableRow } from '../documents/index.js';
