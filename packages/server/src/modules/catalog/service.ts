import { searchKey } from '@motcua/core';
import { recordAudit } from '../../audit/audit.ts';
import type { Database, Executor } from '../../db/database.ts';
import { inTransaction, isUniqueViolation, newId, nowIso, toFlag, toJson } from '../../db/helpers.ts';
import { procedureSearchText } from '../../db/migrations/202611301900_add_procedure_search_text.ts';
import { clearReferenceCaches } from '../../db/reference-cache.ts';
import { AppError, invalidField, notFound } from '../../errors.ts';
import { type Actor, authorizeNational } from '../../policy/policy.ts';
import { Permission } from '../../policy/roles.ts';
import { findProcedure } from './repository.ts';
import type { ProcedureCreate, VersionInput } from './schema.ts';

const nfc = (s: string) => s.normalize('NFC').trim();

function versionRow(
  procedureId: string,
  version: number,
  input: VersionInput,
  actor: Actor | null,
  competence: { level: 'commune' | 'district' | 'province'; agencyKind: string },
) {
  // "Not through the post" and a postal channel contradict each other: the intake form, the pickup
  // page and the catalogue would say both.
  if (input.postalExcluded && input.channels.includes('postal')) {
    throw invalidField('channels', {
      vi: 'Thủ tục đã đánh dấu "không thực hiện qua bưu chính" thì không được có kênh bưu chính',
      en: 'A procedure marked "not through the post" cannot list the postal channel',
    });
  }
  if (input.processing.cutoff && input.processing.unit !== 'within_day') {
    throw invalidField('processing.cutoff', {
      vi: 'Chỉ thủ tục giải quyết trong ngày mới có giờ chốt nhận hồ sơ',
      en: 'Only a within-the-day procedure has a cut-off time',
    });
  }
  return {
    id: newId(),
    procedure_id: procedureId,
    version,
    valid_from: input.validFrom,
    name: nfc(input.name),
    documents: toJson(
      input.documents.map((d) => ({
        ...d,
        name: nfc(d.name),
        condition: d.condition ? nfc(d.condition) : null,
      })),
    ),
    // The old column keeps its CHECK: a within-the-day version mirrors as working days (see the migration).
    processing_unit: input.processing.unit === 'within_day' ? 'working_days' : input.processing.unit,
    processing_kind: input.processing.unit,
    processing_amount: input.processing.unit === 'within_day' ? 0 : input.processing.amount,
    processing_note: input.processing.note ? nfc(input.processing.note) : null,
    processing_cutoff: input.processing.unit === 'within_day' ? (input.processing.cutoff ?? null) : null,
    decided_on_the_spot: toFlag(input.decidedOnTheSpot),
    fees: toJson(input.fees.map((f) => ({ ...f, name: nfc(f.name) }))),
    channels: toJson(input.channels),
    postal_excluded: toFlag(input.postalExcluded),
    result_type: nfc(input.resultType),
    legal_basis: toJson(input.legalBasis.map(nfc)),
    sources: toJson(input.sources),
    notes: input.notes ? nfc(input.notes) : null,
    created_at: nowIso(),
    created_by: actor?.userId ?? null,
    valid_to: input.validTo ?? null,
    level: input.level ?? competence.level,
    agency_kind: input.agencyKind ?? competence.agencyKind,
    province_wide_receipt: toFlag(input.provinceWideReceipt ?? false),
  };
}

/** A version's last day must not come before its first. */
function checkVersionDates(input: VersionInput) {
  if (input.validTo && input.validTo < input.validFrom) {
    throw new AppError(
      400,
      'VALIDATION_FAILED',
      { vi: 'Dữ liệu không hợp lệ: validTo', en: 'Invalid input: validTo' },
      [
        {
          field: 'validTo',
          message: {
            vi: 'Ngày hết hiệu lực phải sau ngày có hiệu lực',
            en: 'The end date must not be before the start date',
          },
        },
      ],
    );
  }
}

