import { recordAudit } from '../../audit/audit.ts';
import type { Database } from '../../db/database.ts';
import { inTransaction, newId } from '../../db/helpers.ts';
import { AppError, notFound } from '../../errors.ts';
import { type Actor, authorize, can } from '../../policy/policy.ts';
import { Permission } from '../../policy/roles.ts';
import type { BlobStore } from '../../storage/storage.ts';
import { DOSSIER } from '../dossiers/actions.ts';
import { type DossierRow, findDossier } from '../dossiers/repository.ts';

/** Largest file accepted: a scanned dossier of a few dozen pages. */
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

/** The types accepted, each with the bytes its files start with. */
const SIGNATURES: Record<string, number[]> = {
  'application/pdf': [0x25, 0x50, 0x44, 0x46, 0x2d], // %PDF-
  'image/jpeg': [0xff, 0xd8, 0xff],
  'image/png': [0x89, 0x50, 0x4e, 0x47],
};

export type AttachmentKind = 'scan' | 'result';

export const ATTACHMENT = { vi: 'tệp đính kèm', en: 'Attachment' };

export const tooLarge = () =>
  new AppError(413, 'ATTACHMENT_TOO_LARGE', {
    vi: 'Tệp quá lớn: tối đa 10 MB',
    en: 'File too large: 10 MB at most',
  });

const unsupported = () =>
  new AppError(415, 'ATTACHMENT_TYPE_NOT_ALLOWED', {
    vi: 'Chỉ nhận tệp PDF, JPEG hoặc PNG, và nội dung tệp phải đúng kiểu đã khai',
    en: 'Only PDF, JPEG or PNG files are accepted, and the content must match the declared type',
  });

/** Throws 415 unless the declared type is accepted and the file starts with that type's signature. */
export function checkContent(contentType: string, bytes: Buffer): void {
  const signature = SIGNATURES[contentType.split(';')[0]!.trim().toLowerCase()];
  if (!signature || bytes.length < signature.length) throw unsupported();
  if (!signature.every((b, i) => bytes[i] === b)) throw unsupported();
}

function dossierScope(d: DossierRow) {
  return {
    servicePointIds: [d.receiving_site_id, d.returning_site_id],
    agencyIds: [d.lead_agency_id, d.current_agency_id],
  };
}

/** Readers of the dossier may see its files (404 before 403 as on the dossier itself). */
export async function readableDossier(
  database: Database,
  actor: Actor,
  dossierId: string,
): Promise<DossierRow> {
  const d = await findDossier(database.db, dossierId);
  if (!d) throw notFound(DOSSIER);
  authorize(actor, Permission.DossierRead, dossierScope(d));
  return d;
}

/**
 * Who may add files: the clerks of the receiving site (scans at intake) or the officers of the
 * agency holding the dossier (scans, results).
 */
export function authorizeUpload(actor: Actor, d: DossierRow): void {
  authorize(actor, Permission.DossierRead, dossierScope(d));
  const allowed =
    can(actor, Permission.DossierIntake, { servicePointIds: [d.receiving_site_id] }) ||
    can(actor, Permission.DossierProcess, { agencyIds: [d.current_agency_id] });
  if (!allowed) authorize(actor, Permission.DossierIntake, { servicePointIds: [d.receiving_site_id] });
}

export function attachmentView(row: {
  id: string;
  dossier_id: string;
  sha256: string;
  size: number;
  content_type: string;
  filename: string;
  kind: string;
  uploaded_by: string;
  at: string;
}) {
  return {
    id: row.id,
    dossierId: row.dossier_id,
    sha256: row.sha256,
    size: Number(row.size),
    contentType: row.content_type,
    filename: row.filename,
    kind: row.kind,
    uploadedBy: row.uploaded_by,
    at: row.at,
  };
}

/** Stores the bytes by their hash and records the file on the dossier with its audit entry. */
export async function addAttachment(
  database: Database,
  store: BlobStore,
  actor: Actor,
  input: { dossier: DossierRow; kind: AttachmentKind; filename: string; contentType: string; bytes: Buffer },
  now = new Date(),
) {
  checkContent(input.contentType, input.bytes);
  const { sha256, size } = await store.put(input.bytes);
  const row = {
    id: newId(),
    dossier_id: input.dossier.id,
    sha256,
    size,
    content_type: input.contentType.split(';')[0]!.trim().toLowerCase(),
    filename: cleanFileName(input.filename),
    kind: input.kind,
    uploaded_by: actor.userId,
    at: now.toISOString(),
  };
  await inTransaction(database, async (trx) => {
    await trx.insertInto('attachments').values(row).execute();
    await recordAudit(trx, database.dialect, {
      actor,
      action: 'attachment.add',
      entityType: 'dossier',
      entityId: input.dossier.id,
      after: row,
      at: row.at,
    });
  });
  return attachmentView(row);
}

/** A file name safe to store and to echo in a header: no path, no control characters, NFC. */
export function cleanFileName(name: string): string {
  const base = name.normalize('NFC').split(/[\\/]/).pop() ?? '';
  // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters is the point
  const cleaned = base.replace(/[\u0000-\u001f\u007f"]/g, '').trim();
  return cleaned.slice(0, 200) || 'tep-dinh-kem';
}
