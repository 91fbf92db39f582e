import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { buildApp, type RouteModule } from '../../packages/server/src/app.ts';
import { createSession } from '../../packages/server/src/auth/sessions.ts';
import { loadConfig } from '../../packages/server/src/config.ts';
import { type Database, openDatabase } from '../../packages/server/src/db/database.ts';
import { newId } from '../../packages/server/src/db/helpers.ts';
import { migrate } from '../../packages/server/src/db/migrate.ts';
import { seedDemo } from '../../packages/server/src/seed/demo.ts';

export type Engine = 'sqlite' | 'postgres';

/** Requests per minute per IP for the public lookup while benchmarking: high enough never to answer 429. */
export const BENCH_PUBLIC_RATE_LIMIT = '10000000';

/** The clerk of the Đức Liễu post office (demo data), who receives dossiers there. */
export const BENCH_CLERK = 'gdv.duclieu';
export const BENCH_SITE = 'BDVHX-DUCLIEU';
/**
 * The sites the intake benchmark receives at, in turn. A dossier code holds 9,999 dossiers a day per
 * receiving agency (domain.md §1), fewer than one site could be sent in 10 s: six sites with six
 * different agency codes, and the benchmark's clerk is given the clerk's role at the other five.
 */
export const BENCH_INTAKE_SITES = [
  BENCH_SITE,
  'BDVHX-DONGTIEN',
  'BDVHX-THANHLUONG',
  'BD-BUDANG',
  'BD-DONGPHU',
  'BD-BINHLONG',
];
export const BENCH_PROCEDURE = '1.001612';

export interface BenchServer {
  engine: Engine;
  /** `http://127.0.0.1:<port>` */
  url: string;
  app: FastifyInstance;
  database: Database;
  /** Bearer token of an API session of the clerk. */
  clerkToken: string;
  /** How long the citizen lookup keeps dossier rows (ms). */
  publicCacheMs: number;
  /** PostgreSQL: the benchmark's own schema. */
  schema?: string;
  close(): Promise<void>;
}

/** What `POST /api/bench/direct-intake` runs: set by the intake benchmark once it has its rows. */
export const directIntake: { write?: () => Promise<void> } = {};

/**
 * The baseline routes: the whole Fastify stack (hooks, helmet, auth hook) with no work behind it; and
 * the intake's baseline, a POST whose JSON body is parsed and not looked at, answered once the rows
 * of one intake are inserted through the driver (`directIntake.write`).
 */
export const bareModule: RouteModule = (app) => {
  app.get('/api/bench/bare', { config: { public: true } }, async () => ({ ok: true }));
  app.post('/api/bench/direct-intake', { config: { public: true } }, async (_request, reply) => {
    if (!directIntake.write) throw new Error('direct-intake: no writer set');
    await directIntake.write();
    return reply.code(201).send({ ok: true });
  });
};

/** The PostgreSQL URL for benchmarks, if one is configured. */
export function benchPostgresUrl(env: NodeJS.ProcessEnv = process.env): string | undefined {
  return env.MOTCUA_BENCH_PG_URL || env.MOTCUA_TEST_PG_URL || undefined;
}

/** `--engine sqlite|postgres` from the command line (default sqlite). */
export function engineFromArgs(argv: string[] = process.argv.slice(2)): Engine {
  const index = argv.indexOf('--engine');
  const value = index >= 0 ? argv[index + 1] : argv.find((a) => a.startsWith('--engine='))?.slice(9);
  if (value === undefined || value === 'sqlite') return 'sqlite';
  if (value === 'postgres') return 'postgres';
  throw new Error(`--engine must be sqlite or postgres, got "${value}"`);
}

async function freshDatabase(
  engine: Engine,
): Promise<{ database: Database; schema?: string; dispose(): Promise<void> }> {
  if (engine === 'postgres') {
    const url = benchPostgresUrl();
    if (!url) throw new Error('--engine postgres needs MOTCUA_BENCH_PG_URL or MOTCUA_TEST_PG_URL');
    const schema = `bench_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`create schema ${schema}`);
    await admin.end();
    const database = openDatabase(url, { schema, poolSize: 10 });
    return {
      database,
      schema,
      async dispose() {
        await database.close();
        const client = new pg.Client({ connectionString: url });
        await client.connect();
        await client.query(`drop schema if exists ${schema} cascade`);
        await client.end();
      },
    };
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), 'motcua-bench-'));
  // As in production (NODE_ENV=production): without the development guard on SQLite transactions.
  const database = openDatabase(`sqlite:${path.join(dir, 'bench.sqlite')}`, { guardTransactions: false });
  return {
    database,
    async dispose() {
      await database.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * The real server, in this process, on 127.0.0.1 and a free port, over a fresh migrated database
 * with the demo data of Bình Phước (70), plus the bare baseline route. `close()` removes the database.
 */
export async function startBenchServer(
  engine: Engine,
  options: { publicCacheMs?: number } = {},
): Promise<BenchServer> {
  process.env.MOTCUA_PUBLIC_RATE_LIMIT = BENCH_PUBLIC_RATE_LIMIT;
  const { database, schema, dispose } = await freshDatabase(engine);
  try {
    await migrate(database);
    await seedDemo(database, { provinces: ['70'] });
    const clerk = await database.db
      .selectFrom('users')
      .select('id')
      .where('username', '=', BENCH_CLERK)
      .executeTakeFirstOrThrow();
    const sites = await database.db
      .selectFrom('service_points')
      .select('id')
      .where(
        'code',
        'in',
        BENCH_INTAKE_SITES.filter((code) => code !== BENCH_SITE),
      )
      .execute();
    await database.db
      .insertInto('user_roles')
      .values(
        sites.map((site) => ({
          id: newId(),
          user_id: clerk.id,
          role: 'clerk',
          service_point_id: site.id,
          agency_id: null,
          unit_id: null,
        })),
      )
      .execute();
    const { token } = await createSession(database, { userId: clerk.id, kind: 'api' });
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'motcua-bench-data-'));
    const config = loadConfig({
      MOTCUA_DATA_DIR: dataDir,
      MOTCUA_DATABASE_URL: database.url,
      MOTCUA_HOST: '127.0.0.1',
      MOTCUA_PORT: '0',
      MOTCUA_PUBLIC_URL: 'http://127.0.0.1',
      MOTCUA_LOG_LEVEL: 'warn',
      MOTCUA_PUBLIC_RATE_LIMIT: BENCH_PUBLIC_RATE_LIMIT,
      ...(options.publicCacheMs !== undefined
        ? { MOTCUA_PUBLIC_CACHE_MS: String(options.publicCacheMs) }
        : {}),
    });
    const app = await buildApp(
      { database, config },
      { modules: [bareModule], serveWeb: false, logger: false },
    );
    await app.listen({ host: '127.0.0.1', port: 0 });
    const { port } = app.server.address() as AddressInfo;
    return {
      engine,
      url: `http://127.0.0.1:${port}`,
      app,
      database,
      clerkToken: token,
      publicCacheMs: config.publicCacheMs,
      ...(schema ? { schema } : {}),
      async close() {
        await app.close();
        await dispose();
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await dispose();
    throw error;
  }
}
