import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { it } from 'node:test';
import pg from 'pg';
import { type Database, openDatabase } from '../../src/db/database.ts';
import { migrate } from '../../src/db/migrate.ts';
import type { Migration } from '../../src/db/migrations/index.ts';

// Every test process (and the processes it starts, which inherit the environment) seals its audit
// entries with one audit key, as a deployment's server processes share one (audit/anchor.ts).
process.env.MOTCUA_AUDIT_KEY ||= randomBytes(32).toString('hex');

/** Which engine this test run uses: set by `npm test` for each pass (`sqlite` or `postgres`). */
export const TEST_ENGINE: 'sqlite' | 'postgres' =
  process.env.MOTCUA_TEST_DB === 'postgres' ? 'postgres' : 'sqlite';

/**
 * A fresh, migrated database for one test file: a new SQLite file in a temp folder, or a new
 * PostgreSQL schema in the database of `MOTCUA_TEST_PG_URL`. `close()` removes it.
 */
export async function freshDatabase(
  /** The migrations to apply (default all): an upgrade test starts from an earlier schema. */
  list?: Migration[],
): Promise<Database & { dispose(): Promise<void> }> {
  if (TEST_ENGINE === 'postgres') {
    const url = process.env.MOTCUA_TEST_PG_URL;
    if (!url) throw new Error('MOTCUA_TEST_DB=postgres needs MOTCUA_TEST_PG_URL');
    const schema = `t_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`create schema ${schema}`);
    await admin.end();
    const database = openDatabase(url, { schema, poolSize: 5 });
    await migrate(database, list);
    return {
      ...database,
      async dispose() {
        await database.close();
        const c = new pg.Client({ connectionString: url });
        await c.connect();
        await c.query(`drop schema ${schema} cascade`);
        await c.end();
      },
    };
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), 'motcua-test-'));
  const database = openDatabase(`sqlite:${path.join(dir, 'test.sqlite')}`);
  await migrate(database, list);
  return {
    ...database,
    async dispose() {
      await database.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Registers a test only on the engine it is about: engine-specific cases are absent from the other
 * engine's run rather than counted as skipped (a skip in CI must mean something is missing).
 */
export function onEngine(engine: 'sqlite' | 'postgres'): typeof it {
  return TEST_ENGINE === engine ? it : ((() => Promise.resolve()) as unknown as typeof it);
}
