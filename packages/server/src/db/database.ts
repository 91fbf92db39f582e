import { AsyncLocalStorage } from 'node:async_hooks';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import {
  type Driver,
  Kysely,
  type Kysely as KyselyType,
  PostgresDialect,
  SqliteDialect,
  type Transaction,
} from 'kysely';
import pg from 'pg';
import type { DB } from './schema.ts';

export type Dialect = 'sqlite' | 'postgres';

/** An open database: the Kysely handle plus which engine is behind it. */
export interface Database {
  db: Kysely<DB>;
  dialect: Dialect;
  /** The URL it was opened with (for backup, never logged with the password). */
  url: string;
  /** PostgreSQL: the schema given as the search path, if any (a second connection uses the same). */
  schema?: string;
  close(): Promise<void>;
}

export type Executor = KyselyType<DB> | Transaction<DB>;

// int8 (COUNT, SUM, bigint money columns) arrives as a string by default: money is integer đồng and
// stays far below 2^53, so a number is safe and keeps both engines returning the same type.
pg.types.setTypeParser(20, (value) => Number.parseInt(value, 10));
// numeric (AVG and friends) as a JS number as well.
pg.types.setTypeParser(1700, (value) => Number.parseFloat(value));

export interface OpenOptions {
  /** PostgreSQL only: a schema to use as the search_path (tests give each file its own). */
  schema?: string;
  /** PostgreSQL pool size. */
  poolSize?: number;
  /**
   * SQLite only: a query sent to the root handle inside a transaction throws at once instead of
   * waiting forever for the connection the transaction holds. A development aid: it needs
   * AsyncLocalStorage, whose promise hooks cost every request some 5 % of its time, so it is on
   * unless `NODE_ENV=production` (tests and the demo run with it; the benchmarks, as production,
   * without).
   */
  guardTransactions?: boolean;
  /**
   * PostgreSQL only: told when a pooled connection fails (the server restarted, the network dropped).
   * The pool drops that connection and opens a new one on the next query; the process goes on.
   * Default: one line on stderr.
   */
  onConnectionError?: (error: Error) => void;
}

/** Opens `sqlite:<path>` (or `sqlite::memory:`) or `postgres://…`. */
export function openDatabase(url: string, options: OpenOptions = {}): Database {
  if (url.startsWith('sqlite:')) {
    return openSqlite(url, options.guardTransactions ?? process.env.NODE_ENV !== 'production');
  }
  if (url.startsWith('postgres://') || url.startsWith('postgresql://')) return openPostgres(url, options);
  throw new Error(`MOTCUA_DATABASE_URL must start with sqlite: or postgres://, got "${redactUrl(url)}"`);
}

/**
 * A better-sqlite3 connection as the server uses it: WAL, a 5 s busy timeout, foreign keys on,
 * `synchronous = NORMAL`, compiled statements kept. The benchmarks open their direct-insert
 * connection with it too.
 */
