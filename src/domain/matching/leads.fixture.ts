import { ChildFacts, type ChildFactsInput } from '../eligibility/facts.ts';
import type { RegisteredChild, RosterRecord } from './records.ts';
import type { RosterType } from './roster-types.ts';
import { badId, idFor, rosterRecords } from './test-support.ts';

/**
 * A generated world with known leads (asOf 2025-07-01, 吴忠市利通区 640302 unless stated).
 * Each person's comment says which lead they must produce; `EXPECTED` lists them all.
 */
export const AS_OF = '2025-07-01';
const WZ = '640302';
const kid = (n: number) => idFor(WZ, `2015-0${(n % 9) + 1}-1${n % 10}`, `0${String(n).padStart(2, '0')}`);
/** Sequence: two digits of n, then the sex digit (odd = male). */
const dad = (n: number, region = WZ) => idFor(region, '1985-01-01', `${String(n).padStart(2, '0')}1`);
const mum = (n: number, region = WZ) => idFor(region, '1987-02-02', `${String(n).padStart(2, '0')}2`);

/** Children and parents who are not registered. */
export const P = {
  c1: kid(1),
  f1: dad(1),
  m1: mum(1), // discover FUC: father dead, mother in prison ≥ 6 months
  c2: kid(2),
  f2: dad(2),
  m2: mum(2), // discover orphan: both dead
  c3: kid(3),
  f3: dad(3), //             discover: disabled child in a 低保 household
  c4: kid(4),
  f4: dad(4), //             nothing: father released long ago
  c5: idFor('110115', '2014-04-04', '051'),
  f5: dad(5, '110115'),
  m5: mum(5, '110115'), // nothing: custody < 6 months (大兴)
};

/** Registered children. */
export const R = {
  r1: kid(11),
  r1f: dad(11), // review.parent-released
  r2: kid(12), //  review.child-adopted
  r3: kid(13), //  review.child-died
  r4: kid(14), //  review.moved-county
  r5: kid(15), //  review.left-school
  r6: kid(16), //  review.disability-cancelled
  r7: kid(17), //  review.assistance-ended
  r8: kid(18), //  conflict.tekun-and-allowance + review.assistance-started
  r9: kid(19), //  conflict.paid-in-two-counties (two files)
  r10: kid(20), // data-quality.name-mismatch
  r11: idFor(WZ, '2016-05-05', '300'),
  r11other: idFor(WZ, '2016-05-05', '302'), // data-quality.different-id
  r12: idFor(WZ, '2016-06-06', '400'), // data-quality.id-check-digit
  r13: kid(23),
  r13f: dad(23), // nothing: father's death already recorded
};

const dead = (since: string) => ({ kind: 'deceased' as const, since });

function file(
  fileId: string,
  idNumber: string,
  name: string,
  o: Partial<Omit<ChildFactsInput, 'child'>> & {
    child?: Partial<ChildFactsInput['child']>;
    region?: string;
  } = {},
): RegisteredChild {
  const { region, child, ...rest } = o;
  const facts = ChildFacts.parse({
    asOf: '2025-01-01',
    child: { idNumber, name, hukouRegion: WZ, placement: 'kinship', schooling: 'compulsory', ...child },
    parents: [
      { role: 'father', conditions: [dead('2019-05-01')] },
      { role: 'mother', conditions: [dead('2020-05-01')] },
    ],
    ...rest,
  });
  return { fileId, facts, ...(region && { region }) };
}

export const REGISTRY: RegisteredChild[] = [
  file('F-r1', R.r1, '杨一', {
    parents: [
      {
        role: 'father',
        idNumber: R.r1f,
        conditions: [{ kind: 'imprisoned', since: '2022-01-01', until: '2030-01-01' }],
      },
      { role: 'mother', conditions: [dead('2020-05-01')] },
    ],
  }),
  file('F-r2', R.r2, '杨二'),
  file('F-r3', R.r3, '杨三'),
  file('F-r4', R.r4, '杨四'),
  file('F-r5', R.r5, '杨五'),
  file('F-r6', R.r6, '杨六', {
    child: { disability: { kind: 'intellectual', grade: 2 } },
    parents: [],
  }),
  file('F-r7', R.r7, '杨七', { parents: [], household: { assistance: 'dibao', receivedMonthlyFen: 30000 } }),
  file('F-r8', R.r8, '杨八'),
  file('F-r9a', R.r9, '杨九'),
  file('F-r9b', R.r9, '杨九', { region: '640381' }),
  file('F-r10', R.r10, '杨十'),
  file('F-r11', R.r11, '马小花'),
  file('F-r12', R.r12, '张丽'),
  file('F-r13', R.r13, '杨十三', {
    parents: [
      { role: 'father', idNumber: R.r13f, conditions: [dead('2019-05-01')] },
      { role: 'mother', conditions: [dead('2020-05-01')] },
    ],
  }),
];

