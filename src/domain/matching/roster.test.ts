import { describe, expect, it } from 'vitest';
import { formatCellErrors, missingColumns, missingColumnsMessage, parseRosterRow } from './roster-columns.ts';
import { badId, idFor } from './test-support.ts';

const child = idFor('640302', '2015-03-12');

describe('parseRosterRow', () => {
  it('reads a death row with text dates in the forms departments use', () => {
    const r = parseRosterRow('death', {
      姓名: ' 马大山 ',
      公民身份号码: child,
      死亡日期: '2024年5月1日',
      注销户口日期: '2024/5/20',
    });
    expect(r).toEqual({
      ok: true,
      row: {
        roster: 'death',
        name: '马大山',
        idNumber: child,
        idValid: true,
        birthDate: '2015-03-12',
        sex: 'female',
        deathDate: '2024-05-01',
        hukouCancelledDate: '2024-05-20',
      },
    });
  });

  it('keeps a row whose ID number fails its check digit, marked invalid, with the birth date it gives', () => {
    const r = parseRosterRow('adoption', {
      姓名: '马小花',
      公民身份号码: badId('640302', '2015-03-12'),
      收养登记日期: '2025-01-01',
    });
    expect(r.ok && r.row.idValid).toBe(false);
    expect(r.ok && r.row.birthDate).toBe('2015-03-12');
  });

  it('rejects a row whole with one Chinese reason per bad cell', () => {
    const r = parseRosterRow('custody', {
      姓名: '',
      公民身份号码: child,
      类型: '拘留',
      起始日期: '2025-02-30',
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toEqual([
      { column: '姓名', message: '必填' },
      { column: '起始日期', message: '日期无效（不存在的日期）' },
      { column: '类型', message: '取值应为 服刑在押 | 强制隔离戒毒 | 其他限制人身自由 之一' },
    ]);
    expect(formatCellErrors(r.errors)).toContain('姓名：必填；');
  });

  it.each([
    [
      'disability',
      { 残疾类别: '智力残疾', 残疾等级: '二级', 发证日期: '2020-01-01' },
      { disability: { kind: 'intellectual', grade: 2 } },
    ],
    [
      'disability',
      { 残疾类别: '多重', 残疾等级: '4', 发证日期: '2020-01-01' },
      { disability: { kind: 'multiple', grade: 4 } },
    ],
    [
      'assistance',
      { 救助类型: '低保边缘', 月救助金额: '1,200.5', 起始日期: '2020-01-01' },
      { kind: 'dibao-edge', monthlyFen: 120050 },
    ],
    [
      'household',
      { 户号: 'H01', 与户主关系: '女', 户籍地区划代码: '640302000000' },
      { relation: 'daughter', hukouRegion: '640302' },
    ],
    [
      'school',
      { 学校: '一小', 就读阶段: '义务教育', 学籍状态: '辍学', 状态日期: '20250301' },
      { schooling: 'compulsory', status: 'dropped-out' },
    ],
    ['residence', { 居住地区划代码: '640381', 居住起始日期: '2024-01-01' }, { residenceRegion: '640381' }],
  ] as const)('reads the enumerations of a %s row', (type, cells, expected) => {
    const r = parseRosterRow(type, { 姓名: '马小花', 公民身份号码: child, ...cells });
    expect(r.ok).toBe(true);
    expect(r.ok && r.row).toMatchObject(expected);
  });

  it.each([
    [
      'assistance',
      { 救助类型: '低保', 月救助金额: '12.345', 起始日期: '2020-01-01' },
      '月救助金额',
      '金额应为元，最多两位小数',
    ],
    [
      'assistance',
      { 救助类型: '低保', 月救助金额: '-1', 起始日期: '2020-01-01' },
      '月救助金额',
      '金额不能为负数',
    ],
    [
      'assistance',
      { 救助类型: '低保', 月救助金额: '1', 起始日期: '2020-01-01', 终止日期: '2019-01-01' },
      '终止日期',
      '不能早于起始日期',
    ],
    [
      'disability',
      { 残疾类别: '视力', 残疾等级: '五级', 发证日期: '2020-01-01' },
      '残疾等级',
      '取值应为 一级 | 二级 | 三级 | 四级 | 1 | 2 | 3 | 4 之一',
    ],
    [
      'household',
      { 户号: 'H01', 与户主关系: '儿子', 户籍地区划代码: '640302' },
      '与户主关系',
      '取值应为 户主 | 配偶 | 子 | 女 | 孙子女 | 父母 | 其他 之一',
    ],
    [
      'residence',
      { 居住地区划代码: '6403', 居住起始日期: '2024-01-01' },
      '居住地区划代码',
      '区划代码应为6、9或12位数字',
    ],
  ] as const)('rejects a bad %s cell', (type, cells, column, message) => {
    const r = parseRosterRow(type, { 姓名: '马小花', 公民身份号码: child, ...cells });
    expect(r).toEqual({ ok: false, errors: [{ column, message }] });
  });

  it('requires an ID number, though it may be invalid', () => {
    const r = parseRosterRow('adoption', { 姓名: '马小花', 公民身份号码: ' ', 收养登记日期: '2025-01-01' });
    expect(r).toEqual({ ok: false, errors: [{ column: '公民身份号码', message: '必填' }] });
  });
});

describe('missingColumns', () => {
  it('names the required columns a header row lacks, in contract order', () => {
    expect(missingColumns('death', ['公民身份号码', '姓名', '备注'])).toEqual(['死亡日期']);
    expect(missingColumnsMessage(['死亡日期'])).toBe('缺少必填列：死亡日期');
    expect(missingColumns('custody', ['类型'])).toEqual(['姓名', '公民身份号码', '起始日期']);
  });
});
