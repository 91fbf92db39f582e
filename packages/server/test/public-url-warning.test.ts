// `motcua serve` warns at start when MOTCUA_PUBLIC_URL is an address of this machine only and the
// database is not a demo: receipts' QR codes would point citizens' phones at `localhost`.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isLoopbackUrl, publicUrlWarning } from '../src/config.ts';

describe('the public URL warning of serve', () => {
  it('knows the loopback addresses', () => {
    for (const url of [
      'http://localhost:8080',
      'http://LOCALHOST',
      'http://app.localhost',
      'http://127.0.0.1',
      'http://127.1.2.3:3000',
      'http://[::1]:8080',
      'http://0.0.0.0:8080',
    ])
      assert.equal(isLoopbackUrl(url), true, url);
    for (const url of ['https://motcua.binhphuoc.gov.vn', 'http://10.0.0.5:8080', 'http://192.168.1.20', 'x'])
      assert.equal(isLoopbackUrl(url), false, url);
  });

  it('warns outside a demo only, naming the variable', () => {
    const warning = publicUrlWarning('http://localhost:8080', false);
    assert.ok(warning);
    assert.match(warning, /MOTCUA_PUBLIC_URL/);
    assert.equal(publicUrlWarning('http://localhost:8080', true), null, 'a demo may run on localhost');
    assert.equal(publicUrlWarning('https://motcua.binhphuoc.gov.vn', false), null);
  });
});
