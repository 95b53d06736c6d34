import { createReadStream, createWriteStream, rmSync } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import multipart from '@fastify/multipart';
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { YearMonth } from '../../../domain/shared/dates.ts';
import { validationError } from '../../../domain/shared/errors.ts';
import { auditContext, requireActor } from '../../platform/http.ts';
import type { LedgerService } from './ledger.service.ts';

const tags = ['ledger'];
const MAX_UPLOAD_BYTES = 200 * 1024 * 1024;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const MonthQuery = z.object({ month: YearMonth, region: z.string().trim().optional() });

const ImportView = z.object({
  imported: z.number().int(),
  rejected: z.number().int(),
  /** Download id of the errors file (the rejected rows with 错误原因), or null. */
  errorsFileId: z.string().nullable(),
});
const Summary = z.object({
  month: z.string(),
  region: z.string(),
  children: z.number().int(),
  added: z.number().int(),
  changed: z.number().int(),
  removed: z.number().int(),
  totalFen: z.number().int(),
});
const Signoff = z.object({
  id: z.string(),
  countyCode: z.string(),
  quarter: z.string(),
  comments: z.string(),
  signedAt: z.string(),
});
const SignoffInput = z.object({
  quarter: z.string().trim(),
  comments: z.string().trim().min(1, '请填写审核意见').max(1000),
});

/** Sends a file written to disk, removing it once sent (or when the client goes away). */
function sendFile(reply: FastifyReply, path: string, fileName: string, type: string) {
  const stream = createReadStream(path);
  stream.on('close', () => rmSync(path, { force: true }));
  return reply
    .header('content-type', type)
    .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(fileName)}`)
    .send(stream);
}

export function ledgerRoutes(deps: { ledger: LedgerService }): FastifyPluginAsyncZod {
  const { ledger } = deps;
  return async (app) => {
    await app.register(multipart, { limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 5 } });

    app.post(
      '/ledger/imports',
      {
        schema: {
          tags,
          summary: '导入台账（xlsx/csv，台账导入模板；坏行整行拒绝并返回错误数据文件）',
          consumes: ['multipart/form-data'],
          response: { 200: ImportView },
        },
      },
      async (req) => {
        const actor = requireActor(req);
        ledger.assertCanImport(actor);
        if (!req.isMultipart()) throw validationError('请以 multipart/form-data 上传文件');
        const part = await req.file();
        if (!part) throw validationError('请选择文件', [{ path: 'file', message: '请选择文件' }]);
        const path = ledger.uploadPath(part.filename);
        try {
          await pipeline(part.file, createWriteStream(path));
          if (part.file.truncated)
            throw validationError('文件不能超过 200 MB', [{ path: 'file', message: '文件过大' }]);
          const region = (part.fields.region as { value?: unknown } | undefined)?.value;
          return await ledger.importUpload(
            actor,
            {
              path,
              fileName: part.filename,
              ...(typeof region === 'string' && region !== '' ? { region } : {}),
            },
            auditContext(req),
          );
        } finally {
          rmSync(path, { force: true });
        }
      },
    );
    app.get(
      '/ledger/imports/errors/:id',
      { schema: { tags, summary: '下载导入错误数据文件（仅导入人）', params: z.object({ id: z.string() }) } },
      async (req, reply) => {
        const f = ledger.errorsFile(requireActor(req), req.params.id);
        const type = f.path.endsWith('.csv') ? 'text/csv; charset=utf-8' : XLSX;
        return reply
          .header('content-type', type)
          .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(f.fileName)}`)
          .send(createReadStream(f.path));
      },
    );
    app.get(
      '/ledger/export',
      {
        schema: {
          tags,
          summary: '导出某月台账（xlsx，含儿童类别、保障项目、金额与变动情况；留痕）',
          querystring: MonthQuery,
        },
      },
      async (req, reply) => {
        const path = ledger.workPath('xlsx');
        try {
          await ledger.exportMonth(requireActor(req), req.query, { filename: path }, auditContext(req));
        } catch (e) {
          rmSync(path, { force: true });
          throw e;
        }
        return sendFile(reply, path, `台账-${req.query.month}.xlsx`, XLSX);
      },
    );
    app.get('/ledger/template', { schema: { tags, summary: '下载台账导入模板' } }, async (req, reply) => {
      requireActor(req);
      const path = ledger.workPath('xlsx');
      await ledger.template({ filename: path });
      return sendFile(reply, path, '台账导入模板.xlsx', XLSX);
    });
    app.get(
      '/ledger/summary',
      {
        schema: {
          tags,
          summary: '月度台账快照：在册人数、新增、变更、撤销与月保障金额合计',
          querystring: MonthQuery,
          response: { 200: Summary },
        },
      },
      async (req) => ledger.summary(requireActor(req), req.query),
    );
    app.get(
      '/ledger/signoffs',
      {
        schema: {
          tags,
          summary: '本县台账季度签字记录',
          response: { 200: z.object({ items: z.array(Signoff.extend({ signedByName: z.string() })) }) },
        },
      },
      async (req) => ({ items: await ledger.signoffs(requireActor(req)) }),
    );
    app.post(
      '/ledger/signoffs',
      {
        schema: {
          tags,
          summary: '县级民政负责人季度签字确认台账（每县每季度一次，留痕）',
          body: SignoffInput,
          response: { 201: Signoff },
        },
      },
      async (req, reply) => {
        const row = await ledger.signOff(requireActor(req), req.body, auditContext(req));
        return reply.status(201).send(row);
      },
    );
  };
}
