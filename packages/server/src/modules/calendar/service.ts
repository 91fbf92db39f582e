import { type CalendarEntry, createWorkCalendar, type Session, type WorkCalendar } from '@motcua/core';
import { recordAudit } from '../../audit/audit.ts';
import { Kept } from '../../cache.ts';
import type { Database, Executor } from '../../db/database.ts';
import { inTransaction, newId, nowIso } from '../../db/helpers.ts';
import { invalidField, notFound } from '../../errors.ts';
import { FIRST_YEAR, isApiDate, LAST_YEAR } from '../../http/formats.ts';
import { type Actor, authorize, authorizeNational } from '../../policy/policy.ts';
import { Permission } from '../../policy/roles.ts';

/** Administrator overrides (whole country and, when given, one province's own days). */
export async function loadOverrides(db: Executor, unitId?: string | null): Promise<CalendarEntry[]> {
  let query = db
    .selectFrom('calendar_overrides')
    .select(['date', 'kind', 'reason', 'source', 'unit_id', 'created_at']);
  query = unitId
    ? query.where((eb) => eb.or([eb('unit_id', 'is', null), eb('unit_id', '=', unitId)]))
    : query.where('unit_id', 'is', null);
  const rows = await query.orderBy('created_at').execute();
  // Later rows win for the same date: province-specific after national because of created order.
  const byDate = new Map<string, CalendarEntry>();
  for (const r of rows) {
    // A row the API refuses today (an impossible date written before dates were checked, or edited
    // in the database) is left out rather than stop every intake; the administrator sees it marked
    // in GET /calendar/overrides and deletes it.
    if (!isApiDate(r.date) || (r.kind !== 'off' && r.kind !== 'work')) {
      warnOnce(r.date, r.kind);
      continue;
    }
    byDate.set(r.date, {
      date: r.date,
      kind: r.kind,
      reason: r.reason,
      ...(r.source ? { source: r.source } : {}),
    });
  }
  return [...byDate.values()];
}

const warned = new Set<string>();
function warnOnce(date: string, kind: string): void {
  const key = `${date}|${kind}`;
  if (warned.has(key)) return;
  warned.add(key);
  console.error(
    `motcua: calendar override ${JSON.stringify(date)} (${kind}) is not a valid day and is ignored; delete it (DELETE /api/v1/calendar/overrides/{id})`,
  );
}

const cache = new Kept<WorkCalendar>({ max: 500, ttlMs: 30_000 });

/**
 * The working calendar for a site: shipped schedules, computed defaults and the administrator's
 * overrides, with the site's sessions. Cached briefly per process; writes clear the cache (other
 * processes see a change within 30 s).
 */
export async function workCalendarFor(
  database: Database,
  options: { sessions?: Session[]; provinceUnitId?: string | null; executor?: Executor } = {},
): Promise<WorkCalendar> {
  const key = `${database.url}|${options.provinceUnitId ?? ''}|${JSON.stringify(options.sessions ?? null)}`;
  const load = async () =>
    createWorkCalendar({
      entries: await loadOverrides(options.executor ?? database.db, options.provinceUnitId),
      ...(options.sessions ? { sessions: options.sessions } : {}),
    });
  // Inside a transaction the caller passes it: on SQLite the single connection is held by the
  // transaction, and a query on `database.db` would wait for it forever; nor may such a load be shared.
  const calendar = options.executor ? await cache.getAlone(key, load) : await cache.get(key, load);
  return calendar;
}

export function clearCalendarCache(): void {
  cache.clear();
}

