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

/** One load's rounds taken together, with the spread between its rounds. */
export interface RoundsFigures extends LoadFigures {
  /** 2xx requests per second of each round, in order. */
  roundRates: number[];
  /** The worst round's p99 (the headline p99 is the median of the rounds'). */
  p99WorstMs: number;
}

/**
 * Runs the loads one after the other, `rounds` times over (A B C, A B C, …), so that whatever else
 * the machine does meanwhile (a neighbour on the host, CPU steal, a slow disk flush) weighs on every
 * load alike instead of on whichever ran at that moment. Each load's rounds are kept in order.
 */
export async function alternate<K extends string>(
  loads: Record<K, () => Promise<LoadFigures>>,
  rounds: number,
): Promise<Record<K, LoadFigures[]>> {
  const names = Object.keys(loads) as K[];
  const figures = Object.fromEntries(names.map((name) => [name, [] as LoadFigures[]])) as Record<
    K,
    LoadFigures[]
  >;
  for (let round = 0; round < rounds; round++) {
    for (const name of names) figures[name].push(await loads[name]());
  }
  return figures;
}

const median = (values: number[]): number => {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? 0)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
};

/**
 * The rounds of one load as one figure: requests, seconds, errors and status codes summed (so the
 * rate is over all of them); p50 and p99 the median of the rounds' (autocannon gives percentiles,
 * which cannot be merged exactly), with the worst p99 alongside.
 */
export function combine(rounds: LoadFigures[]): RoundsFigures {
  const sum = (pick: (f: LoadFigures) => number) => rounds.reduce((total, f) => total + pick(f), 0);
  const statusCodes: Record<string, number> = {};
  for (const f of rounds) {
    for (const [code, count] of Object.entries(f.statusCodes))
      statusCodes[code] = (statusCodes[code] ?? 0) + count;
  }
  const seconds = sum((f) => f.seconds);
  const ok = sum((f) => f.requestsPerSecond * f.seconds);
  return {
    requests: sum((f) => f.requests),
    seconds,
    requestsPerSecond: seconds > 0 ? ok / seconds : 0,
    p50Ms: median(rounds.map((f) => f.p50Ms)),
    p99Ms: median(rounds.map((f) => f.p99Ms)),
    p99WorstMs: Math.max(0, ...rounds.map((f) => f.p99Ms)),
    errors: sum((f) => f.errors),
    non2xx: sum((f) => f.non2xx),
    statusCodes,
    roundRates: rounds.map((f) => f.requestsPerSecond),
  };
}

/**
 * subject / baseline, as the median of the rounds' ratios: each round's pair ran back to back, so
 * a slow spell of the machine lowers both sides of one ratio rather than one side of the total.
 */
export function pairedRatio(subject: LoadFigures[], baseline: LoadFigures[]): number {
  const ratios = subject.flatMap((f, i) => {
    const base = baseline[i]?.requestsPerSecond ?? 0;
    return base > 0 ? [f.requestsPerSecond / base] : [];
  });
  return median(ratios);
}
