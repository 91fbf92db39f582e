import { searchKey, validateAgencyCode, vnDate } from '@motcua/core';
import { recordAudit } from '../../audit/audit.ts';
import { clearGrantsCache } from '../../auth/sessions.ts';
import type { Database } from '../../db/database.ts';
import { inTransaction, isUniqueViolation, newId, nowIso, toFlag, toJson } from '../../db/helpers.ts';
import { clearReferenceCaches } from '../../db/reference-cache.ts';
import { AppError, invalidField, notFound } from '../../errors.ts';
import { type Actor, authorize } from '../../policy/policy.ts';
import { Permission } from '../../policy/roles.ts';
import { findAgency, findServicePoint, findUnit, type ServicePoint } from './repository.ts';
import { assertUnitInForce } from './validity.ts';

const AGENCY = { vi: 'cơ quan', en: 'Agency' };
const SITE = { vi: 'điểm tiếp nhận', en: 'Service point' };

function duplicateCode(field: string) {
  return new AppError(409, 'DUPLICATE_CODE', { vi: 'Mã này đã tồn tại', en: 'This code already exists' }, [
    { field, message: { vi: 'Mã đã được dùng', en: 'Code already in use' } },
  ]);
}

interface Validity {
  validFrom?: string | null;
  validTo?: string | null;
  successorId?: string | null;
}

/** Checks a validity range (from ≤ to) and names the field at fault. */
function checkValidity(input: Validity) {
  if (input.validFrom && input.validTo && input.validTo < input.validFrom) {
    throw invalidField('validTo', {
      vi: 'Ngày kết thúc phải sau ngày bắt đầu hiệu lực',
      en: 'The end date must not be before the start date',
    });
  }
}

function validityRow(input: Validity) {
  return {
    ...(input.validFrom !== undefined ? { valid_from: input.validFrom } : {}),
    ...(input.validTo !== undefined ? { valid_to: input.validTo } : {}),
    ...(input.successorId !== undefined ? { successor_id: input.successorId } : {}),
  };
}

async function checkSuccessor(
  trx: Parameters<Parameters<typeof inTransaction>[1]>[0],
  table: 'agencies' | 'service_points',
  id: string | null,
  successorId: string | null | undefined,
) {
  if (!successorId) return;
  const found = await trx.selectFrom(table).select('id').where('id', '=', successorId).executeTakeFirst();
  if (!found || successorId === id) {
    throw invalidField('successorId', {
      vi: 'Đơn vị kế thừa không tồn tại',
      en: 'No such successor',
    });
  }
}

/**
 * The agency identifier must be one a dossier code can carry (QCVN 102:2016/BTTTT, checked by the
 * same function that prints dossier codes): `000.41.00.H19` has the right shape but a level-3 code
 * under an unused level 2, so it is refused here rather than failing every intake later.
 */
export function checkAgencyCode(code: string): string {
  const result = validateAgencyCode(code);
  if (!result.ok) throw invalidField('code', result.reason);
  return result.value.code;
}

