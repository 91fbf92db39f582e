import {
  ACTION_LABELS,
  type ActionRecord,
  ALL_CRITERIA,
  CRITERION_LABELS,
  type DossierAction,
  deriveState,
  formatVnDateTime,
  initials,
  isRunningStatus,
  SHIPMENT_STATUS_LABELS,
  STATUS_LABELS,
  TRACKING_LABELS,
  type TrackingEvent,
  vnDate,
} from '@motcua/core';
import { Kept } from '../../cache.ts';
import type { Database } from '../../db/database.ts';
import { fromFlag } from '../../db/helpers.ts';
import { workCalendarFor } from '../calendar/service.ts';
import { toRecord } from '../dossiers/actions.ts';
import { type DossierRow, dossierActions, timeline } from '../dossiers/repository.ts';
import { clockFlags } from '../dossiers/views.ts';
import type { PublicDossierView } from './schema.ts';

type Bilingual = { vi: string; en: string };
const HOUR = 3600_000;

/** Notes are staff-only remarks: the citizen's timeline leaves them out. */
const HIDDEN_FROM_CITIZEN = new Set<string>(['note']);

async function placeNames(database: Database, siteIds: string[], agencyIds: string[]) {
  const sites = siteIds.length
    ? await database.db
        .selectFrom('service_points')
        .select(['id', 'name'])
        .where('id', 'in', siteIds)
        .execute()
    : [];
  const agencies = agencyIds.length
    ? await database.db.selectFrom('agencies').select(['id', 'name']).where('id', 'in', agencyIds).execute()
    : [];
  return {
    site: (id: string) => sites.find((s) => s.id === id)?.name ?? null,
    agency: (id: string) => agencies.find((a) => a.id === id)?.name ?? null,
  };
}

function location(
  d: DossierRow,
  names: Awaited<ReturnType<typeof placeNames>>,
): PublicDossierView['location'] {
  if (fromFlag(d.in_transit)) {
    return { kind: 'in_transit', name: null, label: { vi: 'Đang vận chuyển', en: 'In transit' } };
  }
  // Returned: the result is with the applicant (at the counter or at the door), no longer at the site
  // that last held it.
  if (d.status === 'returned') {
    return {
      kind: null,
      name: null,
      label: { vi: 'Đã trả cho người nộp hồ sơ', en: 'Returned to the applicant' },
    };
  }
  const name =
    d.location_kind === 'site' && d.location_id
      ? names.site(d.location_id)
      : d.location_kind === 'agency' && d.location_id
        ? names.agency(d.location_id)
        : null;
  if (!d.location_kind || !name) return { kind: null, name: null, label: { vi: '', en: '' } };
  return { kind: d.location_kind, name, label: { vi: `Tại ${name}`, en: `At ${name}` } };
}

function splitWorking(millis: number, perDay: number) {
  return { days: Math.floor(millis / perDay), hours: Math.floor((millis % perDay) / HOUR) };
}

function durationText(days: number, hours: number): Bilingual {
  const vi = [days > 0 ? `${days} ngày` : null, hours > 0 || days === 0 ? `${hours} giờ` : null]
    .filter(Boolean)
    .join(' ');
  const en = [
    days > 0 ? `${days} day${days > 1 ? 's' : ''}` : null,
    hours > 0 || days === 0 ? `${hours} h` : null,
  ]
    .filter(Boolean)
    .join(' ');
  return { vi: `${vi} làm việc`, en: `${en} of working time` };
}

