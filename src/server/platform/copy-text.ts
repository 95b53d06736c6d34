/**
 * COPY's text format, without the database drivers (imports build their lines with it):
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
