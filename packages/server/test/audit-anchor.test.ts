import assert from 'node:assert/strict';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  appendCheckpoint,
  auditMac,
  type Checkpoint,
  currentAuditKey,
  makeCheckpoint,
  prepareAuditKey,
  readCheckpoints,
  useAuditKey,
} from '../src/audit/anchor.ts';
import { auditHash, checkpointPublicKey, recordAudit, verifyAudit } from '../src/audit/audit.ts';
import type { Database } from '../src/db/database.ts';
import { inTransaction } from '../src/db/helpers.ts';
import { freshDatabase, TEST_ENGINE } from './helpers/db.ts';

type Fresh = Database & { dispose(): Promise<void> };
const opened: Fresh[] = [];
let dataDir: string;
const key = () => currentAuditKey()!;

before(() => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'motcua-anchor-'));
});
after(async () => {
  for (const database of opened) await database.dispose();
  rmSync(dataDir, { recursive: true, force: true });
});

/** A fresh database whose audit log holds `count` entries, each sealed with this process's key. */
async function logOf(count: number): Promise<Fresh> {
  const database = await freshDatabase();
  opened.push(database);
  for (let i = 1; i <= count; i++) {
    await inTransaction(database, (trx) =>
      recordAudit(trx, database.dialect, {
        actor: null,
        action: 'calendar.override',
        entityType: 'calendar',
        entityId: `ngay-${i}`,
        after: { reason: `Nghỉ bù ${i}`, by: 'Nguyễn Thị Ánh' },
      }),
    );
  }
  return database;
}

/**
 * The attack of issue 13: edit row `seq`, recompute its hash and every later row's link and hash, and
 * move the head to the new last hash. Only the audit key's MACs are out of reach.
 */
async function rewriteFrom(database: Database, seq: number, after: unknown): Promise<void> {
  const rows = await database.db.selectFrom('audit_log').selectAll().orderBy('seq').execute();
  let prevHash = '0'.repeat(64);
  for (const raw of rows) {
    const row = { ...raw, seq: Number(raw.seq) };
    if (row.seq === seq) row.after_json = JSON.stringify(after);
    if (row.seq >= seq) {
      row.prev_hash = prevHash;
      row.hash = auditHash(row);
      await database.db
        .updateTable('audit_log')
        .set({ after_json: row.after_json, prev_hash: row.prev_hash, hash: row.hash })
        .where('seq', '=', row.seq)
        .execute();
    }
    prevHash = row.hash;
  }
  await database.db.updateTable('audit_head').set({ hash: prevHash }).where('id', '=', 1).execute();
}

const kinds = (problems: { problem: string }[]) => [...new Set(problems.map((p) => p.problem))];

