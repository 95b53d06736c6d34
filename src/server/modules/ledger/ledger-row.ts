import { childFactsSchema } from '../../../domain/eligibility/facts.ts';
import { chineseErrorMap, toFieldIssues } from '../../../domain/shared/zod-issues.ts';
import type { CellError } from '../../../domain/matching/index.ts';
import {
  cleanCell,
  normalizeIdText,
  parseDateCell,
  parseEnumCell,
  parseMoneyCell,
  parseRegionCell,
  type CellResult,
} from '../../../domain/matching/roster-values.ts';
import type { PlainDate } from '../../../domain/shared/dates.ts';
import { parseIdNumber, type Sex } from '../../../domain/shared/id-number.ts';
import type { FactsDocument } from '../../../domain/workflow/fact-versions.ts';
import {
  ASSISTANCE_VALUES,
  DISABILITY_GRADE_VALUES,
  DISABILITY_GRADES_SHOWN,
  DISABILITY_KIND_VALUES,
  HIV_VALUES,
  PARENT_STATUS_VALUES,
  PLACEMENT_VALUES,
  REQUIRED_COLUMNS,
  SCHOOLING_VALUES,
} from './ledger-columns.ts';

/** What a ledger row gives beyond the facts: the guardian (kept beside the child file, ledger_child_details). */
export interface GuardianDetails {
  guardianName: string | null;
  guardianIdNumber: string | null;
  guardianPhone: string | null;
}

/** …and the payee account, registered in payroll's payee_accounts (the one store payroll pays from). */
export interface LedgerDetails extends GuardianDetails {
  bank: string | null;
  bankAccount: string | null;
}

export interface LedgerRow {
  idNumber: string;
  sex: Sex;
  facts: FactsDocument;
  details: LedgerDetails;
  /** 纳入保障日期: the county's confirmation date (required: see REQUIRED_COLUMNS). */
  confirmedAt: PlainDate;
}

export type LedgerRowResult = { ok: true; row: LedgerRow } | { ok: false; errors: CellError[] };

/** The engine's facts schema for one day, built once per day (building it per row dominated the import). */
let cached: { today: PlainDate; schema: ReturnType<typeof childFactsSchema> } | undefined;
function factsSchemaFor(today: PlainDate) {
  if (cached?.today !== today) cached = { today, schema: childFactsSchema(today) };
  return cached.schema;
}

/** Engine issue paths → the template column that carries them. */
const PATH_COLUMNS: [RegExp, string][] = [
  [/^child\.idNumber|^child\.birthDate/, '公民身份号码'],
  [/^child\.hukouRegion/, '户籍地区划代码'],
  [/^child\.residenceRegion/, '居住地区划代码'],
  [/^child\.residentSince/, '居住起始日期'],
  [/^child\.name/, '姓名'],
  [/^parents\.0\.conditions\.0\.until/, '@0状况截止日期'],
  [/^parents\.0/, '@0状况'],
  [/^parents\.1\.conditions\.0\.until/, '@1状况截止日期'],
  [/^parents\.1/, '@1状况'],
  [/^household/, '已享受救助金额'],
];

/**
 * One row's cells and the errors found in them. Methods, not closures made per row: the import
 * parses 100,000 rows, and each closure (with the name tsx gives it) cost time in a profile.
 * Each cell is cleaned once.
 */
class RowCells {
  readonly errors: CellError[] = [];
  private readonly cleaned = new Map<string, string>();
  constructor(
    private readonly raw: Readonly<Record<string, string>>,
    private readonly today: PlainDate,
  ) {}

  text(col: string): string {
    let t = this.cleaned.get(col);
    if (t === undefined) this.cleaned.set(col, (t = cleanCell(this.raw[col] ?? '')));
    return t;
  }

  take<T>(col: string, r: CellResult<T>): T | undefined {
    if (r.ok) return r.value;
    this.errors.push({ column: col, message: r.message });
    return undefined;
  }

