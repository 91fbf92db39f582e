import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import type { Command } from 'commander';
import { loadConfig } from '../config.ts';
import { redactUrl, sqliteFile } from '../db/database.ts';

function stamp(): string {
  return new Date().toISOString().replace(/[-:]/g, '').replace(/\..*/, '').replace('T', '-');
}

/** The schema a PostgreSQL URL selects with `options=-c search_path=…`, if any: only it is dumped. */
export function schemaOf(url: string): string | null {
  try {
    const options = new URL(url).searchParams.get('options') ?? '';
    const match = /search_path\s*=\s*([A-Za-z_][A-Za-z0-9_]*)/.exec(options);
    return match?.[1] ?? null;
  } catch {
    return null;
  }
}

/** Other schemas of the same database (other tenants, test runs) are neither dumped nor touched. */
function schemaArgs(url: string): string[] {
  const schema = schemaOf(url);
  return schema ? [`--schema=${schema}`] : [];
}

function hasTool(name: string): boolean {
  return spawnSync(name, ['--version'], { stdio: 'ignore' }).status === 0;
}

export function registerBackupCommands(program: Command): void {
  program
    .command('backup')
    .description(
      'Back up the database: SQLite through the online backup API (safe while the server runs), ' +
        'PostgreSQL through pg_dump (custom format)',
    )
    .option('--out <file>', 'output file (default: <data dir>/backups/motcua-<time>.sqlite or .dump)')
    .action(async (o: { out?: string }) => {
      const config = loadConfig();
      const file = sqliteFile(config.databaseUrl);
      if (file) {
        const out = path.resolve(o.out ?? path.join(config.dataDir, 'backups', `motcua-${stamp()}.sqlite`));
        mkdirSync(path.dirname(out), { recursive: true });
        const source = new SqliteDatabase(file, { readonly: true, fileMustExist: true });
        try {
          await source.backup(out);
        } finally {
          source.close();
        }
        console.log(`Backed up ${file} to ${out}`);
        return;
      }
      if (!hasTool('pg_dump'))
        throw new Error('pg_dump not found: install the PostgreSQL client tools (postgresql-client)');
      const out = path.resolve(o.out ?? path.join(config.dataDir, 'backups', `motcua-${stamp()}.dump`));
      mkdirSync(path.dirname(out), { recursive: true });
      const result = spawnSync(
        'pg_dump',
        [
          '--format=custom',
          '--no-owner',
          `--file=${out}`,
          ...schemaArgs(config.databaseUrl),
          config.databaseUrl,
        ],
        {
          stdio: 'inherit',
        },
      );
      if (result.status !== 0) throw new Error(`pg_dump failed for ${redactUrl(config.databaseUrl)}`);
      console.log(`Backed up ${redactUrl(config.databaseUrl)} to ${out}`);
    });

  program
    .command('restore <file>')
    .description(
      'Restore a backup made by `motcua backup` (stop the server first). Overwrites the current database',
    )
    .option('--yes', 'do not ask; required when not on a terminal')
    .action(async (input: string, o: { yes?: boolean }) => {
      const config = loadConfig();
      const backup = path.resolve(input);
      if (!existsSync(backup)) throw new Error(`no such file: ${backup}`);
      if (!o.yes)
        throw new Error('restoring overwrites the current database: run again with --yes to confirm');
      const file = sqliteFile(config.databaseUrl);
      if (file) {
        const check = new SqliteDatabase(backup, { readonly: true, fileMustExist: true });
        try {
          const integrity = check.pragma('integrity_check', { simple: true });
          if (integrity !== 'ok') throw new Error(`backup failed its integrity check: ${integrity}`);
          check.prepare('select count(*) from schema_migrations').get();
        } catch (error) {
          throw new Error(`not a motcua SQLite backup: ${(error as Error).message}`);
        } finally {
          check.close();
        }
        mkdirSync(path.dirname(file), { recursive: true });
        for (const suffix of ['-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
        copyFileSync(backup, file);
        console.log(`Restored ${backup} into ${file}`);
        return;
      }
      if (!hasTool('pg_restore')) throw new Error('pg_restore not found: install postgresql-client');
      const result = spawnSync(
        'pg_restore',
        [
          '--clean',
          '--if-exists',
          '--no-owner',
          ...schemaArgs(config.databaseUrl),
          `--dbname=${config.databaseUrl}`,
          backup,
        ],
        { stdio: 'inherit' },
      );
      if (result.status !== 0) throw new Error('pg_restore failed');
      console.log(`Restored ${backup} into ${redactUrl(config.databaseUrl)}`);
    });
}
