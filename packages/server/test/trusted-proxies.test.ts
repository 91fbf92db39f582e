import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/app.ts';
import { loadConfig, trustedProxies } from '../src/config.ts';
import { createTestContext, type TestContext } from './helpers/app.ts';
import { TEST_ENGINE } from './helpers/db.ts';

let ctx: TestContext;
/** The same database served as behind a reverse proxy at 10.1.2.3 (MOTCUA_TRUSTED_PROXIES). */
let proxied: FastifyInstance;

const PROXY = '10.1.2.3';

before(async () => {
  ctx = await createTestContext();
  const config = loadConfig({
    MOTCUA_DATA_DIR: '/tmp/motcua-test-data',
    MOTCUA_PUBLIC_URL: 'http://localhost:8080',
    MOTCUA_TRUSTED_PROXIES: `${PROXY}, 192.0.2.0/24`,
  });
  proxied = await buildApp({ database: ctx.database, config }, { serveWeb: false });
  await proxied.ready();
});
after(async () => {
  await proxied.close();
  await ctx.close();
});

/** A wrong sign-in, each with its own username so no account lock gets in the way of the count. */
let attempt = 0;
const signIn = (app: FastifyInstance, remoteAddress: string, forwardedFor?: string) =>
  app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { username: `khong-co-ai-${attempt++}`, password: 'sai-mat-khau-0' },
    remoteAddress,
    headers: forwardedFor ? { 'x-forwarded-for': forwardedFor } : {},
  });

/** A lookup of a code no dossier has (the per-dossier guard never counts it). */
const lookup = (app: FastifyInstance, remoteAddress: string, forwardedFor: string) =>
  app.inject({
    method: 'GET',
    url: `/api/v1/public/lookup/${encodeURIComponent('000.00.29.H10-991231-9999')}`,
    remoteAddress,
    headers: { 'x-verifier': '0000', 'x-forwarded-for': forwardedFor },
  });

describe(`proxy trust on ${TEST_ENGINE}`, () => {
  it('ignores X-Forwarded-For by default: a new forged address per attempt does not dodge the sign-in limit', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 11; i++)
      codes.push((await signIn(ctx.app, '203.0.113.50', `198.51.100.${i}`)).statusCode);
    assert.deepEqual(codes, [...Array(10).fill(401), 429]);
  });

  it('ignores X-Forwarded-For by default on the citizen lookup, and logs the connection’s address', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 31; i++)
      codes.push((await lookup(ctx.app, '203.0.113.51', `198.51.100.${i}`)).statusCode);
    assert.deepEqual(codes, [...Array(30).fill(404), 429]);
    await ctx.app.lookupLog.flush();
    const logged = await ctx.database.db
      .selectFrom('lookup_log')
      .select('ip')
      .where('code_tried', '=', '000.00.29.H10-991231-9999')
      .execute();
    assert.equal(logged.length, 30);
    assert.ok(logged.every((r) => r.ip === '203.0.113.51'));
  });

  it('honours X-Forwarded-For from a trusted proxy: each client behind it is counted on its own', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 12; i++) codes.push((await signIn(proxied, PROXY, `198.51.100.${i}`)).statusCode);
    assert.deepEqual(codes, Array(12).fill(401));
    // One client behind the proxy is still held to 10 a minute.
    const same: number[] = [];
    for (let i = 0; i < 11; i++) same.push((await signIn(proxied, PROXY, '198.51.100.200')).statusCode);
    assert.deepEqual(same, [...Array(10).fill(401), 429]);
  });

  it('takes the address the trusted proxy saw, not what the client wrote in front of it', async () => {
    // The proxy appends the address it saw; entries before it are the client's own and are not believed.
    const codes: number[] = [];
    for (let i = 0; i < 11; i++) {
      codes.push((await signIn(proxied, PROXY, `10.9.9.${i}, 198.51.100.201`)).statusCode);
    }
    assert.deepEqual(codes, [...Array(10).fill(401), 429]);
    // A chain of trusted proxies (one in 192.0.2.0/24 behind the first) is walked back to the client.
    const chained: number[] = [];
    for (let i = 0; i < 11; i++) {
      chained.push((await signIn(proxied, PROXY, `10.9.8.${i}, 198.51.100.202, 192.0.2.9`)).statusCode);
    }
    assert.deepEqual(chained, [...Array(10).fill(401), 429]);
  });

  it('still ignores X-Forwarded-For from a peer that is not a configured proxy', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 31; i++)
      codes.push((await lookup(proxied, '203.0.113.52', `198.51.100.${i}`)).statusCode);
    assert.deepEqual(codes, [...Array(30).fill(404), 429]);
    const behindProxy: number[] = [];
    for (let i = 0; i < 31; i++)
      behindProxy.push((await lookup(proxied, PROXY, `198.51.100.${i}`)).statusCode);
    assert.deepEqual(behindProxy, Array(31).fill(404), 'a new client behind the proxy each time');
  });
});

describe('MOTCUA_TRUSTED_PROXIES', () => {
  it('is off when unset or empty', () => {
    assert.deepEqual(trustedProxies(undefined), []);
    assert.deepEqual(trustedProxies(' '), []);
    assert.deepEqual(loadConfig({}).trustedProxies, []);
  });

  it('takes addresses, CIDR ranges and the names loopback, linklocal, uniquelocal', () => {
    assert.deepEqual(trustedProxies('127.0.0.1, 10.0.0.0/8,fd00::/8 ,::1,loopback,uniquelocal'), [
      '127.0.0.1',
      '10.0.0.0/8',
      'fd00::/8',
      '::1',
      'loopback',
      'uniquelocal',
    ]);
  });

  it('refuses anything else, naming the entry', () => {
    assert.throws(() => trustedProxies('10.0.0.1, proxy.example'), /"proxy\.example"/);
    assert.throws(() => trustedProxies('10.0.0.0/33'), /"10\.0\.0\.0\/33"/);
    assert.throws(() => trustedProxies('true'), /"true"/);
  });
});
