import { deflateSync, crc32, inflateSync } from 'node:zlib';
import { systemActor } from '../../platform/audit/audit.js';
import type { ServiceContext } from '../../platform/context.js';
import type { Db } from '../../platform/db/connection.js';
import { createScheme } from '../organizations/index.js';

/** Test helpers of the documents module: images to upload, and ways to read the PDFs it makes. */

let counter = 0;

export async function newScheme(db: Db, code = `MUT-D${++counter}`, name = `Mutuelle ${code}`): Promise<{ ctx: ServiceContext; schemeId: string; code: string }> {
  const ctx = { db, actor: systemActor('test') };
  const scheme = await createScheme(ctx, { code, name, currency: 'XOF', country: 'SN' });
  return { ctx, schemeId: scheme.id, code };
}

/** A 96 × 120 portrait placeholder (a head and shoulders on a blue gradient), baseline JPEG. */
export const PORTRAIT_JPEG = Buffer.from(
  '/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAA0JCgsKCA0LCgsODg0PEyAVExISEyccHhcgLikxMC4pLSwzOko+MzZGNywtQFdBRkxO' +
  'UlNSMj5aYVpQYEpRUk//2wBDAQ4ODhMREyYVFSZPNS01T09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09P' +
  'T09PT09PT0//wAARCAB4AGADASIAAhEBAxEB/8QAHwAAAQUBAQEBAQEAAAAAAAAAAAECAwQFBgcICQoL/8QAtRAAAgEDAwIEAwUF' +
  'BAQAAAF9AQIDAAQRBRIhMUEGE1FhByJxFDKBkaEII0KxwRVS0fAkM2JyggkKFhcYGRolJicoKSo0NTY3ODk6Q0RFRkdISUpTVFVW' +
  'V1hZWmNkZWZnaGlqc3R1dnd4eXqDhIWGh4iJipKTlJWWl5iZmqKjpKWmp6ipqrKztLW2t7i5usLDxMXGx8jJytLT1NXW19jZ2uHi' +
  '4+Tl5ufo6erx8vP09fb3+Pn6/8QAHwEAAwEBAQEBAQEBAQAAAAAAAAECAwQFBgcICQoL/8QAtREAAgECBAQDBAcFBAQAAQJ3AAEC' +
  'AxEEBSExBhJBUQdhcRMiMoEIFEKRobHBCSMzUvAVYnLRChYkNOEl8RcYGRomJygpKjU2Nzg5OkNERUZHSElKU1RVVldYWVpjZGVm' +
  'Z2hpanN0dXZ3eHl6goOEhYaHiImKkpOUlZaXmJmaoqOkpaanqKmqsrO0tba3uLm6wsPExcbHyMnK0tPU1dbX2Nna4uPk5ebn6Onq' +
  '8vP09fb3+Pn6/9oADAMBAAIRAxEAPwDvc0ZpmaM1oZj80ZpmaM0APzRmmZozQA/NGaZmjNAD80ZpmaM0APzRmmZozQA3NGabmjNM' +
  'Q7NGabmkLBVLMQAOST2oAfmjNcdrHiuQu0OmYVBwZiOT9BXNT3VxcNm4nklP+2xNZuolsaxpN7nq2aM15TBdXFu2beeSI/7DEV0u' +
  'j+K5A6w6nhkPAmA5H1FCqJ7hKk1sdjmjNMDBlDKQQeQR3pc1oZDs0ZpuaM0AMzRmm5ozTEOzXNeMdRaKBLGJiGlG6Qg/w+n4n+Vd' +
  'HmuC8UuX12YHoiqo/wC+Qf61nUdomlJXkZFFFFcx1BRRRQB2Pg7UWlgexlYlohujJP8AD6fgf510ua4DwtIU12EDo6sp/wC+Sf6V' +
  '3ua6abvE5aqtIdmjNNzRmtDMZmjNNzRmmA7NcZ4vtzHqaT4+WZBz7jg/piuxzVLVbBNSsmgY7WB3I3oaiceZWKhLldzz2ipbm2mt' +
  'J2huEKOvY1FXIdgUUVLbW013OsNuhd27CgDZ8IW5k1N58fLCh59zwP0zXZ5qhpVgmm2SwKdzE7nb1NXc11wjyqxxzlzSuOzRmm5o' +
  'zVkjM0ZpuaM0CHZozTc0ZoAivLO2vY9lzErjse4+hrFm8KQMcw3UiD0ZQ3+Fb+aM1LgnuUptbGBD4UgU5nupHHoqhf8AGtqzs7ay' +
  'j2W0SoO57n6mpc0ZoUEtgc29x2aM03NGaokdmjNNzRmgBmaM03NGaYh2aM00sACSQAOpNYt/4ihhJS0XznH8R4Uf40WC5uZozXEX' +
  'GsX9wTuuGQekfy/yqk7u5y7Mx9Sc1XKK56JmjNedo7ocozKfUHFXbfWL+3I23DOPST5v50coXO3zRmsOw8RQzEJdr5Ln+Icqf8K2' +
  'gwIBBBB6EVNh3HZozTc0ZoAbmkZ1RSzEBQMkntTc1heJL0qq2cZxuG5/p2FOwrlHV9Xe9cxRErbg9P7/ALn/AArLooqyQooooAKK' +
  'KKACtTSNXeycRSktbk9P7nuP8Ky6KAPQVdXUMpBUjII70ua5/wAN3pZWs5DnaNyfTuK3c1Firjc1xWoTGe/nkPdzj6DgfpRRVITK' +
  '9FFFMQUUUUAFFFFABRRRQBY0+YwX8Eg7OM/Q8H9K7XNFFJjR/9k=',
  'base64',
);

