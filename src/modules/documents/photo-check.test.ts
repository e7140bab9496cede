import { crc32, deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { MAX_PHOTO_BYTES, checkPhoto } from './photo-check.js';
import { PORTRAIT_JPEG, makePng } from './testing.js';

/** The PNG with one chunk's data changed and its CRC made right again (a well-formed lie). */
function withIdat(png: Buffer, data: Buffer): Buffer {
  const at = png.indexOf('IDAT', 0, 'latin1') - 4;
  const length = png.readUInt32BE(at);
  const chunk = Buffer.alloc(12 + data.length);
  chunk.writeUInt32BE(data.length, 0);
  chunk.write('IDAT', 4, 'latin1');
  data.copy(chunk, 8);
  chunk.writeUInt32BE(crc32(chunk.subarray(4, 8 + data.length)), 8 + data.length);
  return Buffer.concat([png.subarray(0, at), chunk, png.subarray(at + 12 + length)]);
}

describe('the photo check on upload', () => {
  it('takes baseline JPEGs and PNGs, with or without transparency, and reads their size', () => {
    expect(checkPhoto(PORTRAIT_JPEG)).toEqual({ contentType: 'image/jpeg', width: 96, height: 120 });
    expect(checkPhoto(makePng(30, 40))).toEqual({ contentType: 'image/png', width: 30, height: 40 });
    expect(checkPhoto(makePng(30, 40, { alpha: true }))).toEqual({ contentType: 'image/png', width: 30, height: 40 });
  });

  it('refuses what is empty, too large or not JPEG or PNG', () => {
    expect(checkPhoto(undefined)).toEqual({ problem: 'missing' });
    expect(checkPhoto(Buffer.alloc(0))).toEqual({ problem: 'missing' });
    expect(checkPhoto(Buffer.alloc(MAX_PHOTO_BYTES + 1, 0xff))).toEqual({ problem: 'too_large' });
    expect(checkPhoto(Buffer.from('GIF89a'))).toEqual({ problem: 'not_jpeg_or_png' });
    expect(checkPhoto(Buffer.from('%PDF-1.7'))).toEqual({ problem: 'not_jpeg_or_png' });
  });

  it('refuses damaged files the PDF library would choke on', () => {
    expect(checkPhoto(PORTRAIT_JPEG.subarray(0, 300))).toEqual({ problem: 'unreadable' });
    // Cut after the frame header: no end-of-image marker.
    expect(checkPhoto(PORTRAIT_JPEG.subarray(0, PORTRAIT_JPEG.length - 2))).toEqual({ problem: 'unreadable' });
    const png = makePng(30, 40, { alpha: true });
    const badCrc = Buffer.from(png);
    badCrc[png.length - 20] = badCrc[png.length - 20]! ^ 0xff;
    expect(checkPhoto(badCrc)).toEqual({ problem: 'unreadable' });
    // Well-formed chunks around data that is not what the header says.
    expect(checkPhoto(withIdat(png, deflateSync(Buffer.alloc(10))))).toEqual({ problem: 'unreadable' });
    expect(checkPhoto(withIdat(png, Buffer.from('not deflate data')))).toEqual({ problem: 'unreadable' });
    // A row filter that does not exist (PNG has 0 to 4).
    expect(checkPhoto(withIdat(png, deflateSync(Buffer.alloc(40 * (1 + 30 * 4), 7))))).toEqual({ problem: 'unreadable' });
    expect(checkPhoto(png.subarray(0, png.length - 12))).toEqual({ problem: 'unreadable' });
  });

  it('refuses images larger than a card could ever need', () => {
    const header = makePng(1, 1);
    // Patch the IHDR to claim 5000 × 5000 (CRC fixed): refused before any decompression.
    const big = Buffer.from(header);
    big.writeUInt32BE(5000, 16);
    big.writeUInt32BE(5000, 20);
    big.writeUInt32BE(crc32(big.subarray(12, 29)), 29);
    expect(checkPhoto(big)).toEqual({ problem: 'too_many_pixels' });
  });
});
