import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseDotenv } from 'dotenv';
import ipaddr from 'ipaddr.js';
import { IDEMPOTENCY_LEASE_MS } from './http/idempotency.ts';
import { CHANGE_MEMORY_MS } from './modules/dossiers/changes.ts';

/** Runtime configuration, read from the environment (and a `.env` file in the working directory). */
export interface Config {
  databaseUrl: string;
  port: number;
  host: string;
  dataDir: string;
  publicUrl: string;
  /** Cookies get `Secure` when the public URL is https. */
  secureCookies: boolean;
  smtp: {
    host: string;
    port: number;
    user?: string;
    password?: string;
    from: string;
    secure: boolean;
  } | null;
  logLevel: string;
  /** Requests per minute per IP on the public citizen endpoints (lookup, rating). */
  publicRateLimit: number;
  /** Sign-in attempts per minute per IP. */
  loginRateLimit: number;
  /** How long the citizen lookup keeps a dossier row in memory (ms, 0 = read every time). */
  publicCacheMs: number;
  /** How long an `Idempotency-Key` stays pending before a retry may take it over (ms). */
  idempotencyLeaseMs: number;
  /**
   * Reverse proxies whose `X-Forwarded-For` is believed (addresses, CIDR ranges, or `loopback`,
   * `linklocal`, `uniquelocal`); empty: none, the client address is the connection's.
   */
  trustedProxies: string[];
}

/** Loads `.env` into a copy of the environment without overriding variables already set. */
export function readEnvironment(
  cwd = process.cwd(),
  env: NodeJS.ProcessEnv = process.env,
): NodeJS.ProcessEnv {
  const file = path.join(cwd, '.env');
  if (!existsSync(file)) return { ...env };
  const fromFile = parseDotenv(readFileSync(file));
  return { ...fromFile, ...env };
}

export function loadConfig(env: NodeJS.ProcessEnv = readEnvironment()): Config {
  const dataDir = path.resolve(env.MOTCUA_DATA_DIR ?? 'data');
  const port = Number(env.MOTCUA_PORT ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`MOTCUA_PORT must be a port number, got "${env.MOTCUA_PORT}"`);
  }
  const publicUrl = (env.MOTCUA_PUBLIC_URL ?? `http://localhost:${port}`).replace(/\/+$/, '');
  const smtpHost = env.MOTCUA_SMTP_HOST;
  return {
    databaseUrl: env.MOTCUA_DATABASE_URL ?? `sqlite:${path.join(dataDir, 'motcua.sqlite')}`,
    port,
    host: env.MOTCUA_HOST ?? '0.0.0.0',
    dataDir,
    publicUrl,
    secureCookies: publicUrl.startsWith('https://'),
    smtp: smtpHost
      ? {
          host: smtpHost,
          port: Number(env.MOTCUA_SMTP_PORT ?? 25),
          user: env.MOTCUA_SMTP_USER,
          password: env.MOTCUA_SMTP_PASSWORD,
          from: env.MOTCUA_SMTP_FROM ?? 'motcua <no-reply@localhost>',
          secure: env.MOTCUA_SMTP_SECURE === '1',
        }
      : null,
    logLevel: env.MOTCUA_LOG_LEVEL ?? 'info',
    publicRateLimit: positiveInteger(env.MOTCUA_PUBLIC_RATE_LIMIT, 30, 'MOTCUA_PUBLIC_RATE_LIMIT'),
    loginRateLimit: positiveInteger(env.MOTCUA_LOGIN_RATE_LIMIT, 10, 'MOTCUA_LOGIN_RATE_LIMIT'),
    publicCacheMs: integerIn(env.MOTCUA_PUBLIC_CACHE_MS, 2000, 'MOTCUA_PUBLIC_CACHE_MS', 0, CHANGE_MEMORY_MS),
    idempotencyLeaseMs: integerIn(
      env.MOTCUA_IDEMPOTENCY_LEASE_MS,
      IDEMPOTENCY_LEASE_MS,
      'MOTCUA_IDEMPOTENCY_LEASE_MS',
      1000,
      3_600_000,
    ),
    trustedProxies: trustedProxies(env.MOTCUA_TRUSTED_PROXIES),
  };
}

/** Names the proxy-address matcher knows besides addresses and ranges. */
const PROXY_RANGE_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/**
 * `MOTCUA_TRUSTED_PROXIES`: comma-separated addresses, CIDR ranges (`10.0.0.0/8`, `fd00::/8`) or the
 * names `loopback`, `linklocal`, `uniquelocal`. Unset or empty: no proxy is trusted.
 */
export function trustedProxies(value: string | undefined): string[] {
  if (!value?.trim()) return [];
  return value
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '')
    .map((entry) => {
      const ok = PROXY_RANGE_NAMES.has(entry) || ipaddr.isValid(entry) || isCidr(entry);
      if (!ok) {
        throw new Error(
          `MOTCUA_TRUSTED_PROXIES: "${entry}" is not an address, a CIDR range or one of loopback, linklocal, uniquelocal`,
        );
      }
      return entry;
    });
}

function isCidr(entry: string): boolean {
  try {
    ipaddr.parseCIDR(entry);
    return true;
  } catch {
    return false;
  }
}

function positiveInteger(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1)
    throw new Error(`${name} must be a positive whole number, got "${value}"`);
  return n;
}

function integerIn(
  value: string | undefined,
  fallback: number,
  name: string,
  min: number,
  max: number,
): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max)
    throw new Error(`${name} must be a whole number from ${min} to ${max}, got "${value}"`);
  return n;
}

/**
 * Whether the public URL points at this machine only (`localhost`, `127.x.x.x`, `::1`, `0.0.0.0`):
 * the QR codes and links printed on receipts would then lead a citizen's phone nowhere. `serve`
 * warns at start when so on a database not started with `--demo`.
 */
export function isLoopbackUrl(url: string): boolean {
  let host: string;
  try {
    host = new URL(url).hostname.toLowerCase();
  } catch {
    return false;
  }
  host = host.replace(/^\[|\]$/g, '');
  return (
    host === 'localhost' ||
    host.endsWith('.localhost') ||
    /^127\.\d+\.\d+\.\d+$/.test(host) ||
    host === '::1' ||
    host === '0.0.0.0' ||
    host === '::'
  );
}

/** The warning `serve` prints at start, or null: a loopback public URL outside a demo. */
export function publicUrlWarning(publicUrl: string, demo: boolean): string | null {
  if (demo || !isLoopbackUrl(publicUrl)) return null;
  return (
    `motcua: WARNING: MOTCUA_PUBLIC_URL is ${publicUrl}, an address of this machine only: the QR codes ` +
    'and links printed on receipts and sent to citizens will not open on their phones. Set ' +
    'MOTCUA_PUBLIC_URL to the address citizens reach (e.g. https://motcua.example.gov.vn).'
  );
}