  optional<T>(col: string, parse: (s: string) => CellResult<T>): T | undefined {
    const t = this.text(col);
    return t === '' ? undefined : this.take(col, parse(t));
  }

  date(col: string): PlainDate | undefined {
    return this.optional(col, parseDateCell);
  }

  oneOf<T>(col: string, values: Record<string, T>, shown?: readonly string[]): T | undefined {
    const t = this.text(col);
    return t === '' ? undefined : this.take(col, parseEnumCell(t, values, shown));
  }

  personId(col: string): string | undefined {
    const t = this.text(col);
    if (t === '') return undefined;
    const r = parseIdNumber(normalizeIdText(t), this.today);
    return this.take(col, r.ok ? { ok: true, value: r.value.idNumber } : r);
  }

  disability(kindCol: string, gradeCol: string, needed: boolean) {
    const kind = this.oneOf(kindCol, DISABILITY_KIND_VALUES);
    const grade = this.oneOf(gradeCol, DISABILITY_GRADE_VALUES, DISABILITY_GRADES_SHOWN);
    if ((needed || this.text(gradeCol) !== '') && this.text(kindCol) === '')
      this.errors.push({ column: kindCol, message: '必填：请填写残疾类别' });
    if ((needed || this.text(kindCol) !== '') && this.text(gradeCol) === '')
      this.errors.push({ column: gradeCol, message: '必填：请填写残疾等级' });
    return kind !== undefined && grade !== undefined ? { kind, grade } : undefined;
  }
}

const nullIfEmpty = (s: string) => (s === '' ? null : s);

/**
 * Validates one template row (cell texts by column) into a facts document. Every cell is checked
 * and every problem reported against its column, so the errors file says all that is wrong at once.
 */
