import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createWorkCalendar, vnDate } from '../src/calendar/index.ts';
import {
  deriveShipment,
  postageFor,
  type ShipmentRuleError,
  type TariffRow,
  type TrackingRecord,
  zoneOf,
} from '../src/postal/index.ts';

const cal = createWorkCalendar();
const day = (iso: string) => vnDate(new Date(iso));
const ev = (
  type: TrackingRecord['type'],
  iso: string,
  payload: Record<string, unknown> = {},
): TrackingRecord => ({
  type,
  at: new Date(iso).toISOString(),
  payload,
});
const accepted = ev('accepted', '2026-12-01T08:00:00+07:00');

describe('shipment tracking', () => {
  it('delivers after a failed attempt two working days later', () => {
    const events = [
      accepted,
      ev('out_for_delivery', '2026-12-01T09:00:00+07:00'),
      ev('failed_attempt', '2026-12-01T10:00:00+07:00', { reason: 'Vắng nhà' }),
      ev('out_for_delivery', '2026-12-03T08:00:00+07:00'),
      ev('delivered', '2026-12-03T09:00:00+07:00', { recipientName: 'Nguyễn Thị Ánh' }),
    ];
    const state = deriveShipment(cal, events, day);
    assert.equal(state.status, 'delivered');
    assert.equal(state.attempts, 1);
    assert.equal(state.closed, true);
  });

  it('refuses a second attempt less than two working days after a failed one (Friday → Tuesday)', () => {
    const base = [accepted, ev('failed_attempt', '2026-12-04T10:00:00+07:00', { reason: 'Vắng nhà' })];
    const state = deriveShipment(cal, base, day);
    assert.equal(state.nextAttemptOn, '2026-12-08');
    assert.throws(
      () => deriveShipment(cal, [...base, ev('delivered', '2026-12-07T09:00:00+07:00')], day),
      (e: ShipmentRuleError) => e.code === 'ATTEMPT_TOO_EARLY',
    );
  });

  it('returns the item only after at least two failed attempts', () => {
    const one = [accepted, ev('failed_attempt', '2026-12-01T10:00:00+07:00')];
    assert.throws(
      () => deriveShipment(cal, [...one, ev('returned_to_sender', '2026-12-02T10:00:00+07:00')], day),
      (e: ShipmentRuleError) => e.code === 'NOT_ENOUGH_ATTEMPTS',
    );
    const two = [
      ...one,
      ev('failed_attempt', '2026-12-03T10:00:00+07:00'),
      ev('returned_to_sender', '2026-12-03T15:00:00+07:00'),
    ];
    assert.equal(deriveShipment(cal, two, day).status, 'returned');
  });

  it('refuses a second delivery of the same item', () => {
    const delivered = [accepted, ev('delivered', '2026-12-01T10:00:00+07:00')];
    assert.throws(
      () => deriveShipment(cal, [...delivered, ev('delivered', '2026-12-01T10:05:00+07:00')], day),
      (e: ShipmentRuleError) => e.code === 'ALREADY_DELIVERED',
    );
  });

  it('lets the address change only before dispatch', () => {
    assert.equal(
      deriveShipment(cal, [accepted, ev('address_changed', '2026-12-01T08:30:00+07:00')], day).status,
      'accepted',
    );
    assert.throws(
      () =>
        deriveShipment(
          cal,
          [
            accepted,
            ev('in_transit', '2026-12-01T09:00:00+07:00'),
            ev('address_changed', '2026-12-01T10:00:00+07:00'),
          ],
          day,
        ),
      (e: ShipmentRuleError) => e.code === 'ALREADY_DISPATCHED',
    );
  });
});

describe('postage', () => {
  const tariff: TariffRow[] = [
    { service: 'result_delivery', zone: 'same_district', maxWeightGrams: 100, price: 12_000 },
    { service: 'result_delivery', zone: 'same_district', maxWeightGrams: 500, price: 16_500 },
    { service: 'result_delivery', zone: 'same_province', maxWeightGrams: 500, price: 22_000 },
  ];
  it('picks the row whose weight bound covers the item', () => {
    assert.equal(
      postageFor(tariff, { service: 'result_delivery', zone: 'same_district', weightGrams: 80 }),
      12_000,
    );
    assert.equal(
      postageFor(tariff, { service: 'result_delivery', zone: 'same_district', weightGrams: 101 }),
      16_500,
    );
    assert.equal(
      postageFor(tariff, { service: 'result_delivery', zone: 'same_province', weightGrams: 300 }),
      22_000,
    );
  });
  it('adds a step for each further started 500 g above the heaviest row', () => {
    assert.equal(
      postageFor(tariff, { service: 'result_delivery', zone: 'same_district', weightGrams: 1200 }),
      16_500 + 2 * 4_500,
    );
  });
  it('refuses a zone without a tariff and a weight that is not a positive whole number', () => {
    assert.throws(() =>
      postageFor(tariff, { service: 'result_delivery', zone: 'inter_province', weightGrams: 10 }),
    );
    assert.throws(() =>
      postageFor(tariff, { service: 'result_delivery', zone: 'same_district', weightGrams: 0 }),
    );
  });
  it('derives the zone from the district and province', () => {
    const a = { districtId: '696', provinceId: '70' };
    assert.equal(zoneOf(a, { districtId: '696', provinceId: '70' }), 'same_district');
    assert.equal(zoneOf(a, { districtId: '693', provinceId: '70' }), 'same_province');
    assert.equal(zoneOf(a, { districtId: null, provinceId: '79' }), 'inter_province');
  });
});
