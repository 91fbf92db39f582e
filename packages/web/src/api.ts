import type { FormInstance } from 'antd';
import type { Lang } from './i18n.ts';

/** One field the server refused, with its message in the user's language. */
export interface FieldError {
  field: string;
  message: string;
}

/** An error answer of the API (`{ error: { code, message, fields } }`) or a network failure. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly fields: FieldError[];

  constructor(status: number, code: string, message: string, fields: FieldError[] = []) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.fields = fields;
  }
}

export interface Paged<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

const state: { csrfToken: string | null; lang: Lang } = { csrfToken: null, lang: 'vi' };

/** The CSRF token from sign-in or `/auth/me`; sent as `x-csrf-token` on every unsafe request. */
export function setCsrfToken(token: string | null): void {
  state.csrfToken = token;
}

/** The language of server messages (`Accept-Language`). */
export function setApiLanguage(lang: Lang): void {
  state.lang = lang;
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  body?: unknown;
  query?: Record<string, string | number | boolean | null | undefined>;
  /** Send an `Idempotency-Key` so a retried create never creates twice (default: on for POST). */
  idempotent?: boolean;
  /** The key of the form's intent (`useIntentMutation`): the same for every attempt of one intent. */
  idempotencyKey?: string;
  signal?: AbortSignal;
}

/** `path` with the defined, non-empty query values appended. */
export function withQuery(path: string, query?: RequestOptions['query']): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

/** A fresh random key (also the console's client transaction ids). */
export function newIdempotencyKey(): string {
  if (typeof crypto !== 'undefined' && typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  // Plain-HTTP LAN deployments have no randomUUID (it needs a secure context).
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

const NETWORK_MESSAGE: Record<Lang, string> = {
  vi: 'Không kết nối được máy chủ, hãy kiểm tra mạng và thử lại',
  en: 'Cannot reach the server, check the network and retry',
};

/** Calls the API under `/api/v1`; resolves with the JSON body or throws an `ApiError`. */
export async function apiRequest<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = { accept: 'application/json', 'accept-language': state.lang };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (UNSAFE.has(method) && state.csrfToken) headers['x-csrf-token'] = state.csrfToken;
  if (options.idempotencyKey) headers['idempotency-key'] = options.idempotencyKey;
  else if (options.idempotent ?? method === 'POST') headers['idempotency-key'] = newIdempotencyKey();
  let response: Response;
  try {
    response = await fetch(withQuery(`/api/v1${path}`, options.query), {
      method,
      headers,
      credentials: 'same-origin',
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error;
    throw new ApiError(0, 'NETWORK_ERROR', NETWORK_MESSAGE[state.lang]);
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  let body: unknown = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = null;
  }
  if (!response.ok) {
    const error = (body as { error?: { code?: string; message?: string; fields?: FieldError[] } } | null)
      ?.error;
    throw new ApiError(
      response.status,
      error?.code ?? `HTTP_${response.status}`,
      error?.message ?? `${response.status} ${response.statusText}`,
      error?.fields ?? [],
    );
  }
  return body as T;
}

export const api = {
  get: <T>(path: string, query?: RequestOptions['query'], signal?: AbortSignal) =>
    apiRequest<T>(path, { query, signal }),
  /** POST with an `Idempotency-Key`; pass `{ idempotent: false }` for actions that create nothing. */
  post: <T>(
    path: string,
    body?: unknown,
    options: Pick<RequestOptions, 'idempotent' | 'idempotencyKey'> = {},
  ) => apiRequest<T>(path, { method: 'POST', body, ...options }),
  patch: <T>(path: string, body: unknown) => apiRequest<T>(path, { method: 'PATCH', body }),
};

/** `roles.0.servicePointId` → `['roles', 0, 'servicePointId']`, the name path antd forms use. */
export function fieldPath(field: string): (string | number)[] {
  return field.split('.').map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

/**
 * Shows the server's field errors on the matching form fields. Returns the errors no field of the
 * form could show (the caller shows them in an alert), so nothing the server said is lost.
 */
export function applyFieldErrors(form: FormInstance, error: unknown): FieldError[] {
  if (!(error instanceof ApiError)) return [];
  const registered = new Set(form.getFieldsError().map((f) => JSON.stringify(f.name)));
  const unmatched: FieldError[] = [];
  const matched = new Map<string, { name: (string | number)[]; errors: string[] }>();
  for (const f of error.fields) {
    const name = fieldPath(f.field);
    const key = JSON.stringify(name);
    if (!registered.has(key)) {
      unmatched.push(f);
      continue;
    }
    const entry = matched.get(key) ?? { name, errors: [] };
    entry.errors.push(f.message);
    matched.set(key, entry);
  }
  if (matched.size > 0) form.setFields([...matched.values()]);
  return unmatched;
}

/** The leaf name paths of an antd `onValuesChange` change (`{ applicant: { phone } }` → `applicant.phone`). */
function changedPaths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  const plain =
    value !== null &&
    typeof value === 'object' &&
    !Array.isArray(value) &&
    Object.getPrototypeOf(value) === Object.prototype;
  if (!plain || prefix.length > 4) return prefix.length ? [prefix] : [];
  return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) =>
    changedPaths(v, [...prefix, k]),
  );
}

/**
 * For a form's `onValuesChange`: a field the user changes loses the server's error at once (its own
 * rules, if any, validate it again right after). Without this a fixed citizen ID or phone kept the
 * server's message until the next submit.
 */
export function clearServerErrors(form: FormInstance, changed: unknown): void {
  const stale = changedPaths(changed).filter((name) => form.getFieldError(name).length > 0);
  if (stale.length > 0) form.setFields(stale.map((name) => ({ name, errors: [] })));
}
