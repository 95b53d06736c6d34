/**
 * COPY's text format, without the database drivers (worker threads build their lines with it):
 * values tab-separated, \N for null, backslash, tab and line ends escaped.
 */
const COPY_SPECIAL = /[\\\t\n\r]/g;
const HAS_SPECIAL = /[\\\t\n\r]/;
const COPY_ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/** A value in COPY's text format: \N for null or undefined, backslash, tab and line ends escaped. */
export const copyValue = (v: string | number | null | undefined): string => {
  if (v === null || v === undefined) return '\\N';
  const s = String(v);
  // Most values (keys, dates, masked numbers) need no escape: tested before replacing.
  return HAS_SPECIAL.test(s) ? s.replace(COPY_SPECIAL, (c) => COPY_ESCAPES[c] ?? c) : s;
};

/** One line of COPY text: the values in column order. */
export const copyLine = (values: readonly (string | number | null | undefined)[]): string =>
  `${values.map(copyValue).join('\t')}\n`;

/**
 * COPY text gathered as UTF-8 bytes rather than as one string of lines: the bytes go to the
 * database as they are (no encoding on the thread that writes them) and, from a worker thread,
 * are transferred rather than copied. Grows by doubling.
 */
export class CopyBytes {
  private bytes: Buffer;
  private length = 0;

  constructor(capacity = 1 << 16) {
    this.bytes = Buffer.allocUnsafeSlow(capacity);
  }

  /** Appends text (a whole number of lines). */
  write(text: string): void {
    // UTF-8 takes at most 3 bytes for each UTF-16 code unit.
    const need = this.length + text.length * 3;
    if (need > this.bytes.length) {
      const grown = Buffer.allocUnsafeSlow(Math.max(need, this.bytes.length * 2));
      this.bytes.copy(grown, 0, 0, this.length);
      this.bytes = grown;
    }
    this.length += this.bytes.write(text, this.length, 'utf8');
  }

  /** What was written: a view of the buffer, alone on its ArrayBuffer (transferable). */
  view(): Uint8Array {
    return new Uint8Array(this.bytes.buffer, this.bytes.byteOffset, this.length);
  }
}
