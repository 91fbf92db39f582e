import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
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
    const response = await ctx.anonymous.post('/api/v1/auth/login', {
      username: 'admin',
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