export async function createAgency(
  database: Database,
  actor: Actor,
  input: { code: string; name: string; kind: string; unitId: string } & Validity,
) {
  const id = newId();
  const code = checkAgencyCode(input.code);
  checkValidity(input);
  try {
    await inTransaction(database, async (trx) => {
      if (!(await findUnit(trx, input.unitId))) {
        throw invalidField('unitId', {
          vi: 'Không có đơn vị hành chính này',
          en: 'No such administrative unit',
        });
      }
      // The new agency belongs to its unit: only within the administrator's units.
      authorize(actor, Permission.OrgWrite, { unitIds: [input.unitId] });
      // A new agency is set up in a unit in force on the day it starts (not in an abolished one).
      await assertUnitInForce(trx, input.unitId, input.validFrom ?? vnDate(new Date()), 'unitId');
      await checkSuccessor(trx, 'agencies', null, input.successorId);
      const now = nowIso();
      const row = {
        id,
        code,
        name: input.name.normalize('NFC').trim(),
        name_key: searchKey(input.name),
        kind: input.kind,
        unit_id: input.unitId,
        active: 1,
        ...validityRow(input),
        created_at: now,
        updated_at: now,
      };
      await trx.insertInto('agencies').values(row).execute();
      await recordAudit(trx, database.dialect, {
        actor,
        action: 'agency.create',
        entityType: 'agency',
        entityId: id,
        after: row,
      });
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw duplicateCode('code');
    throw error;
  }
  clearGrantsCache();
  clearReferenceCaches();
  return (await findAgency(database.db, id))!;
}

export async function updateAgency(
  database: Database,
  actor: Actor,
  id: string,
  input: { name?: string; kind?: string; active?: boolean } & Validity,
) {
  await inTransaction(database, async (trx) => {
    const before = await trx.selectFrom('agencies').selectAll().where('id', '=', id).executeTakeFirst();
    if (!before) throw notFound(AGENCY);
    checkValidity({
      validFrom: input.validFrom !== undefined ? input.validFrom : before.valid_from,
      validTo: input.validTo !== undefined ? input.validTo : before.valid_to,
    });
    await checkSuccessor(trx, 'agencies', id, input.successorId);
    const changes = {
      ...validityRow(input),
      ...(input.name !== undefined
        ? { name: input.name.normalize('NFC').trim(), name_key: searchKey(input.name) }
        : {}),
      ...(input.kind !== undefined ? { kind: input.kind } : {}),
      ...(input.active !== undefined ? { active: toFlag(input.active) } : {}),
      updated_at: nowIso(),
    };
    await trx.updateTable('agencies').set(changes).where('id', '=', id).execute();
    await recordAudit(trx, database.dialect, {
      actor,
      action: 'agency.update',
      entityType: 'agency',
      entityId: id,
      before,
      after: { ...before, ...changes },
    });
  });
  clearGrantsCache();
  clearReferenceCaches();
  return (await findAgency(database.db, id))!;
}

type ServicePointInput = Omit<
  ServicePoint,
  'id' | 'unitName' | 'agencyName' | 'active' | 'validFrom' | 'validTo' | 'successorId' | 'withinDayCutoff'
> &
  Validity & {
    withinDayCutoff?: string | null;
  };

function servicePointRow(input: Partial<ServicePointInput> & { active?: boolean }) {
  const row: Record<string, unknown> = {};
  if (input.name !== undefined) {
    row.name = input.name.normalize('NFC').trim();
    row.name_key = searchKey(input.name);
  }
  if (input.kind !== undefined) row.kind = input.kind;
  if (input.hostType !== undefined) row.host_type = input.hostType;
  if (input.unitId !== undefined) row.unit_id = input.unitId;
  if (input.agencyId !== undefined) row.agency_id = input.agencyId;
  if (input.address !== undefined) row.address = input.address.normalize('NFC').trim();
  if (input.counters !== undefined) row.counters = input.counters;
  if (input.openingHours !== undefined) row.opening_hours = toJson(input.openingHours);
  if (input.withinDayCutoff !== undefined) row.within_day_cutoff = input.withinDayCutoff;
  if (input.receivesDossiers !== undefined) row.receives_dossiers = toFlag(input.receivesDossiers);
  if (input.returnsResults !== undefined) row.returns_results = toFlag(input.returnsResults);
  if (input.paysBenefits !== undefined) row.pays_benefits = toFlag(input.paysBenefits);
  if (input.collectsMoney !== undefined) row.collects_money = toFlag(input.collectsMoney);
  if (input.pilot !== undefined) row.pilot = toFlag(input.pilot);
  if (input.rolloutPhase !== undefined) row.rollout_phase = input.rolloutPhase;
  if (input.moveDate !== undefined) row.move_date = input.moveDate;
  if (input.notes !== undefined) row.notes = input.notes;
  if (input.active !== undefined) row.active = toFlag(input.active);
  Object.assign(row, validityRow(input));
  return row;
}

function checkSessions(hours: { start: string; end: string }[] | undefined) {
  if (!hours) return;
  let previousEnd = '00:00';
  for (const [i, s] of hours.entries()) {
    if (s.start >= s.end || s.start < previousEnd) {
      throw invalidField(`openingHours.${i}`, {
        vi: 'Giờ làm việc phải tăng dần và giờ bắt đầu trước giờ kết thúc',
        en: 'Sessions must be in order, each starting before it ends',
      });
    }
    previousEnd = s.end;
  }
}

/**
 * The unit and agency a service point is put in must exist and be within the administrator's reach
 * (a site cannot be created in, or moved to, another province, nor attached to its agency).
 */
async function checkReferences(
  trx: Parameters<Parameters<typeof inTransaction>[1]>[0],
  actor: Actor,
  input: { unitId?: string; agencyId?: string | null },
) {
  if (input.unitId !== undefined && !(await findUnit(trx, input.unitId))) {
    throw invalidField('unitId', { vi: 'Không có đơn vị hành chính này', en: 'No such administrative unit' });
  }
  if (
    input.agencyId &&
    !(await trx.selectFrom('agencies').select('id').where('id', '=', input.agencyId).executeTakeFirst())
  ) {
    throw invalidField('agencyId', { vi: 'Không có cơ quan này', en: 'No such agency' });
  }
  authorizePlace(actor, input);
}

/** Checked first, before anything about the request is judged (a unit unknown is out of reach too). */
function authorizePlace(actor: Actor, input: { unitId?: string; agencyId?: string | null }) {
  if (input.unitId !== undefined) authorize(actor, Permission.OrgWrite, { unitIds: [input.unitId] });
  if (input.agencyId) authorize(actor, Permission.OrgWrite, { agencyIds: [input.agencyId] });
}

export async function createServicePoint(
  database: Database,
  actor: Actor,
  input: ServicePointInput & { code: string },
) {
  authorizePlace(actor, input);
  checkSessions(input.openingHours);
  checkValidity(input);
  const id = newId();
  try {
    await inTransaction(database, async (trx) => {
      await checkReferences(trx, actor, input);
      await assertUnitInForce(trx, input.unitId, input.validFrom ?? vnDate(new Date()), 'unitId');
      await checkSuccessor(trx, 'service_points', null, input.successorId);
      const now = nowIso();
      const row = {
        id,
        code: input.code,
        ...servicePointRow(input),
        active: 1,
        created_at: now,
        updated_at: now,
      } as never;
      await trx.insertInto('service_points').values(row).execute();
      await recordAudit(trx, database.dialect, {
        actor,
        action: 'service_point.create',
        entityType: 'service_point',
        entityId: id,
        after: row,
      });
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw duplicateCode('code');
    throw error;
  }
  clearGrantsCache();
  clearReferenceCaches();
  return (await findServicePoint(database.db, id))!;
}

export async function updateServicePoint(
  database: Database,
  actor: Actor,
  id: string,
  input: Partial<ServicePointInput> & { active?: boolean },
) {
  authorizePlace(actor, input);
  checkSessions(input.openingHours);
  await inTransaction(database, async (trx) => {
    const before = await trx.selectFrom('service_points').selectAll().where('id', '=', id).executeTakeFirst();
    if (!before) throw notFound(SITE);
    await checkReferences(trx, actor, input);
    checkValidity({
      validFrom: input.validFrom !== undefined ? input.validFrom : before.valid_from,
      validTo: input.validTo !== undefined ? input.validTo : before.valid_to,
    });
    await checkSuccessor(trx, 'service_points', id, input.successorId);
    // Moving a site to another unit: to one in force today (a re-attachment to the 2025 commune).
    if (input.unitId !== undefined && input.unitId !== before.unit_id) {
      await assertUnitInForce(trx, input.unitId, vnDate(new Date()), 'unitId');
    }
    const changes = { ...servicePointRow(input), updated_at: nowIso() };
    await trx.updateTable('service_points').set(changes).where('id', '=', id).execute();
    await recordAudit(trx, database.dialect, {
      actor,
      action: 'service_point.update',
      entityType: 'service_point',
      entityId: id,
      siteId: id,
      before,
      after: { ...before, ...changes },
    });
  });
  clearGrantsCache();
  clearReferenceCaches();
  return (await findServicePoint(database.db, id))!;
}