async function clock(database: Database, d: DossierRow, now: Date): Promise<PublicDossierView['clock']> {
  const flags = await clockFlags(database, d, now);
  const running = isRunningStatus(d.status);
  const perDay = (await workCalendarFor(database)).workingMillisPerDay;
  const left = splitWorking(flags.leftMillis, perDay);
  const late = splitWorking(flags.overdueMillis, perDay);
  let text: Bilingual | null = null;
  if (d.status === 'awaiting_supplement') {
    text = {
      vi: 'Tạm dừng tính thời gian giải quyết trong khi chờ bổ sung hồ sơ',
      en: 'The clock is stopped while the supplement is awaited',
    };
  } else if (running && flags.overdue) {
    const t = durationText(late.days, late.hours);
    text = { vi: `Quá hạn ${t.vi}`, en: `Overdue by ${t.en}` };
  } else if (running) {
    const t = durationText(left.days, left.hours);
    text = { vi: `Còn ${t.vi}`, en: `${t.en} left` };
  }
  return {
    running,
    overdue: flags.overdue,
    nearingDue: flags.nearingDue,
    leftWorkingDays: left.days,
    leftWorkingHours: left.hours,
    overdueWorkingDays: late.days,
    overdueWorkingHours: late.hours,
    text,
  };
}

function result(d: DossierRow, names: Awaited<ReturnType<typeof placeNames>>): PublicDossierView['result'] {
  if (d.status !== 'result_ready' && d.status !== 'returned') return null;
  const returningSite = names.site(d.returning_site_id);
  const what = d.decision === 'refused' ? 'Văn bản trả lời' : 'Kết quả';
  const whatEn = d.decision === 'refused' ? 'The written answer' : 'The result';
  const base = {
    available: true,
    decision: d.decision,
    returnMethod: d.return_method,
    place: returningSite,
  };
  if (d.status === 'returned') {
    const text =
      d.return_method === 'postal'
        ? { vi: `${what} đã được chuyển phát qua bưu điện`, en: `${whatEn} was delivered by post` }
        : {
            vi: `${what} đã được trả tại ${returningSite ?? 'nơi trả kết quả'}`,
            en: `${whatEn} was handed over at ${returningSite ?? 'the returning site'}`,
          };
    return { ...base, returned: true, text };
  }
  const atReturningSite = !fromFlag(d.in_transit) && d.location_kind === 'site';
  if (!atReturningSite) {
    return {
      ...base,
      available: false,
      returned: false,
      text: {
        vi: `${what} đã có, đang được chuyển về ${returningSite ?? 'nơi trả kết quả'}`,
        en: `${whatEn} is ready and on its way to ${returningSite ?? 'the returning site'}`,
      },
    };
  }
  const text =
    d.return_method === 'postal'
      ? {
          vi: `${what} đã có, bưu điện sẽ chuyển phát đến địa chỉ ông/bà đã đăng ký`,
          en: `${whatEn} is ready and will be delivered by post`,
        }
      : {
          vi: `${what} đã có, mời nhận tại ${returningSite ?? 'nơi trả kết quả'}`,
          en: `${whatEn} is ready: please collect it at ${returningSite ?? 'the returning site'}`,
        };
  return { ...base, returned: false, text };
}

const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

/**
 * Why the appointment changed after the last supplement (NĐ 61/2018 Art. 19): the time limit was
 * counted again from the complete dossier's arrival, so the date may move either way.
 */
function supplementClock(
  d: DossierRow,
  actions: Awaited<ReturnType<typeof dossierActions>>,
): PublicDossierView['supplementClock'] {
  const index = actions.findLastIndex((a) => a.type === 'receive_supplement');
  if (index < 0) return null;
  const last = actions[index]!;
  const p = toRecord(last).payload ?? {};
  const handedInAt = str(p.handedInAt) ?? last.at;
  const previous = str(p.previousAppointmentAt);
  // Papers handed in at a post office: the appointment is counted again when the agency confirms
  // them (their real arrival); so the current appointment, unless an apology moved it since.
  const apologisedSince = actions.slice(index + 1).some((a) => a.type === 'apologise');
  const next = apologisedSince ? str(p.newAppointmentAt) : d.appointment_at;
  const moved = previous && next ? (next < previous ? 'earlier' : next > previous ? 'later' : 'same') : null;
  const day = vnDate(new Date(handedInAt)).split('-').reverse().join('/');
  const when = next ? formatVnDateTime(new Date(next)) : null;
  return {
    handedInAt,
    previousAppointmentAt: previous,
    newAppointmentAt: next,
    moved,
    text: {
      vi: `Đã nhận hồ sơ bổ sung ngày ${day}, thời hạn được tính lại${when ? `: hẹn trả kết quả mới ${when}` : ''}`,
      en: `Supplement received on ${day}: the time limit was counted again${when ? `; new appointment ${when}` : ''}`,
    },
  };
}

