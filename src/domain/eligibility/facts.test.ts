import { describe, expect, it } from 'vitest';
import { parseChildFacts } from './facts.ts';

const TODAY = '2025-07-01';
const base = {
  asOf: '2025-07-01',
  child: { idNumber: '640302201503120020', hukouRegion: '640302' },
};

describe('parseChildFacts', () => {
  it('fills the defaults of interchange.md §1 and derives the birth date from the ID number', () => {
    const r = parseChildFacts(base, TODAY);
    expect(r).toEqual({
      ok: true,
      value: {
        asOf: '2025-07-01',
        child: {
          idNumber: '640302201503120020',
          hukouRegion: '640302',
          birthDate: '2015-03-12',
          residenceRegion: '640302',
          hiv: false,
          placement: 'home',
          schooling: 'none',
          hardships: [],
          guardianshipHarm: [],
        },
        parents: [],
        household: { assistance: 'none', receivedMonthlyFen: 0 },
      },
    });
  });

  it('R30: a wrong check digit is reported on child.idNumber in Chinese', () => {
    const r = parseChildFacts({ ...base, child: { ...base.child, idNumber: '640302201503120021' } }, TODAY);
    expect(r).toEqual({ ok: false, issues: [{ path: 'child.idNumber', message: '公民身份号码校验位错误' }] });
  });

  it('normalises lower-case x and 12-digit region codes; canonicalises the policy id', () => {
    const r = parseChildFacts(
      { ...base, policy: 'cn-6403', child: { idNumber: '11010519491231002x', hukouRegion: '640302000000' } },
      TODAY,
    );
    expect(r.ok && [r.value.child.idNumber, r.value.child.hukouRegion, r.value.policy]).toEqual([
      '11010519491231002X',
      '640302',
      'cn-640300',
    ]);
  });

  it('names every bad field by its path', () => {
    const r = parseChildFacts(
      {
        asOf: '2025-02-30',
        child: { hukouRegion: '64', placement: 'street' },
        parents: [
          {
            role: 'father',
            conditions: [
              { kind: 'imprisoned' },
              { kind: 'lost-contact', since: '2025-01-01', until: '2024-01-01' },
            ],
          },
        ],
        household: { receivedMonthlyFen: -1 },
      },
      TODAY,
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const byPath = Object.fromEntries(r.issues.map((i) => [i.path, i.message]));
    expect(byPath).toMatchObject({
      asOf: '日期格式应为 YYYY-MM-DD 且为真实日期',
      'child.hukouRegion': '区划代码应为6、9或12位数字',
      'child.placement': expect.stringContaining('取值应为 home | kinship'),
      'parents[0].conditions[0].since': '必填：该情形须填写起始日期',
      'parents[0].conditions[1].until': '截止日期应晚于起始日期',
      'household.receivedMonthlyFen': '金额不能为负数',
    });
  });

  it('requires an ID number or a birth date, and they must agree', () => {
    const none = parseChildFacts({ asOf: '2025-07-01', child: { hukouRegion: '640302' } }, TODAY);
    expect(!none.ok && none.issues[0]?.path).toBe('child.idNumber');
    const clash = parseChildFacts({ ...base, child: { ...base.child, birthDate: '2015-03-13' } }, TODAY);
    expect(!clash.ok && clash.issues).toEqual([
      { path: 'child.birthDate', message: '出生日期与公民身份号码不一致' },
    ]);
  });

  it('a missing required field says 必填', () => {
    const r = parseChildFacts({ child: { birthDate: '2015-01-01', hukouRegion: '640302' } }, TODAY);
    expect(!r.ok && r.issues).toEqual([{ path: 'asOf', message: '必填' }]);
  });

  it('refuses a birth date after the evaluated date or after today', () => {
    const r = parseChildFacts(
      { asOf: '2026-01-01', child: { birthDate: '2025-08-01', hukouRegion: '640302' } },
      TODAY,
    );
    expect(!r.ok && r.issues.map((i) => i.message)).toEqual(['出生日期晚于今天']);
  });

  it('accepts a child without ID number (provisional file) when the birth date is given', () => {
    const r = parseChildFacts(
      { asOf: '2025-07-01', child: { birthDate: '2025-01-01', hukouRegion: '640302' } },
      TODAY,
    );
    expect(r.ok).toBe(true);
  });
});
