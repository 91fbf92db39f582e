// Requests generated from the OpenAPI document: for each operation, fast-check arbitraries derived from
// the JSON schemas of its path, query, headers and body. A case is either valid (every value within
// its schema, ids drawn from the rows the database holds, so the request goes deep) or mutated (some
// values replaced by boundary values, wrong types, NUL bytes, huge numbers, impossible dates, unknown
// ids), so the edge is exercised as well as the depth.
import fc from 'fast-check';

// biome-ignore lint/suspicious/noExplicitAny: JSON schemas as the OpenAPI document gives them
type Schema = Record<string, any>;

export interface Operation {
  method: string;
  path: string;
  parameters: { name: string; in: 'path' | 'query' | 'header'; required: boolean; schema: Schema }[];
  body: Schema | null;
}

export interface FuzzRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  payload?: string;
}

/** Ids and codes the database holds, by what they identify. */
export interface IdPools {
  sites: string[];
  agencies: string[];
  procedures: string[];
  dossiers: string[];
  units: string[];
  users: string[];
  batches: string[];
  shipments: string[];
  pickups: string[];
  overrides: string[];
  codes: string[];
  other: string[];
}

/** The operations of an OpenAPI 3 document (the API only, not its own documentation pages). */
export function operationsOf(document: Schema): Operation[] {
  const out: Operation[] = [];
  for (const [path, item] of Object.entries(document.paths as Record<string, Schema>)) {
    if (!path.startsWith('/api/') || path.startsWith('/api/docs')) continue;
    for (const [method, operation] of Object.entries(item)) {
      if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
      // An event stream never ends: it has no input to fuzz, and events.test.ts covers it.
      if (operation.responses?.['200']?.content?.['text/event-stream']) continue;
      out.push({
        method: method.toUpperCase(),
        path,
        parameters: (operation.parameters ?? []).map((p: Schema) => ({
          name: p.name,
          in: p.in,
          required: Boolean(p.required),
          schema: p.schema ?? {},
        })),
        body: operation.requestBody?.content?.['application/json']?.schema ?? null,
      });
    }
  }
  return out;
}

const INT_LOW = -2_147_483_648;
const INT_HIGH = 2_147_483_647;

const TEXTS = [
  'Nguyễn Thị Ánh',
  'Đặng Văn Đức',
  'Thôn 3, xã Đức Liễu, huyện Bù Đăng, tỉnh Bình Phước',
  'Trần Thị Ngọc Hân',
  'Hồ sơ đăng ký hộ kinh doanh',
  'Bù Đăng',
  'abc',
];

/** Values no schema of the API accepts in a JSON body, or accepts only at a boundary. */
const JSON_MUTANTS: unknown[] = [
  null,
  true,
  0,
  -1,
  1e308,
  -1e308,
  2 ** 53 + 2,
  0.5,
  '',
  ' ',
  '\u0000',
  'Nguyễn\u0000Ánh',
  'x'.repeat(5000),
  [],
  {},
  { '\u0000': 1 },
  "' or 1=1 --",
  '2026-02-30',
  '2026-13-45',
  '0000-01-01',
  '9999-12-31T23:59:59Z',
  '1e309',
  'khong-co-ma-nay',
  '019a0000-0000-7000-8000-000000000000',
];

/** The same in a query string, path or header, where every value is text. */
const TEXT_MUTANTS = [
  '',
  '1e309',
  '-1e309',
  'NaN',
  'Infinity',
  '1.5',
  '-1',
  '0',
  '99999999999999999999',
  '\u0000',
  'a\u0000b',
  '2026-02-30',
  '2026-13-45',
  '0000-01-01',
  'true',
  'null',
  'x'.repeat(3000),
  "' or 1=1 --",
  'Đặng Văn Đức',
  'khong-co-ma-nay',
  '019a0000-0000-7000-8000-000000000000',
];

/** Which pool an id-like property draws from, by its name. */
function poolFor(name: string, pools: IdPools): string[] | null {
  const n = name.toLowerCase();
  if (/site|servicepoint/.test(n)) return pools.sites;
  if (/agency/.test(n)) return pools.agencies;
  if (/procedure/.test(n)) return pools.procedures;
  if (/dossier/.test(n)) return pools.dossiers;
  if (/unit|parent/.test(n)) return pools.units;
  if (/user|courier|assignee/.test(n)) return pools.users;
  if (/batch/.test(n)) return pools.batches;
  if (/shipment/.test(n)) return pools.shipments;
  if (/pickup/.test(n)) return pools.pickups;
  if (n === 'code') return pools.codes;
  if (n === 'id') return [...pools.dossiers, ...pools.other];
  if (n.endsWith('id') || n.endsWith('ids')) return pools.other;
  return null;
}

