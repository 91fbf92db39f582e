import { type Kysely, sql } from 'kysely';
import type { Dialect } from '../database.ts';
import type { MigrationContext } from './index.ts';

const OLD_LIST = `'received', 'processing', 'awaiting_supplement', 'result_ready', 'returned', 'withdrawn'`;
const NEW_LIST = `'received', 'processing', 'awaiting_approval', 'awaiting_supplement', 'result_ready', 'returned', 'withdrawn'`;

/**
 * The status "Chờ phê duyệt" (`awaiting_approval`, core `DossierStatus.AwaitingApproval`): a dossier
 * submitted to the leader. Widens `dossiers_status_check` and re-projects the dossiers already
 * submitted without a decision (under the earlier rules they stayed `processing`).
 *
 * SQLite cannot alter a CHECK constraint; widening one is the case its documentation allows by
 * editing the table's definition in `sqlite_schema` (existing rows satisfy the wider check), with
 * the schema version bumped in the same transaction.
 */
export async function up(
  db: Kysely<unknown>,
  dialect: Dialect,
  context: MigrationContext = {},
): Promise<void> {
  if (dialect === 'postgres') {
    await sql`alter table dossiers drop constraint dossiers_status_check`.execute(db);
    await sql
      .raw(`alter table dossiers add constraint dossiers_status_check check (status in (${NEW_LIST}))`)
      .execute(db);
  } else {
    const sqlite = context.sqlite;
    if (!sqlite) throw new Error('This migration needs the SQLite connection');
    const row = sqlite
      .prepare(`select sql from sqlite_schema where type = 'table' and name = 'dossiers'`)
      .get() as { sql: string };
    if (!row.sql.includes(OLD_LIST)) throw new Error('dossiers_status_check is not the expected one');
    const version = sqlite.pragma('schema_version', { simple: true }) as number;
    sqlite.unsafeMode(true);
    try {
      sqlite.pragma('writable_schema = ON');
      sqlite
        .prepare(`update sqlite_schema set sql = ? where type = 'table' and name = 'dossiers'`)
        .run(row.sql.replace(OLD_LIST, NEW_LIST));
      sqlite.pragma(`schema_version = ${version + 1}`);
      sqlite.pragma('writable_schema = OFF');
    } finally {
      sqlite.unsafeMode(false);
    }
  }
  await sql`
    update dossiers set status = 'awaiting_approval'
    where status = 'processing' and decision is null
      and exists (select 1 from dossier_actions a where a.dossier_id = dossiers.id and a.type = 'submit')
  `.execute(db);
}
