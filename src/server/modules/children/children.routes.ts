import multipart from '@fastify/multipart';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { validationError } from '../../../domain/shared/errors.ts';
import { auditContext, requireActor } from '../../platform/http.ts';
import {
  AttachmentKind,
  AttachmentView,
  MAX_ATTACHMENT_BYTES,
  type AttachmentsService,
} from './children.attachments.ts';
import { ExitRequest } from './children.exits.ts';
import type { ChildrenService } from './children.service.ts';
import {
  ChildCreated,
  ChildFile,
  ChildQuery,
  ChildSummary,
  DeterminationsQuery,
  DeterminationsView,
  FactsChange,
  HistoryEntry,
  NewChild,
} from './children.views.ts';

const IdParams = z.object({ id: z.string() });
const tags = ['children'];

export function childrenRoutes(deps: {
  children: ChildrenService;
  attachments: AttachmentsService;
}): FastifyPluginAsyncZod {
  const { children, attachments } = deps;
  return async (app) => {
    await app.register(multipart, { limits: { fileSize: MAX_ATTACHMENT_BYTES + 1, files: 1, fields: 5 } });

    app.get(
      '/children',
      {
        schema: {
          tags,
          summary: '儿童档案列表与检索（姓名、拼音首字母、身份证号、区划、类别、状态）',
          querystring: ChildQuery,
          response: { 200: z.object({ items: z.array(ChildSummary), total: z.number() }) },
        },
      },
      async (req) => children.list(requireActor(req), req.query, auditContext(req)),
    );
    app.post(
      '/children',
      { schema: { tags, summary: '建档', body: NewChild, response: { 201: ChildCreated } } },
      async (req, reply) => {
        const created = await children.create(requireActor(req), req.body, auditContext(req));
        return reply.status(201).send(created);
      },
    );
    app.get(
      '/children/:id',
      {
        schema: {
          tags,
          summary: '查看儿童档案（完整身份证号，留痕）',
          params: IdParams,
          response: { 200: ChildFile },
        },
      },
      async (req) => children.get(requireActor(req), req.params.id, auditContext(req)),
    );
    app.patch(
      '/children/:id/facts',
      {
        schema: {
          tags,
          summary: '变更事实（新版本；自生效月份起重新认定）',
          params: IdParams,
          body: FactsChange,
          response: { 200: ChildFile },
        },
      },
      async (req) => children.updateFacts(requireActor(req), req.params.id, req.body, auditContext(req)),
    );
    app.post(
      '/children/:id/exit',
      {
        schema: {
          tags,
          summary: '办理退出（按退出原因计算渐退期与末次发放月份，留痕）',
          params: IdParams,
          body: ExitRequest,
          response: { 200: ChildFile },
        },
      },
      async (req) => children.exit(requireActor(req), req.params.id, req.body, auditContext(req)),
    );
    app.get(
      '/children/:id/history',
      {
        schema: {
          tags,
          summary: '变更记录（事实版本）',
          params: IdParams,
          response: { 200: z.object({ items: z.array(HistoryEntry) }) },
        },
      },
      async (req) => ({ items: await children.history(requireActor(req), req.params.id, auditContext(req)) }),
    );
    app.get(
      '/children/:id/determinations',
      {
        schema: {
          tags,
          summary: '认定与保障（按月；可按“某日、按某时已知的事实”评估）',
          params: IdParams,
          querystring: DeterminationsQuery,
          response: { 200: DeterminationsView },
        },
      },
      async (req) => children.determinations(requireActor(req), req.params.id, req.query),
    );
    app.get(
      '/children/:id/attachments',
      {
        schema: {
          tags,
          summary: '附件列表',
          params: IdParams,
          response: { 200: z.object({ items: z.array(AttachmentView) }) },
        },
      },
      async (req) => ({ items: await attachments.list(requireActor(req), req.params.id) }),
    );
    app.post(
      '/children/:id/attachments',
      {
        schema: {
          tags,
          summary: '上传附件（PDF/JPG/PNG，不超过 10 MB）',
          params: IdParams,
          consumes: ['multipart/form-data'],
          response: { 201: AttachmentView },
        },
      },
      async (req, reply) => {
        const actor = requireActor(req);
        await attachments.assertCanUpload(actor, req.params.id);
        if (!req.isMultipart()) throw validationError('请以 multipart/form-data 上传文件');
        const part = await req.file();
        if (!part) throw validationError('请选择文件', [{ path: 'file', message: '请选择文件' }]);
        const content = await part.toBuffer().catch((e: { code?: string }) => {
          if (e.code === 'FST_REQ_FILE_TOO_LARGE') {
            throw validationError('文件不能超过 10 MB', [{ path: 'file', message: '文件不能超过 10 MB' }]);
          }
          throw e;
        });
        const rawKind = (part.fields.kind as { value?: unknown } | undefined)?.value;
        const kind = AttachmentKind.safeParse(rawKind ?? 'other');
        if (!kind.success) throw validationError('附件类别无效', [{ path: 'kind', message: '附件类别无效' }]);
        const view = await attachments.upload(
          actor,
          req.params.id,
          { kind: kind.data, fileName: part.filename, content },
          auditContext(req),
        );
        return reply.status(201).send(view);
      },
    );
    app.get(
      '/children/:id/attachments/:attachmentId',
      {
        schema: {
          tags,
          summary: '下载附件（留痕）',
          params: z.object({ id: z.string(), attachmentId: z.string() }),
        },
      },
      async (req, reply) => {
        const file = await attachments.download(
          requireActor(req),
          req.params.id,
          req.params.attachmentId,
          auditContext(req),
        );
        return reply
          .header('content-type', file.mimeType)
          .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}`)
          .header('x-content-type-options', 'nosniff')
          .header('cache-control', 'no-store')
          .send(file.content);
      },
    );
  };
}
