import { type Config, loadConfig } from '../config.ts';
import { type Database, openDatabase } from '../db/database.ts';
import { migrate } from '../db/migrate.ts';

/** Opens the configured database (migrated unless told otherwise), runs `work`, closes it. */
export async function withDatabase<T>(
  work: (database: Database, config: Config) => Promise<T>,
  options: { migrate?: boolean } = {},
): Promise<T> {
  const config = loadConfig();
  const database = openDatabase(config.databaseUrl);
  try {
    if (options.migrate !== false) await migrate(database);
    return await work(database, config);
  } finally {
    await database.close();
  }
}
