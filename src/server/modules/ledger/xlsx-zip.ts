import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { createInflateRaw } from 'node:zlib';

/**
 * The parts of an xlsx (a zip archive) by name, read from the central directory, each opened as
 * a stream of its inflated bytes. Only what an xlsx needs: stored (0) or deflated (8) entries,
 * no encryption, no zip64 (an xlsx over 4 GB is not a ledger). Anything else is an `XlsxZipError`
 * and the caller falls back to ExcelJS.
 */
export class XlsxZipError extends Error {}

interface Entry {
  method: number;
  compressedSize: number;
  localHeaderOffset: number;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

export interface XlsxZip {
  has(name: string): boolean;
  /** The inflated bytes of a part, streamed. */
  stream(name: string): Promise<AsyncIterable<Buffer>>;
  /** A small part (workbook, rels, styles) as text. */
  text(name: string): Promise<string>;
}

export async function openXlsxZip(path: string): Promise<XlsxZip> {
  const fh = await open(path, 'r');
  const entries = new Map<string, Entry>();
  try {
    const { size } = await fh.stat();
    const tailLength = Math.min(size, 22 + 0xffff);
    const tail = Buffer.alloc(tailLength);
    await fh.read(tail, 0, tailLength, size - tailLength);
    let eocd = -1;
    for (let i = tailLength - 22; i >= 0; i--)
      if (tail.readUInt32LE(i) === EOCD) {
        eocd = i;
        break;
      }
    if (eocd < 0) throw new XlsxZipError('not a zip archive');
    const count = tail.readUInt16LE(eocd + 10);
    const cdSize = tail.readUInt32LE(eocd + 12);
    const cdOffset = tail.readUInt32LE(eocd + 16);
    if (count === 0xffff || cdOffset === 0xffffffff) throw new XlsxZipError('zip64 archive');
    const cd = Buffer.alloc(cdSize);
    await fh.read(cd, 0, cdSize, cdOffset);
    let p = 0;
    for (let n = 0; n < count; n++) {
      if (cd.readUInt32LE(p) !== CENTRAL) throw new XlsxZipError('bad central directory');
      const flags = cd.readUInt16LE(p + 8);
      const method = cd.readUInt16LE(p + 10);
      const compressedSize = cd.readUInt32LE(p + 20);
      const nameLength = cd.readUInt16LE(p + 28);
      const extraLength = cd.readUInt16LE(p + 30);
      const commentLength = cd.readUInt16LE(p + 32);
      const localHeaderOffset = cd.readUInt32LE(p + 42);
      const name = cd.toString('utf8', p + 46, p + 46 + nameLength);
      if (flags & 1) throw new XlsxZipError('encrypted entry');
      entries.set(name.replace(/^\//, ''), { method, compressedSize, localHeaderOffset });
      p += 46 + nameLength + extraLength + commentLength;
    }
  } finally {
    await fh.close();
  }

  async function dataStart(e: Entry): Promise<number> {
    const h = await open(path, 'r');
    try {
      const local = Buffer.alloc(30);
      await h.read(local, 0, 30, e.localHeaderOffset);
      if (local.readUInt32LE(0) !== LOCAL) throw new XlsxZipError('bad local header');
      return e.localHeaderOffset + 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
    } finally {
      await h.close();
    }
  }

  async function stream(name: string): Promise<AsyncIterable<Buffer>> {
    const e = entries.get(name);
    if (!e) throw new XlsxZipError(`missing part ${name}`);
    if (e.method !== 0 && e.method !== 8) throw new XlsxZipError(`compression method ${e.method}`);
    const start = await dataStart(e);
    const raw = createReadStream(path, {
      start,
      end: start + e.compressedSize - 1,
      highWaterMark: 1 << 20,
    });
    if (e.method === 0) return raw;
    const inflate = createInflateRaw({ chunkSize: 1 << 18 });
    raw.on('error', (err) => inflate.destroy(err));
    return raw.pipe(inflate);
  }

  return {
    has: (name) => entries.has(name),
    stream,
    async text(name) {
      const parts: Buffer[] = [];
      for await (const chunk of await stream(name)) parts.push(chunk);
      return Buffer.concat(parts).toString('utf8');
    },
  };
}
