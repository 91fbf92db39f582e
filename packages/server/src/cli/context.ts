import { prepareAuditKey, useAuditKey } from '../audit/anchor.ts';
import { type Config, loadConfig, readEnvironment } from '../config.ts';
import { type Database, openDatabase } from '../db/database.ts';
import { migrate } from '../db/migrate.ts';

/**
 * Opens the configured database (migrated unless told otherwise), runs `work`, closes it. Unless told
 * otherwise, the audit key is loaded (created at the first start) and checked against the log, so
 * the command's audit entries are sealed (audit/anchor.ts).
 */
export async function withDatabase<T>(
  work: (database: Database, config: Config) => Promise<T>,
  options: { migrate?: boolean; auditKey?: boolean } = {},
): Promise<T> {
  const env = readEnvironment();
  const config = loadConfig(env);
  const database = openDatabase(config.databaseUrl);
  try {
    if (options.migrate !== false) await migrate(database);
    if (options.auditKey !== false) {
      const { key, source, created } = await prepareAuditKey(database, config.dataDir, env);
      if (created)
        console.error(`Created the audit key ${source} (mode 0600): keep a copy apart from the backups.`);
      useAuditKey(key);
    }
    return await work(database, config);
  } finally {
    await database.close();
  }
}