/**
 * The citizen's view of a dossier: what a person holding the receipt may know. Built field by field
 * (never by spreading the row) so that nothing personal slips in: initials instead of the name, names
 * of places instead of people, no phone, ID number or address.
 */
export async function publicView(
  database: Database,
  d: DossierRow,
  now = new Date(),
): Promise<PublicDossierView> {
  const actions = await dossierActions(database.db, d.id);
  const state = deriveState(actions.map(toRecord));
  const events = await timeline(database.db, d.id);
  const siteIds = [
    d.returning_site_id,
    ...(d.location_kind === 'site' && d.location_id ? [d.location_id] : []),
  ];
  const agencyIds = d.location_kind === 'agency' && d.location_id ? [d.location_id] : [];
  const names = await placeNames(database, siteIds, agencyIds);
  const lastApology = actions.filter((a) => a.type === 'apologise').at(-1);
  const apologyPayload = lastApology ? (toRecord(lastApology).payload ?? {}) : null;
  const canRate = d.status === 'returned' && !state.rated;
  return {
    code: d.code,
    lookupToken: d.lookup_token,
    procedureName: d.procedure_name,
    applicantInitials: initials(d.applicant_name),
    status: d.status,
    statusLabel: STATUS_LABELS[d.status],
    location: location(d, names),
    receivedAt: d.received_at,
    appointmentAt: d.appointment_at,
    originalAppointmentAt: d.original_appointment_at !== d.appointment_at ? d.original_appointment_at : null,
    clock: await clock(database, d, now),
    apology:
      lastApology && apologyPayload
        ? {
            at: lastApology.at,
            reason: str(apologyPayload.reason) ?? '',
            previousAppointmentAt: str(apologyPayload.previousAppointmentAt),
            newAppointmentAt: str(apologyPayload.newAppointmentAt),
          }
        : null,
    supplement: await supplementOf(database, d, actions.map(toRecord)),
    supplementClock: supplementClock(d, actions),
    result: result(d, names),
    timeline: events
      .filter((e) => !HIDDEN_FROM_CITIZEN.has(e.type))
      .map((e) => ({
        label: ACTION_LABELS[e.type as DossierAction]?.vi ?? e.type,
        labelEn: ACTION_LABELS[e.type as DossierAction]?.en ?? e.type,
        at: e.at,
        place: e.siteName ?? e.agencyName ?? null,
      })),
    delivery: await deliveryOf(database, d),
    canRate,
    rated: state.rated,
    // The criteria go with the form: a lookup before the return does not carry their labels.
    ratingCriteria: canRate
      ? ALL_CRITERIA.map((criterion) => ({ criterion, label: CRITERION_LABELS[criterion] }))
      : [],
  };
}