/** The day before a Vietnam date `YYYY-MM-DD`. */
function dayBefore(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

/** Inserts a procedure with its first version (also used by the demo seeder, with `actor` null). */
export async function insertProcedure(trx: Executor, input: ProcedureCreate, actor: Actor | null) {
  checkVersionDates(input);
  const id = newId();
  const now = nowIso();
  const procedure = {
    id,
    code: input.code,
    name: nfc(input.name),
    name_key: searchKey(input.name),
    field_code: input.fieldCode,
    field_name: nfc(input.fieldName),
    level: input.level,
    agency_kind: input.agencyKind,
    current_version: 1,
    search_text: procedureSearchText({
      code: input.code,
      name: input.name,
      field_name: input.fieldName,
      result_type: input.resultType,
    }),
    active: 1,
    created_at: now,
    updated_at: now,
  };
  await trx.insertInto('procedures').values(procedure).execute();
  const version = versionRow(id, 1, input, actor, { level: input.level, agencyKind: input.agencyKind });
  await trx.insertInto('procedure_versions').values(version).execute();
  return { procedure, version };
}

export async function createProcedure(database: Database, actor: Actor, input: ProcedureCreate) {
  // The catalogue is national: no province of its own (docs/security.md).
  authorizeNational(actor, Permission.CatalogWrite);
  try {
    const id = await inTransaction(database, async (trx) => {
      const { procedure, version } = await insertProcedure(trx, input, actor);
      await recordAudit(trx, database.dialect, {
        actor,
        action: 'procedure.create',
        entityType: 'procedure',
        entityId: procedure.id,
        after: { procedure, version },
      });
      return procedure.id;
    });
    clearReferenceCaches();
    return (await findProcedure(database.db, id))!;
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new AppError(
        409,
        'DUPLICATE_CODE',
        { vi: 'Mã thủ tục đã tồn tại', en: 'Procedure code already exists' },
        [{ field: 'code', message: { vi: 'Mã đã được dùng', en: 'Code already in use' } }],
      );
    }
    throw error;
  }
}

/**
 * Publishes a new version. Earlier versions stay as they were: dossiers received under them keep
 * pointing at them. The open-ended version in force before the new one's first day ends the day
 * before it (its level and agency kind written out, so routing of earlier dates keeps them).
 */
export async function addProcedureVersion(
  database: Database,
  actor: Actor,
  procedureId: string,
  input: VersionInput,
) {
  await inTransaction(database, (trx) => insertProcedureVersion(trx, database, actor, procedureId, input));
  clearReferenceCaches();
  return (await findProcedure(database.db, procedureId))!;
}

/** `addProcedureVersion` inside a transaction (the demo seeder passes `actor` null). */
export async function insertProcedureVersion(
  trx: Executor,
  database: Database,
  actor: Actor | null,
  procedureId: string,
  input: VersionInput,
) {
  checkVersionDates(input);
  {
    const p = await trx.selectFrom('procedures').selectAll().where('id', '=', procedureId).executeTakeFirst();
    if (!p) throw notFound({ vi: 'thủ tục', en: 'Procedure' });
    if (actor) authorizeNational(actor, Permission.CatalogWrite);
    const next = p.current_version + 1;
    const competence = { level: p.level, agencyKind: p.agency_kind };
    // Versions written before competence moved to the version carry the procedure's.
    await trx
      .updateTable('procedure_versions')
      .set({ level: p.level })
      .where('procedure_id', '=', procedureId)
      .where('level', 'is', null)
      .execute();
    await trx
      .updateTable('procedure_versions')
      .set({ agency_kind: p.agency_kind })
      .where('procedure_id', '=', procedureId)
      .where('agency_kind', 'is', null)
      .execute();
    await trx
      .updateTable('procedure_versions')
      .set({ valid_to: dayBefore(input.validFrom) })
      .where('procedure_id', '=', procedureId)
      .where('valid_to', 'is', null)
      .where('valid_from', '<', input.validFrom)
      .execute();
    const version = versionRow(procedureId, next, input, actor, competence);
    await trx.insertInto('procedure_versions').values(version).execute();
    await trx
      .updateTable('procedures')
      .set({
        level: version.level as 'commune' | 'district' | 'province',
        agency_kind: version.agency_kind,
        current_version: next,
        name: nfc(input.name),
        name_key: searchKey(input.name),
        search_text: procedureSearchText({
          code: p.code,
          name: input.name,
          field_name: p.field_name,
          result_type: input.resultType,
        }),
        updated_at: nowIso(),
      })
      .where('id', '=', procedureId)
      .execute();
    await recordAudit(trx, database.dialect, {
      actor,
      action: 'procedure.version.create',
      entityType: 'procedure',
      entityId: procedureId,
      before: { current_version: p.current_version, level: p.level, agency_kind: p.agency_kind },
      after: version,
    });
  }
}

export async function setProcedureActive(
  database: Database,
  actor: Actor,
  procedureId: string,
  active: boolean,
) {
  await inTransaction(database, async (trx) => {
    const p = await trx.selectFrom('procedures').selectAll().where('id', '=', procedureId).executeTakeFirst();
    if (!p) throw notFound({ vi: 'thủ tục', en: 'Procedure' });
    authorizeNational(actor, Permission.CatalogWrite);
    await trx
      .updateTable('procedures')
      .set({ active: toFlag(active), updated_at: nowIso() })
      .where('id', '=', procedureId)
      .execute();
    await recordAudit(trx, database.dialect, {
      actor,
      action: 'procedure.update',
      entityType: 'procedure',
      entityId: procedureId,
      before: { active: p.active },
      after: { active: toFlag(active) },
    });
  });
  clearReferenceCaches();
  return (await findProcedure(database.db, procedureId))!;
}
