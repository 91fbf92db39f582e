import { Type } from 'typebox';
import { IsoDate, Nullable, PageQuery } from '../../http/schemas.ts';

const CopyType = Type.Union([
  Type.Literal('original'),
  Type.Literal('copy'),
  Type.Literal('certified_copy'),
  Type.Literal('original_for_comparison'),
]);

export const ClientTx = Type.String({
  minLength: 8,
  maxLength: 100,
  pattern: '^[A-Za-z0-9._:-]+$',
  description: 'Client transaction id: a retried request with the same id is applied once',
});

export const IntakeBody = Type.Object({
  clientTxId: ClientTx,
  siteId: Type.String({ minLength: 1 }),
  procedureId: Type.String({ minLength: 1 }),
  channel: Type.Optional(Type.Union([Type.Literal('counter'), Type.Literal('postal_pickup')])),
  applicant: Type.Object({
    kind: Type.Union([Type.Literal('person'), Type.Literal('organisation')]),
    name: Type.String({ minLength: 1, maxLength: 200 }),
    idNumber: Type.Optional(Nullable(Type.String({ maxLength: 20 }))),
    birthDate: Type.Optional(Nullable(IsoDate)),
    sex: Type.Optional(Nullable(Type.Union([Type.Literal('male'), Type.Literal('female')]))),
    phone: Type.Optional(Nullable(Type.String({ maxLength: 30 }))),
    email: Type.Optional(Nullable(Type.String({ format: 'email', maxLength: 200 }))),
    address: Type.Optional(Nullable(Type.String({ maxLength: 500 }))),
    unitId: Type.Optional(Nullable(Type.String())),
    taxCode: Type.Optional(Nullable(Type.String({ maxLength: 20 }))),
  }),
  documents: Type.Array(
    Type.Object({
      index: Type.Integer({ minimum: 0, maximum: 1000 }),
      copyType: Type.Optional(CopyType),
      count: Type.Optional(Type.Integer({ minimum: 1, maximum: 50 })),
    }),
    { maxItems: 60 },
  ),
  sets: Type.Optional(Type.Integer({ minimum: 1, maximum: 20 })),
  returnMethod: Type.Union([Type.Literal('counter'), Type.Literal('postal')]),
  deliveryAddress: Type.Optional(Nullable(Type.String({ maxLength: 500 }))),
  deliveryUnitId: Type.Optional(Nullable(Type.String())),
  returningSiteId: Type.Optional(Nullable(Type.String())),
  fee: Type.Optional(
    Nullable(
      Type.Object({
        amount: Type.Integer({ minimum: 0, maximum: 1_000_000_000, description: 'integer đồng' }),
        method: Type.Union([Type.Literal('cash'), Type.Literal('transfer'), Type.Literal('card')]),
      }),
    ),
  ),
});

export const IntakeSlipBody = Type.Object({
  clientTxId: ClientTx,
  kind: Type.Union([Type.Literal('supplement'), Type.Literal('refusal')]),
  siteId: Type.String({ minLength: 1 }),
  procedureId: Type.String({ minLength: 1 }),
  applicantName: Type.String({ minLength: 1, maxLength: 200 }),
  applicantPhone: Type.Optional(Nullable(Type.String({ maxLength: 30 }))),
  items: Type.Array(Type.String({ minLength: 1, maxLength: 500 }), { maxItems: 60 }),
  reason: Type.String({ minLength: 1, maxLength: 2000 }),
});

export const DossierListItem = Type.Object({
  id: Type.String(),
  code: Type.String(),
  procedureCode: Type.String(),
  procedureName: Type.String(),
  applicantName: Type.String(),
  status: Type.String(),
  statusLabel: Type.String(),
  inTransit: Type.Boolean(),
  decision: Nullable(Type.String()),
  receivingSiteId: Type.String(),
  receivingSiteName: Nullable(Type.String()),
  currentAgencyId: Type.String(),
  currentAgencyName: Nullable(Type.String()),
  receivedAt: Type.String(),
  appointmentAt: Type.String(),
  agencyDueAt: Nullable(Type.String()),
  handoverDueAt: Nullable(Type.String()),
  resultReadyAt: Nullable(Type.String()),
  returnedAt: Nullable(Type.String()),
  resultTiming: Nullable(Type.String()),
  registerNumber: Type.Integer(),
  flags: Type.Optional(
    Type.Object({
      overdue: Type.Boolean(),
      nearingDue: Type.Boolean(),
      leftMillis: Type.Number(),
      overdueMillis: Type.Number(),
    }),
  ),
});

