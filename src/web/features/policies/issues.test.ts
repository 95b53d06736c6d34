import { describe, expect, it } from 'vitest';
import { issueField, issueLabel, pathSegments, placeFactsIssues } from './issues.ts';

const BOTH = ['father', 'mother'] as const;

describe('server issues on the 政策测算 form', () => {
  it('paths split into names and indices', () => {
    expect(pathSegments('parents[0].conditions[1].since')).toEqual(['parents', 0, 'conditions', 1, 'since']);
    expect(pathSegments('child.idNumber')).toEqual(['child', 'idNumber']);
  });

  it.each([
    ['asOf', ['asOf']],
    ['child.idNumber', ['child', 'idNumber']],
    ['child.hukouRegion', ['child', 'hukouRegion']],
    ['child.disability', ['child', 'disability', 'kind']],
    ['child.disability.grade', ['child', 'disability', 'grade']],
    ['parents[1].idNumber', ['parents', 1, 'idNumber']],
    ['parents[0].conditions[1].since', ['parents', 0, 'conditions', 1, 'since']],
    ['parents[0].conditions[0]', ['parents', 0, 'conditions', 0, 'kind']],
    ['parents[0].conditions[2].disability.grade', ['parents', 0, 'conditions', 2, 'disability', 'grade']],
    ['household.receivedMonthlyFen', ['household', 'receivedYuan']],
    ['household.assistance', ['household', 'assistance']],
  ])('%s is shown under the field %j', (path, name) => {
    expect(issueField(path, BOTH)).toEqual(name);
  });

  it.each([
    'parents',
    'child.hardships[0].kind',
    'child',
    'child.idNumber.extra',
    'parents[0].role',
    'parents[5].idNumber',
    'foo',
  ])('%s has no input of its own and goes to the summary', (path) => {
    expect(issueField(path, BOTH)).toBeUndefined();
  });

  it('when only the mother was sent, parents[0] is the mother’s slot', () => {
    expect(issueField('parents[0].conditions[0].since', ['mother'])).toEqual([
      'parents',
      1,
      'conditions',
      0,
      'since',
    ]);
    expect(issueLabel('parents[0].conditions[0].since', ['mother'])).toBe('母亲 · 第1项状况 · 起始日期');
  });

  it('labels read in Chinese', () => {
    expect(issueLabel('child.idNumber', BOTH)).toBe('儿童 · 公民身份号码');
    expect(issueLabel('parents[0].conditions[1].since', BOTH)).toBe('父亲 · 第2项状况 · 起始日期');
    expect(issueLabel('child.disability.kind', BOTH)).toBe('儿童 · 残疾 · 类别');
  });

  it('issues on one field are gathered; every issue appears in the summary', () => {
    const r = placeFactsIssues(
      [
        { path: 'child.idNumber', message: '公民身份号码校验位错误' },
        { path: 'child.idNumber', message: '另一个问题' },
        { path: 'parents', message: '父亲、母亲各至多一条' },
      ],
      BOTH,
    );
    expect(r.fields).toEqual([
      { name: ['child', 'idNumber'], errors: ['公民身份号码校验位错误', '另一个问题'] },
    ]);
    expect(r.summary.map((s) => s.placed)).toEqual([true, true, false]);
    expect(r.summary[2]).toEqual({ label: '父母', message: '父亲、母亲各至多一条', placed: false });
  });
});
