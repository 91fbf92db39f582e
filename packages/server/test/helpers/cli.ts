import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { TEST_ENGINE } from './db.ts';

const BIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../bin/motcua.mjs');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** A fresh database URL for CLI runs (SQLite file or a PostgreSQL schema) and a data folder. */
export async function cliEnvironment(): Promise<{ env: Record<string, string>; dispose(): Promise<void> }> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'motcua-cli-'));
  if (TEST_ENGINE === 'postgres') {
    const url = process.env.MOTCUA_TEST_PG_URL!;
    const schema = `c_${randomBytes(6).toString('hex')}`;
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query(`create schema ${schema}`);
    await client.end();
    const sep = url.includes('?') ? '&' : '?';
    return {
      env: {
        MOTCUA_DATA_DIR: dataDir,
        MOTCUA_DATABASE_URL: `${url}${sep}options=${encodeURIComponent(`-c search_path=${schema}`)}`,
      },
      async dispose() {
        const c = new pg.Client({ connectionString: url });
        await c.connect();
        await c.query(`drop schema ${schema} cascade`);
        await c.end();
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  }
  return {
    env: { MOTCUA_DATA_DIR: dataDir, MOTCUA_DATABASE_URL: `sqlite:${path.join(dataDir, 'motcua.sqlite')}` },
    async dispose() {
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Runs `motcua <args>` as a separate process, the way an operator would. */
export function motcua(args: string[], env: Record<string, string>): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      { env: { ...process.env, ...env }, timeout: 120_000, cwd: env.MOTCUA_DATA_DIR },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

/**
 * The options of a test that starts the real binary several times (a Node process that loads the
 * server each time): on a busy machine one start took 30 s, so such a test gets five minutes, not the
 * default two.
 */
export const SPAWNS = { timeout: 5 * 60_000 };