const Ref = Type.Object({ id: Type.String(), name: Type.String(), code: Type.String() });

/** The citizen lookup's lock on the dossier code (modules/public/guard.ts). */
export const LookupLockSchema = Type.Object({
  /** Wrong check digits given lately (forgotten a day after the last). */
  failures: Type.Integer(),
  /** Lookups by code refused until then; null when not locked. */
  lockedUntil: Nullable(Type.String()),
});

export const DossierViewSchema = Type.Object(
  {
    ...DossierListItem.properties,
    lookupToken: Type.String(),
    procedureId: Type.String(),
    procedureVersion: Type.Integer(),
    fieldName: Type.String(),
    channel: Type.String(),
    applicant: Type.Object({
      kind: Type.String(),
      name: Type.String(),
      idNumber: Nullable(Type.String()),
      birthDate: Nullable(Type.String()),
      phone: Nullable(Type.String()),
      email: Nullable(Type.String()),
      address: Nullable(Type.String()),
      taxCode: Nullable(Type.String()),
    }),
    returnMethod: Type.String(),
    deliveryAddress: Nullable(Type.String()),
    documents: Type.Array(
      Type.Object({ name: Type.String(), copyType: Type.String(), count: Type.Integer() }),
    ),
    sets: Type.Integer(),
    feeTotal: Type.Integer(),
    feeReceipts: Type.Array(
      Type.Object({
        number: Type.String(),
        amount: Type.Integer(),
        method: Type.String(),
        at: Type.String(),
      }),
    ),
    receivingSite: Ref,
    returningSite: Ref,
    leadAgency: Ref,
    currentAgency: Ref,
    assignedOfficerId: Nullable(Type.String()),
    assignedOfficerName: Nullable(Type.String()),
    location: Nullable(Type.Object({ kind: Type.String(), id: Nullable(Type.String()) })),
    originalAppointmentAt: Type.String(),
    clockStartedAt: Nullable(Type.String()),
    supplementCount: Type.Integer(),
    apologyCount: Type.Integer(),
    submitted: Type.Boolean(),
    lookupLock: LookupLockSchema,
    flags: Type.Object({
      overdue: Type.Boolean(),
      nearingDue: Type.Boolean(),
      leftMillis: Type.Number(),
      overdueMillis: Type.Number(),
      supplementOpen: Type.Boolean(),
      apologised: Type.Boolean(),
    }),
    availableActions: Type.Array(Type.String()),
    timeline: Type.Array(
      Type.Object({
        seq: Type.Integer(),
        type: Type.String(),
        label: Type.String(),
        labelEn: Type.String(),
        at: Type.String(),
        actorName: Nullable(Type.String()),
        actorRole: Nullable(Type.String()),
        siteName: Nullable(Type.String()),
        agencyName: Nullable(Type.String()),
        payload: Type.Record(Type.String(), Type.Unknown()),
      }),
    ),
  },
  { $id: 'Dossier', title: 'Dossier' },
);

export const DossierQuery = Type.Object({
  q: Type.Optional(
    Type.String({ maxLength: 100, description: 'code, applicant name (diacritics optional)' }),
  ),
  status: Type.Optional(Type.String()),
  siteId: Type.Optional(Type.String({ description: 'the receiving site' })),
  toHandOverAt: Type.Optional(
    Type.String({
      description:
        'a site: the dossiers (or supplement papers handed in at its counter) lying there for the agency',
    }),
  ),
  returningSiteId: Type.Optional(Type.String({ description: 'the site where the result is returned' })),
  returnMethod: Type.Optional(Type.Union([Type.Literal('counter'), Type.Literal('postal')])),
  agencyId: Type.Optional(Type.String()),
  from: Type.Optional(IsoDate),
  to: Type.Optional(IsoDate),
  overdue: Type.Optional(Type.Boolean()),
  ...PageQuery,
});

const withTx = <T extends Record<string, import('typebox').TSchema>>(fields: T) =>
  Type.Object({ clientTxId: ClientTx, ...fields });