export interface Generator {
  pools: IdPools;
  /** Values of the text parts (query, path, headers) or of a JSON body. */
  text: boolean;
  /** Chance that a value is replaced by a mutant (0 for valid cases). */
  mutation: number;
}

function resolve(schema: Schema): Schema {
  return schema ?? {};
}

/** An arbitrary for values of `schema`, named `name` (its property name, which hints at ids). */
export function arbitraryFor(schema: Schema, name: string, g: Generator, depth = 0): fc.Arbitrary<unknown> {
  const valid = validOf(resolve(schema), name, g, depth);
  if (g.mutation <= 0) return valid;
  const mutant = mutantOf(resolve(schema), g);
  const weight = Math.max(1, Math.round(g.mutation * 100));
  return fc.oneof({ weight: 100 - weight, arbitrary: valid }, { weight, arbitrary: mutant });
}

function mutantOf(schema: Schema, g: Generator): fc.Arbitrary<unknown> {
  const boundary: unknown[] = [];
  if (typeof schema.maxLength === 'number' && schema.maxLength < 10_000)
    boundary.push('ư'.repeat(schema.maxLength + 1));
  if (typeof schema.minLength === 'number' && schema.minLength > 0)
    boundary.push('a'.repeat(schema.minLength - 1));
  if (typeof schema.minimum === 'number') boundary.push(schema.minimum - 1, schema.minimum);
  if (typeof schema.maximum === 'number') boundary.push(schema.maximum + 1, schema.maximum);
  const texts = g.text ? TEXT_MUTANTS : JSON_MUTANTS;
  const all = [...texts, ...boundary.map((b) => (g.text ? String(b) : b))];
  return fc.constantFrom(...all);
}

function validOf(schema: Schema, name: string, g: Generator, depth: number): fc.Arbitrary<unknown> {
  const variants = schema.anyOf ?? schema.oneOf;
  if (Array.isArray(variants) && variants.length > 0) {
    return fc.oneof(...variants.map((v: Schema) => validOf(v, name, g, depth)));
  }
  if (Array.isArray(schema.enum) && schema.enum.length > 0) {
    const values = schema.enum.filter((v: unknown) => v !== null || schema.nullable);
    return fc.constantFrom(...(values.length > 0 ? values : [null]));
  }
  if ('const' in schema) return fc.constant(schema.const);
  if (schema.nullable) {
    const { nullable: _n, ...rest } = schema;
    return fc.oneof(
      { weight: 4, arbitrary: validOf(rest, name, g, depth) },
      { weight: 1, arbitrary: fc.constant(null) },
    );
  }
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case 'string':
      return stringOf(schema, name, g);
    case 'integer': {
      const min = Math.max(Math.ceil(schema.minimum ?? INT_LOW), INT_LOW);
      const max = Math.max(min, Math.min(Math.floor(schema.maximum ?? INT_HIGH), INT_HIGH));
      const near = Math.min(max, Math.max(min, 1));
      const arbitrary = fc.oneof(
        fc.integer({ min, max }),
        fc.constantFrom(min, max, near),
        fc.integer({ min: near, max: Math.min(max, near + 20) }),
      );
      return g.text ? arbitrary.map(String) : arbitrary;
    }
    case 'number': {
      const min = schema.minimum ?? -1e9;
      const max = schema.maximum ?? 1e9;
      const arbitrary = fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
      return g.text ? arbitrary.map(String) : arbitrary;
    }
    case 'boolean':
      return g.text ? fc.constantFrom('true', 'false') : fc.boolean();
    case 'array': {
      const items = schema.items ?? {};
      const minLength = schema.minItems ?? 0;
      const maxLength = Math.max(minLength, Math.min(schema.maxItems ?? 4, 4));
      if (depth > 4) return fc.constant([]);
      return fc.array(arbitraryFor(items, name, g, depth + 1), { minLength, maxLength });
    }
    case 'object':
      return objectOf(schema, g, depth);
    default:
      // No type: anything JSON.
      return g.text ? fc.constantFrom(...TEXTS) : fc.constantFrom<unknown>(...TEXTS, 1, true, null);
  }
}

function objectOf(schema: Schema, g: Generator, depth: number): fc.Arbitrary<unknown> {
  const properties = (schema.properties ?? {}) as Record<string, Schema>;
  const required = new Set<string>(schema.required ?? []);
  if (depth > 5) return fc.constant({});
  const shape: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [key, value] of Object.entries(properties)) {
    const arbitrary = arbitraryFor(value, key, g, depth + 1);
    shape[key] = required.has(key) ? arbitrary : fc.option(arbitrary, { nil: undefined, freq: 2 });
  }
  let object: fc.Arbitrary<Record<string, unknown>> = fc.record(shape);
  if (g.mutation > 0) {
    // Now and then a required property missing, or one the schema does not know.
    object = fc
      .tuple(
        object,
        fc.integer({ min: 0, max: 19 }),
        fc.constantFrom(...Object.keys(properties), 'khongBiet'),
      )
      .map(([o, roll, key]) => {
        const copy = { ...o };
        if (roll === 0) delete copy[key];
        if (roll === 1) copy.khongBiet = 'Đức';
        return copy;
      });
  }
  return object.map((o) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)));
}