export function openSqliteConnection(file: string): SqliteDatabase.Database {
  if (file !== ':memory:') mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const sqlite = new SqliteDatabase(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('synchronous = NORMAL');
  return withStatementCache(sqlite);
}

/**
 * The SQLite connection by the executor that may run statements on it directly: the root handle
 * while no transaction is open on the connection, or a transaction of `inTransaction` while it is
 * open (it holds the connection). Used by `runCompiled` (helpers.ts) for the hot statements.
 */
const directUse = new WeakMap<object, { connection: SqliteDatabase.Database; root: boolean }>();

/**
 * The connection `executor` may use directly now, or undefined: on PostgreSQL, and for the root
 * handle while a transaction holds the connection (its statements must wait for it).
 */
export function directConnection(executor: object): SqliteDatabase.Database | undefined {
  const use = directUse.get(executor);
  if (!use || (use.root && use.connection.inTransaction)) return undefined;
  return use.connection;
}

/** Lets the open transaction `trx` of `database` use its SQLite connection directly; call the result when it ends. */
export function lendConnection(database: Database, trx: object): () => void {
  const root = directUse.get(database.db);
  if (!root) return () => {};
  directUse.set(trx, { connection: root.connection, root: false });
  // A transaction handle kept past its end must not write on the connection outside it.
  return () => directUse.delete(trx);
}

function openSqlite(url: string, guarded: boolean): Database {
  const sqlite = openSqliteConnection(url.slice('sqlite:'.length));
  const db = guarded
    ? guardTransactions(new Kysely<DB>({ dialect: new GuardedSqliteDialect({ database: sqlite }) }))
    : new Kysely<DB>({ dialect: new SqliteDialect({ database: sqlite }) });
  directUse.set(db, { connection: sqlite, root: true });
  return {
    db,
    dialect: 'sqlite',
    url,
    close: () => db.destroy(),
  };
}

/**
 * better-sqlite3 compiles a statement on every `prepare`; Kysely prepares every query it runs. Keeping
 * the compiled statements (keyed by SQL text, which Kysely parameterises) saves that work on the hot
 * paths. Kysely runs one query at a time on this single connection, so a statement is never in use twice.
 */
function withStatementCache(sqlite: SqliteDatabase.Database): SqliteDatabase.Database {
  const cache = new Map<string, SqliteDatabase.Statement>();
  const LIMIT = 1000;
  return new Proxy(sqlite, {
    get(target, property, receiver) {
      if (property === 'prepare') {
        return (source: string) => {
          let statement = cache.get(source);
          if (!statement) {
            statement = target.prepare(source);
            if (cache.size >= LIMIT) cache.delete(cache.keys().next().value as string);
            cache.set(source, statement);
          }
          return statement;
        };
      }
      const value = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/**
 * SQLite has one connection: inside a transaction, a query sent to the root `db` instead of the
 * transaction waits for that connection forever. Such a query throws at once instead, so the
 * mistake shows in tests rather than as a hung request.
 */
const insideTransaction = new AsyncLocalStorage<boolean>();

class GuardedSqliteDialect extends SqliteDialect {
  override createDriver(): Driver {
    const driver = super.createDriver();
    const acquire = driver.acquireConnection.bind(driver);
    driver.acquireConnection = async () => {
      if (insideTransaction.getStore()) {
        throw new Error(
          'query on the root database inside a transaction: use the transaction (SQLite would deadlock)',
        );
      }
      return acquire();
    };
    return driver;
  }
}

function guardTransactions(db: Kysely<DB>): Kysely<DB> {
  // Kysely keeps its state in private fields, so every method must run on the real object.
  const real = (target: object, property: string | symbol) => {
    const value = Reflect.get(target, property, target);
    return typeof value === 'function' ? value.bind(target) : value;
  };
  return new Proxy(db, {
    get(target, property) {
      if (property !== 'transaction') return real(target, property);
      return () => {
        const builder = target.transaction();
        return new Proxy(builder, {
          get(b, p) {
            if (p !== 'execute') return real(b, p);
            return <T>(callback: (trx: Transaction<DB>) => Promise<T>) =>
              b.execute((trx) => insideTransaction.run(true, () => callback(trx)));
          },
        });
      };
    },
  });
}

/** How long a new PostgreSQL connection may take before the query waiting for it fails (503). */
const CONNECT_TIMEOUT_MS = 5_000;

/**
 * A node-postgres pool as the server uses it (the schema, when given, as the search path). A failed
 * connection never ends the process: node-postgres emits `error` on the pool for an idle connection
 * and on the client for one checked out between two queries, and an `error` event without a listener
 * would throw. Both are listened to; the broken connection is left out of the pool (pg-pool does not
 * take back a client that is no longer queryable) and the query that was using it fails, which the
 * error handler answers with 503.
 */
export function openPostgresPool(url: string, options: OpenOptions = {}): pg.Pool {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize ?? 10,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
  });
  const report = options.onConnectionError ?? reportConnectionError;
  pool.on('error', (error) => report(error));
  pool.on('connect', (client) => client.on('error', (error) => report(error)));
  return pool;
}

let lastReport = 0;
/** The default report of a lost connection: one line on stderr, at most one a second. */
function reportConnectionError(error: Error): void {
  const now = Date.now();
  if (now - lastReport < 1000) return;
  lastReport = now;
  console.error(`motcua: database connection lost (${error.message}); reconnecting on the next query`);
}

function openPostgres(url: string, options: OpenOptions): Database {
  const pool = openPostgresPool(url, options);
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return { db, dialect: 'postgres', url, schema: options.schema, close: () => db.destroy() };
}

/** Hides the password of a database URL for messages and logs. */
export function redactUrl(url: string): string {
  return url.replace(/(\/\/[^:/@]+:)[^@]*@/, '$1***@');
}

/** The SQLite file behind a `sqlite:` URL, or null for PostgreSQL and in-memory databases. */
export function sqliteFile(url: string): string | null {
  if (!url.startsWith('sqlite:')) return null;
  const file = url.slice('sqlite:'.length);
  return file === ':memory:' ? null : path.resolve(file);
}