function chunk(type: string, data: Buffer): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A PNG of `width` × `height`, RGBA (colour type 6) with a soft alpha edge, or RGB. */
export function makePng(width: number, height: number, options: { alpha?: boolean } = {}): Buffer {
  const channels = options.alpha ? 4 : 3;
  const rows: Buffer[] = [];
  for (let y = 0; y < height; y += 1) {
    const row = Buffer.alloc(1 + width * channels);
    for (let x = 0; x < width; x += 1) {
      const at = 1 + x * channels;
      row[at] = 40 + ((x * 180) / width);
      row[at + 1] = 90;
      row[at + 2] = 40 + ((y * 180) / height);
      if (options.alpha) row[at + 3] = x < 4 || y < 4 ? 0 : 255;
    }
    rows.push(row);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8;
  header[9] = options.alpha ? 6 : 2;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

// ---------------------------------------------------------------- reading PDFs

/** The decoded content of every stream of a PDF (pdfkit's output: FlateDecode or plain). */
export function pdfStreams(pdf: Buffer): Buffer[] {
  const text = pdf.toString('latin1');
  const streams: Buffer[] = [];
  const re = /<<([^]*?)>>\r?\nstream\r?\n/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const length = /\/Length (\d+)/.exec(m[1]!);
    if (!length) continue;
    const start = m.index + m[0].length;
    const data = pdf.subarray(start, start + Number(length[1]));
    streams.push(/\/Filter \/FlateDecode/.test(m[1]!) && !/\/Subtype \/Image/.test(m[1]!) ? inflateSync(data) : data);
  }
  return streams;
}

/** Pages of a PDF. */
export function pdfPageCount(pdf: Buffer): number {
  return (pdf.toString('latin1').match(/\/Type \/Page\b(?!s)/g) ?? []).length;
}

/**
 * The text of every text-showing operator, in order (pdfkit writes standard-font text as hex
 * strings, split where kerning applies: the pieces of one operator are joined).
 */
export function pdfTexts(pdf: Buffer): string[] {
  const texts: string[] = [];
  for (const stream of pdfStreams(pdf)) {
    const content = stream.toString('latin1');
    for (const m of content.matchAll(/\[((?:<[0-9a-f]*>\s*-?[\d.]*\s*)+)\] TJ/g)) {
      texts.push([...m[1]!.matchAll(/<([0-9a-f]*)>/g)].map((h) => Buffer.from(h[1]!, 'hex').toString('latin1')).join(''));
    }
  }
  return texts;
}

/** The QR codes drawn on the pages, as module matrices (true = dark), in drawing order. */
export function pdfQrCodes(pdf: Buffer): boolean[][][] {
  const codes: boolean[][][] = [];
  for (const stream of pdfStreams(pdf)) {
    const content = stream.toString('latin1');
    for (const m of content.matchAll(/cm\n([\d.]+) 0 0 \1 0 0 cm\n((?:\d+ \d+ \d+ 1 re\n)+)/g)) {
      const runs = [...m[2]!.matchAll(/(\d+) (\d+) (\d+) 1 re/g)].map((r) => r.slice(1, 4).map(Number) as [number, number, number]);
      const size = Math.max(...runs.map(([, row]) => row)) + 1;
      const modules = Array.from({ length: size }, () => Array.from({ length: size }, () => false));
      for (const [col, row, width] of runs) for (let c = col; c < col + width; c += 1) modules[row]![c] = true;
      codes.push(modules);
    }
  }
  return codes;
}
