import { Type } from 'typebox';
import { IsoDate, Nullable } from '../../http/schemas.ts';
import { ClientTx, IntakeBody } from '../dossiers/schema.ts';

const Kind = Type.Union([
  Type.Literal('pickup'),
  Type.Literal('batch'),
  Type.Literal('result_delivery'),
  Type.Literal('papers_return'),
]);
const DataImage = Type.String({
  maxLength: 200_000,
  description: 'data:image/png;base64,… (signature drawn on screen) or JPEG photo',
});

export const ShipmentCreate = Type.Object({
  clientTxId: ClientTx,
  kind: Kind,
  originSiteId: Type.String({ minLength: 1 }),
  dossierId: Type.Optional(Nullable(Type.String())),
  batchId: Type.Optional(Nullable(Type.String())),
  itemNumber: Type.Optional(
    Nullable(
      Type.String({
        maxLength: 30,
        description: 'a carrier-issued number; omitted: allocated from the office series',
      }),
    ),
  ),
  recipientName: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
  recipientPhone: Type.Optional(Nullable(Type.String({ maxLength: 30 }))),
  address: Type.Optional(Nullable(Type.String({ maxLength: 500 }))),
  unitId: Type.Optional(Nullable(Type.String())),
  weightGrams: Type.Integer({ minimum: 1, maximum: 30_000 }),
  payer: Type.Union([Type.Literal('citizen'), Type.Literal('agency'), Type.Literal('free')]),
  withAppointmentSlip: Type.Optional(Type.Boolean()),
  sealNumber: Type.Optional(Nullable(Type.String({ maxLength: 40 }))),
  senderSignature: Type.Optional(Nullable(DataImage)),
});

export const EventBody = Type.Object({
  clientTxId: ClientTx,
  type: Type.Union([
    Type.Literal('in_transit'),
    Type.Literal('arrived_at_office'),
    Type.Literal('out_for_delivery'),
    Type.Literal('delivered'),
    Type.Literal('failed_attempt'),
    Type.Literal('returned_to_sender'),
    Type.Literal('held_for_pickup'),
  ]),
  at: Type.Optional(
    Nullable(
      Type.String({ format: 'date-time', description: 'when it happened on the phone (offline queue)' }),
    ),
  ),
  payload: Type.Optional(
    Type.Object({
      recipientName: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
      idLast4: Type.Optional(Nullable(Type.String({ pattern: '^\\d{4}$' }))),
      relationship: Type.Optional(Nullable(Type.String({ maxLength: 100 }))),
      signature: Type.Optional(Nullable(DataImage)),
      photo: Type.Optional(Nullable(DataImage)),
      gps: Type.Optional(
        Nullable(
          Type.Object({
            lat: Type.Number({ minimum: -90, maximum: 90 }),
            lng: Type.Number({ minimum: -180, maximum: 180 }),
            accuracy: Type.Optional(
              Nullable(Type.Number({ minimum: 0, maximum: 100_000, description: 'metres' })),
            ),
          }),
        ),
      ),
      reason: Type.Optional(Nullable(Type.String({ maxLength: 500 }))),
      note: Type.Optional(Nullable(Type.String({ maxLength: 1000 }))),
    }),
  ),
});

export const ShipmentSchema = Type.Object({
  id: Type.String(),
  itemNumber: Type.String(),
  kind: Type.String(),
  dossierId: Nullable(Type.String()),
  dossierCode: Nullable(Type.String()),
  originSiteId: Type.String(),
  originName: Nullable(Type.String()),
  deliverySiteId: Type.String(),
  deliveryName: Nullable(Type.String()),
  courierId: Nullable(Type.String()),
  courierName: Nullable(Type.String()),
  senderName: Type.String(),
  recipientName: Type.String(),
  recipientPhone: Nullable(Type.String()),
  address: Type.String(),
  unitId: Nullable(Type.String()),
  weightGrams: Type.Integer(),
  zone: Type.String(),
  postage: Type.Integer(),
  payer: Type.String(),
  sealNumber: Nullable(Type.String()),
  status: Type.String(),
  statusLabel: Type.String(),
  attempts: Type.Integer(),
  nextAttemptOn: Nullable(Type.String()),
  targetAt: Type.String(),
  acceptedAt: Type.String(),
  deliveredAt: Nullable(Type.String()),
  onTime: Nullable(Type.Boolean()),
  events: Type.Array(
    Type.Object({
      seq: Type.Integer(),
      type: Type.String(),
      label: Type.String(),
      at: Type.String(),
      actorName: Nullable(Type.String()),
      reason: Nullable(Type.String()),
      recipientName: Nullable(Type.String()),
      relationship: Nullable(Type.String()),
      hasSignature: Type.Boolean(),
      gps: Nullable(Type.Object({ lat: Type.Number(), lng: Type.Number() })),
    }),
  ),
});

export const PickupBook = Type.Object({
  clientTxId: ClientTx,
  procedureId: Type.String({ minLength: 1 }),
  applicantName: Type.String({ minLength: 1, maxLength: 200 }),
  phone: Type.String({ minLength: 8, maxLength: 30 }),
  address: Type.String({ minLength: 1, maxLength: 500 }),
  unitId: Type.String({ minLength: 1 }),
  windowStart: Type.String({ format: 'date-time' }),
  windowEnd: Type.String({ format: 'date-time' }),
  note: Type.Optional(Nullable(Type.String({ maxLength: 1000 }))),
});

export const PickupSchema = Type.Object({
  id: Type.String(),
  code: Type.String(),
  procedureId: Type.String(),
  procedureName: Type.String(),
  applicantName: Type.String(),
  phone: Type.String(),
  address: Type.String(),
  unitId: Type.String(),
  windowStart: Type.String(),
  windowEnd: Type.String(),
  siteId: Type.String(),
  siteName: Type.String(),
  courierId: Nullable(Type.String()),
  courierName: Nullable(Type.String()),
  status: Type.String(),
  dossierId: Nullable(Type.String()),
  dossierCode: Nullable(Type.String()),
  note: Nullable(Type.String()),
  createdAt: Type.String(),
});

const { clientTxId: _c, siteId: _s, procedureId: _p, channel: _ch, ...intakeFields } = IntakeBody.properties;
export const PickupCollect = Type.Object({
  clientTxId: ClientTx,
  intake: Type.Object(intakeFields),
  sealNumber: Type.String({ minLength: 1, maxLength: 40 }),
  weightGrams: Type.Integer({ minimum: 1, maximum: 30_000 }),
  senderSignature: Type.Optional(Nullable(DataImage)),
});

export const DeliveryChange = Type.Object({
  clientTxId: ClientTx,
  collectAtCounter: Type.Optional(Type.Boolean()),
  address: Type.Optional(Type.String({ minLength: 1, maxLength: 500 })),
  unitId: Type.Optional(Type.String()),
});

export const ReportQuery = Type.Object({ siteId: Type.String({ minLength: 1 }), from: IsoDate, to: IsoDate });
export const TariffRowSchema = Type.Object({
  service: Kind,
  zone: Type.Union([
    Type.Literal('same_district'),
    Type.Literal('same_province'),
    Type.Literal('inter_province'),
  ]),
  maxWeightGrams: Type.Integer({ minimum: 1, maximum: 30_000 }),
  price: Type.Integer({ minimum: 0, maximum: 100_000_000 }),
});
