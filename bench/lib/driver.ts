import { openPostgresPool, openSqliteConnection, sqliteFile } from '../../packages/server/src/db/database.ts';

/** One statement of a transaction: SQL with `?` placeholders, and its values. */
export type Statement = [sql: string, values: unknown[]];
export type Row = Record<string, unknown> | undefined;
export type Steps = Generator<Statement, void, Row>;

/**
 * The database drivers themselves (better-sqlite3, node-postgres), without Kysely or any of the
 * server's code: what "the same rows inserted directly through the driver" runs on. A second
 * connection (SQLite) or pool (PostgreSQL) to the benchmark server's database.
 */
export interface RawDriver {
  /**
   * Runs the statements a generator yields in one transaction; each `yield` gives back the
   * statement's first row (a `select`, or an insert's `returning`), or undefined.
   */
  transaction(steps: () => Steps): Promise<void>;
  close(): Promise<void>;
}

export function openRawDriver(url: string, options: { schema?: string; poolSize: number }): RawDriver {
  const file = sqliteFile(url);
  if (file) return sqliteDriver(file);
  return postgresDriver(url, options);
}

function sqliteDriver(file: string): RawDriver {
  // A second connection with the server's settings; it keeps its compiled statements.
  const sqlite = openSqliteConnection(file);
  // better-sqlite3 runs the whole transaction synchronously: nothing else can interleave.
  const run = sqlite.transaction((steps: Steps) => {
    for (let step = steps.next(); !step.done; ) {
      const [source, values] = step.value;
      const s = sqlite.prepare(source);
      let row: Row;
      if (s.reader) row = s.get(...values) as Row;
      else s.run(...values);
      step = steps.next(row);
    }
  });
  return {
    async transaction(steps) {
      run(steps());
    },
    async close() {
      sqlite.close();
    },
  };
}

function postgresDriver(url: string, options: { schema?: string; poolSize: number }): RawDriver {
  const pool = openPostgresPool(url, options);
  const numbered = new Map<string, string>();
  const toPostgres = (source: string) => {
    let text = numbered.get(source);
    if (text === undefined) {
      let n = 0;
      text = source.replace(/\?/g, () => `$${++n}`);
      numbered.set(source, text);
    }
    return text;
  };
  return {
    async transaction(makeSteps) {
      const client = await pool.connect();
      try {
        await client.query('begin');
        const steps = makeSteps();
        for (let step = steps.next(); !step.done; ) {
          const [source, values] = step.value;
          const result = await client.query({ text: toPostgres(source), values });
          step = steps.next(result.rows[0] as Row);
        }
        await client.query('commit');
      } catch (error) {
        await client.query('rollback').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}
