import autocannon from 'autocannon';

/** One load run against a loopback URL: always bounded by a duration and, optionally, a request count. */
export interface LoadOptions {
  url: string;
  connections: number;
  durationSeconds: number;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  /** A body; `[<id>]` in it is replaced by a fresh unique id on every request. */
  body?: string;
  /** Bodies cycled through by every connection (each one a request). */
  bodies?: string[];
  /** Paths (under `url`'s origin) cycled through by every connection, each one a request. */
  paths?: string[];
  /** Replace `[<id>]` anywhere in the request (headers too), even without one in `body`. */
  idReplacement?: boolean;
}

export interface LoadFigures {
  requests: number;
  seconds: number;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** Socket errors and timeouts. */
  errors: number;
  non2xx: number;
  statusCodes: Record<string, number>;
}

/**
 * Runs autocannon in one worker thread so the load generator does not share the event loop with the
 * server under test (both live in this process).
 */
export async function runLoad(options: LoadOptions): Promise<LoadFigures> {
  const headers = { 'content-type': 'application/json', ...(options.headers ?? {}) };
  const method = options.method ?? 'GET';
  const result = await autocannon({
    url: options.url,
    connections: options.connections,
    duration: options.durationSeconds,
    workers: 1,
    timeout: 10,
    method,
    headers,
    idReplacement: options.idReplacement === true || (options.body?.includes('[<id>]') ?? false),
    ...(options.body !== undefined ? { body: options.body } : {}),
    ...(options.bodies ? { requests: options.bodies.map((body) => ({ method, headers, body })) } : {}),
    ...(options.paths ? { requests: options.paths.map((path) => ({ method, headers, path })) } : {}),
  });
  const statusCodes: Record<string, number> = {};
  for (const [code, stat] of Object.entries(result.statusCodeStats ?? {})) statusCodes[code] = stat.count;
  const answered = result['1xx'] + result['2xx'] + result['3xx'] + result['4xx'] + result['5xx'];
  const seconds = result.duration;
  return {
    requests: answered,
    seconds,
    requestsPerSecond: seconds > 0 ? result['2xx'] / seconds : 0,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    statusCodes,
  };
}

export const round = (value: number, digits = 1) => {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
};
