import { z } from 'zod';
import { PlainDate, YearMonth } from '../../../domain/shared/dates.ts';

/** HTTP shapes of the payroll module (zod; a schema and its type share one name). */

export const ACTIONS = ['review', 'approve', 'reopen'] as const;
export const RunAction = z.enum(ACTIONS);
export type RunAction = z.output<typeof RunAction>;

export const RUN_STATUS_LABELS: Record<string, string> = {
  draft: '草稿',
  reviewed: '已审核',
  approved: '已审批（锁定）',
};

export const GenerateRequest = z.object({
  month: YearMonth,
  region: z.string().regex(/^\d{2,12}$/, '区划代码应为数字'),
});

export const GenerationResult = z.object({
  month: z.string(),
  region: z.string(),
  children: z.number(),
  lines: z.number(),
  totalFen: z.number(),
  runs: z.array(z.object({ id: z.string(), region: z.string(), status: z.string() })),
});
export type GenerationResult = z.output<typeof GenerationResult>;

export const GenerationJob = z.object({
  id: z.string(),
  region: z.string(),
  status: z.enum(['running', 'done', 'failed']),
  processed: z.number(),
  total: z.number(),
  result: GenerationResult.optional(),
  error: z.object({ code: z.string(), message: z.string() }).optional(),
  startedAt: z.string(),
});

const FenMap = z.record(z.string(), z.number());
export const ControlTotalsView = z.object({
  lineCount: z.number(),
  childCount: z.number(),
  totalFen: z.number(),
  byItem: FenMap,
  byCategory: FenMap,
  byTownship: FenMap,
  byKind: FenMap,
  byPayingRegion: FenMap,
});

export const RunSummary = z.object({
  id: z.string(),
  month: z.string(),
  region: z.string(),
  status: z.string(),
  statusLabel: z.string(),
  childCount: z.number(),
  lineCount: z.number(),
  totalFen: z.number(),
  allowedActions: z.array(RunAction),
});

export const RunDetail = RunSummary.extend({
  totals: ControlTotalsView,
  generatedAt: z.string(),
  reviewedAt: z.string().nullable(),
  approvedAt: z.string().nullable(),
  banks: z.array(z.object({ bank: z.string(), lines: z.number(), totalFen: z.number() })),
  reconciliation: z.object({
    transferFen: z.number(),
    paidFen: z.number(),
    failedFen: z.number(),
    pendingFen: z.number(),
    paidLines: z.number(),
    failedLines: z.number(),
    balanced: z.boolean(),
  }),
});

export const RunQuery = z.object({
  region: z
    .string()
    .regex(/^\d{2,12}$/)
    .optional(),
  month: YearMonth.optional(),
});

export const LineQuery = z.object({
  item: z.string().max(32).optional(),
  township: z
    .string()
    .regex(/^\d{6,12}$/, '乡镇代码应为数字')
    .optional(),
  kind: z.enum(['regular', 'back-pay', 'recovery', 'reissue']).optional(),
  bankStatus: z.enum(['pending', 'paid', 'failed']).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
});

export const LineView = z.object({
  id: z.string(),
  childId: z.string(),
  name: z.string(),
  month: z.string(),
  forMonth: z.string(),
  item: z.string(),
  category: z.string(),
  amountFen: z.number(),
  hukouRegion: z.string(),
  payingRegion: z.string(),
  kind: z.string(),
  source: z.string(),
  explanation: z.object({ text: z.string(), basis: z.string() }),
  bank: z.string().nullable(),
  accountMasked: z.string().nullable(),
  bankStatus: z.string(),
  failureReason: z.string().nullable(),
});

export const BankFileQuery = z.object({
  bank: z.string().min(1, '请选择开户银行'),
  format: z.enum(['csv', 'xlsx']).default('xlsx'),
});

export const BankReturnUpload = z.object({
  fileName: z.string().regex(/\.(csv|xlsx)$/i, '回盘文件应为 .csv 或 .xlsx 格式'),
  contentBase64: z.string().min(1).max(7_000_000),
});

export const BankReturnResult = z.object({
  rows: z.number(),
  paid: z.number(),
  failed: z.number(),
  reconciliation: RunDetail.shape.reconciliation,
});

export const AccountInput = z.object({
  bank: z.string().trim().min(1, '请填写开户银行').max(60),
  account: z
    .string()
    .transform((s) => s.replace(/\s/g, ''))
    .pipe(z.string().regex(/^\d{8,32}$/, '银行账号应为 8–32 位数字')),
});

export const ForecastRequest = z.object({
  region: z.string().regex(/^\d{2,12}$/, '区划代码应为数字'),
  year: z.number().int().min(2000).max(2100),
  /** The adjustment calculator's answer (or its `proposal` pack alone). */
  proposal: z.unknown().optional(),
  asOf: PlainDate.optional(),
});
