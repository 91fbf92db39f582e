import { type CalendarEntry, createWorkCalendar, type Session, type WorkCalendar } from '@motcua/core';
import { recordAudit } from '../../audit/audit.ts';
import type { Database, Executor } from '../../db/database.ts';
import { inTransaction, newId, nowIso } from '../../db/helpers.ts';
import { invalidField } from '../../http/errors.ts';
import type { Actor } from '../../policy/policy.ts';

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
    byDate.set(r.date, {
      date: r.date,
      kind: r.kind,
      reason: r.reason,
      ...(r.source ? { source: r.source } : {}),
    });
  }
  return [...byDate.values()];
}

const cache = new Map<string, { at: number; calendar: WorkCalendar }>();
const CACHE_MS = 30_000;

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
  const hit = cache.get(key);
  if (hit && Date.now() - hit.at < CACHE_MS) return hit.calendar;
  // Inside a transaction the caller passes it: on SQLite the single connection is held by the
  // transaction, and a query on `database.db` would wait for it forever.
  const entries = await loadOverrides(options.executor ?? database.db, options.provinceUnitId);
  const calendar = createWorkCalendar({
    entries,
    ...(options.sessions ? { sessions: options.sessions } : {}),
  });
  cache.set(key, { at: Date.now(), calendar });
  return calendar;
}

export function clearCalendarCache(): void {
  cache.clear();
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

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
    if (!ISO_DATE.test(e.date) || Number.isNaN(Date.parse(`${e.date}T00:00:00Z`))) {
      throw invalidField(`entries.${i}.date`, {
        vi: 'Ngày phải có dạng YYYY-MM-DD',
        en: 'Date must be YYYY-MM-DD',
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
    for (const e of entries) {
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
