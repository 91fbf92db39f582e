import { searchKey } from '@motcua/core';
import { recordAudit } from '../../audit/audit.ts';
import { clearGrantsCache } from '../../auth/sessions.ts';
import type { Database } from '../../db/database.ts';
import { inTransaction, isUniqueViolation, newId, nowIso, toFlag, toJson } from '../../db/helpers.ts';
import { clearReferenceCaches } from '../../db/reference-cache.ts';
import { AppError, invalidField, notFound } from '../../http/errors.ts';
import type { Actor } from '../../policy/policy.ts';
import { findAgency, findServicePoint, findUnit, type ServicePoint } from './repository.ts';

const AGENCY = { vi: 'cơ quan', en: 'Agency' };
const SITE = { vi: 'điểm tiếp nhận', en: 'Service point' };

function duplicateCode(field: string) {
  return new AppError(409, 'DUPLICATE_CODE', { vi: 'Mã này đã tồn tại', en: 'This code already exists' }, [
    { field, message: { vi: 'Mã đã được dùng', en: 'Code already in use' } },
  ]);
}

export async function createAgency(
  database: Database,
  actor: Actor,
  input: { code: string; name: string; kind: string; unitId: string },
) {
  const id = newId();
  const code = input.code.toUpperCase();
  try {
    await inTransaction(database, async (trx) => {
      if (!(await findUnit(trx, input.unitId))) {
        throw invalidField('unitId', {
          vi: 'Không có đơn vị hành chính này',
          en: 'No such administrative unit',
        });
      }
      const now = nowIso();
      const row = {
        id,
        code,
        name: input.name.normalize('NFC').trim(),
        name_key: searchKey(input.name),
        kind: input.kind,
        unit_id: input.unitId,
        active: 1,
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
  input: { name?: string; kind?: string; active?: boolean },
) {
  await inTransaction(database, async (trx) => {
    const before = await trx.selectFrom('agencies').selectAll().where('id', '=', id).executeTakeFirst();
    if (!before) throw notFound(AGENCY);
    const changes = {
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
  'id' | 'unitName' | 'agencyName' | 'active' | 'withinDayCutoff'
> & {
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

async function checkReferences(
  trx: Parameters<Parameters<typeof inTransaction>[1]>[0],
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
}

export async function createServicePoint(
  database: Database,
  actor: Actor,
  input: ServicePointInput & { code: string },
) {
  checkSessions(input.openingHours);
  const id = newId();
  try {
    await inTransaction(database, async (trx) => {
      await checkReferences(trx, input);
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
  checkSessions(input.openingHours);
  await inTransaction(database, async (trx) => {
    const before = await trx.selectFrom('service_points').selectAll().where('id', '=', id).executeTakeFirst();
    if (!before) throw notFound(SITE);
    await checkReferences(trx, input);
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
