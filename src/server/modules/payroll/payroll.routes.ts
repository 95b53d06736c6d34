import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { auditContext, noContent, requireActor } from '../../platform/http.ts';
import type { BankFiles } from './payroll.bank.ts';
import type { makePayrollForecast } from './payroll.forecast.ts';
import type { PayrollService } from './payroll.service.ts';
import {
  AccountInput,
  BankFileQuery,
  BankReturnResult,
  BankReturnUpload,
  ForecastRequest,
  GenerateRequest,
  GenerationJob,
  LineQuery,
  LineView,
  RunAction,
  RunDetail,
  RunQuery,
  RunSummary,
} from './payroll.views.ts';

const IdParams = z.object({ id: z.string() });
const tags = ['payroll'];
const Scenario = z.object({
  totalFen: z.number(),
  byItem: z.record(z.string(), z.number()),
  months: z.array(
    z.object({ month: z.string(), totalFen: z.number(), byItem: z.record(z.string(), z.number()) }),
  ),
});

export function payrollRoutes(deps: {
  payroll: PayrollService;
  bankFiles: BankFiles;
  forecast: ReturnType<typeof makePayrollForecast>;
}): FastifyPluginAsyncZod {
  const { payroll, bankFiles, forecast } = deps;
  return async (app) => {
    app.post(
      '/payroll/generate',
      {
        schema: {
          tags,
          summary: '生成月度发放表（后台任务，返回进度）',
          body: GenerateRequest,
          response: { 202: GenerationJob },
        },
      },
      async (req, reply) =>
        reply
          .status(202)
          .send(
            payroll.job(
              requireActor(req),
              (await payroll.startGeneration(requireActor(req), req.body, auditContext(req))).id,
            ),
          ),
    );
    app.get(
      '/payroll/jobs/:id',
      { schema: { tags, summary: '生成进度', params: IdParams, response: { 200: GenerationJob } } },
      async (req) => payroll.job(requireActor(req), req.params.id),
    );
    app.get(
      '/payroll/runs',
      {
        schema: {
          tags,
          summary: '发放表（按月）',
          querystring: RunQuery,
          response: { 200: z.array(RunSummary) },
        },
      },
      async (req) => payroll.list(requireActor(req), req.query),
    );
    app.get(
      '/payroll/runs/:id',
      {
        schema: {
          tags,
          summary: '发放表：控制总数、银行汇总与对账',
          params: IdParams,
          response: { 200: RunDetail },
        },
      },
      async (req) => payroll.get(requireActor(req), req.params.id),
    );
    app.get(
      '/payroll/runs/:id/lines',
      {
        schema: {
          tags,
          summary: '发放明细（留痕；账号脱敏）',
          params: IdParams,
          querystring: LineQuery,
          response: { 200: z.object({ items: z.array(LineView), total: z.number() }) },
        },
      },
      async (req) => payroll.lines(requireActor(req), req.params.id, req.query, auditContext(req)),
    );
    app.post(
      '/payroll/runs/:id/actions',
      {
        schema: {
          tags,
          summary: '审核 / 审批锁定 / 退回',
          params: IdParams,
          body: z.object({ action: RunAction }),
          response: { 200: RunDetail },
        },
      },
      async (req) => payroll.act(requireActor(req), req.params.id, req.body.action, auditContext(req)),
    );
    app.get(
      '/payroll/runs/:id/bank-file',
      { schema: { tags, summary: '导出银行代发文件（留痕）', params: IdParams, querystring: BankFileQuery } },
      async (req, reply) => {
        const f = await bankFiles.exportFile(requireActor(req), req.params.id, req.query, auditContext(req));
        return reply
          .header('content-type', f.type)
          .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(f.fileName)}`)
          .send(f.body);
      },
    );
    app.post(
      '/payroll/runs/:id/bank-returns',
      {
        schema: {
          tags,
          summary: '导入银行回盘（成功/失败）',
          params: IdParams,
          body: BankReturnUpload,
          response: { 200: BankReturnResult },
        },
      },
      async (req) =>
        bankFiles.importReturn(
          requireActor(req),
          req.params.id,
          { fileName: req.body.fileName, content: Buffer.from(req.body.contentBase64, 'base64') },
          auditContext(req),
        ),
    );
    app.put(
      '/payroll/accounts/:id',
      { schema: { tags, summary: '登记儿童的开户银行与账号', params: IdParams, body: AccountInput } },
      async (req, reply) => {
        await payroll.setAccount(requireActor(req), req.params.id, req.body, auditContext(req));
        return noContent(reply);
      },
    );
    app.post(
      '/payroll/forecast',
      {
        schema: {
          tags,
          summary: '下一年度资金测算（现行标准与拟调整标准）',
          body: ForecastRequest,
          response: {
            200: z.object({
              year: z.number(),
              region: z.string(),
              children: z.number(),
              current: Scenario,
              proposed: Scenario.optional(),
              differenceFen: z.number().optional(),
            }),
          },
        },
      },
      async (req) => forecast.forecast(requireActor(req), req.body),
    );
  };
}
