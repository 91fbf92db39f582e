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

/** `PickupSchema` of the server: a home pickup booked by a citizen or a clerk. */
export interface Pickup {
  id: string;
  code: string;
  procedureId: string;
  procedureName: string;
  applicantName: string;
  phone: string;
  address: string;
  unitId: string;
  windowStart: string;
  windowEnd: string;
  siteName: string;
  status: string;
  dossierId: string | null;
  dossierCode: string | null;
  note: string | null;
}

/** The parts of `GET /api/v1/procedures/:id` the pickup screen uses. */
export interface Procedure {
  id: string;
  code: string;
  name: string;
  current: {
    documents: {
      name: string;
      copyType: string;
      count: number;
      required: boolean;
      condition: string | null;
    }[];
    fees: { name: string; amount: number }[];
    postalExcluded: boolean;
  };
}

/** The body of `POST /api/v1/pickups/:id/collect` without its clientTxId. */
export interface CollectBody {
  intake: {
    applicant: {
      kind: 'person';
      name: string;
      idNumber: string | null;
      phone: string;
      address: string | null;
      unitId: string | null;
    };
    documents: { index: number }[];
    returnMethod: 'counter' | 'postal';
    deliveryAddress: string | null;
    deliveryUnitId: string | null;
    fee: { amount: number; method: 'cash' } | null;
  };
  sealNumber: string;
  weightGrams: number;
  senderSignature: string | null;
}

export interface Round {
  shipments: Shipment[];
  pickups: Pickup[];
}

export type EventType = 'out_for_delivery' | 'delivered' | 'failed_attempt';
/** What the queue sends: a tracking event of a shipment, or the collection of a home pickup. */
export type ActionType = EventType | 'collect';

export interface EventPayload {
  recipientName?: string | null;
  idLast4?: string | null;
  relationship?: string | null;
  signature?: string | null;
  photo?: string | null;
  gps?: { lat: number; lng: number; accuracy?: number | null } | null;
  reason?: string | null;
}
