/** Scans and results attached to a dossier: stored once by content hash, checked by type and size. */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { loadConfig } from '../src/config.ts';
import { attachmentStore } from '../src/storage/disk-store.ts';
import { type Client, createTestContext, type TestContext } from './helpers/app.ts';
import { TEST_ENGINE } from './helpers/db.ts';
import { expectOk, intakeBody, tx } from './helpers/fixtures.ts';

let ctx: TestContext;
let clerk: Client;
let clerkThanhLuong: Client;
let officer: Client;
let dossierId: string;
// The data folder the test app runs with (see helpers/app.ts).
const store = attachmentStore(loadConfig({ MOTCUA_DATA_DIR: '/tmp/motcua-test-data' }).dataDir);

before(async () => {
  ctx = await createTestContext();
  clerk = await ctx.signIn('gdv.duclieu');
  clerkThanhLuong = await ctx.signIn('gdv.thanhluong');
  officer = await ctx.signIn('cv.budang');
  const response = await clerk.post(
    '/api/v1/dossiers',
    await intakeBody(ctx.database, 'BDVHX-DUCLIEU', '1.001612'),
  );
  await expectOk(response, 201);
  dossierId = response.json().id;
});
after(() => ctx.close());

/** A multipart/form-data body with the `kind` field first and then the file. */
function multipart(file: { name: string; type: string; bytes: Buffer }, kind = 'scan') {
  const boundary = `----motcua${randomBytes(8).toString('hex')}`;
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="kind"\r\n\r\n${kind}\r\n`),
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`,
    ),
    file.bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

function upload(
  client: Client,
  file: { name: string; type: string; bytes: Buffer },
  kind = 'scan',
  key?: string,
) {
  const { payload, headers } = multipart(file, kind);
  return client.request({
    method: 'POST',
    url: `/api/v1/dossiers/${dossierId}/attachments`,
    payload,
    headers: { ...headers, ...(key ? { 'idempotency-key': key } : {}) },
  });
}

const pdfBytes = () =>
  Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(2048), Buffer.from('\n%%EOF\n')]);

describe(`attachments on ${TEST_ENGINE}`, () => {
  it('stores the same file once by its hash and records two attachments with an audit entry each', async () => {
    const bytes = pdfBytes();
    const first = await upload(clerk, { name: 'Giấy đề nghị.pdf', type: 'application/pdf', bytes });
    await expectOk(first, 201);
    const second = await upload(clerk, { name: 'ban-sao.pdf', type: 'application/pdf', bytes });
    await expectOk(second, 201);
    const a = first.json();
    const b = second.json();
    assert.equal(a.sha256, b.sha256);
    assert.notEqual(a.id, b.id);
    assert.equal(a.size, bytes.length);
    assert.equal(a.filename, 'Giấy đề nghị.pdf');
    const blob = store.pathOf(a.sha256);
    assert.ok(existsSync(blob));
    assert.equal(
      blob,
      path.join('/tmp/motcua-test-data/attachments', a.sha256.slice(0, 2), a.sha256.slice(2, 4), a.sha256),
    );
    assert.deepEqual(
      readdirSync(path.dirname(blob)).filter((f) => f.startsWith(a.sha256)),
      [a.sha256],
      'one blob, no temporary leftovers',
    );
    const rows = await ctx.database.db
      .selectFrom('attachments')
      .select('id')
      .where('sha256', '=', a.sha256)
      .execute();
    assert.equal(rows.length, 2);
    const audit = await ctx.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_id', '=', dossierId)
      .where('action', '=', 'attachment.add')
      .execute();
    assert.equal(audit.length, 2);

    const list = await clerk.get(`/api/v1/dossiers/${dossierId}/attachments`);
    await expectOk(list);
    assert.deepEqual(
      list.json().items.map((i: { id: string }) => i.id),
      [a.id, b.id],
    );
    const download = await clerk.get(`/api/v1/attachments/${a.id}`);
    await expectOk(download);
    assert.equal(download.headers['content-type'], 'application/pdf');
    assert.ok(download.rawPayload.equals(bytes));
    assert.match(String(download.headers['content-disposition']), /filename\*=UTF-8''Gi%E1%BA%A5y/);
  });

  it('replays an upload retried with the same Idempotency-Key', async () => {
    const file = {
      name: 'scan.png',
      type: 'image/png',
      bytes: Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47]), randomBytes(64)]),
    };
    const key = tx('upload');
    const first = await upload(clerk, file, 'scan', key);
    const again = await upload(clerk, file, 'scan', key);
    await expectOk(first, 201);
    assert.equal(again.json().id, first.json().id);
    assert.equal(again.headers['idempotent-replayed'], 'true');
  });

  it('refuses an .exe renamed .pdf with 415 and a body over 10 MB with 413, in both languages', async () => {
    const exe = Buffer.concat([Buffer.from('MZ'), randomBytes(512)]);
    const renamed = await upload(clerk, { name: 'ho-so.pdf', type: 'application/pdf', bytes: exe });
    assert.equal(renamed.statusCode, 415);
    assert.equal(renamed.json().error.code, 'ATTACHMENT_TYPE_NOT_ALLOWED');
    const declared = await upload(clerk, { name: 'setup.exe', type: 'application/x-msdownload', bytes: exe });
    assert.equal(declared.statusCode, 415);
    const mismatch = await upload(clerk, { name: 'a.jpg', type: 'image/jpeg', bytes: pdfBytes() });
    assert.equal(mismatch.statusCode, 415, 'a PDF declared as JPEG');

    const big = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(10 * 1024 * 1024 + 10, 0x20)]);
    const tooBig = await upload(clerk, { name: 'big.pdf', type: 'application/pdf', bytes: big });
    assert.equal(tooBig.statusCode, 413);
    assert.match(tooBig.json().error.message, /10 MB/);
    const { payload, headers } = multipart({ name: 'big.pdf', type: 'application/pdf', bytes: big });
    const en = await clerk.request({
      method: 'POST',
      url: `/api/v1/dossiers/${dossierId}/attachments`,
      payload,
      headers: { ...headers, 'accept-language': 'en' },
    });
    assert.match(en.json().error.message, /too large/);
    const stored = await ctx.database.db
      .selectFrom('attachments')
      .select('id')
      .where('dossier_id', '=', dossierId)
      .execute();
    assert.equal(stored.length, 3, 'nothing refused was recorded');
  });

  it('lets the agency officer attach the result, and keeps another site’s clerk out', async () => {
    const result = await upload(
      officer,
      { name: 'ket-qua.pdf', type: 'application/pdf', bytes: pdfBytes() },
      'result',
    );
    await expectOk(result, 201);
    assert.equal(result.json().kind, 'result');

    const denied = await upload(clerkThanhLuong, {
      name: 'x.pdf',
      type: 'application/pdf',
      bytes: pdfBytes(),
    });
    assert.equal(denied.statusCode, 403);
    assert.equal((await clerkThanhLuong.get(`/api/v1/dossiers/${dossierId}/attachments`)).statusCode, 403);
    assert.equal((await clerkThanhLuong.get(`/api/v1/attachments/${result.json().id}`)).statusCode, 403);
    assert.equal((await clerk.get('/api/v1/attachments/nope')).statusCode, 404);
  });
});
