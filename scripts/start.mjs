#!/usr/bin/env node
// `npm start`: builds the web console if it is not built yet, then runs `motcua serve --demo`
// (migrates the SQLite file under ./data, loads the demo on first start, prints the demo logins).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'packages/web/dist/index.html');
if (!existsSync(dist) && existsSync(path.join(root, 'packages/web/index.html'))) {
  console.log('Building the web console (first start only)…');
  const build = spawnSync('npm', ['run', 'build', '-w', '@motcua/web'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
const serve = spawnSync(
  process.execPath,
  [path.join(root, 'packages/server/bin/motcua.mjs'), 'serve', '--demo', ...process.argv.slice(2)],
  { cwd: root, stdio: 'inherit' },
);
process.exit(serve.status ?? 0);
