import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fenToYuanString, parseYuan, percentOf, yuanToFen } from './money.ts';

describe('money in fen', () => {
  it.each([
    ['1200', 120000],
    ['1200.5', 120050],
    ['1200.50', 120050],
    ['0.29', 29],
    ['1,060.00', 106000],
    ['-3.07', -307],
  ])('yuan %s = %i fen', (yuan, fen) => {
    expect(yuanToFen(yuan)).toBe(fen);
  });

  it.each(['1.234', 'abc', '', '1.', '.5', '1e3'])('refuses %j', (s) => {
    expect(parseYuan(s)).toBeUndefined();
  });

  it('formats fen as yuan with two decimals', () => {
    expect(fenToYuanString(120000)).toBe('1200.00');
    expect(fenToYuanString(106005)).toBe('1060.05');
    expect(fenToYuanString(-5)).toBe('-0.05');
  });

  it('R13 Daxing: 40% of 2650 yuan is 1060 yuan', () => {
    expect(percentOf(265000, 40)).toBe(106000);
  });

  it('round-trips every amount', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), (fen) => yuanToFen(fenToYuanString(fen)) === fen),
    );
  });
});
