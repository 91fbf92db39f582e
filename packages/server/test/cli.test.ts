import assert from 'node:assert/strict';
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { migrations } from '../src/db/migrations/index.ts';
import { cliEnvironment, motcua, SPAWNS } from './helpers/cli.ts';
import { TEST_ENGINE } from './helpers/db.ts';

let env: Record<string, string>;
let dispose: () => Promise<void>;

before(async () => {
  ({ env, dispose } = await cliEnvironment());
});
after(() => dispose());

describe(`motcua CLI on ${TEST_ENGINE}`, () => {
  it('migrates, then says the database is up to date', SPAWNS, async () => {
    const first = await motcua(['migrate'], env);
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stdout, new RegExp(`Applied ${migrations.length} migration`));
    for (const { name } of migrations) assert.ok(first.stdout.includes(name), name);
    const second = await motcua(['migrate'], env);
    assert.match(second.stdout, /up to date/);
  });

  it('loads the demo for one province and refuses to load it twice', SPAWNS, async () => {
    const seeded = await motcua(['seed', '--demo', '--provinces', '70'], env);
    assert.equal(seeded.code, 0, seeded.stderr);
    assert.match(
      seeded.stdout,
      /Loaded \d+ administrative units, 44 agencies, 17 service points, \d+ procedures/,
    );
    const again = await motcua(['seed', '--demo'], env);
    assert.match(again.stdout, /already present/);
  });

  it('creates a user with a role at a site, and refuses a short password', SPAWNS, async () => {
    const ok = await motcua(
      [
        'users',
        'create',
        '--username',
        'gdv.moi',
        '--full-name',
        'Trần Thị Ngọc Hân',
        '--role',
        'clerk',
        '--site',
        'BDVHX-DUCLIEU',
      ],
      { ...env, MOTCUA_NEW_PASSWORD: 'mat-khau-rat-dai' },
    );
    assert.equal(ok.code, 0, ok.stderr);
    const short = await motcua(
      [
        'users',
        'create',
        '--username',
        'gdv.ngan',
        '--full-name',
        'Lê Văn Tám',
        '--role',
        'clerk',
        '--site',
        'BDVHX-DUCLIEU',
      ],
      { ...env, MOTCUA_NEW_PASSWORD: 'ngan' },
    );
    assert.notEqual(short.code, 0);
    assert.match(short.stderr, /10/);
  });

  it('verifies the audit chain, and fails once a row is edited by hand', SPAWNS, async () => {
    const intact = await motcua(['audit', 'verify'], env);
    assert.equal(intact.code, 0, intact.stderr);
    assert.match(intact.stdout, /intact/);
    const { openDatabase } = await import('../src/db/database.ts');
    const { sql } = await import('kysely');
    const database = openDatabase(env.MOTCUA_DATABASE_URL!.replace(/\?options=.*$/, ''), {
      ...(TEST_ENGINE === 'postgres'
        ? { schema: decodeURIComponent(env.MOTCUA_DATABASE_URL!.split('search_path%3D')[1] ?? '') }
        : {}),
    });
    await sql`update audit_log set actor_username = 'ke-gian' where seq = 1`.execute(database.db);
    await database.close();
    const broken = await motcua(['audit', 'verify'], env);
    assert.equal(broken.code, 1);
    assert.match(broken.stderr, /BROKEN/);
  });

  it('prints the 2025 calendar with the swapped working Saturday and the Tết days', SPAWNS, async () => {
    const result = await motcua(['calendar', 'show', '2025'], env);
    assert.equal(result.code, 0, result.stderr);
    const lines = result.stdout.trim().split('\n');
    assert.ok(lines.includes('2025-04-26  work  Làm bù cho ngày 02/05'), result.stdout);
    assert.ok(lines.includes('2025-01-29  off  Tết Nguyên đán'));
    assert.ok(lines.every((l) => /^\d{4}-\d{2}-\d{2} {2}(off|work) {2}\S/.test(l)));
  });

  it('computes appointments around Tết 2026, 30/4 2025 and 2/9 2025', SPAWNS, async () => {
    const due = async (from: string, days: string) =>
      (await motcua(['calendar', 'due', '--from', from, '--days', days], env)).stdout.trim();
    // Friday 13/02/2026 09:00, 3 working days: Tết closes 14–22/02, so Mon 23, Tue 24, due Wed 25 09:00.
    assert.equal(await due('2026-02-13T09:00:00+07:00', '3'), '2026-02-25T09:00:00+07:00');
    // Tuesday 29/04/2025 16:00, 2 days: 30/4, 1/5, 2/5 off; Saturday 26/04 was the swap. Due Tue 06/05 16:00.
    assert.equal(await due('2025-04-29T16:00:00+07:00', '2'), '2025-05-06T16:00:00+07:00');
    // Friday 29/08/2025 10:00, 1 day: 1/9 and 2/9 off, due Wednesday 03/09 10:00.
    assert.equal(await due('2025-08-29T10:00:00+07:00', '1'), '2025-09-03T10:00:00+07:00');
    const hours = await motcua(
      ['calendar', 'due', '--from', '2026-11-30T16:00:00+07:00', '--hours', '4'],
      env,
    );
    assert.equal(hours.stdout.trim(), '2026-12-01T10:00:00+07:00');
  });

  it('converts lunar dates both ways', SPAWNS, async () => {
    assert.equal((await motcua(['calendar', 'lunar', '2026-02-17'], env)).stdout.trim(), '1/1/2026');
    assert.equal(
      (await motcua(['calendar', 'lunar', '10/3/2026', '--to-solar'], env)).stdout.trim(),
      '2026-04-26',
    );
    assert.equal((await motcua(['calendar', 'lunar', '2023-03-22'], env)).stdout.trim(), '1/2/2023 (nhuận)');
  });

  it('imports a province’s own day off and shows it', SPAWNS, async () => {
    const file = path.join(env.MOTCUA_DATA_DIR!, 'lich.csv');
    writeFileSync(file, 'date,kind,reason\n2026-12-18,off,Nghỉ kỷ niệm ngày thành lập tỉnh\n');
    const imported = await motcua(['calendar', 'import', file], env);
    assert.equal(imported.code, 0, imported.stderr);
    const shown = await motcua(['calendar', 'show', '2026'], env);
    assert.ok(shown.stdout.includes('2026-12-18  off  Nghỉ kỷ niệm ngày thành lập tỉnh'), shown.stdout);
  });

  it(
    'checks identifiers: valid kinds exit 0, a wrong S10 check digit exits 1 with the reason',
    SPAWNS,
    async () => {
      const s10 = await motcua(['id', 'check', 'RR123456785VN'], env);
      assert.equal(s10.code, 0);
      assert.match(s10.stdout, /^s10:/);
      const code = await motcua(['id', 'check', '000.00.29.H10-261130-0001'], env);
      assert.match(code.stdout, /^dossier_code:/);
      const id = await motcua(['id', 'check', '070190001234'], env);
      assert.match(id.stdout, /^citizen_id:/);
      const wrong = await motcua(['id', 'check', 'RR123456784VN'], env);
      assert.equal(wrong.code, 1);
      assert.match(wrong.stderr, /Chữ số kiểm tra/);
    },
  );

  it('backs up and restores the database', {
    ...SPAWNS,
    skip: TEST_ENGINE === 'postgres' && !hasPgDump() && process.env.MOTCUA_REQUIRE_PG !== '1',
  }, async () => {
    const out = path.join(env.MOTCUA_DATA_DIR!, TEST_ENGINE === 'postgres' ? 'b.dump' : 'b.sqlite');
    const backup = await motcua(['backup', '--out', out], env);
    assert.equal(backup.code, 0, backup.stderr);
    assert.ok(existsSync(out));
    const refused = await motcua(['restore', out], env);
    assert.notEqual(refused.code, 0, 'restore asks for --yes');
    const restored = await motcua(['restore', out, '--yes'], env);
    assert.equal(restored.code, 0, restored.stderr);
    const users = await motcua(['seed', '--demo'], env);
    assert.match(users.stdout, /already present/);
  });
});

function hasPgDump(): boolean {
  return existsSync('/usr/bin/pg_dump') || existsSync('/usr/lib/postgresql');
}
