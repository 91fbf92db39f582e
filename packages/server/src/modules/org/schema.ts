import { Type } from 'typebox';
import { IsoDate, Nullable, PageQuery } from '../../http/schemas.ts';

export const UnitSchema = Type.Object({
  id: Type.String({ description: '`<era>:<code>`, e.g. `2008:70` (to 30/6/2025) or `2025:75`' }),
  code: Type.String(),
  name: Type.String(),
  level: Type.Union([Type.Literal('province'), Type.Literal('district'), Type.Literal('commune')]),
  parentId: Nullable(Type.String()),
  era: Type.String(),
  validFrom: Type.String(),
  validTo: Nullable(Type.String()),
});

export const UnitDetailSchema = Type.Object({
  unit: UnitSchema,
  ancestors: Type.Array(UnitSchema),
  successors: Type.Array(Type.Object({ unit: UnitSchema, kind: Type.String() })),
  predecessors: Type.Array(Type.Object({ unit: UnitSchema, kind: Type.String() })),
});

export const UnitQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 100 })),
  level: Type.Optional(
    Type.Union([Type.Literal('province'), Type.Literal('district'), Type.Literal('commune')]),
  ),
  parentId: Type.Optional(Type.String()),
  era: Type.Optional(Type.String()),
  at: Type.Optional(IsoDate),
  ...PageQuery,
});

const AgencyCode = Type.String({
  pattern: '^\\d{3}\\.\\d{2}\\.\\d{2}\\.[A-Za-z]\\d{2}$',
  description: 'QCVN 102:2016/BTTTT identifier `V1V2V3.Z1Z2.Y1Y2.MX1X2`, e.g. 000.00.21.H70',
});

export const AgencySchema = Type.Object({
  id: Type.String(),
  code: Type.String(),
  name: Type.String(),
  kind: Type.String(),
  unitId: Type.String(),
  unitName: Type.String(),
  active: Type.Boolean(),
  validFrom: Nullable(Type.String({ description: 'First day in force (Vietnam date), null: always' })),
  validTo: Nullable(Type.String({ description: 'Last day in force, null: still in force' })),
  successorId: Nullable(Type.String({ description: 'Who took over once ended' })),
});

const validityFields = {
  validFrom: Nullable(IsoDate),
  validTo: Nullable(IsoDate),
  successorId: Nullable(Type.String({ minLength: 1 })),
};

export const AgencyCreate = Type.Object({
  code: AgencyCode,
  name: Type.String({ minLength: 1, maxLength: 300 }),
  kind: Type.String({ minLength: 1, maxLength: 80 }),
  unitId: Type.String({ minLength: 1 }),
  ...Type.Partial(Type.Object(validityFields)).properties,
});
export const AgencyUpdate = Type.Partial(
  Type.Object({
    name: Type.String({ minLength: 1, maxLength: 300 }),
    kind: Type.String({ minLength: 1, maxLength: 80 }),
    active: Type.Boolean(),
    ...validityFields,
  }),
);

export const Session = Type.Object({
  start: Type.String({ pattern: '^([01]\\d|2[0-3]):[0-5]\\d$' }),
  end: Type.String({ pattern: '^([01]\\d|2[0-3]):[0-5]\\d$' }),
});

const ServicePointKind = Type.Union([
  Type.Literal('public_admin_centre'),
  Type.Literal('one_stop_unit'),
  Type.Literal('post_office'),
  Type.Literal('cultural_post_office'),
]);
const HostType = Type.Union([Type.Literal('post_office'), Type.Literal('government_office')]);

export const ServicePointSchema = Type.Object({
  id: Type.String(),
  code: Type.String(),
  name: Type.String(),
  kind: ServicePointKind,
  hostType: HostType,
  unitId: Type.String(),
  unitName: Type.String(),
  agencyId: Nullable(Type.String()),
  agencyName: Nullable(Type.String()),
  address: Type.String(),
  counters: Type.Integer(),
  openingHours: Type.Array(Session),
  withinDayCutoff: Nullable(
    Type.String({ description: 'cut-off of within-the-day procedures, null: 15:00' }),
  ),
  receivesDossiers: Type.Boolean(),
  returnsResults: Type.Boolean(),
  paysBenefits: Type.Boolean(),
  collectsMoney: Type.Boolean(),
  pilot: Type.Boolean(),
  rolloutPhase: Nullable(Type.Integer()),
  moveDate: Nullable(Type.String()),
  notes: Nullable(Type.String()),
  active: Type.Boolean(),
  validFrom: Nullable(Type.String({ description: 'First day in force (Vietnam date), null: always' })),
  validTo: Nullable(Type.String({ description: 'Last day in force, null: still in force' })),
  successorId: Nullable(Type.String({ description: 'Who took over once ended' })),
});

const servicePointFields = {
  name: Type.String({ minLength: 1, maxLength: 300 }),
  kind: ServicePointKind,
  hostType: HostType,
  unitId: Type.String({ minLength: 1 }),
  agencyId: Nullable(Type.String()),
  address: Type.String({ minLength: 1, maxLength: 500 }),
  counters: Type.Integer({ minimum: 0, maximum: 100 }),
  openingHours: Type.Array(Session, { minItems: 1, maxItems: 4 }),
  withinDayCutoff: Type.Optional(
    Nullable(
      Type.String({
        pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$',
        description:
          "HH:MM: a within-the-day dossier received after it is due the next working day (null: 15:00); a procedure's own cut-off wins",
      }),
    ),
  ),
  receivesDossiers: Type.Boolean(),
  returnsResults: Type.Boolean(),
  paysBenefits: Type.Boolean(),
  collectsMoney: Type.Boolean(),
  pilot: Type.Boolean(),
  rolloutPhase: Nullable(Type.Integer({ minimum: 0, maximum: 20 })),
  moveDate: Nullable(IsoDate),
  notes: Nullable(Type.String({ maxLength: 2000 })),
};

export const ServicePointCreate = Type.Object({
  code: Type.String({ pattern: '^[A-Z0-9][A-Z0-9._-]{1,39}$', description: 'Short site code, upper case' }),
  ...servicePointFields,
  ...Type.Partial(Type.Object(validityFields)).properties,
});
export const ServicePointUpdate = Type.Partial(
  Type.Object({ ...servicePointFields, active: Type.Boolean(), ...validityFields }),
);

export const ListQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 100 })),
  unitId: Type.Optional(Type.String()),
  kind: Type.Optional(Type.String()),
  ...PageQuery,
});
