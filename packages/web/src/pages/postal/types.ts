import { newTxId } from '../dossiers/shared.tsx';

/** A shipment as the server returns it (`ShipmentSchema`). */
export interface ShipmentView {
  id: string;
  itemNumber: string;
  kind: string;
  dossierId: string | null;
  dossierCode: string | null;
  originSiteId: string;
  originName: string | null;
  deliverySiteId: string;
  deliveryName: string | null;
  courierId: string | null;
  courierName: string | null;
  recipientName: string;
  recipientPhone: string | null;
  address: string;
  weightGrams: number;
  zone: 'same_district' | 'same_province' | 'inter_province' | string;
  postage: number;
  payer: string;
  status: string;
  statusLabel: string;
  attempts: number;
  nextAttemptOn: string | null;
  targetAt: string;
  acceptedAt: string;
  deliveredAt: string | null;
  onTime: boolean | null;
}

export interface Daily {
  dispatched: ShipmentView[];
  delivering: ShipmentView[];
}

/** Statuses after which nothing more happens to an item. */
export const CLOSED = ['delivered', 'returned', 'held'];

/** Today's date in Vietnam (UTC+7, no daylight saving) as `YYYY-MM-DD`, whatever the browser's zone. */
export function vnToday(offsetDays = 0): string {
  return new Date(Date.now() + 7 * 3_600_000 + offsetDays * 86_400_000).toISOString().slice(0, 10);
}

/** The working days of the J+n target by zone (`docs/postal.md`), doubled with an appointment slip. */
export function targetDays(zone: string, withSlip: boolean): number {
  const days = zone === 'same_district' ? 1 : zone === 'same_province' ? 2 : 4;
  return withSlip ? days * 2 : days;
}

export const slipUrl = (id: string) => `/api/v1/shipments/${id}/slip.pdf`;

export { newTxId };

/** The colour of a status tag. */
export function statusColour(status: string): string {
  if (status === 'delivered') return 'green';
  if (status === 'returned' || status === 'held') return 'default';
  if (status === 'attempt_failed') return 'red';
  return 'blue';
}
