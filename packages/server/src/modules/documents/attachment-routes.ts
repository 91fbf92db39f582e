import type { MultipartFile, MultipartValue } from '@fastify/multipart';
import { Type } from 'typebox';
import { AppError, invalidField, notFound } from '../../errors.ts';
import type { RouteModule } from '../../http/route-module.ts';
import { errorResponses, IdParams } from '../../http/schemas.ts';
import { Permission } from '../../policy/roles.ts';
import { attachmentStore } from '../../storage/disk-store.ts';
import { DOSSIER } from '../dossiers/actions.ts';
import { findDossier } from '../dossiers/repository.ts';
import {
  ATTACHMENT,
  type AttachmentKind,
  addAttachment,
  attachmentView,
  authorizeUpload,
  MAX_ATTACHMENT_BYTES,
  readableDossier,
  tooLarge,
} from './attachments.ts';

const AttachmentSchema = Type.Object({
  id: Type.String(),
  dossierId: Type.String(),
  sha256: Type.String(),
  size: Type.Integer(),
  contentType: Type.String(),
  filename: Type.String(),
  kind: Type.String(),
  uploadedBy: Type.String(),
  at: Type.String(),
});

const KINDS: readonly AttachmentKind[] = ['scan', 'result'];

function fieldValue(file: MultipartFile, name: string): string | undefined {
  const field = file.fields[name];
  const one = (Array.isArray(field) ? field[0] : field) as MultipartValue | MultipartFile | undefined;
  return one && one.type === 'field' ? String(one.value) : undefined;
}

/** Scans and results of a dossier: stored once by content hash, listed and downloaded through the dossier. */
export const registerAttachmentRoutes: RouteModule = (app, { database, config }) => {
  const store = attachmentStore(config.dataDir);

  app.post(
    '/api/v1/dossiers/:id/attachments',
    {
      config: { permission: Permission.DossierRead, idempotent: true },
      schema: {
        tags: ['documents'],
        summary:
          'Đính kèm bản quét hoặc kết quả: multipart, field `file` (PDF/JPEG/PNG, ≤ 10 MB) and `kind` = scan|result (before the file, or ?kind=)',
        params: IdParams,
        querystring: Type.Object({ kind: Type.Optional(Type.Union(KINDS.map((k) => Type.Literal(k)))) }),
        consumes: ['multipart/form-data'],
        response: {
          201: AttachmentSchema,
          413: errorResponses[400],
          415: errorResponses[400],
          ...errorResponses,
        },
      },
    },
    async (request, reply) => {
      const dossier = await findDossier(database.db, request.params.id);
      if (!dossier) throw notFound(DOSSIER);
      authorizeUpload(request.actor!, dossier);
      if (!request.isMultipart()) {
        throw new AppError(415, 'ATTACHMENT_TYPE_NOT_ALLOWED', {
          vi: 'Gửi tệp dưới dạng multipart/form-data, trường "file"',
          en: 'Send the file as multipart/form-data, field "file"',
        });
      }
      const file = await request.file({ limits: { fileSize: MAX_ATTACHMENT_BYTES, files: 1 } });
      if (file?.fieldname !== 'file') {
        throw invalidField('file', { vi: 'Thiếu tệp (trường "file")', en: 'Missing file (field "file")' });
      }
      let bytes: Buffer;
      try {
        bytes = await file.toBuffer();
      } catch (error) {
        if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge();
        throw error;
      }
      const kind = (fieldValue(file, 'kind') ?? request.query.kind ?? 'scan') as AttachmentKind;
      if (!KINDS.includes(kind)) {
        throw invalidField('kind', { vi: 'Loại tệp là scan hoặc result', en: 'kind is scan or result' });
      }
      const view = await addAttachment(database, store, request.actor!, {
        dossier,
        kind,
        filename: file.filename,
        contentType: file.mimetype,
        bytes,
      });
      return reply.status(201).send(view);
    },
  );

  app.get(
    '/api/v1/dossiers/:id/attachments',
    {
      config: { permission: Permission.DossierRead },
      schema: {
        tags: ['documents'],
        summary: 'Tệp đính kèm của hồ sơ, oldest first',
        params: IdParams,
        response: { 200: Type.Object({ items: Type.Array(AttachmentSchema) }), ...errorResponses },
      },
    },
    async (request) => {
      const dossier = await readableDossier(database, request.actor!, request.params.id);
      const rows = await database.db
        .selectFrom('attachments')
        .selectAll()
        .where('dossier_id', '=', dossier.id)
        .orderBy('at')
        .orderBy('id')
        .execute();
      return { items: rows.map(attachmentView) };
    },
  );

  app.get(
    '/api/v1/attachments/:attachmentId',
    {
      config: { permission: Permission.DossierRead },
      schema: {
        tags: ['documents'],
        summary: 'Tải tệp đính kèm (the readers of its dossier only)',
        params: Type.Object({ attachmentId: IdParams.properties.id }),
        response: { 200: Type.Unknown(), ...errorResponses },
      },
    },
    async (request, reply) => {
      const row = await database.db
        .selectFrom('attachments')
        .selectAll()
        .where('id', '=', request.params.attachmentId)
        .executeTakeFirst();
      if (!row) throw notFound(ATTACHMENT);
      await readableDossier(database, request.actor!, row.dossier_id);
      const stream = await store.get(row.sha256);
      if (!stream) throw notFound(ATTACHMENT);
      return reply
        .header('content-type', row.content_type)
        .header('content-length', String(row.size))
        .header(
          'content-disposition',
          `attachment; filename="${row.filename.replace(/[^\x20-\x7e]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(row.filename)}`,
        )
        .header('cache-control', 'private, no-store')
        .send(stream);
    },
  );
};