/** While the dossier awaits its supplement: the papers asked for, by when, and where to bring them. */
async function supplementOf(
  database: Database,
  d: DossierRow,
  records: ActionRecord[],
): Promise<PublicDossierView['supplement']> {
  if (d.status !== 'awaiting_supplement') return null;
  const request = records.filter((a) => a.type === 'request_supplement').at(-1);
  if (!request) return null;
  const p = request.payload ?? {};
  const items = Array.isArray(p.items) ? p.items.filter((i): i is string => typeof i === 'string') : [];
  const site = await database.db
    .selectFrom('service_points')
    .select(['name', 'address'])
    .where('id', '=', d.receiving_site_id)
    .executeTakeFirstOrThrow();
  const received = records.filter((a) => a.type === 'receive_supplement').at(-1);
  const handedInPlace = received?.siteId
    ? ((
        await database.db
          .selectFrom('service_points')
          .select('name')
          .where('id', '=', received.siteId)
          .executeTakeFirst()
      )?.name ?? null)
    : null;
  const dueDate = str(p.dueDate);
  const due = dueDate ? dueDate.split('-').reverse().join('/') : null;
  const text = received
    ? {
        vi: `Đã nhận giấy tờ bổ sung tại ${handedInPlace ?? site.name}; giấy tờ đang được chuyển đến cơ quan giải quyết. Thời hạn giải quyết được tính lại từ khi cơ quan nhận đủ hồ sơ.`,
        en: `The supplement was handed in at ${handedInPlace ?? site.name} and is on its way to the agency. The processing time starts again when the agency has the complete dossier.`,
      }
    : {
        vi: `Mời ông/bà mang ${items.length} giấy tờ dưới đây đến ${site.name} (${site.address})${due ? ` trước hết ngày ${due}` : ''}. Thời hạn giải quyết được tính lại từ khi cơ quan nhận đủ hồ sơ.`,
        en: `Please bring the ${items.length} paper${items.length > 1 ? 's' : ''} below to ${site.name} (${site.address})${due ? ` by ${due}` : ''}. The processing time starts again when the agency has the complete dossier.`,
      };
  return {
    requestedAt: request.at,
    items,
    reason: str(p.reason) ?? '',
    dueDate,
    place: { name: site.name, address: site.address },
    handedIn: received ? { at: received.at, place: handedInPlace } : null,
    text,
  };
}

/** The latest postal delivery of the result: its S10 number and tracking, without staff names. */
async function deliveryOf(database: Database, d: DossierRow) {
  const shipment = await database.db
    .selectFrom('shipments')
    .select(['id', 'item_number', 'status'])
    .where('dossier_id', '=', d.id)
    .where('kind', '=', 'result_delivery')
    .orderBy('accepted_at', 'desc')
    .executeTakeFirst();
  if (!shipment) return null;
  const events = await database.db
    .selectFrom('shipment_events')
    .select(['type', 'at', 'payload'])
    .where('shipment_id', '=', shipment.id)
    .orderBy('seq')
    .execute();
  const status = shipment.status as keyof typeof SHIPMENT_STATUS_LABELS;
  return {
    itemNumber: shipment.item_number,
    status: shipment.status,
    statusLabel: SHIPMENT_STATUS_LABELS[status] ?? { vi: shipment.status, en: shipment.status },
    canChange: shipment.status === 'accepted',
    events: events.map((e) => {
      const payload = JSON.parse(e.payload) as { reason?: string };
      const label = TRACKING_LABELS[e.type as TrackingEvent] ?? { vi: e.type, en: e.type };
      return { label, at: e.at, reason: e.type === 'failed_attempt' ? (payload.reason ?? null) : null };
    }),
  };
}

const viewCache = new Kept<string>({ max: 5000, ttlMs: 15_000 });
const viewKey = (database: Database, d: DossierRow) => `${database.url}|${d.id}|${d.updated_at}`;

/** The kept JSON of this dossier version's view, at once (no promise), or `undefined`. */
export const peekPublicJson = (database: Database, d: DossierRow): string | undefined =>
  viewCache.peek(viewKey(database, d));

/**
 * The public view as JSON text (`serialize` is the route's response serializer), kept for 15 s per
 * dossier version: a family refreshing the page, or a burst of lookups, costs neither the view's
 * queries nor its serialisation. The key holds the row's `updated_at`, so any step of the dossier
 * shows at once; only the wording of the time left and the postal tracking may lag by up to 15 s.
 */
export async function cachedPublicJson(
  database: Database,
  d: DossierRow,
  serialize: (view: PublicDossierView) => string,
  now = new Date(),
): Promise<string> {
  // Lookups of one dossier arriving while its view is being built wait for that one build.
  return viewCache.get(viewKey(database, d), async () => serialize(await publicView(database, d, now)));
}
