import type { FastifyInstance, FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';
import ipaddr from 'ipaddr.js';
import { rateLimited } from '../errors.ts';

/** The window every limit counts in: `rateLimit.max` requests per client address per minute. */
export const RATE_WINDOW_MS = 60_000;

/**
 * Addresses counted at once per route. Past this, new addresses share one counter (so a flood from
 * many addresses is limited together, and memory stays bounded), while the ones already counted
 * keep theirs.
 */
export const MAX_ADDRESSES = 100_000;
const OVERFLOW_KEY = '*';

/**
 * Requests counted per client address, in this process's memory, each client's window starting with
 * its first request: `max` requests, then refusals until a minute after that first one. A client may
 * so send up to `max` at the end of one window and `max` at the start of the next; over any longer
 * time it gets `max` a minute.
 */
export class RateLimiter {
  /** Oldest window first: a window that starts again is moved to the end, so ended ones are in front. */
  private windows = new Map<string, { count: number; end: number }>();

  constructor(
    readonly max: number,
    private readonly windowMs = RATE_WINDOW_MS,
    private readonly maxAddresses = MAX_ADDRESSES,
  ) {}

  /** Counts one request of `client`: 0 when it may go on, else the seconds until its window ends. */
  hit(client: string, now = Date.now()): number {
    for (const [key, window] of this.windows) {
      if (window.end > now) break;
      this.windows.delete(key);
    }
    const key = this.windows.has(client) || this.windows.size < this.maxAddresses ? client : OVERFLOW_KEY;
    let window = this.windows.get(key);
    if (!window) {
      window = { count: 0, end: now + this.windowMs };
      this.windows.set(key, window);
    }
    window.count++;
    return window.count > this.max ? Math.ceil((window.end - now) / 1000) : 0;
  }
}

/**
 * The counter key of a client address: IPv4 (IPv4-mapped IPv6 too) as it is, IPv6 by its /56
 * prefix, anything else (a proxy's odd `X-Forwarded-For`) as sent, lower-cased.
 */
export function clientKey(ip: string): string {
  if (!ip.includes(':') || !ipaddr.IPv6.isValid(ip)) return ip.toLowerCase();
  const address = ipaddr.IPv6.parse(ip);
  if (address.isIPv4MappedAddress()) return address.toIPv4Address().toString();
  // The first 56 bits: one subscriber's network, not each of its addresses.
  const [a = 0, b = 0, c = 0, d = 0] = address.parts;
  return `${[a, b, c, d & 0xff00].map((g) => g.toString(16)).join(':')}::/56`;
}

/**
 * Per-route limits: a route with `config.rateLimit: { max }` counts each client address's requests
 * a minute before anything else of the route runs (an `onRequest` hook, synchronous); over the limit
 * it answers 429 `RATE_LIMITED` with `Retry-After` (seconds). Answers within the limit carry no
 * rate-limit headers. Client addresses come from `request.ip`: the connection's address, or the one
 * a trusted reverse proxy (`MOTCUA_TRUSTED_PROXIES`) put in `X-Forwarded-For`; from anyone else that
 * header is ignored.
 */
export function registerRateLimits(app: FastifyInstance): void {
  app.addHook('onRoute', (route) => {
    const limit = route.config?.rateLimit;
    if (!limit) return;
    const limiter = new RateLimiter(limit.max);
    const hook = (request: FastifyRequest, reply: FastifyReply, done: HookHandlerDoneFunction) => {
      const wait = limiter.hit(clientKey(request.ip));
      if (wait === 0) return done();
      reply.header('retry-after', String(wait));
      done(rateLimited());
    };
    const existing = route.onRequest;
    route.onRequest = existing ? [hook, ...(Array.isArray(existing) ? existing : [existing])] : [hook];
  });
}
