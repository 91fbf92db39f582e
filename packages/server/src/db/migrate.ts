import { sql } from 'kysely';
import { type Database, directConnection } from './database.ts';
import { nowIso } from './helpers.ts';
import { migrations as allMigrations, type Migration } from './migrations/index.ts';

/**
 * Applies pending migrations in order, each in its own transaction together with its row in
 * `schema_migrations`. On PostgreSQL an advisory lock keeps two processes from migrating at once.
 */
export async function migrate(
  database: Database,
  migrations: Migration[] = allMigrations,
): Promise<string[]> {
  const { db, dialect } = database;
  await db.schema
    .createTable('schema_migrations')
    .ifNotExists()
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('applied_at', 'text', (c) => c.notNull())
    .execute();
  const context = { sqlite: dialect === 'sqlite' ? directConnection(db) : undefined };
  const applied: string[] = [];
  for (const migration of migrations) {
    const done = await db.transaction().execute(async (trx) => {
      if (dialect === 'postgres') await sql`select pg_advisory_xact_lock(727001)`.execute(trx);
      const existing = await trx
        .selectFrom('schema_migrations')
        .select('name')
        .where('name', '=', migration.name)
        .executeTakeFirst();
      if (existing) return false;
      await migration.up(trx as never, dialect, context);
      await trx
        .insertInto('schema_migrations')
        .values({ name: migration.name, applied_at: nowIso() })
        .execute();
      return true;
    });
    if (done) applied.push(migration.name);
  }
  return applied;
}

/** Names of migrations not yet applied (for readiness checks). */
export async function pendingMigrations(database: Database): Promise<string[]> {
  const names = new Set(
    (
      await database.db
        .selectFrom('schema_migrations')
        .select('name')
        .execute()
        .catch(() => [])
    ).map((r) => r.name),
  );
  return allMigrations.map((m) => m.name).filter((n) => !names.has(n));
}
