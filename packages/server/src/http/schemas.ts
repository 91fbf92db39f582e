import { type Static, type TSchema, type TUnsafe, Type } from 'typebox';

/** The one error shape of the API. */
export const ErrorSchema = Type.Object(
  {
    error: Type.Object({
      code: Type.String({ description: 'Stable machine-readable code, e.g. VALIDATION_FAILED' }),
      message: Type.String({
        description: 'Human message in the language of Accept-Language (vi default, en)',
      }),
      fields: Type.Array(
        Type.Object({
          field: Type.String(),
          message: Type.String(),
          suggested: Type.Optional(
            Type.String({
              description: 'A value the server would accept instead, e.g. the next working instant',
            }),
          ),
        }),
      ),
    }),
  },
  { $id: 'Error', title: 'Error' },
);

/** Error responses every authenticated route may give. */
export const errorResponses = {
  400: ErrorSchema,
  401: ErrorSchema,
  403: ErrorSchema,
  404: ErrorSchema,
  409: ErrorSchema,
  422: ErrorSchema,
  429: ErrorSchema,
  /** The database is unavailable or busy for now (with Retry-After): send the same request again. */
  503: ErrorSchema,
} as const;

export const IdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });

export const PageQuery = {
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000, default: 1 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
};

export function Paged<T extends TSchema>(item: T) {
  return Type.Object({
    items: Type.Array(item),
    total: Type.Integer(),
    page: Type.Integer(),
    pageSize: Type.Integer(),
  });
}

/**
 * The schema, or null. A schema with one `type` takes OpenAPI 3.0's `nullable: true` (what the
 * document declares; Ajv and the response serialiser read it directly, where `anyOf` costs a
 * validation per field and answer); anything else is `anyOf` with null.
 */
export const Nullable = <T extends TSchema>(schema: T): TUnsafe<Static<T> | null> =>
  typeof (schema as { type?: unknown }).type === 'string'
    ? Type.Unsafe<Static<T> | null>({ ...schema, nullable: true })
    : Type.Unsafe<Static<T> | null>(Type.Union([schema, Type.Null()]));

/**
 * A calendar date `YYYY-MM-DD` that exists, years 1900–2100: the one schema of every date the API takes
 * (`format: date` is checked strictly, see formats.ts).
 */
export const IsoDate = Type.String({ format: 'date', description: 'YYYY-MM-DD, a day that exists' });

/** An instant, ISO-8601 with a zone offset, on a day that exists (see formats.ts). */
export const IsoDateTime = Type.String({ format: 'date-time' });