describe(`the audit chain’s anchor on ${TEST_ENGINE}`, () => {
  it('seals every row with a MAC chained to the one before, and the head with the last', async () => {
    const database = await logOf(3);
    const rows = await database.db
      .selectFrom('audit_log')
      .select(['seq', 'hash', 'mac'])
      .orderBy('seq')
      .execute();
    let previous: string | null = null;
    for (const row of rows) {
      assert.equal(row.mac, auditMac(key(), previous, row.hash));
      previous = row.mac;
    }
    const head = await database.db.selectFrom('audit_head').selectAll().executeTakeFirstOrThrow();
    assert.equal(head.mac, previous);
    const result = await verifyAudit(database);
    assert.deepEqual(
      { ok: result.ok, rows: result.rows, macChecked: result.macChecked, unsealed: result.unsealedRows },
      { ok: true, rows: 3, macChecked: true, unsealed: 0 },
    );
  });

  it('finds an edited row whose every later hash and the head were recomputed (the chain alone does not)', async () => {
    const database = await logOf(6);
    await rewriteFrom(database, 3, { reason: 'Đã sửa', by: 'Kẻ gian' });
    const chainOnly = await verifyAudit(database, { key: null });
    assert.equal(chainOnly.ok, true, 'the hash chain alone is fooled: this is the attack');
    assert.equal(chainOnly.macChecked, false);
    const result = await verifyAudit(database);
    assert.equal(result.ok, false);
    assert.deepEqual(kinds(result.problems), ['mac_mismatch']);
    assert.deepEqual(
      result.problems.map((p) => p.seq),
      [3, 4, 5, 6],
      'from the edited row on',
    );
  });

  it('finds a row whose MAC was removed, and a MAC recomputed with another key', async () => {
    const database = await logOf(4);
    await database.db.updateTable('audit_log').set({ mac: null }).where('seq', '=', 2).execute();
    assert.deepEqual(
      (await verifyAudit(database)).problems.map((p) => `${p.seq}:${p.problem}`),
      ['2:mac_missing', '3:mac_mismatch'],
    );
    // Every MAC removed up to row 3 (as if from before the key): row 4's MAC still names row 3's.
    await database.db.updateTable('audit_log').set({ mac: null }).where('seq', '<=', 3).execute();
    assert.deepEqual(
      (await verifyAudit(database)).problems.map((p) => `${p.seq}:${p.problem}`),
      ['4:mac_mismatch'],
    );
    const other = randomBytes(32);
    assert.equal((await verifyAudit(database, { key: other })).ok, false);
  });

  it('finds a deleted tail with the head moved back through a signed checkpoint, and a forged checkpoint', async () => {
    const database = await logOf(5);
    const file = path.join(dataDir, `checkpoints-${TEST_ENGINE}.jsonl`);
    appendCheckpoint(file, await makeCheckpoint(database, key()));
    assert.equal((statSync(file).mode & 0o777).toString(8), '600');
    const { checkpoints } = readCheckpoints(file);
    const publicKey = checkpointPublicKey(key());
    assert.equal((await verifyAudit(database, { checkpoints: { list: checkpoints, publicKey } })).ok, true);
    // Rows 4 and 5 deleted, the head set back to row 3 as it was: chain and MACs agree with that.
    const third = await database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('seq', '=', 3)
      .executeTakeFirstOrThrow();
    await database.db.deleteFrom('audit_log').where('seq', '>', 3).execute();
    await database.db
      .updateTable('audit_head')
      .set({ seq: 3, hash: third.hash, mac: third.mac })
      .where('id', '=', 1)
      .execute();
    assert.equal((await verifyAudit(database)).ok, true, 'without checkpoints the truncation is invisible');
    const held = await verifyAudit(database, { checkpoints: { list: checkpoints, publicKey } });
    assert.deepEqual(
      held.problems.map((p) => `${p.seq}:${p.problem}`),
      ['5:checkpoint_missing_row'],
    );
    // A checkpoint rewritten to say seq 3, or signed by another key, is not believed.
    const moved: Checkpoint = { ...checkpoints[0]!, seq: 3, hash: third.hash, mac: third.mac };
    const stranger = generateKeyPairSync('ed25519').publicKey;
    assert.deepEqual(
      (await verifyAudit(database, { checkpoints: { list: [moved], publicKey } })).problems.map(
        (p) => p.problem,
      ),
      ['checkpoint_bad_signature'],
    );
    assert.deepEqual(
      (await verifyAudit(database, { checkpoints: { list: checkpoints, publicKey: stranger } })).problems.map(
        (p) => p.problem,
      ),
      ['checkpoint_bad_signature'],
    );
  });

  it('refuses to write an unsealed entry into a sealed log', async () => {
    const database = await logOf(1);
    useAuditKey(null);
    try {
      await assert.rejects(
        inTransaction(database, (trx) =>
          recordAudit(trx, database.dialect, { actor: null, action: 'test', entityType: 'test' }),
        ),
        /sealed with an audit key, and this process has none/,
      );
    } finally {
      useAuditKey(Buffer.from(process.env.MOTCUA_AUDIT_KEY!, 'hex'));
    }
    assert.equal((await verifyAudit(database)).rows, 1);
  });

  it('creates the key file (0600) at the first start, finds it after, and refuses a key that did not seal the log', async () => {
    const database = await freshDatabase();
    opened.push(database);
    const dir = mkdtempSync(path.join(dataDir, 'data-'));
    const env = {};
    const first = await prepareAuditKey(database, dir, env);
    assert.equal(first.created, true);
    const file = path.join(dir, 'audit.key');
    assert.equal(first.source, file);
    assert.equal((statSync(file).mode & 0o777).toString(8), '600');
    assert.match(readFileSync(file, 'utf8'), /^[0-9a-f]{64}\n$/);
    useAuditKey(first.key);
    try {
      await inTransaction(database, (trx) =>
        recordAudit(trx, database.dialect, { actor: null, action: 'test', entityType: 'test' }),
      );
      const again = await prepareAuditKey(database, dir, env);
      assert.deepEqual(
        { created: again.created, same: again.key.equals(first.key) },
        { created: false, same: true },
      );
      // Another key (another server's, or a database restored without its key) is refused.
      await assert.rejects(
        prepareAuditKey(database, dir, { MOTCUA_AUDIT_KEY: randomBytes(32).toString('hex') }),
        /did not seal this audit log/,
      );
      // The key file lost: no new key is made for a sealed log.
      rmSync(file);
      await assert.rejects(
        prepareAuditKey(database, dir, env),
        /sealed with an audit key, and none is configured/,
      );
      assert.equal(existsSync(file), false);
      // A key file others can read is refused.
      writeFileSync(file, `${first.key.toString('hex')}\n`, { mode: 0o644 });
      await assert.rejects(prepareAuditKey(database, dir, env), /readable by its owner only/);
    } finally {
      useAuditKey(Buffer.from(process.env.MOTCUA_AUDIT_KEY!, 'hex'));
    }
  });
});
