import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { SMTPServer } from 'smtp-server';
import { loadConfig } from '../src/config.ts';
import { type Database, openDatabase } from '../src/db/database.ts';
import { newId } from '../src/db/helpers.ts';
import { outboxHandlers } from '../src/outbox/notify.ts';
import { type OutboxHandler, startOutboxWorker } from '../src/outbox/worker.ts';
import { type Client, createTestContext, type TestContext } from './helpers/app.ts';
import { freshDatabase, TEST_ENGINE } from './helpers/db.ts';
import { expectOk, intakeBody } from './helpers/fixtures.ts';

const HOUSEHOLD_BUSINESS = '1.001612';

/** Decodes RFC 2047 encoded words (B and Q) of an unfolded header. */
function decodeHeader(value: string): string {
  const unfolded = value.replace(/\r?\n[ \t]+/g, ' ');
  const joined = unfolded.replace(/(\?=)\s+(=\?)/g, '$1$2');
  return joined.replace(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g, (_all, _charset, kind: string, text: string) => {
    if (kind.toUpperCase() === 'B') return Buffer.from(text, 'base64').toString('utf8');
    const bytes = text.replace(/_/g, ' ').replace(/=([0-9A-Fa-f]{2})/g, (_m, hex: string) => `%${hex}`);
    return decodeURIComponent(bytes);
  });
}

/** Subject and text body of a single-part message as nodemailer writes it. */
function parseMessage(raw: string): { subject: string; to: string; text: string } {
  const split = raw.indexOf('\r\n\r\n');
  const head = raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ');
  const body = raw.slice(split + 4);
  const header = (name: string) => new RegExp(`^${name}:\\s*(.*)$`, 'im').exec(head)?.[1] ?? '';
  const encoding = header('Content-Transfer-Encoding').trim().toLowerCase();
  let text = body;
  if (encoding === 'base64') text = Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (encoding === 'quoted-printable') {
    const softBreaks = body.replace(/=\r?\n/g, '');
    const bytes: number[] = [];
    for (let i = 0; i < softBreaks.length; i++) {
      const hex = softBreaks.slice(i + 1, i + 3);
      if (softBreaks[i] === '=' && /^[0-9A-Fa-f]{2}$/.test(hex)) {
        bytes.push(Number.parseInt(hex, 16));
        i += 2;
      } else bytes.push(...Buffer.from(softBreaks[i]!, 'utf8'));
    }
    text = Buffer.from(bytes).toString('utf8');
  }
  return { subject: decodeHeader(header('Subject')), to: header('To'), text };
}

