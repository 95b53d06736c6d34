import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatDate, parseDateParts } from '../shared/dates.ts';
import { cleanCell, normalizeIdText, parseDateCell } from './roster-values.ts';

// Cells as departments send them: CJK, ASCII, full-width forms, odd spaces, compatibility ideographs.
const cellChars = fc.constantFrom(...'马大山某 aZ09-/.X年月日　ＡＢ１２\t\u00a0·丽豈\u2F00');
const cell = fc.array(cellChars, { maxLength: 12 }).map((cs) => cs.join(''));

describe('roster cell values', () => {
  it('cleans a cell exactly as NFKC plus trim, with or without the plain-text shortcut', () => {
    fc.assert(
      fc.property(fc.oneof(cell, fc.string()), (s) => {
        expect(cleanCell(s)).toBe(s.normalize('NFKC').trim());
      }),
    );
    expect(cleanCell('')).toBe('');
    expect(cleanCell(' 马大山 ')).toBe('马大山');
    expect(cleanCell('ＡＢ１２')).toBe('AB12');
  });

  it('normalises an ID number as written exactly as clean, no spaces, upper case', () => {
    const idText = fc
      .array(fc.constantFrom(...'0123456789xX　 １'), { minLength: 15, maxLength: 20 })
      .map((cs) => cs.join(''));
    fc.assert(
      fc.property(idText, (s) => {
        expect(normalizeIdText(s)).toBe(s.normalize('NFKC').trim().replace(/\s+/g, '').toUpperCase());
      }),
    );
  });

  it('reads YYYY-MM-DD as it reads every other form: a real date or the same Chinese reason', () => {
    const ymd = fc
      .tuple(
        fc.integer({ min: 0, max: 2100 }),
        fc.integer({ min: 0, max: 13 }),
        fc.integer({ min: 0, max: 32 }),
      )
      .map(
        ([y, m, d]) =>
          `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`,
      );
    fc.assert(
      fc.property(ymd, (s) => {
        const slash = parseDateCell(s.replace(/-/g, '/'));
        expect(parseDateCell(s)).toEqual(slash);
        const parts = parseDateParts(s);
        expect(parseDateCell(s)).toEqual(
          parts ? { ok: true, value: formatDate(parts) } : { ok: false, message: '日期无效（不存在的日期）' },
        );
      }),
    );
  });
});
