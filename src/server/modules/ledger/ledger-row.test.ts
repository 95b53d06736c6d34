import { describe, expect, it } from 'vitest';
import { monthChange } from '../children/children.month.ts';
import { parseLedgerRow } from './ledger-row.ts';
import { ledgerIdNumber, ledgerRow } from './ledger.fixtures.ts';

const TODAY = '2026-11-23';
const text = (r: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(r).map(([k, v]) => [k, String(v)]));

describe('parseLedgerRow (interchange.md §4)', () => {
  it('builds the facts document: parents with their conditions and dates, disability, assistance in fen', () => {
    const fuc = parseLedgerRow(text(ledgerRow(1)), TODAY);
    expect(fuc).toMatchObject({
      ok: true,
      row: {
        idNumber: ledgerIdNumber(1),
        confirmedAt: '2024-06-15',
        details: { guardianName: '马大山', guardianPhone: '13900000000', bank: '黄河农村商业银行' },
        facts: {
          child: { hukouRegion: '640302106001', placement: 'home', schooling: 'compulsory', hiv: false },
          parents: [
            { role: 'father', conditions: [{ kind: 'deceased', since: '2020-01-01' }] },
            {
              role: 'mother',
              conditions: [{ kind: 'imprisoned', since: '2023-01-01', until: '2033-01-01' }],
            },
          ],
        },
      },
    });
    const disabled = parseLedgerRow(text(ledgerRow(2)), TODAY);
    expect(disabled).toMatchObject({
      ok: true,
      row: {
        facts: {
          child: { disability: { kind: 'intellectual', grade: 2 } },
          household: { assistance: 'dibao', receivedMonthlyFen: 30050 },
          parents: [],
        },
      },
    });
  });

  it('accepts grades written 1–4 and a parent 残疾 with its kind and grade', () => {
    const r = parseLedgerRow(
      text({
        ...ledgerRow(3),
        父亲状况: '残疾',
        父亲状况起始日期: '2020-01-01',
        父亲残疾类别: '肢体',
        父亲残疾等级: '1',
      }),
      TODAY,
    );
    expect(r.ok && r.row.facts.parents[0]).toEqual({
      role: 'father',
      conditions: [
        { kind: 'severe-disability', since: '2020-01-01', disability: { kind: 'physical', grade: 1 } },
      ],
    });
  });

  it('rejects the row whole with a reason per bad cell', () => {
    const r = parseLedgerRow(
      text({
        ...ledgerRow(0),
        姓名: '',
        户籍地区划代码: '64030',
        安置方式: '寄宿',
        已享受救助金额: '12.345',
        母亲状况起始日期: '2021-02-30',
        本人残疾类别: '智力',
        纳入保障日期: '2099-01-01',
        银行账号: '62-28',
      }),
      TODAY,
    );
    expect(r.ok).toBe(false);
    expect(!r.ok && r.errors).toEqual([
      { column: '姓名', message: '必填' },
      { column: '户籍地区划代码', message: '区划代码应为6、9或12位数字' },
      {
        column: '安置方式',
        message: '取值应为 家庭 | 亲属抚养 | 机构养育 | 家庭寄养 | 临时监护 | 已收养 之一',
      },
      { column: '已享受救助金额', message: '金额应为元，最多两位小数' },
      { column: '纳入保障日期', message: '不能晚于今天' },
      { column: '母亲状况起始日期', message: '日期无效（不存在的日期）' },
      { column: '本人残疾等级', message: '必填：请填写残疾等级' },
      { column: '银行账号', message: '银行账号应为8至32位数字' },
    ]);
  });

  it('rejects a row without 纳入保障日期: the ledger holds only children the county has confirmed', () => {
    const r = parseLedgerRow(text({ ...ledgerRow(0), 纳入保障日期: '' }), TODAY);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.errors).toEqual([
      {
        column: '纳入保障日期',
        message: '必填（县级确认纳入保障的日期）；尚未确认的儿童请通过“申请—查验—确认”办理，不经台账导入',
      },
    ]);
  });

  it('takes a payee account only as a bank and an account number together', () => {
    const noBank = parseLedgerRow(text({ ...ledgerRow(0), 开户银行: '' }), TODAY);
    expect(!noBank.ok && noBank.errors).toEqual([
      { column: '开户银行', message: '必填：填写了银行账号须填写开户银行' },
    ]);
    const noAccount = parseLedgerRow(text({ ...ledgerRow(0), 银行账号: '' }), TODAY);
    expect(!noAccount.ok && noAccount.errors).toEqual([
      { column: '银行账号', message: '必填：填写了开户银行须填写银行账号' },
    ]);
    const neither = parseLedgerRow(text({ ...ledgerRow(0), 开户银行: '', 银行账号: '' }), TODAY);
    expect(neither.ok && neither.row.details).toMatchObject({ bank: null, bankAccount: null });
  });

  it("names the column of the engine's own checks (an end date before its start)", () => {
    const r = parseLedgerRow(text({ ...ledgerRow(1), 母亲状况截止日期: '2022-01-01' }), TODAY);
    expect(!r.ok && r.errors).toEqual([{ column: '母亲状况截止日期', message: '截止日期应晚于起始日期' }]);
  });

  it('requires a start date for a parent condition other than 查找不到', () => {
    const r = parseLedgerRow(text({ ...ledgerRow(0), 父亲状况起始日期: '' }), TODAY);
    expect(!r.ok && r.errors).toEqual([
      { column: '父亲状况起始日期', message: '必填：该状况须填写起始日期' },
    ]);
    const unknown = parseLedgerRow(
      text({ ...ledgerRow(0), 父亲状况: '查找不到', 父亲状况起始日期: '' }),
      TODAY,
    );
    expect(unknown.ok).toBe(true);
  });
});

describe('monthChange (变动情况)', () => {
  const det = (categories: string[], monthlyTotalFen: number) => ({
    categories,
    monthlyTotalFen,
    benefits: [],
  });
  it.each([
    [det(['orphan'], 120000), null, 'added'],
    [null, det(['orphan'], 120000), 'removed'],
    [det(['orphan'], 130000), det(['orphan'], 120000), 'changed'],
    [
      det(['de-facto-unsupported', 'guardianship-hardship'], 1),
      det(['guardianship-hardship', 'de-facto-unsupported'], 1),
      null,
    ],
  ] as const)('%j after %j is %s', (current, previous, expected) => {
    expect(monthChange({ current: current as never, previous })).toBe(expected);
  });
});