describe(`citizen notifications by e-mail on ${TEST_ENGINE}`, () => {
  let ctx: TestContext;
  let clerk: Client;
  let smtp: SMTPServer;
  let port: number;
  const received: { to: string[]; raw: string }[] = [];

  before(async () => {
    ctx = await createTestContext();
    clerk = await ctx.signIn('gdv.duclieu');
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['AUTH', 'STARTTLS'],
      logger: false,
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          received.push({
            to: session.envelope.rcptTo.map((r) => r.address),
            raw: Buffer.concat(chunks).toString('utf8'),
          });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    port = (smtp.server.address() as AddressInfo).port;
  });
  after(async () => {
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
    await ctx.close();
  });

  const smtpConfig = () =>
    loadConfig({
      MOTCUA_DATA_DIR: '/tmp/motcua-test-data',
      MOTCUA_PUBLIC_URL: 'https://motcua.example.vn',
      MOTCUA_SMTP_HOST: '127.0.0.1',
      MOTCUA_SMTP_PORT: String(port),
      MOTCUA_SMTP_FROM: 'Bộ phận một cửa <no-reply@motcua.example.vn>',
    });

  it('e-mails the applicant the receipt with the dossier code and the lookup link, once', async () => {
    const body = await intakeBody(ctx.database, 'BDVHX-DUCLIEU', HOUSEHOLD_BUSINESS);
    body.applicant = { ...body.applicant, email: 'anh.nguyen@example.vn' } as typeof body.applicant;
    const response = await clerk.post('/api/v1/dossiers', body);
    await expectOk(response, 201);
    const { code, lookupToken } = response.json();

    const config = smtpConfig();
    const worker = startOutboxWorker({
      database: ctx.database,
      config,
      intervalMs: 0,
      handlers: outboxHandlers(config),
    });
    assert.equal(await worker.runOnce(), 1);
    assert.equal(await worker.runOnce(), 0, 'a delivered message is not sent again');
    await worker.stop();

    assert.equal(received.length, 1);
    assert.deepEqual(received[0]!.to, ['anh.nguyen@example.vn']);
    const mail = parseMessage(received[0]!.raw);
    assert.equal(mail.subject, `Hồ sơ ${code}: Tiếp nhận hồ sơ`);
    assert.ok(mail.text.includes(`Hồ sơ ${code}`), mail.text);
    assert.ok(mail.text.includes('Ngày hẹn trả kết quả'), mail.text);
    assert.ok(mail.text.includes('Trạng thái hiện tại: Mới tiếp nhận.'), mail.text);
    assert.ok(mail.text.includes(`https://motcua.example.vn/tra-cuu/${lookupToken}`), mail.text);
    assert.ok(
      !mail.text.includes('070190001234') && !mail.text.includes('Thôn 3'),
      'no personal data in the mail',
    );

    const row = await ctx.database.db.selectFrom('outbox').selectAll().executeTakeFirstOrThrow();
    assert.ok(row.done_at);
    assert.equal(Number(row.attempts), 1);
  });

  it('marks a notice done without sending when the applicant gave no e-mail', async () => {
    const body = await intakeBody(ctx.database, 'BDVHX-DUCLIEU', HOUSEHOLD_BUSINESS);
    await expectOk(await clerk.post('/api/v1/dossiers', body), 201);
    const config = smtpConfig();
    const worker = startOutboxWorker({
      database: ctx.database,
      config,
      intervalMs: 0,
      handlers: outboxHandlers(config),
    });
    assert.equal(await worker.runOnce(), 1);
    await worker.stop();
    assert.equal(received.length, 1, 'nothing more was sent');
    const pending = await ctx.database.db
      .selectFrom('outbox')
      .select('id')
      .where('done_at', 'is', null)
      .execute();
    assert.equal(pending.length, 0);
  });

  it('completes notices with nothing sent when SMTP is not configured', async () => {
    const body = await intakeBody(ctx.database, 'BDVHX-DUCLIEU', HOUSEHOLD_BUSINESS);
    body.applicant = { ...body.applicant, email: 'anh.nguyen@example.vn' } as typeof body.applicant;
    await expectOk(await clerk.post('/api/v1/dossiers', body), 201);
    const config = loadConfig({ MOTCUA_DATA_DIR: '/tmp/motcua-test-data' });
    assert.equal(config.smtp, null);
    const worker = startOutboxWorker({
      database: ctx.database,
      config,
      intervalMs: 0,
      handlers: outboxHandlers(config),
    });
    assert.equal(await worker.runOnce(), 1);
    await worker.stop();
    assert.equal(received.length, 1);
  });
});

async function enqueueRaw(database: Database, topic: string, payload: unknown, availableAt: string) {
  const id = newId();
  await database.db
    .insertInto('outbox')
    .values({
      id,
      topic,
      payload: JSON.stringify(payload),
      created_at: availableAt,
      available_at: availableAt,
      attempts: 0,
      last_error: null,
      locked_until: null,
      done_at: null,
      dead_at: null,
    })
    .execute();
  return id;
}

