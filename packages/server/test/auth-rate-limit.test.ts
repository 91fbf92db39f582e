import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { clientKey, RateLimiter } from '../src/http/rate-limit.ts';
import { createTestContext, type TestContext } from './helpers/app.ts';
import { TEST_ENGINE } from './helpers/db.ts';

let ctx: TestContext;
before(async () => {
  ctx = await createTestContext();
});
after(() => ctx.close());

it(`limits sign-in attempts to 10 a minute per address, in Vietnamese (${TEST_ENGINE})`, async () => {
  const codes: number[] = [];
  for (let i = 0; i < 11; i++) {
    // A new name each time: five wrong passwords would lock one account before the address's limit.
    const response = await ctx.anonymous.post('/api/v1/auth/login', {
      username: `khong-co-${i}`,
      password: `sai-mat-khau-${i}`,
    });
    codes.push(response.statusCode);
    if (response.statusCode === 429) {
      assert.equal(response.json().error.code, 'RATE_LIMITED');
      assert.match(response.json().error.message, /Quá nhiều yêu cầu/);
    }
  }
  assert.deepEqual(codes, [...Array(10).fill(401), 429]);
  // Another address is not affected.
  const other = await ctx.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { username: 'admin', password: 'motcua-demo' },
    remoteAddress: '10.0.0.7',
  });
  assert.equal(other.statusCode, 200);
});

it('answers the refusal with Retry-After, and requests within the limit with no rate-limit headers', async () => {
  let n = 0;
  const attempt = () =>
    ctx.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: `khong-co-ai-${n++}`, password: 'sai' },
      remoteAddress: '10.0.0.8',
    });
  const first = await attempt();
  assert.equal(first.statusCode, 401);
  assert.deepEqual(
    Object.keys(first.headers).filter((h) => h.includes('ratelimit') || h === 'retry-after'),
    [],
  );
  let refused = first;
  for (let i = 0; i < 10 && refused.statusCode !== 429; i++) refused = await attempt();
  assert.equal(refused.statusCode, 429);
  const wait = Number(refused.headers['retry-after']);
  assert.ok(wait >= 1 && wait <= 60, `Retry-After ${refused.headers['retry-after']}`);
});

describe('RateLimiter', () => {
  const MINUTE = 60_000;
  const start = 1_764_547_245_000;

  it('lets max requests a minute through per client, from its first request, then says how long to wait', () => {
    const limiter = new RateLimiter(3);
    assert.deepEqual(
      [0, 10_000, 20_000, 45_000].map((after) => limiter.hit('203.0.113.7', start + after)),
      [0, 0, 0, 15],
    );
    assert.equal(limiter.hit('203.0.113.8', start + 45_000), 0, 'another address has its own count');
    // Whatever the clock's minute: the window is the client's own.
    assert.equal(limiter.hit('203.0.113.7', start + MINUTE - 1), 1);
    assert.equal(limiter.hit('203.0.113.7', start + MINUTE), 0, 'a minute after its first request');
    assert.deepEqual(
      [1, 2, 3].map(() => limiter.hit('203.0.113.7', start + MINUTE + 1)),
      [0, 0, 60],
    );
  });

  it('counts new addresses together once it holds its maximum of addresses, and forgets ended windows', () => {
    const limiter = new RateLimiter(2, MINUTE, 3);
    for (const ip of ['a', 'b', 'c']) assert.equal(limiter.hit(ip, start), 0);
    assert.deepEqual(
      ['d', 'e', 'f'].map((ip) => limiter.hit(ip, start)),
      [0, 0, 60],
    );
    assert.equal(limiter.hit('a', start), 0, 'an address already counted keeps its own count');
    // Once the windows have ended, a new address is counted on its own again.
    assert.deepEqual(
      ['g', 'g', 'g'].map((ip) => limiter.hit(ip, start + MINUTE)),
      [0, 0, 60],
    );
    assert.equal(limiter.hit('h', start + MINUTE), 0, 'h has its own count, not g’s');
  });

  it('keys IPv4 as it is, IPv4-mapped IPv6 as IPv4, and IPv6 by its /56 network', () => {
    assert.equal(clientKey('203.0.113.7'), '203.0.113.7');
    assert.equal(clientKey('::ffff:203.0.113.7'), '203.0.113.7');
    assert.equal(clientKey('::FFFF:cb00:7107'), '203.0.113.7');
    assert.equal(clientKey('2001:db8:1234:56ab:1::1'), '2001:db8:1234:5600::/56');
    assert.equal(clientKey('2001:0db8:1234:56ff:ffff:ffff:ffff:ffff'), '2001:db8:1234:5600::/56');
    assert.notEqual(clientKey('2001:db8:1234:5700::1'), clientKey('2001:db8:1234:5600::1'));
    assert.equal(clientKey('fe80::1%eth0'), 'fe80:0:0:0::/56');
    assert.equal(clientKey('::1'), '0:0:0:0::/56');
    assert.equal(clientKey('64:ff9b::192.0.2.33'), '64:ff9b:0:0::/56');
    assert.equal(clientKey('Not-An-Address'), 'not-an-address');
  });
});
