import { z } from 'zod';
import { PlainDate } from '../shared/dates.ts';
import type { FieldIssue } from '../shared/errors.ts';
import { idNumberSchema } from '../shared/id-number.ts';
import { NonNegativeFen } from '../shared/money.ts';
import { normalizeRegionCode } from '../shared/region-code.ts';
import { chineseErrorMap, toFieldIssues } from '../shared/zod-issues.ts';
import { canonicalPackId } from '../policy/pack-id.ts';
import {
  ASSISTANCE_KINDS,
  DisabilityKind,
  GUARDIANSHIP_HARMS,
  HARDSHIP_KINDS,
  ParentConditionKind,
  Placement,
  Schooling,
} from './codes.ts';

/**
 * ChildFacts: the input of a determination, exactly as interchange.md §1 (a fixed contract;
 * extended only by optional fields: `until` on a hardship). After parsing, ID numbers are in
 * 18-character upper-case form, `child.birthDate` and `child.residenceRegion` are always set,
 * region codes are normalised (region-code.ts) and `policy` is a canonical pack id.
 */

const FullRegionCode = z.string().transform((s, ctx) => {
  const code = normalizeRegionCode(s);
  if (!/^\d{6}(\d{3}){0,2}$/.test(s.trim()) || code === undefined) {
    ctx.addIssue({ code: 'custom', message: '区划代码应为6、9或12位数字' });
    return z.NEVER;
  }
  return code;
});

export const Disability = z.object({ kind: DisabilityKind, grade: z.number().int().min(1).max(4) });
export type Disability = z.output<typeof Disability>;

export const ParentCondition = z
  .object({
    kind: ParentConditionKind,
    since: PlainDate.optional(),
    until: PlainDate.optional(),
    /** With kind severe-disability. */
    disability: Disability.optional(),
    /** With kind serious-illness: judged against the pack's list. */
    illness: z.string().optional(),
  })
  .superRefine((c, ctx) => {
    if (c.since === undefined && c.kind !== 'unknown') {
      ctx.addIssue({ code: 'custom', path: ['since'], message: '必填：该情形须填写起始日期' });
    }
    if (c.since !== undefined && c.until !== undefined && c.until <= c.since) {
      ctx.addIssue({ code: 'custom', path: ['until'], message: '截止日期应晚于起始日期' });
    }
  });
export type ParentCondition = z.output<typeof ParentCondition>;

const Hardship = z.object({
  kind: z.enum(HARDSHIP_KINDS),
  since: PlainDate,
  until: PlainDate.optional(),
});

function parentSchema(today?: PlainDate) {
  return z.object({
    role: z.enum(['father', 'mother']),
    idNumber: idNumberSchema(today).optional(),
    conditions: z.array(ParentCondition).default([]),
  });
}

function childSchema(today?: PlainDate) {
  return z.object({
    idNumber: idNumberSchema(today).optional(),
    name: z.string().optional(),
    birthDate: PlainDate.optional(),
    hukouRegion: FullRegionCode,
    residenceRegion: FullRegionCode.optional(),
    residentSince: PlainDate.optional(),
    hiv: z.boolean().default(false),
    placement: Placement.default('home'),
    schooling: Schooling.default('none'),
    disability: Disability.optional(),
    seriousIllness: z.string().optional(),
    hardships: z.array(Hardship).default([]),
    guardianshipHarm: z.array(z.enum(GUARDIANSHIP_HARMS)).default([]),
  });
}

/** The ChildFacts schema; with `today`, ID numbers and birth dates may not lie after it. */
export function childFactsSchema(today?: PlainDate) {
  return z
    .object({
      asOf: PlainDate,
      policy: z
        .string()
        .transform((s, ctx) => {
          const id = canonicalPackId(s);
          if (id === undefined) {
            ctx.addIssue({ code: 'custom', message: '政策包编号应为 cn 或 cn-区划代码（如 cn-640300）' });
            return z.NEVER;
          }
          return id;
        })
        .optional(),
      child: childSchema(today),
      parents: z.array(parentSchema(today)).max(2).default([]),
      household: z
        .object({
          assistance: z.enum(ASSISTANCE_KINDS).default('none'),
          receivedMonthlyFen: NonNegativeFen.default(0),
        })
        .default({ assistance: 'none', receivedMonthlyFen: 0 }),
    })
    .superRefine((f, ctx) => {
      const { idNumber, birthDate } = f.child;
      if (idNumber === undefined && birthDate === undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['child', 'idNumber'],
          message: '必填：未提供出生日期时须填写公民身份号码',
        });
      }
      const born = birthDate ?? birthDateFromId(idNumber);
      if (idNumber !== undefined && birthDate !== undefined && birthDateFromId(idNumber) !== birthDate) {
        ctx.addIssue({
          code: 'custom',
          path: ['child', 'birthDate'],
          message: '出生日期与公民身份号码不一致',
        });
      }
      if (born !== undefined && born > f.asOf) {
        ctx.addIssue({ code: 'custom', path: ['child', 'birthDate'], message: '出生日期晚于认定日期' });
      }
      if (born !== undefined && today !== undefined && born > today) {
        ctx.addIssue({ code: 'custom', path: ['child', 'birthDate'], message: '出生日期晚于今天' });
      }
      const roles = f.parents.map((p) => p.role);
      if (new Set(roles).size !== roles.length) {
        ctx.addIssue({ code: 'custom', path: ['parents'], message: '父亲、母亲各至多一条' });
      }
    })
    .transform((f) => ({
      ...f,
      child: {
        ...f.child,
        birthDate: (f.child.birthDate ?? birthDateFromId(f.child.idNumber)) as PlainDate,
        residenceRegion: f.child.residenceRegion ?? f.child.hukouRegion,
      },
    }));
}

function birthDateFromId(id: string | undefined): PlainDate | undefined {
  return id === undefined ? undefined : `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
}

/** ChildFacts without the "not after today" checks (for API schemas and stored data). */
export const ChildFacts = childFactsSchema();
export type ChildFacts = z.output<typeof ChildFacts>;
export type ChildFactsInput = z.input<typeof ChildFacts>;
export type ParentFacts = ChildFacts['parents'][number];
export type ParentRole = ParentFacts['role'];

export type ParseResult<T> = { ok: true; value: T } | { ok: false; issues: FieldIssue[] };

/**
 * Parses untrusted input (CLI stdin, API body, ledger row) into ChildFacts. Issues name the
 * field path and say what is wrong in Chinese: `child.idNumber: 公民身份号码校验位错误`.
 */
export function parseChildFacts(input: unknown, today: PlainDate): ParseResult<ChildFacts> {
  const r = childFactsSchema(today).safeParse(input, { error: chineseErrorMap });
  return r.success ? { ok: true, value: r.data } : { ok: false, issues: toFieldIssues(r.error) };
}
