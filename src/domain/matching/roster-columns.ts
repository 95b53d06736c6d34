import type { PlainDate } from '../shared/dates.ts';
import {
  ASSISTANCE_KIND_VALUES,
  CUSTODY_KIND_VALUES,
  DISABILITY_GRADE_VALUES,
  DISABILITY_KIND_VALUES,
  RELATION_VALUES,
  SCHOOL_STATUS_VALUES,
  SCHOOLING_VALUES,
  type CellError,
  type RosterPerson,
  type RosterRow,
  type RosterRowResult,
  type RosterType,
} from './roster-types.ts';
import {
  cleanCell,
  normalizeIdText,
  parseDateCell,
  parseEnumCell,
  parseMoneyCell,
  parsePerson,
  parseRegionCell,
  type CellResult,
} from './roster-values.ts';

/** Columns of each roster (interchange.md §5, a fixed contract). */
export interface RosterColumns {
  required: readonly string[];
  optional: readonly string[];
  /** Columns holding dates: the xlsx reader turns Excel date serials in them into dates. */
  dates: readonly string[];
}

const PERSON = ['姓名', '公民身份号码'] as const;

export const ROSTER_COLUMNS: Record<RosterType, RosterColumns> = {
  death: {
    required: [...PERSON, '死亡日期'],
    optional: ['注销户口日期'],
    dates: ['死亡日期', '注销户口日期'],
  },
  custody: {
    required: [...PERSON, '类型', '起始日期'],
    optional: ['预计释放日期', '实际释放日期'],
    dates: ['起始日期', '预计释放日期', '实际释放日期'],
  },
  disability: {
    required: [...PERSON, '残疾类别', '残疾等级', '发证日期'],
    optional: ['注销日期'],
    dates: ['发证日期', '注销日期'],
  },
  assistance: {
    required: [...PERSON, '救助类型', '月救助金额', '起始日期'],
    optional: ['终止日期', '户主身份号码'],
    dates: ['起始日期', '终止日期'],
  },
  household: {
    required: ['户号', '公民身份号码', '姓名', '与户主关系', '户籍地区划代码'],
    optional: [],
    dates: [],
  },
  school: {
    required: [...PERSON, '学校', '就读阶段', '学籍状态', '状态日期'],
    optional: [],
    dates: ['状态日期'],
  },
  adoption: { required: [...PERSON, '收养登记日期'], optional: [], dates: ['收养登记日期'] },
  residence: {
    required: [...PERSON, '居住地区划代码', '居住起始日期'],
    optional: [],
    dates: ['居住起始日期'],
  },
};

/** The required columns absent from a header row, in contract order. */
export function missingColumns(type: RosterType, headers: readonly string[]): string[] {
  const present = new Set(headers.map(cleanCell));
  return ROSTER_COLUMNS[type].required.filter((c) => !present.has(c));
}

/** "缺少必填列：死亡日期、类型" — the one error for a file that cannot be read at all. */
export function missingColumnsMessage(missing: readonly string[]): string {
  return `缺少必填列：${missing.join('、')}`;
}

/** Reads cells of one row, collecting one error per bad cell. */
class Cells {
  readonly errors: CellError[] = [];
  constructor(private readonly raw: Readonly<Record<string, string>>) {}

  text(column: string): string {
    return cleanCell(this.raw[column] ?? '');
  }

  /**
   * A required cell. On error the placeholder returned is never used: a row with errors is
   * rejected whole (interchange.md §4).
   */
  req<T>(column: string, parse: (s: string) => CellResult<T>): T {
    const s = this.text(column);
    if (s === '') return this.error(column, '必填');
    const r = parse(s);
    return r.ok ? r.value : this.error(column, r.message);
  }

  opt<T>(column: string, parse: (s: string) => CellResult<T>): T | undefined {
    const s = this.text(column);
    if (s === '') return undefined;
    const r = parse(s);
    return r.ok ? r.value : this.error(column, r.message);
  }

  requiredText(column: string): string {
    const s = this.text(column);
    return s === '' ? this.error(column, '必填') : s;
  }

  notBefore(column: string, date: PlainDate | undefined, start: PlainDate | undefined, startColumn: string) {
    if (date !== undefined && start !== undefined && date < start) {
      this.errors.push({ column, message: `不能早于${startColumn}` });
    }
  }

  error(column: string, message: string): never {
    this.errors.push({ column, message });
    return undefined as never;
  }
}

const date = parseDateCell;
const custodyKinds = ['服刑在押', '强制隔离戒毒', '其他限制人身自由'];
const grades = ['一级', '二级', '三级', '四级', '1', '2', '3', '4'];

function disabilityKind(s: string) {
  return parseEnumCell(s.replace(/残疾$/, ''), DISABILITY_KIND_VALUES);
}

type Build = (c: Cells, p: RosterPerson) => RosterRow;

