import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { idCheckChar, maskIdNumber, parseIdNumber, upgradeIdNumber15 } from './id-number.ts';

const TODAY = '2025-07-01';

describe('公民身份号码 GB 11643 (R30)', () => {
  it.each(['11010519491231002X', '440524188001010014', '34052419800101001X', '640302201503120020'])(
    'R30: %s has a valid MOD 11-2 check character',
    (id) => {
      expect(parseIdNumber(id, TODAY).ok).toBe(true);
    },
  );

  it('R30: a wrong check digit is refused with a Chinese message', () => {
    expect(parseIdNumber('640302201503120021', TODAY)).toEqual({
      ok: false,
      message: '公民身份号码校验位错误',
    });
  });

  it('accepts lower-case x and returns upper-case', () => {
    const r = parseIdNumber('11010519491231002x', TODAY);
    expect(r.ok && r.value.idNumber).toBe('11010519491231002X');
  });

  it('derives birth date and sex (odd sequence = male)', () => {
    const r = parseIdNumber('440524188001010014', TODAY);
    expect(r.ok && r.value).toMatchObject({ birthDate: '1880-01-01', sex: 'male', addressCode: '440524' });
    const f = parseIdNumber('640302201503120020', TODAY);
    expect(f.ok && f.value).toMatchObject({ birthDate: '2015-03-12', sex: 'female' });
  });

  it('refuses an impossible date and a date after today', () => {
    const bad = '64030220150230' + '002';
    expect(parseIdNumber(bad + idCheckChar(bad), TODAY)).toMatchObject({ ok: false });
    const future = '64030220250702' + '002';
    expect(parseIdNumber(future + idCheckChar(future), TODAY)).toEqual({
      ok: false,
      message: '公民身份号码中的出生日期晚于今天',
    });
  });

  it('upgrades a 15-digit number (19 + check digit)', () => {
    expect(upgradeIdNumber15('340524800101001')).toBe('34052419800101001X');
    const r = parseIdNumber('340524800101001', TODAY);
    expect(r.ok && r.value.idNumber).toBe('34052419800101001X');
  });

  it('never rejects a number because its address code is no longer current', () => {
    const old = '99990120100101' + '003';
    expect(parseIdNumber(old + idCheckChar(old), TODAY).ok).toBe(true);
  });

  it('masks as first 4 + last 4', () => {
    expect(maskIdNumber('640302201503120021')).toBe('6403**********0021');
  });

  it('masking never reveals more than 8 characters', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (s) => {
        const masked = maskIdNumber(s);
        const revealed = [...masked].filter((ch, i) => ch !== '*' && ch === s[i]).length;
        return (
          masked.length === s.length && [...masked].filter((c) => c !== '*').length <= 8 && revealed <= 8
        );
      }),
    );
  });
});
