import { createHash } from 'node:crypto';
import { and, desc, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Actor } from '../../../domain/access/access.ts';
import { Permission } from '../../../domain/access/roles.ts';
import { notFound, validationError } from '../../../domain/shared/errors.ts';
import { writeAudit, type AuditContext } from '../../platform/audit.ts';
import type { Db } from '../../platform/db.ts';
import { users } from '../users/users.schema.ts';
import { childAttachments } from './children.schema.ts';
import type { ChildrenService } from './children.service.ts';

export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

/** The kinds of evidence a file keeps (证明材料). */
export const ATTACHMENT_KINDS = [
  'id-document',
  'death-certificate',
  'court-judgment',
  'prison-certificate',
  'disability-certificate',
  'medical-record',
  'police-receipt',
  'application-form',
  'other',
] as const;
export const AttachmentKind = z.enum(ATTACHMENT_KINDS);

export const AttachmentView = z.object({
  id: z.string(),
  kind: AttachmentKind,
  fileName: z.string(),
  mimeType: z.string(),
  size: z.number().int(),
  uploadedAt: z.string(),
  uploadedBy: z.string().nullable(),
});
export type AttachmentView = z.infer<typeof AttachmentView>;

/** The type is decided by the file's first bytes, never by its name or the browser's claim. */
export function sniffType(content: Buffer): 'application/pdf' | 'image/png' | 'image/jpeg' | undefined {
  if (content.subarray(0, 5).toString('latin1') === '%PDF-') return 'application/pdf';
  if (content.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])))
    return 'image/png';
  if (content.subarray(0, 3).equals(Buffer.from([0xff, 0xd8, 0xff]))) return 'image/jpeg';
  return undefined;
}

export function makeAttachmentsService(deps: { db: Db; children: ChildrenService }) {
  const { db, children } = deps;
  const columns = {
    id: childAttachments.id,
    kind: childAttachments.kind,
    fileName: childAttachments.fileName,
    mimeType: childAttachments.mimeType,
    size: childAttachments.size,
    uploadedAt: childAttachments.uploadedAt,
    uploadedBy: users.displayName,
  };
  const view = (r: {
    id: string;
    kind: string;
    fileName: string;
    mimeType: string;
    size: number;
    uploadedAt: Date;
    uploadedBy: string | null;
  }): AttachmentView => ({
    ...r,
    kind: AttachmentKind.catch('other').parse(r.kind),
    uploadedAt: r.uploadedAt.toISOString(),
  });

  return {
    async list(actor: Actor, childId: string): Promise<AttachmentView[]> {
      const child = await children.getScoped(db, actor, childId, Permission.childRead);
      const rows = await db
        .select(columns)
        .from(childAttachments)
        .leftJoin(users, eq(users.id, childAttachments.uploadedBy))
        .where(eq(childAttachments.childId, child.id))
        .orderBy(desc(childAttachments.uploadedAt));
      return rows.map(view);
    },

    /** Checked before the upload is read: a file for a child out of reach is never received. */
    async assertCanUpload(actor: Actor, childId: string): Promise<void> {
      await children.getScoped(db, actor, childId, Permission.childWrite);
    },

    async upload(
      actor: Actor,
      childId: string,
      file: { kind: z.infer<typeof AttachmentKind>; fileName: string; content: Buffer },
      ctx: AuditContext,
    ): Promise<AttachmentView> {
      const child = await children.getScoped(db, actor, childId, Permission.childWrite);
      if (file.content.length === 0)
        throw validationError('文件为空', [{ path: 'file', message: '文件为空' }]);
      if (file.content.length > MAX_ATTACHMENT_BYTES) {
        throw validationError('文件不能超过 10 MB', [{ path: 'file', message: '文件不能超过 10 MB' }]);
      }
      const mimeType = sniffType(file.content);
      if (!mimeType) {
        throw validationError('只能上传 PDF、JPG 或 PNG 文件', [
          { path: 'file', message: '只能上传 PDF、JPG 或 PNG 文件' },
        ]);
      }
      return db.transaction(async (tx) => {
        const [row] = await tx
          .insert(childAttachments)
          .values({
            childId: child.id,
            kind: file.kind,
            fileName: file.fileName.slice(0, 200) || 'file',
            mimeType,
            size: file.content.length,
            sha256: createHash('sha256').update(file.content).digest('hex'),
            content: file.content,
            uploadedBy: actor.userId,
          })
          .returning({ id: childAttachments.id, uploadedAt: childAttachments.uploadedAt });
        await writeAudit(tx, ctx, {
          action: 'child.attachment.upload',
          entityType: 'child',
          entityId: child.id,
          regionCode: child.hukouRegion,
          detail: { attachmentId: row!.id, kind: file.kind, mimeType, size: file.content.length },
        });
        return view({
          id: row!.id,
          kind: file.kind,
          fileName: file.fileName,
          mimeType,
          size: file.content.length,
          uploadedAt: row!.uploadedAt,
          uploadedBy: null,
        });
      });
    },

    /** The file itself; every download is audited. */
    async download(actor: Actor, childId: string, attachmentId: string, ctx: AuditContext) {
      const child = await children.getScoped(db, actor, childId, Permission.childRead);
      const [row] = z.uuid().safeParse(attachmentId).success
        ? await db
            .select()
            .from(childAttachments)
            .where(and(eq(childAttachments.id, attachmentId), eq(childAttachments.childId, child.id)))
        : [];
      if (!row) throw notFound('附件');
      await writeAudit(db, ctx, {
        action: 'child.attachment.download',
        entityType: 'child',
        entityId: child.id,
        regionCode: child.hukouRegion,
        detail: { attachmentId: row.id, kind: row.kind },
      });
      return { fileName: row.fileName, mimeType: row.mimeType, content: row.content };
    },
  };
}
export type AttachmentsService = ReturnType<typeof makeAttachmentsService>;
