#!/usr/bin/env node
// `npm test`: every test of the repository, in passes:
//   1. core (pure domain) once;
//   2. server on SQLite (always), then its fuzz and fault suites (one file at a time, 10 minutes each);
//   3. the same on PostgreSQL when MOTCUA_TEST_PG_URL is set (MOTCUA_REQUIRE_PG=1: fail when unreachable);
//   4. browser tests in Chromium on SQLite, and on PostgreSQL when available
//      (MOTCUA_REQUIRE_BROWSER=1: fail when Chromium is missing).
// Test files are listed explicitly: on Node 20 `node --test <folder>` finds no .ts files.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const only = process.argv.slice(2); // optional filters: substrings of file paths

function findTests(dir, suffix) {
  const out = [];
  const walk = (d) => {
    if (!existsSync(d)) return;
    for (const name of readdirSync(d)) {
      const p = path.join(d, name);
      if (name === 'node_modules') continue;
      if (statSync(p).isDirectory()) walk(p);
      else if (name.endsWith(suffix)) out.push(path.relative(root, p));
    }
  };
  walk(path.join(root, dir));
  return out.sort().filter((f) => only.length === 0 || only.some((o) => f.includes(o)));
}

const coreTests = findTests('packages/core/test', '.test.ts');
// The fuzz and fault suites run real server processes and thousands of requests: alone, one file at a
// time, with a longer limit, so they neither crowd the other files nor are cut by the two minutes.
const HEAVY = /(^|\/)(fuzz|faults)\.test\.ts$/;
const allServerTests = findTests('packages/server/test', '.test.ts');
const serverTests = allServerTests.filter((f) => !HEAVY.test(f));
const heavyServerTests = allServerTests.filter((f) => HEAVY.test(f));
const browserTests = findTests('packages/web/test', '.browser.test.ts');

const totals = { passed: 0, failed: 0, skipped: 0 };
const failures = [];

// Each test and hook has its own two minutes (scripts/test-timeouts.mjs); a whole file only a guard
// against a hang, since on Node 20 `--test-timeout` bounds each file as well as each test.
const FILE_GUARD_MS = 20 * 60_000;

function run(label, files, env = {}, concurrency, timeoutMs = FILE_GUARD_MS) {
  if (files.length === 0) return;
  console.log(`\n=== ${label}: ${files.length} file(s) ===`);
  const tapDir = mkdtempSync(path.join(os.tmpdir(), 'motcua-tap-'));
  const tapFile = path.join(tapDir, 'out.tap');
  const args = [
    '--import',
    'tsx',
    '--import',
    path.join(root, 'scripts/test-timeouts.mjs'),
    '--test',
    // A file that hangs fails after its guard instead of holding CI until its deadline.
    `--test-timeout=${timeoutMs}`,
    `--test-concurrency=${concurrency ?? Math.max(1, os.cpus().length)}`,
    '--test-reporter=spec',
    '--test-reporter-destination=stdout',
    '--test-reporter=tap',
    `--test-reporter-destination=${tapFile}`,
    ...files,
  ];
  const result = spawnSync(process.execPath, args, {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, ...env },
  });
  const tap = existsSync(tapFile) ? readFileSync(tapFile, 'utf8') : '';
  const count = (name) => Number(new RegExp(`^# ${name} (\\d+)$`, 'm').exec(tap)?.[1] ?? 0);
  const passed = count('pass');
  const failed = count('fail') + count('cancelled');
  const skipped = count('skipped') + count('todo');
  totals.passed += passed;
  totals.failed += failed;
  totals.skipped += skipped;
  if (result.status !== 0 || failed > 0) failures.push(label);
  console.log(`--- ${label}: ${passed} passed, ${failed} failed, ${skipped} skipped`);
}

async function postgresReachable(url) {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch (error) {
    console.error(`PostgreSQL at ${url.replace(/\/\/[^@]*@/, '//***@')} is not reachable: ${error.message}`);
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

function chromiumPath() {
  for (const p of [process.env.MOTCUA_CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser']) {
    if (p && existsSync(p)) return p;
  }
  return null;
}

run('core', coreTests);
run('server · SQLite', serverTests, { MOTCUA_TEST_DB: 'sqlite' });
// The fuzz and fault suites' tests run for minutes by design: ten minutes each.
const HEAVY_ENV = { MOTCUA_TEST_TIMEOUT_MS: String(10 * 60_000) };
run('server · SQLite · fuzz and faults', heavyServerTests, { MOTCUA_TEST_DB: 'sqlite', ...HEAVY_ENV }, 1);

const pgUrl = process.env.MOTCUA_TEST_PG_URL;
const requirePg = process.env.MOTCUA_REQUIRE_PG === '1';
let pgOk = false;
if (pgUrl) pgOk = await postgresReachable(pgUrl);
if (pgOk) {
  run('server · PostgreSQL', serverTests, { MOTCUA_TEST_DB: 'postgres' });
  run(
    'server · PostgreSQL · fuzz and faults',
    heavyServerTests,
    { MOTCUA_TEST_DB: 'postgres', ...HEAVY_ENV },
    1,
  );
} else if (requirePg) {
  console.error('MOTCUA_REQUIRE_PG=1 but PostgreSQL is not available (set MOTCUA_TEST_PG_URL): failing.');
  failures.push('PostgreSQL required but unavailable');
  totals.failed += 1;
} else {
  console.log(
    '\n(PostgreSQL pass skipped: set MOTCUA_TEST_PG_URL=postgres://… to run the server suite on PostgreSQL too)',
  );
}

if (browserTests.length > 0) {
  const chromium = chromiumPath();
  const requireBrowser = process.env.MOTCUA_REQUIRE_BROWSER === '1';
  if (!chromium) {
    if (requireBrowser) {
      console.error(
        'MOTCUA_REQUIRE_BROWSER=1 but Chromium was not found (apt-get install chromium): failing.',
      );
      failures.push('Chromium required but missing');
      totals.failed += 1;
    } else {
      console.log(
        '\n(browser tests skipped: install Chromium, e.g. `apt-get install chromium`, to run them)',
      );
    }
  } else {
    if (!existsSync(path.join(root, 'packages/web/dist/index.html'))) {
      console.log('\n=== building the web console for the browser tests ===');
      const build = spawnSync('npm', ['run', 'build', '-w', '@motcua/web'], { cwd: root, stdio: 'inherit' });
      if (build.status !== 0) {
        failures.push('web build');
        totals.failed += 1;
      }
    }
    run('browser · SQLite', browserTests, { MOTCUA_TEST_DB: 'sqlite', MOTCUA_CHROMIUM: chromium }, 1);
    if (pgOk)
      run('browser · PostgreSQL', browserTests, { MOTCUA_TEST_DB: 'postgres', MOTCUA_CHROMIUM: chromium }, 1);
  }
}

console.log(`\n${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
if (failures.length > 0) {
  console.error(`Failed: ${failures.join('; ')}`);
  process.exit(1);
}
