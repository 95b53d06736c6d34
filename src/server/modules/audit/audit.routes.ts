import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Permission } from '../../../domain/access/roles.ts';
import { assertPermission } from '../../platform/access.ts';
import { listAudit, writeAudit } from '../../platform/audit.ts';
import type { Db } from '../../platform/db.ts';
import { auditContext, requireActor } from '../../platform/http.ts';

const AuditItem = z.object({
  id: z.number(),
  at: z.string(),
  actorUsername: z.string().nullable(),
  action: z.string(),
  entityType: z.string().nullable(),
  entityId: z.string().nullable(),
  regionCode: z.string().nullable(),
  outcome: z.string(),
  ip: z.string().nullable(),
  detail: z.record(z.string(), z.unknown()).nullable(),
});

const AuditQuery = z.object({
  actor: z.string().trim().max(64).optional(),
  action: z.string().trim().max(64).optional(),
  outcome: z.enum(['ok', 'denied']).optional(),
  from: z.coerce.date().optional(),
  to: z.coerce.date().optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

/**
 * The audit trail for auditors. It is national by nature (logins have no region), so reading it is
 * itself audited.
 */
export function auditRoutes(deps: { db: Db }): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/audit',
      {
        schema: {
          tags: ['audit'],
          summary: '审计日志',
          querystring: AuditQuery,
          response: { 200: z.object({ items: z.array(AuditItem), total: z.number() }) },
        },
      },
      async (req) => {
        const actor = requireActor(req);
        assertPermission(actor, Permission.auditRead);
        await writeAudit(deps.db, auditContext(req), {
          action: 'audit.read',
          detail: { filter: { ...req.query } },
        });
        const { items, total } = await listAudit(deps.db, actor, req.query);
        return { items: items.map((r) => ({ ...r, at: r.at.toISOString() })), total };
      },
    );
  };
}
