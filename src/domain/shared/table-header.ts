import { validationError } from './errors.ts';

/** What a header check of an uploaded table names: the file, its required and known columns. */
export interface HeaderRules {
  /** The file in the encoding message, e.g. 名单文件. */
  file: string;
  /** Required columns the header lacks (the caller's rule: a roster's or the ledger template's). */
  missing: readonly string[];
  /** The message for them, e.g. a roster's or the ledger's own wording and advice. */
  missingMessage: (missing: readonly string[]) => string;
  /** Columns the template knows: one of these given twice is refused (unknown ones pass). */
  known: ReadonlySet<string>;
}

/**
 * The header of an uploaded table (a roster, the ledger), checked before any row: text that is
 * not UTF-8 (a decoder's U+FFFD), required columns missing, a known column given twice. Throws a
 * validation error naming the columns.
 */
export function checkTableHeader(headers: readonly string[], rules: HeaderRules): void {
  if (headers.some((h) => h.includes('\uFFFD')))
    throw validationError(`${rules.file}应为 UTF-8 编码（可带 BOM）`);
  if (rules.missing.length > 0) {
    throw validationError(
      rules.missingMessage(rules.missing),
      rules.missing.map((c) => ({ path: c, message: '缺少必填列' })),
    );
  }
  const seen = new Set<string>();
  for (const h of headers) {
    if (rules.known.has(h) && seen.has(h))
      throw validationError(`列名重复：${h}`, [{ path: h, message: '列名重复' }]);
    seen.add(h);
  }
}