type Rows = Record<string, string>[];
export const ROSTERS: Record<RosterType, Rows> = {
  household: [
    ...[
      ['H1', P.f1, '户主'],
      ['H1', P.m1, '配偶'],
      ['H1', P.c1, '子'],
      ['H2', P.f2, '户主'],
      ['H2', P.m2, '配偶'],
      ['H2', P.c2, '女'],
      ['H3', P.f3, '户主'],
      ['H3', P.c3, '女'],
      ['H4', P.f4, '户主'],
      ['H4', P.c4, '子'],
    ].map(([hh, id, rel]) => ({
      户号: hh ?? '',
      公民身份号码: id ?? '',
      姓名: `户${hh}`,
      与户主关系: rel ?? '',
      户籍地区划代码: WZ,
    })),
    ...[
      ['H5', P.f5, '户主'],
      ['H5', P.m5, '配偶'],
      ['H5', P.c5, '子'],
    ].map(([hh, id, rel]) => ({
      户号: hh ?? '',
      公民身份号码: id ?? '',
      姓名: `户${hh}`,
      与户主关系: rel ?? '',
      户籍地区划代码: '110115',
    })),
  ],
  death: [
    { 姓名: '父一', 公民身份号码: P.f1, 死亡日期: '2023-01-01' },
    { 姓名: '父二', 公民身份号码: P.f2, 死亡日期: '2022-01-01' },
    { 姓名: '母二', 公民身份号码: P.m2, 死亡日期: '2024-03-01' },
    { 姓名: '母五', 公民身份号码: P.m5, 死亡日期: '2024-03-01' },
    { 姓名: '杨三', 公民身份号码: R.r3, 死亡日期: '2025-06-01' },
    { 姓名: '父十三', 公民身份号码: R.r13f, 死亡日期: '2019-05-01' },
    { 姓名: '成年人', 公民身份号码: badId('640302', '1950-01-01'), 死亡日期: '2025-01-01' },
  ],
  custody: [
    {
      姓名: '母一',
      公民身份号码: P.m1,
      类型: '服刑在押',
      起始日期: '2024-01-01',
      预计释放日期: '2030-01-01',
    },
    {
      姓名: '父四',
      公民身份号码: P.f4,
      类型: '服刑在押',
      起始日期: '2020-01-01',
      实际释放日期: '2023-01-01',
    },
    {
      姓名: '父五',
      公民身份号码: P.f5,
      类型: '其他限制人身自由',
      起始日期: '2025-05-01',
      预计释放日期: '2025-08-01',
    },
    {
      姓名: '父杨一',
      公民身份号码: R.r1f,
      类型: '服刑在押',
      起始日期: '2022-01-01',
      预计释放日期: '2030-01-01',
      实际释放日期: '2025-03-01',
    },
  ],
  disability: [
    { 姓名: '女三', 公民身份号码: P.c3, 残疾类别: '智力', 残疾等级: '二级', 发证日期: '2021-01-01' },
    {
      姓名: '杨六',
      公民身份号码: R.r6,
      残疾类别: '智力',
      残疾等级: '二级',
      发证日期: '2019-01-01',
      注销日期: '2025-04-01',
    },
  ],
  assistance: [
    { 姓名: '父三', 公民身份号码: P.f3, 救助类型: '低保', 月救助金额: '500', 起始日期: '2022-01-01' },
    {
      姓名: '杨七',
      公民身份号码: R.r7,
      救助类型: '低保',
      月救助金额: '300',
      起始日期: '2020-01-01',
      终止日期: '2025-02-01',
    },
    { 姓名: '杨八', 公民身份号码: R.r8, 救助类型: '特困', 月救助金额: '800', 起始日期: '2024-01-01' },
  ],
  school: [
    {
      姓名: '杨五',
      公民身份号码: R.r5,
      学校: '一小',
      就读阶段: '义务教育',
      学籍状态: '辍学',
      状态日期: '2025-03-01',
    },
    {
      姓名: '王大锤',
      公民身份号码: R.r10,
      学校: '一小',
      就读阶段: '义务教育',
      学籍状态: '在读',
      状态日期: '2024-09-01',
    },
  ],
  adoption: [
    { 姓名: '杨二', 公民身份号码: R.r2, 收养登记日期: '2025-05-01' },
    { 姓名: '張麗', 公民身份号码: badId(WZ, '2016-06-06', '400'), 收养登记日期: '2025-05-01' },
  ],
  residence: [
    { 姓名: '杨四', 公民身份号码: R.r4, 居住地区划代码: '640381', 居住起始日期: '2024-01-01' },
    { 姓名: '馬曉花', 公民身份号码: R.r11other, 居住地区划代码: WZ, 居住起始日期: '2024-01-01' },
  ],
};

export function allRecords(order: 'as-is' | 'reversed' = 'as-is', batch = 'upload-1'): RosterRecord[] {
  return Object.entries(ROSTERS).flatMap(([type, rows]) => {
    const list = order === 'reversed' ? [...rows].reverse() : rows;
    return rosterRecords(type as RosterType, list, batch, order === 'reversed' ? 100 : 2);
  });
}

/** [type, rule, file ids or (discover) the child's ID number]. */
export const EXPECTED: [string, string, string][] = [
  ['discover', 'discover.de-facto-unsupported', P.c1],
  ['discover', 'discover.orphan', P.c2],
  ['discover', 'discover.family-hardship', P.c3],
  ['review', 'review.parent-released', 'F-r1'],
  ['review', 'review.child-adopted', 'F-r2'],
  ['review', 'review.child-died', 'F-r3'],
  ['review', 'review.moved-county', 'F-r4'],
  ['review', 'review.left-school', 'F-r5'],
  ['review', 'review.disability-cancelled', 'F-r6'],
  ['review', 'review.assistance-ended', 'F-r7'],
  ['review', 'review.assistance-started', 'F-r8'],
  ['conflict', 'conflict.tekun-and-allowance', 'F-r8'],
  ['conflict', 'conflict.paid-in-two-counties', 'F-r9a,F-r9b'],
  ['data-quality', 'data-quality.name-mismatch', 'F-r10'],
  ['data-quality', 'data-quality.different-id', 'F-r11'],
  ['data-quality', 'data-quality.id-check-digit', 'F-r12'],
];
