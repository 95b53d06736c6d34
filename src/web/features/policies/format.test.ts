import { describe, expect, it } from 'vitest';
import { calendarByYear, dateRanges, jurisdictionText, packForJurisdiction, yuan } from './format.ts';

describe('policy display helpers', () => {
  it('fen show as yuan with two decimals; an unset standard stays unset', () => {
    expect(yuan(120000)).toBe('1200.00');
    expect(yuan(5)).toBe('0.05');
    expect(yuan(undefined)).toBeUndefined();
  });

  it('consecutive holidays fold into one range, across month ends too', () => {
    expect(
      dateRanges(['2024-02-12', '2024-02-10', '2024-02-11', '2024-04-04', '2024-04-30', '2024-05-01']),
    ).toEqual(['2月10日–2月12日', '4月4日', '4月30日–5月1日']);
    expect(dateRanges([])).toEqual([]);
  });

  it('the calendar is listed by year, newest first, with make-up workdays beside the holidays', () => {
    const rows = calendarByYear({
      holidays: ['2024-01-01', '2025-01-01', '2025-01-28', '2025-01-29'],
      makeupWorkdays: ['2025-01-26'],
    });
    expect(rows).toEqual([
      { year: '2025', holidays: ['1月1日', '1月28日–1月29日'], holidayCount: 3, makeupWorkdays: ['1月26日'] },
      { year: '2024', holidays: ['1月1日'], holidayCount: 1, makeupWorkdays: [] },
    ]);
  });

  it('jurisdictions read as 全国 or six-digit codes', () => {
    expect(jurisdictionText('')).toBe('全国');
    expect(jurisdictionText('6403')).toBe('640300');
    expect(jurisdictionText('640302')).toBe('640302');
  });

  it('a user starts on the most specific pack on their jurisdiction’s path', () => {
    const packs = [
      { id: 'cn', jurisdiction: '' },
      { id: 'cn-640000', jurisdiction: '64' },
      { id: 'cn-640300', jurisdiction: '6403' },
      { id: 'cn-110115', jurisdiction: '110115' },
    ];
    expect(packForJurisdiction(packs, '640302')?.id).toBe('cn-640300');
    expect(packForJurisdiction(packs, '')?.id).toBe('cn');
    expect(packForJurisdiction(packs, '64')?.id).toBe('cn-640000');
  });
});