describe(`outbox worker on ${TEST_ENGINE}`, () => {
  let database: Awaited<ReturnType<typeof freshDatabase>>;
  const config = loadConfig({ MOTCUA_DATA_DIR: '/tmp/motcua-test-data' });

  before(async () => {
    database = await freshDatabase();
  });
  after(() => database.dispose());

  it('retries a failing message with exponential backoff and dead-letters it after 8 attempts', async () => {
    let clock = new Date('2026-12-01T02:00:00.000Z');
    const id = await enqueueRaw(database, 'test.fail', { n: 1 }, clock.toISOString());
    let calls = 0;
    const worker = startOutboxWorker({
      database,
      config,
      intervalMs: 0,
      handlers: {
        'test.fail': async () => {
          calls++;
          throw new Error('máy chủ thư không trả lời');
        },
      },
      now: () => clock,
    });
    const delays: number[] = [];
    for (let attempt = 1; attempt <= 8; attempt++) {
      assert.equal(await worker.runOnce(), 1, `attempt ${attempt} runs`);
      const row = await database.db
        .selectFrom('outbox')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      assert.equal(Number(row.attempts), attempt);
      assert.equal(row.last_error, 'máy chủ thư không trả lời');
      assert.equal(row.locked_until, null);
      if (attempt < 8) {
        assert.equal(row.dead_at, null);
        assert.equal(await worker.runOnce(), 0, 'not retried before its backoff');
        const delay = Date.parse(row.available_at) - clock.getTime();
        delays.push(delay);
        clock = new Date(Date.parse(row.available_at));
      } else {
        assert.ok(row.dead_at, 'dead-lettered after the 8th attempt');
      }
    }
    assert.deepEqual(
      delays,
      [1, 2, 4, 8, 16, 32, 64].map((m) => m * 30_000),
    );
    clock = new Date(clock.getTime() + 86400_000);
    assert.equal(await worker.runOnce(), 0, 'a dead letter is never retried');
    assert.equal(calls, 8);
    await worker.stop();
  });

  it('fails a message whose topic has no handler, keeping the reason', async () => {
    const now = new Date().toISOString();
    const id = await enqueueRaw(database, 'nobody.listens', {}, now);
    const worker = startOutboxWorker({ database, config, intervalMs: 0, handlers: {} });
    assert.equal(await worker.runOnce(), 1);
    const row = await database.db
      .selectFrom('outbox')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    assert.match(row.last_error ?? '', /no handler for topic nobody\.listens/);
    assert.equal(row.done_at, null);
    await worker.stop();
  });

  it('stops its polling timer', async () => {
    const worker = startOutboxWorker({ database, config, intervalMs: 10, handlers: {} });
    await worker.stop();
    await worker.stop();
  });

  it('never delivers a message twice when two workers race for the same rows', async () => {
    const now = new Date().toISOString();
    const ids = new Set<string>();
    for (let i = 0; i < 60; i++) ids.add(await enqueueRaw(database, 'test.race', { i }, now));
    // PostgreSQL: a second pool on the same schema, as a second process would have. SQLite has one
    // writer: both workers share the handle, which serialises their transactions.
    let second: Database = database;
    if (database.dialect === 'postgres') {
      const schema = (await sql<{ schema: string }>`select current_schema() as schema`.execute(database.db))
        .rows[0]!.schema;
      second = openDatabase(database.url, { schema, poolSize: 5 });
    }
    const deliveries = new Map<string, number>();
    const byWorker = [0, 0];
    const handler =
      (worker: number): OutboxHandler =>
      async (message) => {
        await new Promise((resolve) => setTimeout(resolve, 1));
        deliveries.set(message.id, (deliveries.get(message.id) ?? 0) + 1);
        byWorker[worker]!++;
      };
    const one = startOutboxWorker({
      database,
      config,
      intervalMs: 0,
      batchSize: 7,
      handlers: { 'test.race': handler(0) },
    });
    const two = startOutboxWorker({
      database: second,
      config,
      intervalMs: 0,
      batchSize: 7,
      handlers: { 'test.race': handler(1) },
    });
    for (;;) {
      const [a, b] = await Promise.all([one.runOnce(), two.runOnce()]);
      if (a + b === 0) break;
    }
    await one.stop();
    await two.stop();
    if (second !== database) await second.close();
    assert.equal(deliveries.size, ids.size);
    assert.ok(
      [...deliveries.values()].every((n) => n === 1),
      'each message delivered exactly once',
    );
    assert.equal(byWorker[0]! + byWorker[1]!, ids.size);
    if (TEST_ENGINE === 'postgres')
      assert.ok(byWorker[0]! > 0 && byWorker[1]! > 0, `both worked: ${byWorker}`);
    const left = await database.db
      .selectFrom('outbox')
      .select('id')
      .where('topic', '=', 'test.race')
      .where('done_at', 'is', null)
      .execute();
    assert.equal(left.length, 0);
  });
});
