/**
 * Postal shipments (bưu gửi) of the public postal service for administrative procedures
 * (QĐ 45/2016/QĐ-TTg; TT 17/2017/TT-BTTTT): each has a UPU S10 item number and a tracking timeline;
 * its status is derived from the events, like a dossier's.
 */
import { addWorkingDays } from '../calendar/deadlines.ts';
import type { WorkCalendar } from '../calendar/work-calendar.ts';

export const ShipmentKind = {
  /** Thu gom hồ sơ tại nhà: the courier picks a dossier up at the applicant's address. */
  Pickup: 'pickup',
  /** A handover batch carried between a post office and an agency. */
  Batch: 'batch',
  /** Chuyển phát kết quả: the result delivered to the applicant. */
  ResultDelivery: 'result_delivery',
  /** Chuyển trả giấy tờ tạm giữ: papers returned after a fine is paid. */
  PapersReturn: 'papers_return',
} as const;
export type ShipmentKind = (typeof ShipmentKind)[keyof typeof ShipmentKind];

export const TrackingEvent = {
  Accepted: 'accepted',
  InTransit: 'in_transit',
  ArrivedAtOffice: 'arrived_at_office',
  OutForDelivery: 'out_for_delivery',
  Delivered: 'delivered',
  FailedAttempt: 'failed_attempt',
  ReturnedToSender: 'returned_to_sender',
  HeldForPickup: 'held_for_pickup',
  AddressChanged: 'address_changed',
} as const;
export type TrackingEvent = (typeof TrackingEvent)[keyof typeof TrackingEvent];

export const TRACKING_LABELS: Record<TrackingEvent, { vi: string; en: string }> = {
  accepted: { vi: 'Bưu điện đã nhận bưu gửi', en: 'Accepted by the post office' },
  in_transit: { vi: 'Đang vận chuyển', en: 'In transit' },
  arrived_at_office: { vi: 'Đã đến bưu cục phát', en: 'Arrived at the delivery office' },
  out_for_delivery: { vi: 'Bưu tá đang đi phát', en: 'Out for delivery' },
  delivered: { vi: 'Đã phát thành công', en: 'Delivered' },
  failed_attempt: { vi: 'Phát không thành công', en: 'Delivery attempt failed' },
  returned_to_sender: { vi: 'Chuyển hoàn về nơi gửi', en: 'Returned to sender' },
  held_for_pickup: { vi: 'Lưu tại bưu cục chờ người dân đến nhận', en: 'Held at the office for collection' },
  address_changed: { vi: 'Người dân đổi địa chỉ nhận', en: 'Delivery address changed' },
};

export type ShipmentStatus =
  | 'accepted'
  | 'in_transit'
  | 'at_office'
  | 'out_for_delivery'
  | 'attempt_failed'
  | 'delivered'
  | 'returned'
  | 'held';

export const SHIPMENT_STATUS_LABELS: Record<ShipmentStatus, { vi: string; en: string }> = {
  accepted: { vi: 'Đã nhận gửi', en: 'Accepted' },
  in_transit: { vi: 'Đang vận chuyển', en: 'In transit' },
  at_office: { vi: 'Tại bưu cục phát', en: 'At the delivery office' },
  out_for_delivery: { vi: 'Đang phát', en: 'Out for delivery' },
  attempt_failed: { vi: 'Phát chưa thành công, chờ phát lại', en: 'Attempt failed, awaiting retry' },
  delivered: { vi: 'Đã phát', en: 'Delivered' },
  returned: { vi: 'Đã chuyển hoàn', en: 'Returned to sender' },
  held: { vi: 'Lưu tại bưu cục', en: 'Held for collection' },
};

export interface TrackingRecord {
  type: TrackingEvent;
  at: string;
  payload?: Record<string, unknown>;
}

export interface ShipmentState {
  status: ShipmentStatus;
  attempts: number;
  /** Earliest working day for the next attempt after a failed one (YYYY-MM-DD), else null. */
  nextAttemptOn: string | null;
  deliveredAt: string | null;
  /** Delivered, returned or held: no more movement. */
  closed: boolean;
  /** Before the first leg leaves the office the applicant may still change the address. */
  dispatched: boolean;
}

/** Minimum failed attempts before a result goes back (QĐ 45/2016: at least two, 2 working days apart). */
export const MIN_ATTEMPTS = 2;
export const DAYS_BETWEEN_ATTEMPTS = 2;

export class ShipmentRuleError extends Error {
  readonly code: string;
  readonly messageVi: string;
  constructor(code: string, vi: string, en: string) {
    super(en);
    this.code = code;
    this.messageVi = vi;
  }
}

const initial = (): ShipmentState => ({
  status: 'accepted',
  attempts: 0,
  nextAttemptOn: null,
  deliveredAt: null,
  closed: false,
  dispatched: false,
});