function stringOf(schema: Schema, name: string, g: Generator): fc.Arbitrary<string> {
  const minLength = schema.minLength ?? 0;
  const maxLength = Math.min(schema.maxLength ?? 60, 60);
  const fits = (s: string) =>
    s.length >= minLength && s.length <= (schema.maxLength ?? Number.POSITIVE_INFINITY);
  if (schema.format === 'date') {
    return fc
      .date({
        min: new Date('1950-01-01T00:00:00Z'),
        max: new Date('2030-12-31T00:00:00Z'),
        noInvalidDate: true,
      })
      .map((d) => d.toISOString().slice(0, 10));
  }
  if (schema.format === 'date-time') {
    return fc
      .date({
        min: new Date('2020-01-01T00:00:00Z'),
        max: new Date('2030-12-31T00:00:00Z'),
        noInvalidDate: true,
      })
      .map((d) => d.toISOString());
  }
  if (schema.format === 'email') return fc.constantFrom('nguyen.anh@example.vn', 'duc.dang@buudien.vn');
  if (/clienttxid|idempotency/i.test(name)) return fc.uuid().map((u) => `fz-${u}`);
  const pool = poolFor(name, g.pools);
  if (pool && pool.length > 0) {
    return fc.oneof(
      { weight: 8, arbitrary: fc.constantFrom(...pool) },
      { weight: 1, arbitrary: fc.constantFrom('khong-co-ma-nay', '019a0000-0000-7000-8000-000000000000') },
    );
  }
  if (/phone/i.test(name))
    return fc.constantFrom('0912 345 678', '0987654321', '+84 912 345 678').filter(fits);
  if (/idnumber|citizen/i.test(name)) return fc.constantFrom('070190001234', '075095000123').filter(fits);
  if (typeof schema.pattern === 'string') {
    return fc.stringMatching(new RegExp(schema.pattern), { size: 'small' }).filter(fits);
  }
  return fc
    .oneof(
      { weight: 3, arbitrary: fc.constantFrom(...TEXTS).filter(fits) },
      {
        weight: 1,
        arbitrary: fc.string({ minLength, maxLength: Math.max(minLength, maxLength), unit: 'grapheme' }),
      },
    )
    .filter(fits);
}

/** An arbitrary for whole requests to `operation`. */
export function requestOf(operation: Operation, pools: IdPools, mutation: number): fc.Arbitrary<FuzzRequest> {
  const text: Generator = { pools, text: true, mutation };
  const json: Generator = { pools, text: false, mutation };
  const parts: Record<string, fc.Arbitrary<unknown>> = {};
  for (const p of operation.parameters) {
    const arbitrary = arbitraryFor(p.schema, p.name, text);
    parts[`${p.in}:${p.name}`] =
      p.required || p.in === 'path' ? arbitrary : fc.option(arbitrary, { nil: undefined, freq: 2 });
  }
  const body = operation.body ? arbitraryFor(operation.body, 'body', json) : fc.constant(undefined);
  const extras = fc.record({
    language: fc.constantFrom('vi', 'en', 'vi-VN,vi;q=0.9', undefined),
    idempotencyKey: fc.option(
      fc.uuid().map((u) => `fz-key-${u}`),
      { nil: undefined },
    ),
  });
  return fc.tuple(fc.record(parts), body, extras).map(([values, payload, extra]) => {
    let url = operation.path;
    const query = new URLSearchParams();
    const headers: Record<string, string> = {};
    for (const [key, value] of Object.entries(values)) {
      if (value === undefined) continue;
      const [where, name] = key.split(':') as [string, string];
      const textValue = typeof value === 'string' ? value : JSON.stringify(value);
      if (where === 'path') url = url.replace(`{${name}}`, encodeURIComponent(textValue || 'x'));
      else if (where === 'query') query.append(name, textValue);
      else headers[name] = textValue;
    }
    if (extra.language) headers['accept-language'] = extra.language;
    if (extra.idempotencyKey && operation.method === 'POST')
      headers['idempotency-key'] = extra.idempotencyKey;
    const search = query.toString();
    const request: FuzzRequest = {
      method: operation.method,
      url: search ? `${url}?${search}` : url,
      headers,
    };
    if (payload !== undefined) {
      request.headers['content-type'] = 'application/json';
      request.payload = JSON.stringify(payload);
    }
    return request;
  });
}
