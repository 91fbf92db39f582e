// A PostgreSQL cluster of the test's own (initdb into a temporary folder, a free loopback port), for
// tests that stop and restart the server: the shared PostgreSQL of the machine is never touched.
import { execFile } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';

const BIN_DIRS = ['/usr/lib/postgresql/17/bin', '/usr/lib/postgresql/16/bin', '/usr/lib/postgresql/15/bin'];

/** The folder of initdb and pg_ctl, or null when PostgreSQL's server binaries are not installed. */
export function postgresBinaries(): string | null {
  const dir = process.env.MOTCUA_PG_BIN ?? BIN_DIRS.find((d) => existsSync(path.join(d, 'initdb')));
  return dir && existsSync(path.join(dir, 'initdb')) && existsSync(path.join(dir, 'pg_ctl')) ? dir : null;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

export interface PrivateCluster {
  url: string;
  port: number;
  /** `pg_ctl stop` (fast: sessions ended, a clean shutdown; immediate: as if it crashed). */
  stop(mode?: 'fast' | 'immediate'): Promise<void>;
  start(): Promise<void>;
  /** Stops the cluster and deletes its folder. */
  destroy(): Promise<void>;
}

function run(file: string, args: string[], asPostgres: boolean): Promise<string> {
  // PostgreSQL refuses to run as root: as root, its commands run as the `postgres` OS user.
  const [command, argv] = asPostgres ? ['runuser', ['-u', 'postgres', '--', file, ...args]] : [file, args];
  return new Promise((resolve, reject) => {
    execFile(command, argv, { timeout: 60_000 }, (error, stdout, stderr) =>
      error ? reject(new Error(`${file} ${args.join(' ')}: ${error.message}\n${stderr}`)) : resolve(stdout),
    );
  });
}

/** Creates and starts a throw-away cluster; its superuser `postgres` signs in without a password. */
export async function startPrivateCluster(bin: string): Promise<PrivateCluster> {
  const asPostgres = process.getuid?.() === 0;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'motcua-pg-'));
  const data = path.join(dir, 'data');
  if (asPostgres) {
    const { uid, gid } = await ownerIds();
    chownSync(dir, uid, gid);
  }
  chmodSync(dir, 0o700);
  await run(
    path.join(bin, 'initdb'),
    ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync'],
    asPostgres,
  );
  const port = await freePort();
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=60`;
  const pgCtl = (args: string[]) => run(path.join(bin, 'pg_ctl'), ['-D', data, ...args], asPostgres);
  const start = async () => {
    await pgCtl(['-o', options, '-l', path.join(dir, 'log'), '-w', '-t', '60', 'start']);
  };
  await start();
  let destroyed = false;
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    start,
    async stop(mode = 'fast') {
      await pgCtl(['-m', mode, '-w', '-t', '60', 'stop']);
    },
    async destroy() {
      if (destroyed) return;
      destroyed = true;
      await pgCtl(['-m', 'immediate', '-w', 'stop']).catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function ownerIds(): Promise<{ uid: number; gid: number }> {
  const out = await run('id', ['postgres'], false);
  const uid = Number(/uid=(\d+)/.exec(out)?.[1]);
  const gid = Number(/gid=(\d+)/.exec(out)?.[1]);
  if (!Number.isInteger(uid) || !Number.isInteger(gid)) throw new Error(`no postgres OS user: ${out}`);
  return { uid, gid };
}
