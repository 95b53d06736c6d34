import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { pipeline } from 'node:stream/promises';
import multipart from '@fastify/multipart';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { assertPermission } from '../../platform/access.ts';
import { Permission } from '../../../domain/access/roles.ts';
import { validationError } from '../../../domain/shared/errors.ts';
import { auditContext, requireActor } from '../../platform/http.ts';
import type { MatchingService } from './matching.service.ts';
import {
  Dashboard,
  LeadAction,
  LeadDetail,
  LeadQuery,
  LeadSummary,
  RosterView,
  UploadQuery,
} from './matching.views.ts';

const IdParams = z.object({ id: z.string() });
const tags = ['matching'];
/** Rosters run to millions of rows: the upload limit is generous, the reading streams. */
const MAX_ROSTER_BYTES = 1024 * 1024 * 1024;

export function matchingRoutes(deps: { matching: MatchingService; filesDir: string }): FastifyPluginAsyncZod {
  const { matching } = deps;
  return async (app) => {
    await app.register(multipart, { limits: { fileSize: MAX_ROSTER_BYTES, files: 1, fields: 0 } });

    app.post(
      '/matching/rosters',
      {
        schema: {
          tags,
          summary: '上传部门名单（multipart 文件；类型、来源部门在查询参数中）并开始比对',
          querystring: UploadQuery,
          response: { 202: RosterView },
        },
      },
      async (req, reply) => {
        const actor = requireActor(req);
        assertPermission(actor, Permission.matchingUpload);
        const file = await req.file();
        if (!file) throw validationError('请选择名单文件', [{ path: 'file', message: '缺少文件' }]);
        const ext = path.extname(file.filename).toLowerCase();
        if (ext !== '.csv' && ext !== '.xlsx') {
          file.file.resume();
          throw validationError('名单文件应为 CSV 或 xlsx', [{ path: 'file', message: '文件类型不支持' }]);
        }
        const filePath = path.join(deps.filesDir, `${randomUUID()}${ext}`);
        await pipeline(file.file, fs.createWriteStream(filePath));
        const view = await matching.upload(
          actor,
          { ...req.query, filePath, fileName: file.filename },
          auditContext(req),
        );
        return reply.status(202).send(view);
      },
    );
    app.get(
      '/matching/rosters',
      {
        schema: {
          tags,
          summary: '名单上传记录（部门数据员只见本人上传）',
          response: { 200: z.object({ items: z.array(RosterView) }) },
        },
      },
      async (req) => ({ items: await matching.listRosters(requireActor(req)) }),
    );
    app.get(
      '/matching/rosters/:id',
      { schema: { tags, summary: '名单处理进度与结果', params: IdParams, response: { 200: RosterView } } },
      async (req) => matching.getRoster(requireActor(req), req.params.id),
    );
    app.post(
      '/matching/rosters/:id/cancel',
      { schema: { tags, summary: '取消正在处理的名单', params: IdParams, response: { 200: RosterView } } },
      async (req) => matching.cancel(requireActor(req), req.params.id, auditContext(req)),
    );
    app.get(
      '/matching/rosters/:id/errors',
      { schema: { tags, summary: '下载错误数据文件（留痕）', params: IdParams } },
      async (req, reply) => {
        const f = await matching.errorsFile(requireActor(req), req.params.id, auditContext(req));
        const type = f.path.endsWith('.xlsx')
          ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
          : 'text/csv; charset=utf-8';
        return reply
          .header('content-type', type)
          .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(f.name)}`)
          .send(fs.createReadStream(f.path));
      },
    );
    app.get(
      '/matching/leads',
      {
        schema: {
          tags,
          summary: '比对线索（按户籍地辖区）',
          querystring: LeadQuery,
          response: { 200: z.object({ items: z.array(LeadSummary), total: z.number() }) },
        },
      },
      async (req) => matching.listLeads(requireActor(req), req.query),
    );
    app.get(
      '/matching/leads/:id',
      {
        schema: { tags, summary: '线索详情与证据（留痕）', params: IdParams, response: { 200: LeadDetail } },
      },
      async (req) => matching.getLead(requireActor(req), req.params.id, auditContext(req)),
    );
    app.post(
      '/matching/leads/:id/actions',
      {
        schema: {
          tags,
          summary: '处理线索：发起申请、更新事实或不予处理',
          params: IdParams,
          body: LeadAction,
          response: { 200: LeadDetail },
        },
      },
      async (req) => matching.act(requireActor(req), req.params.id, req.body, auditContext(req)),
    );
    app.get(
      '/matching/dashboard',
      { schema: { tags, summary: '各乡镇待处理与逾期线索', response: { 200: Dashboard } } },
      async (req) => matching.dashboard(requireActor(req)),
    );
  };
}
