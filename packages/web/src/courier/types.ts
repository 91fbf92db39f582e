/** `ShipmentView` of the server (`modules/postal/schema.ts` ShipmentSchema), the fields the app uses. */
export interface Shipment {
  id: string;
  itemNumber: string;
  kind: string;
  dossierCode: string | null;
  deliveryName: string | null;
  recipientName: string;
  recipientPhone: string | null;
  address: string;
  unitId: string | null;
  weightGrams: number;
  status: string;
  statusLabel: string;
  attempts: number;
  nextAttemptOn: string | null;
  targetAt: string;
  acceptedAt: string;
  deliveredAt: string | null;
  events: {
    seq: number;
    type: string;
    label: string;
    at: string;
    reason: string | null;
    recipientName: string | null;
  }[];
}

export interface Pickup {
  id: string;
  code: string;
  procedureName: string;
  applicantName: string;
  phone: string;
  address: string;
  windowStart: string;
  windowEnd: string;
}

export interface Round {
  shipments: Shipment[];
  pickups: Pickup[];
}

export type EventType = 'out_for_delivery' | 'delivered' | 'failed_attempt';

export interface EventPayload {
  recipientName?: string | null;
  idLast4?: string | null;
  relationship?: string | null;
  signature?: string | null;
  photo?: string | null;
  gps?: { lat: number; lng: number; accuracy?: number | null } | null;
  reason?: string | null;
}
