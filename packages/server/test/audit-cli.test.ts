import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { after, before, it } from 'node:test';
import { auditHash, recordAudit, verifyAudit } from '../src/audit/audit.ts';
import { type Database, openDatabase } from '../src/db/database.ts';
import { inTransaction } from '../src/db/helpers.ts';
import { migrate } from '../src/db/migrate.ts';
import { cliEnvironment, motcua, SPAWNS } from './helpers/cli.ts';

let env: Record<string, string>;
let dispose: () => Promise<void>;
let database: Database;

before(async () => {
  ({ env, dispose } = await cliEnvironment());
  database = openDatabase(env.MOTCUA_DATABASE_URL!);
  await migrate(database);
  for (let i = 1; i <= 5; i++) {
    await inTransaction(database, (trx) =>
      recordAudit(trx, database.dialect, {
        actor: null,
        action: 'calendar.override',
        entityType: 'calendar',
        entityId: `2026-12-${10 + i}`,
        after: { reason: `Nghỉ kỷ niệm ${i}` },
      }),
    );
  }
});
after(async () => {
  await database.close();
  await dispose();
});

it(
  'signs a checkpoint, and a copy checked offline with only the public key shows a rewritten row (three commands)',
  SPAWNS,
  async () => {
    const checkpoints = path.join(env.MOTCUA_DATA_DIR!, 'audit-checkpoints.jsonl');
    const publicKey = path.join(env.MOTCUA_DATA_DIR!, 'audit-public.pem');
    const signed = await motcua(['audit', 'checkpoint'], env);
    assert.equal(signed.code, 0, signed.stderr);
    assert.match(signed.stdout, /Checkpoint of seq \d+ .* signed and added to .*audit-checkpoints\.jsonl/);
    const exported = await motcua(['audit', 'public-key', '--out', publicKey], env);
    assert.equal(exported.code, 0, exported.stderr);

    // The attack: row 2 edited, every later hash and the head recomputed.
    const rows = await database.db.selectFrom('audit_log').selectAll().orderBy('seq').execute();
    let prevHash = '0'.repeat(64);
    for (const raw of rows) {
      const row = { ...raw, seq: Number(raw.seq) };
      if (row.seq === 2) row.actor_username = 'ke-gian';
      if (row.seq >= 2) {
        row.prev_hash = prevHash;
        row.hash = auditHash(row);
        await database.db
          .updateTable('audit_log')
          .set({ actor_username: row.actor_username, prev_hash: row.prev_hash, hash: row.hash })
          .where('seq', '=', row.seq)
          .execute();
      }
      prevHash = row.hash;
    }
    await database.db.updateTable('audit_head').set({ hash: prevHash }).where('id', '=', 1).execute();

    // Another machine: no audit key at all, only the checkpoints and the public key.
    const offline = {
      ...env,
      MOTCUA_AUDIT_KEY: '',
      MOTCUA_AUDIT_KEY_FILE: path.join(env.MOTCUA_DATA_DIR!, 'khong-co.key'),
    };
    const held = await motcua(
      ['audit', 'verify', '--checkpoints', checkpoints, '--public-key', publicKey],
      offline,
    );
    assert.equal(held.code, 1, held.stdout);
    assert.match(held.stderr, /BROKEN/);
    assert.match(held.stderr, /MACs NOT checked/);
    assert.match(held.stderr, /checkpoint_mismatch/);
    assert.equal(existsSync(offline.MOTCUA_AUDIT_KEY_FILE), false, 'verify never creates a key');
    // With the key (in this process; the command does the same): the MACs show where the rewriting starts.
    const sealed = await verifyAudit(database);
    assert.equal(sealed.problems[0]?.seq, 2);
    assert.equal(sealed.problems[0]?.problem, 'mac_mismatch');
  },
);
