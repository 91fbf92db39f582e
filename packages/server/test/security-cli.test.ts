import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { type Database, openDatabase } from '../src/db/database.ts';
import { migrate } from '../src/db/migrate.ts';
import { accountKey } from '../src/security/account-lock.ts';
import { seedDemo } from '../src/seed/demo.ts';
import { cliEnvironment, motcua, SPAWNS } from './helpers/cli.ts';

let env: Record<string, string>;
let dispose: () => Promise<void>;
let database: Database;

before(async () => {
  ({ env, dispose } = await cliEnvironment());
  database = openDatabase(env.MOTCUA_DATABASE_URL!);
  await migrate(database);
  await seedDemo(database, { provinces: ['70'] });
});
after(async () => {
  await database.close();
  await dispose();
});

it(
  'refuses a password built from the user’s own name, naming the field in Vietnamese and English',
  SPAWNS,
  async () => {
    const result = await motcua(
      [
        'users',
        'create',
        '--username',
        'gdv.hanh',
        '--full-name',
        'Trần Thị Ngọc Hân',
        '--role',
        'clerk',
        '--site',
        'BDVHX-DUCLIEU',
      ],
      { ...env, MOTCUA_NEW_PASSWORD: 'tranthingochan2024' },
    );
    assert.notEqual(result.code, 0);
    assert.match(result.stderr, /password: Mật khẩu không được dựa trên tên đăng nhập, họ tên/);
    assert.match(result.stderr, /Password must not be built from the username, full name/);
  },
);

it('unlocks a locked account from the command line, with an audit entry', SPAWNS, async () => {
  await database.db
    .insertInto('sign_in_attempts')
    .values({
      account_key: accountKey('gdv.duclieu'),
      failures: 5,
      last_failure_at: new Date().toISOString(),
      locked_until: new Date(Date.now() + 300_000).toISOString(),
    })
    .execute();
  const result = await motcua(['users', 'unlock', 'gdv.duclieu'], env);
  assert.equal(result.code, 0, result.stderr);
  assert.match(result.stdout, /Unlocked gdv\.duclieu/);
  const left = await database.db.selectFrom('sign_in_attempts').selectAll().execute();
  assert.deepEqual(left, []);
  const entry = await database.db
    .selectFrom('audit_log')
    .select(['action', 'actor_user_id'])
    .where('action', '=', 'user.unlock')
    .executeTakeFirstOrThrow();
  assert.equal(entry.actor_user_id, null);
});
