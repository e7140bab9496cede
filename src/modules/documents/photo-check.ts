import { crc32, inflateSync } from 'node:zlib';

/**
 * Checks an uploaded photo before it is stored, so that printing never meets a file it cannot
 * embed. The PDF library trusts the files it is given: a corrupt PNG with transparency makes it
 * throw inside a zlib callback, which no caller can catch (it would stop the server). So the
 * structure is checked here, fully, on upload: JPEG segments up to the frame header, PNG chunks
 * with their CRCs, the decompressed size and every row's filter byte.
 */
export const MAX_PHOTO_BYTES = 2 * 1024 * 1024;
/** Far more than a 20 mm photo needs; bounds the memory a PNG can take once decompressed. */
export const MAX_PHOTO_SIDE = 4000;

export const photoTypes = ['image/jpeg', 'image/png'] as const;
export type PhotoType = (typeof photoTypes)[number];

export const photoProblems = ['missing', 'too_large', 'not_jpeg_or_png', 'unreadable', 'too_many_pixels'] as const;
export type PhotoProblem = (typeof photoProblems)[number];

export interface PhotoInfo {
  contentType: PhotoType;
  width: number;
  height: number;
}

export function checkPhoto(bytes: Buffer | undefined): PhotoInfo | { problem: PhotoProblem } {
  if (!bytes || bytes.length === 0) return { problem: 'missing' };
  if (bytes.length > MAX_PHOTO_BYTES) return { problem: 'too_large' };
  let info: PhotoInfo | undefined;
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) info = jpegInfo(bytes);
  else if (bytes.subarray(0, 8).equals(PNG_SIGNATURE)) info = pngInfo(bytes);
  else return { problem: 'not_jpeg_or_png' };
  if (!info) return { problem: 'unreadable' };
  if (info.width > MAX_PHOTO_SIDE || info.height > MAX_PHOTO_SIDE) return { problem: 'too_many_pixels' };
  return info;
}

// ---------------------------------------------------------------- JPEG

// Frame headers a PDF's DCTDecode filter reads: baseline, extended and progressive Huffman.
// Lossless and arithmetic-coded JPEGs are refused: most PDF readers cannot show them.
const SUPPORTED_SOF = new Set([0xc0, 0xc1, 0xc2]);
const OTHER_SOF = new Set([0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf]);

function jpegInfo(bytes: Buffer): PhotoInfo | undefined {
  let pos = 2;
  while (pos + 4 <= bytes.length) {
    if (bytes[pos] !== 0xff) return undefined;
    // Markers may be preceded by any number of fill bytes 0xFF.
    while (bytes[pos] === 0xff && pos < bytes.length) pos += 1;
    const marker = bytes[pos]!;
    pos += 1;
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) continue;
    if (marker === 0xd9 || marker === 0xda || OTHER_SOF.has(marker)) return undefined;
    if (pos + 2 > bytes.length) return undefined;
    const length = bytes.readUInt16BE(pos);
    if (length < 2 || pos + length > bytes.length) return undefined;
    if (SUPPORTED_SOF.has(marker)) {
      if (length < 8) return undefined;
      const precision = bytes[pos + 2];
      const height = bytes.readUInt16BE(pos + 3);
      const width = bytes.readUInt16BE(pos + 5);
      const components = bytes[pos + 7]!;
      if (precision !== 8 || width === 0 || height === 0 || ![1, 3, 4].includes(components)) return undefined;
      // A file cut short in transfer has no end-of-image marker.
      if (bytes.lastIndexOf(EOI) < pos + length) return undefined;
      return { contentType: 'image/jpeg', width, height };
    }
    pos += length;
  }
  return undefined;
}

const EOI = Buffer.from([0xff, 0xd9]);

// ---------------------------------------------------------------- PNG

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Bit depths allowed for each colour type, and the channels of each (PNG spec, 11.2.2). */
const COLOR_TYPES: Record<number, { depths: number[]; channels: number }> = {
  0: { depths: [1, 2, 4, 8, 16], channels: 1 },
  2: { depths: [8, 16], channels: 3 },
  3: { depths: [1, 2, 4, 8], channels: 1 },
  4: { depths: [8, 16], channels: 2 },
  6: { depths: [8, 16], channels: 4 },
};

// Adam7 passes: x start, y start, x step, y step.
const ADAM7 = [
  [0, 0, 8, 8],
  [4, 0, 8, 8],
  [0, 4, 4, 8],
  [2, 0, 4, 4],
  [0, 2, 2, 4],
  [1, 0, 2, 2],
  [0, 1, 1, 2],
] as const;

function pngInfo(bytes: Buffer): PhotoInfo | undefined {
  let pos = 8;
  let header: { width: number; height: number; depth: number; colorType: number; interlace: number } | undefined;
  let palette = false;
  let ended = false;
  const data: Buffer[] = [];
  while (pos + 12 <= bytes.length) {
    const length = bytes.readUInt32BE(pos);
    const type = bytes.toString('latin1', pos + 4, pos + 8);
    const end = pos + 12 + length;
    if (length > 0x7fffffff || end > bytes.length) return undefined;
    const body = bytes.subarray(pos + 8, pos + 8 + length);
    if (crc32(bytes.subarray(pos + 4, pos + 8 + length)) !== bytes.readUInt32BE(pos + 8 + length)) return undefined;
    if (!header && type !== 'IHDR') return undefined;
    if (type === 'IHDR') {
      if (header || length !== 13) return undefined;
      header = { width: body.readUInt32BE(0), height: body.readUInt32BE(4), depth: body[8]!, colorType: body[9]!, interlace: body[12]! };
      if (body[10] !== 0 || body[11] !== 0 || header.interlace > 1) return undefined;
    } else if (type === 'PLTE') palette = true;
    else if (type === 'IDAT') data.push(body);
    else if (type === 'IEND') {
      ended = true;
      break;
    }
    pos = end;
  }
  if (!header || !ended || data.length === 0) return undefined;
  const { width, height, depth, colorType, interlace } = header;
  const kind = COLOR_TYPES[colorType];
  if (!kind || !kind.depths.includes(depth) || width === 0 || height === 0) return undefined;
  if (colorType === 3 && !palette) return undefined;
  if (width > MAX_PHOTO_SIDE || height > MAX_PHOTO_SIDE) return { contentType: 'image/png', width, height };
  const bitsPerPixel = kind.channels * depth;
  const passes = interlace ? ADAM7.map(([x0, y0, dx, dy]) => [Math.ceil((width - x0) / dx), Math.ceil((height - y0) / dy)] as const) : [[width, height] as const];
  const rows = passes.filter(([w, h]) => w > 0 && h > 0).map(([w, h]) => ({ rowBytes: 1 + Math.ceil((w * bitsPerPixel) / 8), count: h }));
  const expected = rows.reduce((sum, r) => sum + r.rowBytes * r.count, 0);
  let pixels: Buffer;
  try {
    pixels = inflateSync(Buffer.concat(data), { maxOutputLength: expected + 1024 });
  } catch {
    return undefined;
  }
  if (pixels.length < expected) return undefined;
  let at = 0;
  for (const r of rows) {
    for (let i = 0; i < r.count; i += 1, at += r.rowBytes) {
      if (pixels[at]! > 4) return undefined;
    }
  }
  return { contentType: 'image/png', width, height };
}
