import { describe, expect, it } from 'vitest';
import { AppError } from './errors.ts';
import { checkTableHeader, type HeaderRules } from './table-header.ts';

const rules = (headers: readonly string[]): HeaderRules => ({
  file: '名单文件',
  missing: ['姓名', '公民身份号码'].filter((c) => !headers.includes(c)),
  missingMessage: (missing) => `缺少必填列：${missing.join('、')}`,
  known: new Set(['姓名', '公民身份号码', '备注']),
});
const failure = (headers: string[]) => {
  try {
    checkTableHeader(headers, rules(headers));
  } catch (e) {
    return e as AppError;
  }
  return undefined;
};

describe('the header of an uploaded table', () => {
  it('passes required columns, in any order, with unknown columns even twice', () => {
    expect(failure(['公民身份号码', '姓名', '备注', '其他', '其他'])).toBeUndefined();
  });

  it('refuses text that is not UTF-8, naming the file', () => {
    const e = failure(['\uFFFD\uFFFD', '公民身份号码']);
    expect(e).toBeInstanceOf(AppError);
    expect(e?.message).toBe('名单文件应为 UTF-8 编码（可带 BOM）');
  });

  it("refuses missing required columns with the caller's message, each column named", () => {
    const e = failure(['备注']);
    expect(e?.message).toBe('缺少必填列：姓名、公民身份号码');
    expect(e?.details.issues).toEqual([
      { path: '姓名', message: '缺少必填列' },
      { path: '公民身份号码', message: '缺少必填列' },
    ]);
  });

  it('refuses a known column given twice', () => {
    const e = failure(['姓名', '公民身份号码', '备注', '备注']);
    expect(e?.message).toBe('列名重复：备注');
    expect(e?.details.issues).toEqual([{ path: '备注', message: '列名重复' }]);
  });
});