/** Adds overrides (one transaction, audited); used by the API and `motcua calendar import`. */
export async function addOverrides(
  database: Database,
  actor: Actor | null,
  entries: {
    date: string;
    kind: 'off' | 'work';
    reason: string;
    source?: string | null;
    unitId?: string | null;
  }[],
): Promise<number> {
  for (const [i, e] of entries.entries()) {
    if (!isApiDate(e.date)) {
      throw invalidField(`entries.${i}.date`, {
        vi: `Ngày không tồn tại hoặc sai dạng YYYY-MM-DD (năm ${FIRST_YEAR}–${LAST_YEAR})`,
        en: `Not a day that exists, or not YYYY-MM-DD (years ${FIRST_YEAR}–${LAST_YEAR})`,
      });
    }
    if (e.kind !== 'off' && e.kind !== 'work') {
      throw invalidField(`entries.${i}.kind`, {
        vi: 'Loại ngày phải là off hoặc work',
        en: 'Kind must be off or work',
      });
    }
    if (!e.reason.trim()) {
      throw invalidField(`entries.${i}.reason`, { vi: 'Cần ghi lý do', en: 'A reason is required' });
    }
  }
  await inTransaction(database, async (trx) => {
    for (const [i, e] of entries.entries()) {
      if (e.unitId) {
        const unit = await trx
          .selectFrom('admin_units')
          .select('id')
          .where('id', '=', e.unitId)
          .executeTakeFirst();
        if (!unit) {
          throw invalidField(`entries.${i}.unitId`, {
            vi: 'Không có đơn vị hành chính này',
            en: 'No such administrative unit',
          });
        }
      }
      // A day of one province (or below) only for an administrator reaching that unit; a national day
      // (no unit) only for one holding the role everywhere (docs/security.md). No actor: the command
      // line, run by the operator.
      if (actor && e.unitId) authorize(actor, Permission.CalendarWrite, { unitIds: [e.unitId] });
      else if (actor) authorizeNational(actor, Permission.CalendarWrite);
      const row = {
        id: newId(),
        date: e.date,
        kind: e.kind,
        reason: e.reason.normalize('NFC').trim(),
        source: e.source ?? null,
        unit_id: e.unitId ?? null,
        created_at: nowIso(),
        created_by: actor?.userId ?? null,
      };
      await trx.insertInto('calendar_overrides').values(row).execute();
      await recordAudit(trx, database.dialect, {
        actor,
        action: 'calendar.override.create',
        entityType: 'calendar_override',
        entityId: row.id,
        after: row,
      });
    }
  });
  clearCalendarCache();
  return entries.length;
}

export interface OverrideView {
  id: string;
  date: string;
  kind: string;
  reason: string;
  source: string | null;
  unitId: string | null;
  createdAt: string;
  /** False for a row the calendar ignores (an impossible date written before dates were checked). */
  valid: boolean;
}

/**
 * The overrides (of one year, by the text of their date, when given), impossible dates included so
 * they can be found and deleted.
 */
export async function listOverrides(database: Database, year?: number): Promise<OverrideView[]> {
  let query = database.db.selectFrom('calendar_overrides').selectAll();
  if (year !== undefined) query = query.where('date', 'like', `${year}-%`);
  const rows = await query.orderBy('date').orderBy('created_at').limit(5000).execute();
  return rows.map((r) => ({
    id: r.id,
    date: r.date,
    kind: r.kind,
    reason: r.reason,
    source: r.source,
    unitId: r.unit_id,
    createdAt: r.created_at,
    valid: isApiDate(r.date) && (r.kind === 'off' || r.kind === 'work'),
  }));
}

/** Deletes one override (audited with what it said); the calendar follows at once in this process. */
export async function deleteOverride(database: Database, actor: Actor | null, id: string): Promise<void> {
  await inTransaction(database, async (trx) => {
    const row = await trx
      .selectFrom('calendar_overrides')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row) throw notFound({ vi: 'ngày điều chỉnh lịch', en: 'Calendar override' });
    if (actor && row.unit_id) authorize(actor, Permission.CalendarWrite, { unitIds: [row.unit_id] });
    else if (actor) authorizeNational(actor, Permission.CalendarWrite);
    await trx.deleteFrom('calendar_overrides').where('id', '=', id).execute();
    await recordAudit(trx, database.dialect, {
      actor,
      action: 'calendar.override.delete',
      entityType: 'calendar_override',
      entityId: id,
      before: row,
    });
  });
  clearCalendarCache();
}
