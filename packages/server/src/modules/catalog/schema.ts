import { type Static, Type } from 'typebox';
import { IsoDate, Nullable, PageQuery } from '../../http/schemas.ts';

export const Level = Type.Union([
  Type.Literal('commune'),
  Type.Literal('district'),
  Type.Literal('province'),
]);
export const Channel = Type.Union([Type.Literal('counter'), Type.Literal('postal'), Type.Literal('online')]);
export const CopyType = Type.Union([
  Type.Literal('original'),
  Type.Literal('copy'),
  Type.Literal('certified_copy'),
  Type.Literal('original_for_comparison'),
]);
/** The kinds of time limit (docs/calendar.md §3). `within_day`: same day up to a cut-off, else the next. */
export const ProcessingUnit = Type.Union([
  Type.Literal('working_days'),
  Type.Literal('working_hours'),
  Type.Literal('within_day'),
  Type.Literal('calendar_days_excl_holidays'),
]);

export const ProcedureDocument = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 500 }),
  copyType: CopyType,
  count: Type.Integer({ minimum: 1, maximum: 50 }),
  required: Type.Boolean(),
  condition: Nullable(Type.String({ maxLength: 500 })),
  templateForm: Nullable(Type.String({ maxLength: 200 })),
});
export type ProcedureDocument = Static<typeof ProcedureDocument>;

export const Fee = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 300 }),
  amount: Type.Integer({ minimum: 0, maximum: 1_000_000_000_000, description: 'integer đồng' }),
  note: Nullable(Type.String({ maxLength: 500 })),
});
export type Fee = Static<typeof Fee>;

const versionFields = {
  name: Type.String({ minLength: 1, maxLength: 500 }),
  validFrom: IsoDate,
  documents: Type.Array(ProcedureDocument, { maxItems: 60 }),
  processing: Type.Object({
    unit: ProcessingUnit,
    amount: Type.Integer({ minimum: 0, maximum: 365, description: 'days or hours; 0 for within_day' }),
    note: Nullable(Type.String({ maxLength: 1000 })),
    cutoff: Type.Optional(
      Nullable(
        Type.String({
          pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$',
          description:
            "within_day only: received after this local time (HH:MM) → due the next working day; null: the site's cut-off, else 15:00",
        }),
      ),
    ),
  }),
  decidedOnTheSpot: Type.Boolean(),
  fees: Type.Array(Fee, { maxItems: 20 }),
  channels: Type.Array(Channel, { minItems: 1, maxItems: 3, uniqueItems: true }),
  postalExcluded: Type.Boolean(),
  resultType: Type.String({ minLength: 1, maxLength: 300 }),
  legalBasis: Type.Array(Type.String({ maxLength: 300 }), { maxItems: 30 }),
  sources: Type.Array(Type.String({ maxLength: 500 }), { maxItems: 10 }),
  notes: Nullable(Type.String({ maxLength: 2000 })),
};

/**
 * Competence and validity of a version (docs/organisation.md): the level and competent agency kind
 * in force for dossiers received while the version is, so one code can be district-level until
 * 30/6/2025 and commune-level after. Omitted: as on the procedure.
 */
const competenceFields = {
  level: Type.Optional(Level),
  agencyKind: Type.Optional(Type.String({ minLength: 1, maxLength: 80 })),
  validTo: Type.Optional(Nullable(IsoDate)),
  provinceWideReceipt: Type.Optional(
    Type.Boolean({
      description: 'May be received at any site of the province (không phụ thuộc địa giới hành chính)',
    }),
  ),
};

export const VersionInput = Type.Object({ ...versionFields, ...competenceFields });
export type VersionInput = Static<typeof VersionInput>;

export const ProcedureCreate = Type.Object({
  code: Type.String({ pattern: '^[0-9]\\.[0-9]{6}$', description: 'National procedure code, e.g. 1.001193' }),
  fieldCode: Type.String({ minLength: 1, maxLength: 40 }),
  fieldName: Type.String({ minLength: 1, maxLength: 200 }),
  level: Level,
  agencyKind: Type.String({ minLength: 1, maxLength: 80 }),
  ...versionFields,
  validTo: competenceFields.validTo,
  provinceWideReceipt: competenceFields.provinceWideReceipt,
});
export type ProcedureCreate = Static<typeof ProcedureCreate>;

export const VersionSchema = Type.Object({
  version: Type.Integer(),
  createdAt: Type.String(),
  ...versionFields,
  level: Nullable(Level),
  agencyKind: Nullable(Type.String()),
  validTo: Nullable(Type.String()),
  provinceWideReceipt: Type.Boolean(),
});
export type ProcedureVersion = Static<typeof VersionSchema>;

export const ProcedureSummary = Type.Object({
  id: Type.String(),
  code: Type.String(),
  name: Type.String(),
  fieldCode: Type.String(),
  fieldName: Type.String(),
  level: Level,
  agencyKind: Type.String(),
  currentVersion: Type.Integer(),
  active: Type.Boolean(),
  processing: versionFields.processing,
  totalFee: Type.Integer({ description: 'sum of fees, integer đồng' }),
  channels: versionFields.channels,
  postalExcluded: Type.Boolean(),
  decidedOnTheSpot: Type.Boolean(),
});

export const ProcedureDetail = Type.Object({
  ...ProcedureSummary.properties,
  current: VersionSchema,
  versions: Type.Array(
    Type.Object({
      version: Type.Integer(),
      validFrom: Type.String(),
      validTo: Nullable(Type.String()),
      level: Nullable(Level),
      agencyKind: Nullable(Type.String()),
      createdAt: Type.String(),
    }),
  ),
});

export const ProcedureQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 200, description: 'name (diacritics optional) or code' })),
  level: Type.Optional(Level),
  fieldCode: Type.Optional(Type.String()),
  channel: Type.Optional(Channel),
  active: Type.Optional(Type.Boolean()),
  ...PageQuery,
});