/**
 * A row: the person's fields, then the roster's own. Object.assign rather than `{ ...p, … }`:
 * V8 (Node 20) takes a slow path for a spread followed by more properties, ~2 µs a row measured
 * — most of a row's parsing at a million rows.
 */
const withPerson = <F extends object>(p: RosterPerson, fields: F): RosterPerson & F =>
  Object.assign({}, p, fields);

const BUILDERS: Record<RosterType, Build> = {
  death: (c, p) => {
    const hukouCancelledDate = c.opt('注销户口日期', date);
    return withPerson(p, {
      roster: 'death',
      deathDate: c.req('死亡日期', date),
      ...(hukouCancelledDate && { hukouCancelledDate }),
    });
  },
  custody: (c, p) => {
    const since = c.req('起始日期', date);
    const expectedRelease = c.opt('预计释放日期', date);
    const actualRelease = c.opt('实际释放日期', date);
    c.notBefore('预计释放日期', expectedRelease, since, '起始日期');
    c.notBefore('实际释放日期', actualRelease, since, '起始日期');
    return withPerson(p, {
      roster: 'custody',
      kind: c.req('类型', (s) => parseEnumCell(s, CUSTODY_KIND_VALUES, custodyKinds)),
      since,
      ...(expectedRelease && { expectedRelease }),
      ...(actualRelease && { actualRelease }),
    });
  },
  disability: (c, p) => {
    const issuedDate = c.req('发证日期', date);
    const cancelledDate = c.opt('注销日期', date);
    c.notBefore('注销日期', cancelledDate, issuedDate, '发证日期');
    return withPerson(p, {
      roster: 'disability',
      disability: {
        kind: c.req('残疾类别', disabilityKind),
        grade: c.req('残疾等级', (s) =>
          parseEnumCell(s.replace(/^(\d)级$/, '$1'), DISABILITY_GRADE_VALUES, grades),
        ),
      },
      issuedDate,
      ...(cancelledDate && { cancelledDate }),
    });
  },
  assistance: (c, p) => {
    const since = c.req('起始日期', date);
    const until = c.opt('终止日期', date);
    c.notBefore('终止日期', until, since, '起始日期');
    const head = normalizeIdText(c.text('户主身份号码'));
    return withPerson(p, {
      roster: 'assistance',
      kind: c.req('救助类型', (s) => parseEnumCell(s, ASSISTANCE_KIND_VALUES)),
      monthlyFen: c.req('月救助金额', parseMoneyCell),
      since,
      ...(until && { until }),
      ...(head !== '' && { headIdNumber: head }),
    });
  },
  household: (c, p) =>
    withPerson(p, {
      roster: 'household',
      householdNo: c.requiredText('户号'),
      relation: c.req('与户主关系', (s) => parseEnumCell(s, RELATION_VALUES)),
      hukouRegion: c.req('户籍地区划代码', parseRegionCell),
    }),
  school: (c, p) =>
    withPerson(p, {
      roster: 'school',
      school: c.requiredText('学校'),
      schooling: c.req('就读阶段', (s) => parseEnumCell(s, SCHOOLING_VALUES)),
      status: c.req('学籍状态', (s) => parseEnumCell(s, SCHOOL_STATUS_VALUES)),
      statusDate: c.req('状态日期', date),
    }),
  adoption: (c, p) => withPerson(p, { roster: 'adoption', adoptionDate: c.req('收养登记日期', date) }),
  residence: (c, p) =>
    withPerson(p, {
      roster: 'residence',
      residenceRegion: c.req('居住地区划代码', parseRegionCell),
      since: c.req('居住起始日期', date),
    }),
};

/**
 * Validates one roster row given as header → cell text. The row is rejected whole, with one
 * Chinese message per bad cell, except for a 公民身份号码 that fails its check: that row is kept
 * with `idValid: false` (ADR 0006).
 */
export function parseRosterRow<T extends RosterType>(
  type: T,
  raw: Readonly<Record<string, string>>,
): RosterRowResult<T> {
  const c = new Cells(raw);
  const name = c.requiredText('姓名');
  const idText = c.text('公民身份号码');
  const person = parsePerson(name ?? '', idText);
  if (!person.ok) c.error('公民身份号码', person.message);
  const row = BUILDERS[type](c, person.ok ? person.value : { name: '', idNumber: '', idValid: false });
  if (c.errors.length > 0) return { ok: false, errors: c.errors };
  return { ok: true, row: row as RosterRowResult<T> extends { row: infer R } ? R : never };
}

/** "死亡日期：日期格式应为 YYYY-MM-DD；姓名：必填" — the 错误原因 cell of the errors file. */
export function formatCellErrors(errors: readonly CellError[]): string {
  return errors.map((e) => `${e.column}：${e.message}`).join('；');
}
