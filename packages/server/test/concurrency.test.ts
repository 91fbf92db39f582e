import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { after, before, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { openDatabase } from '../src/db/database.ts';
import { migrate } from '../src/db/migrate.ts';
import { seedDemo } from '../src/seed/demo.ts';
import { cliEnvironment } from './helpers/cli.ts';
import { TEST_ENGINE } from './helpers/db.ts';

const WORKER = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures/intake-worker.ts');
let env: Record<string, string>;
let dispose: () => Promise<void>;

before(async () => {
  ({ env, dispose } = await cliEnvironment());
  const database = openDatabase(env.MOTCUA_DATABASE_URL!);
  await migrate(database);
  await seedDemo(database, { provinces: ['70'] });
  await database.close();
});
after(() => dispose());

function runWorker(label: string, count: number): Promise<string[]> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', WORKER, env.MOTCUA_DATABASE_URL!, String(count), label],
      { timeout: 240_000, env: { ...process.env, ...env } },
      (error, stdout, stderr) =>
        error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(JSON.parse(stdout)),
    );
  });
}

it(`gives unique, gapless dossier codes to two server processes receiving at once on ${TEST_ENGINE}`, async () => {
  const [a, b] = await Promise.all([runWorker('a', 20), runWorker('b', 20)]);
  const all = [...a, ...b];
  assert.equal(new Set(all).size, 40, 'no code shared');
  const sequences = all.map((c) => Number(c.slice(-4))).sort((x, y) => x - y);
  assert.deepEqual(
    sequences,
    Array.from({ length: 40 }, (_, i) => i + 1),
  );
});