/** Why an event cannot be recorded now, or null. `date` is the event's Vietnam-time day. */
export function trackingProblem(
  state: ShipmentState,
  event: TrackingRecord,
  date: string,
): { code: string; vi: string; en: string } | null {
  if (state.closed) {
    return state.status === 'delivered'
      ? { code: 'ALREADY_DELIVERED', vi: 'Bưu gửi đã được phát', en: 'The item was already delivered' }
      : { code: 'SHIPMENT_CLOSED', vi: 'Bưu gửi đã kết thúc hành trình', en: 'The item’s journey is over' };
  }
  switch (event.type) {
    case 'accepted':
      return { code: 'ALREADY_ACCEPTED', vi: 'Bưu gửi đã được nhận gửi', en: 'Already accepted' };
    case 'address_changed':
      return state.dispatched
        ? {
            code: 'ALREADY_DISPATCHED',
            vi: 'Bưu gửi đã được chuyển đi, không đổi được địa chỉ',
            en: 'Already dispatched: the address can no longer change',
          }
        : null;
    case 'delivered':
    case 'failed_attempt':
      if (state.nextAttemptOn && date < state.nextAttemptOn) {
        return {
          code: 'ATTEMPT_TOO_EARLY',
          vi: `Lần phát lại sớm nhất là ngày ${state.nextAttemptOn.split('-').reverse().join('/')}`,
          en: `The next attempt may be made from ${state.nextAttemptOn}`,
        };
      }
      return null;
    case 'returned_to_sender':
    case 'held_for_pickup':
      return state.attempts < MIN_ATTEMPTS
        ? {
            code: 'NOT_ENOUGH_ATTEMPTS',
            vi: `Phải phát ít nhất ${MIN_ATTEMPTS} lần trước khi chuyển hoàn hoặc lưu bưu cục`,
            en: `At least ${MIN_ATTEMPTS} attempts are needed before returning or holding the item`,
          }
        : null;
    default:
      return null;
  }
}

/** Applies one event (already checked). */
export function applyTracking(
  calendar: WorkCalendar,
  state: ShipmentState,
  event: TrackingRecord,
  date: string,
): ShipmentState {
  const s = { ...state };
  switch (event.type) {
    case 'accepted':
      s.status = 'accepted';
      break;
    case 'in_transit':
      s.status = 'in_transit';
      s.dispatched = true;
      break;
    case 'arrived_at_office':
      s.status = 'at_office';
      s.dispatched = true;
      break;
    case 'out_for_delivery':
      s.status = 'out_for_delivery';
      s.dispatched = true;
      break;
    case 'delivered':
      s.status = 'delivered';
      s.deliveredAt = event.at;
      s.closed = true;
      s.dispatched = true;
      break;
    case 'failed_attempt':
      s.status = 'attempt_failed';
      s.attempts += 1;
      s.dispatched = true;
      s.nextAttemptOn = addWorkingDays(calendar, date, DAYS_BETWEEN_ATTEMPTS);
      break;
    case 'returned_to_sender':
      s.status = 'returned';
      s.closed = true;
      break;
    case 'held_for_pickup':
      s.status = 'held';
      s.closed = true;
      break;
    case 'address_changed':
      break;
  }
  return s;
}

/** Folds a tracking timeline; the first event must be `accepted`. */
export function deriveShipment(
  calendar: WorkCalendar,
  events: readonly TrackingRecord[],
  dayOf: (iso: string) => string,
): ShipmentState {
  const [first, ...rest] = events;
  if (first?.type !== 'accepted') {
    throw new ShipmentRuleError(
      'NO_ACCEPTANCE',
      'Bưu gửi phải bắt đầu bằng nhận gửi',
      'A shipment starts when accepted',
    );
  }
  let state = initial();
  for (const event of rest) {
    const problem = trackingProblem(state, event, dayOf(event.at));
    if (problem) throw new ShipmentRuleError(problem.code, problem.vi, problem.en);
    state = applyTracking(calendar, state, event, dayOf(event.at));
  }
  return state;
}

export type Zone = 'same_district' | 'same_province' | 'inter_province';

/** The tariff zone between two places (the same split as the J+n targets). */
export function zoneOf(
  from: { districtId: string | null; provinceId: string },
  to: { districtId: string | null; provinceId: string },
): Zone {
  if (from.provinceId !== to.provinceId) return 'inter_province';
  if (from.districtId && from.districtId === to.districtId) return 'same_district';
  return 'same_province';
}

export interface TariffRow {
  service: ShipmentKind;
  zone: Zone;
  /** Upper weight bound in grams, inclusive. */
  maxWeightGrams: number;
  /** Integer đồng. */
  price: number;
}

/**
 * The postage of an item: the cheapest row of its service and zone whose weight bound covers it;
 * heavier than every row → the heaviest row plus its price for each further started 500 g.
 */
export function postageFor(
  tariff: readonly TariffRow[],
  input: { service: ShipmentKind; zone: Zone; weightGrams: number },
): number {
  if (!Number.isInteger(input.weightGrams) || input.weightGrams <= 0) {
    throw new ShipmentRuleError(
      'INVALID_WEIGHT',
      'Khối lượng phải là số gam nguyên dương',
      'Weight must be a positive whole number of grams',
    );
  }
  const rows = tariff
    .filter((r) => r.service === input.service && r.zone === input.zone)
    .sort((a, b) => a.maxWeightGrams - b.maxWeightGrams);
  if (rows.length === 0) {
    throw new ShipmentRuleError(
      'NO_TARIFF',
      'Chưa có bảng cước cho dịch vụ và vùng này',
      'No tariff for this service and zone',
    );
  }
  const fit = rows.find((r) => input.weightGrams <= r.maxWeightGrams);
  if (fit) return fit.price;
  const last = rows.at(-1)!;
  const extraSteps = Math.ceil((input.weightGrams - last.maxWeightGrams) / 500);
  const step = rows.length > 1 ? last.price - rows.at(-2)!.price : last.price;
  return last.price + extraSteps * Math.max(step, 0);
}