export function parseLedgerRow(raw: Readonly<Record<string, string>>, today: PlainDate): LedgerRowResult {
  const cells = new RowCells(raw, today);
  const { errors } = cells;
  for (const col of REQUIRED_COLUMNS)
    if (cells.text(col) === '')
      errors.push({
        column: col,
        message:
          col === '纳入保障日期'
            ? '必填（县级确认纳入保障的日期）；尚未确认的儿童请通过“申请—查验—确认”办理，不经台账导入'
            : '必填',
      });

  const name = cells.text('姓名');
  let idNumber: string | undefined;
  let sex: Sex | undefined;
  if (cells.text('公民身份号码') !== '') {
    const id = parseIdNumber(normalizeIdText(raw['公民身份号码'] ?? ''), today);
    if (id.ok) ({ idNumber, sex } = id.value);
    else errors.push({ column: '公民身份号码', message: id.message });
  }
  const hukou = cells.optional('户籍地区划代码', parseRegionCell);
  const residence = cells.optional('居住地区划代码', parseRegionCell);
  const residentSince = cells.date('居住起始日期');
  const placement = cells.oneOf('安置方式', PLACEMENT_VALUES);
  const schooling = cells.oneOf('就读阶段', SCHOOLING_VALUES);
  const hiv = cells.oneOf('感染艾滋病病毒', HIV_VALUES);
  const assistance = cells.oneOf('家庭救助类型', ASSISTANCE_VALUES);
  const received = cells.optional('已享受救助金额', parseMoneyCell);
  const confirmedAt = cells.date('纳入保障日期');
  if (confirmedAt !== undefined && confirmedAt > today)
    errors.push({ column: '纳入保障日期', message: '不能晚于今天' });

  const parents: FactsDocument['parents'] = [];
  for (const [role, zh] of [
    ['father', '父亲'],
    ['mother', '母亲'],
  ] as const) {
    const pid = cells.personId(`${zh}身份号码`);
    const kind = cells.oneOf(`${zh}状况`, PARENT_STATUS_VALUES);
    const since = cells.date(`${zh}状况起始日期`);
    const until = cells.date(`${zh}状况截止日期`);
    const dis = cells.disability(`${zh}残疾类别`, `${zh}残疾等级`, kind === 'severe-disability');
    if (kind && since === undefined && kind !== 'unknown' && cells.text(`${zh}状况起始日期`) === '')
      errors.push({ column: `${zh}状况起始日期`, message: '必填：该状况须填写起始日期' });
    const conditions: FactsDocument['parents'][number]['conditions'] = [];
    if (kind) {
      conditions.push({
        kind,
        ...(since !== undefined ? { since } : {}),
        ...(until !== undefined ? { until } : {}),
        ...(kind === 'severe-disability' && dis ? { disability: dis } : {}),
      });
    }
    if (pid !== undefined || conditions.length > 0)
      parents.push({ role, ...(pid !== undefined ? { idNumber: pid } : {}), conditions });
  }
  const own = cells.disability('本人残疾类别', '本人残疾等级', false);
  const guardianIdNumber = cells.personId('监护人身份号码') ?? null;
  const phone = cells.text('监护人联系电话');
  if (phone !== '' && !/^[\d\-+ ()]{5,20}$/.test(phone))
    errors.push({ column: '监护人联系电话', message: '电话号码格式不正确' });
  const account = cells.text('银行账号').replace(/\s+/g, '');
  if (account !== '' && !/^\d{8,32}$/.test(account))
    errors.push({ column: '银行账号', message: '银行账号应为8至32位数字' });
  // A payee account is a bank and an account number together (payroll's bank file needs both).
  const bank = cells.text('开户银行');
  if (account !== '' && bank === '')
    errors.push({ column: '开户银行', message: '必填：填写了银行账号须填写开户银行' });
  if (account === '' && bank !== '')
    errors.push({ column: '银行账号', message: '必填：填写了开户银行须填写银行账号' });

  if (
    errors.length > 0 ||
    idNumber === undefined ||
    sex === undefined ||
    hukou === undefined ||
    confirmedAt === undefined
  )
    return { ok: false, errors: errors.length ? errors : [{ column: '公民身份号码', message: '必填' }] };

  const illness = cells.text('本人重病名称');
  const input = {
    asOf: today,
    child: {
      idNumber,
      name,
      hukouRegion: hukou,
      ...(residence !== undefined ? { residenceRegion: residence } : {}),
      ...(residentSince !== undefined ? { residentSince } : {}),
      hiv: hiv ?? false,
      placement: placement ?? 'home',
      schooling: schooling ?? 'none',
      ...(own ? { disability: own } : {}),
      ...(illness !== '' ? { seriousIllness: illness } : {}),
    },
    parents,
    household: { assistance: assistance ?? 'none', receivedMonthlyFen: received ?? 0 },
  };
  // The engine's own schema has the last word (e.g. an end date before its start date).
  const parsed = factsSchemaFor(today).safeParse(input, { error: chineseErrorMap });
  if (!parsed.success) {
    const roles = parents.map((p) => (p.role === 'father' ? '父亲' : '母亲'));
    return {
      ok: false,
      errors: toFieldIssues(parsed.error).map((i) => {
        const path = i.path.replace(/\[(\d+)\]/g, '.$1');
        const col = PATH_COLUMNS.find(([re]) => re.test(path))?.[1] ?? '公民身份号码';
        const column = col.startsWith('@') ? `${roles[Number(col[1])] ?? '父亲'}${col.slice(2)}` : col;
        return { column, message: i.message };
      }),
    };
  }
  const { asOf: _asOf, policy: _policy, ...facts } = parsed.data;
  return {
    ok: true,
    row: {
      idNumber,
      sex,
      facts,
      confirmedAt,
      details: {
        guardianName: nullIfEmpty(cells.text('监护人姓名')),
        guardianIdNumber,
        guardianPhone: nullIfEmpty(phone),
        bank: nullIfEmpty(bank),
        bankAccount: nullIfEmpty(account),
      },
    },
  };
}
