// Live updates: GET /api/v1/events over a real socket. Each user hears at once of the changes within
// their reach and of nothing else; on PostgreSQL the changes travel by LISTEN/NOTIFY, on SQLite in
// the process. Ordering is what proves an absence: a stream hears the changes in commit order, so an
// event that should not reach it would have arrived before the next one that does.
import assert from 'node:assert/strict';
import { EventEmitter, once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { type Client, createTestContext, type TestContext } from './helpers/app.ts';
import { TEST_ENGINE } from './helpers/db.ts';
import { expectOk, intakeBody, tx } from './helpers/fixtures.ts';

const HOUSEHOLD_BUSINESS = '1.001612';

interface Change {
  entity: string;
  id: string;
}

/** An open event stream: the changes heard so far, and a way to wait for one. */
interface Stream {
  changes: Change[];
  status: number;
  headers: http.IncomingHttpHeaders;
  waitFor(match: (c: Change) => boolean): Promise<Change>;
  close(): void;
}

let ctx: TestContext;
let base: string;
const streams: Stream[] = [];

function open(client: Client | null): Promise<Stream> {
  const cookie = client
    ? Object.entries(client.cookies)
        .map(([k, v]) => `${k}=${v}`)
        .join('; ')
    : '';
  return new Promise((resolve, reject) => {
    const request = http.get(`${base}/api/v1/events`, { headers: cookie ? { cookie } : {} }, (response) => {
      const heard = new EventEmitter();
      const changes: Change[] = [];
      let buffer = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        buffer += chunk;
        let end = buffer.indexOf('\n\n');
        while (end >= 0) {
          const frame = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = frame
            .split('\n')
            .find((l) => l.startsWith('data: '))
            ?.slice(6);
          if (frame.includes('event: change') && data) {
            const change = JSON.parse(data) as Change;
            changes.push(change);
            heard.emit('change', change);
          }
          end = buffer.indexOf('\n\n');
        }
      });
      const stream: Stream = {
        changes,
        status: response.statusCode ?? 0,
        headers: response.headers,
        async waitFor(match) {
          const found = changes.find(match);
          if (found) return found;
          for (;;) {
            const [change] = (await once(heard, 'change')) as [Change];
            if (match(change)) return change;
          }
        },
        close: () => request.destroy(),
      };
      streams.push(stream);
      // The stream is registered once its first bytes (the retry line) arrive.
      if (response.statusCode !== 200) {
        response.resume();
        resolve(stream);
      } else response.once('data', () => resolve(stream));
    });
    request.on('error', reject);
  });
}

before(async () => {
  ctx = await createTestContext();
  await ctx.app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(ctx.app.server.address() as AddressInfo).port}`;
});
after(async () => {
  for (const s of streams) s.close();
  await ctx.close();
});

describe(`live updates on ${TEST_ENGINE}`, () => {
  it('refuses a stream to someone not signed in', async () => {
    const stream = await open(null);
    assert.equal(stream.status, 401);
  });

  it('tells the officer and the leader of the agency at once, and not another district', async () => {
    const districtClerk = await ctx.signIn('gdv.mcbudang');
    const officer = await ctx.signIn('cv.budang');
    const leader = await ctx.signIn('ld.budang');
    const officerBuDop = await ctx.signIn('cv.budop');
    const clerkBuDop = await ctx.signIn('gdv.budop');
    const officerStream = await open(officer);
    assert.match(String(officerStream.headers['content-type']), /^text\/event-stream/);
    assert.equal(officerStream.headers['cache-control'], 'no-store');
    const buDopStream = await open(officerBuDop);

    const body = await intakeBody(ctx.database, 'MC-BUDANG', HOUSEHOLD_BUSINESS);
    const received = await districtClerk.post('/api/v1/dossiers', body);
    await expectOk(received, 201);
    const id = received.json().id as string;
    await officerStream.waitFor((c) => c.entity === 'dossier' && c.id === id);

    await expectOk(await officer.post(`/api/v1/dossiers/${id}/submit`, { clientTxId: tx('sub') }));
    const before = officerStream.changes.length;
    await expectOk(await leader.post(`/api/v1/dossiers/${id}/approve`, { clientTxId: tx('ap') }));
    await officerStream.waitFor((c) => c.id === id && officerStream.changes.indexOf(c) >= before);

    // A change in Bù Đốp reaches the Bù Đốp officer; none of Bù Đăng's came before it.
    const other = await intakeBody(ctx.database, 'BD-BUDOP', HOUSEHOLD_BUSINESS);
    const theirs = await clerkBuDop.post('/api/v1/dossiers', other);
    await expectOk(theirs, 201);
    await buDopStream.waitFor((c) => c.id === theirs.json().id);
    assert.ok(!buDopStream.changes.some((c) => c.id === id), 'another district hears nothing of it');
  });

  it('says nothing of a change that was refused (nothing committed)', async () => {
    const districtClerk = await ctx.signIn('gdv.mcbudang');
    const leader = await ctx.signIn('ld.budang');
    const stream = await open(leader);
    const first = await districtClerk.post(
      '/api/v1/dossiers',
      await intakeBody(ctx.database, 'MC-BUDANG', HOUSEHOLD_BUSINESS),
    );
    await expectOk(first, 201);
    const id = first.json().id as string;
    await stream.waitFor((c) => c.id === id);
    const heard = stream.changes.filter((c) => c.id === id).length;
    const refused = await leader.post(`/api/v1/dossiers/${id}/approve`, { clientTxId: tx('ap') });
    assert.equal(refused.statusCode, 409);
    const next = await districtClerk.post(
      '/api/v1/dossiers',
      await intakeBody(ctx.database, 'MC-BUDANG', HOUSEHOLD_BUSINESS),
    );
    await expectOk(next, 201);
    await stream.waitFor((c) => c.id === next.json().id);
    assert.equal(stream.changes.filter((c) => c.id === id).length, heard);
  });
});