export const ActionBodies = {
  assign: withTx({ officerId: Type.String({ minLength: 1 }) }),
  steps: withTx({
    step: Type.String({ minLength: 1, maxLength: 300 }),
    note: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))),
    budgetHours: Type.Optional(Nullable(Type.Number({ minimum: 0, maximum: 2000 }))),
  }),
  supplementRequest: withTx({
    items: Type.Array(Type.String({ minLength: 1, maxLength: 500 }), { minItems: 1, maxItems: 60 }),
    reason: Type.String({ minLength: 1, maxLength: 2000 }),
    dueDate: Type.Optional(
      Nullable(
        Type.String({
          format: 'date',
          description: 'Ngày đề nghị nộp bổ sung: the day the applicant is asked to bring the papers by',
        }),
      ),
    ),
  }),
  supplementReceived: withTx({
    note: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))),
    handedInSiteId: Type.Optional(
      Nullable(
        Type.String({
          minLength: 1,
          description:
            'Where the applicant handed in the papers (a post office…): its postal leg is added again',
        }),
      ),
    ),
    handedInAt: Type.Optional(
      Nullable(
        Type.String({ format: 'date-time', description: 'When the papers were handed in (default: now)' }),
      ),
    ),
  }),
  supplementAtCounter: withTx({
    items: Type.Array(Type.String({ minLength: 1, maxLength: 500 }), {
      minItems: 1,
      maxItems: 60,
      description: 'the papers the applicant handed in',
    }),
    note: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))),
  }),
  forward: withTx({
    toAgencyId: Type.String({ minLength: 1 }),
    note: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))),
    budgetDays: Type.Optional(Nullable(Type.Integer({ minimum: 0, maximum: 365 }))),
  }),
  note: withTx({ note: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))) }),
  rework: withTx({ reason: Type.String({ minLength: 1, maxLength: 2000 }) }),
  refuse: withTx({
    reasons: Type.Array(Type.String({ minLength: 1, maxLength: 1000 }), { minItems: 1, maxItems: 20 }),
  }),
  result: withTx({
    number: Type.String({ minLength: 1, maxLength: 100 }),
    date: IsoDate,
    signer: Type.String({ minLength: 1, maxLength: 200 }),
    summary: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))),
  }),
  apology: withTx({
    reason: Type.String({ minLength: 1, maxLength: 2000 }),
    newAppointmentAt: Type.String({ format: 'date-time' }),
  }),
  return: withTx({
    method: Type.Union([Type.Literal('counter'), Type.Literal('postal')]),
    collector: Type.Optional(
      Nullable(
        Type.Object({
          name: Type.String({ minLength: 1, maxLength: 200 }),
          idNumber: Type.String({ minLength: 9, maxLength: 20 }),
          isProxy: Type.Boolean(),
          authorisation: Type.Optional(Nullable(Type.String({ maxLength: 500 }))),
        }),
      ),
    ),
    delivery: Type.Optional(
      Nullable(
        Type.Object({
          recipientName: Type.String({ minLength: 1, maxLength: 200 }),
          postalItemNumber: Type.Optional(Nullable(Type.String({ maxLength: 30 }))),
          note: Type.Optional(Nullable(Type.String({ maxLength: 1000 }))),
        }),
      ),
    ),
    outstandingFee: Type.Optional(
      Nullable(
        Type.Object({
          amount: Type.Integer({ minimum: 0, maximum: 1_000_000_000 }),
          method: Type.Union([Type.Literal('cash'), Type.Literal('transfer'), Type.Literal('card')]),
        }),
      ),
    ),
    originalsReturned: Type.Optional(Type.Boolean()),
  }),
  withdraw: withTx({ reason: Type.String({ minLength: 1, maxLength: 2000 }) }),
};

export const BatchBody = Type.Object({
  clientTxId: ClientTx,
  direction: Type.Union([Type.Literal('to_agency'), Type.Literal('to_site')]),
  siteId: Type.String({ minLength: 1 }),
  agencyId: Type.String({ minLength: 1 }),
  dossierIds: Type.Array(Type.String({ minLength: 1 }), { minItems: 1, maxItems: 500 }),
  courierName: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
  postalItemNumber: Type.Optional(Nullable(Type.String({ maxLength: 30 }))),
});

export const BatchSchema = Type.Object({
  id: Type.String(),
  code: Type.String(),
  direction: Type.String(),
  status: Type.String(),
  siteId: Type.String(),
  siteName: Type.String(),
  agencyId: Type.String(),
  agencyName: Type.String(),
  courierName: Nullable(Type.String()),
  postalItemNumber: Nullable(Type.String()),
  createdAt: Type.String(),
  createdByName: Nullable(Type.String()),
  receivedAt: Nullable(Type.String()),
  receivedByName: Nullable(Type.String()),
  items: Type.Array(
    Type.Object({
      dossierId: Type.String(),
      code: Type.String(),
      applicantName: Type.String(),
      procedureName: Type.String(),
      documentCount: Type.Integer(),
      status: Type.String(),
      note: Nullable(Type.String()),
      confirmedAt: Nullable(Type.String()),
    }),
  ),
});
