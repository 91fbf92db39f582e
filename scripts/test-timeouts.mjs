// Loaded by `npm test` (`--import`) into every test process: each test and each hook gets its own time
// limit (MOTCUA_TEST_TIMEOUT_MS, two minutes by default) unless it names one.
//
// Why: on Node 20, `--test-timeout` bounds each whole test FILE as well as each test, so a file of many
// reasonable tests failed as a whole on a slow machine. scripts/test.mjs now gives files a generous
// guard against hangs and this module bounds the tests one by one. `describe` is left alone: a suite's
// limit would again be the sum of its tests.
import { createRequire, syncBuiltinESMExports } from 'node:module';

const require = createRequire(import.meta.url);
const nodeTest = require('node:test');
const PER_TEST_MS = Number(process.env.MOTCUA_TEST_TIMEOUT_MS ?? 120_000);

/** `it(name?, options?, fn?)` with `timeout` defaulted in the options. */
function testWithTimeout(original) {
  const wrapped = function (...args) {
    const name = typeof args[0] === 'string' ? args.shift() : undefined;
    const options = args[0] !== null && typeof args[0] === 'object' ? args.shift() : {};
    const fn = args[0];
    const withLimit = { timeout: PER_TEST_MS, ...options };
    return name === undefined ? original.call(this, withLimit, fn) : original.call(this, name, withLimit, fn);
  };
  for (const variant of ['skip', 'todo', 'only']) {
    if (typeof original[variant] === 'function') wrapped[variant] = testWithTimeout(original[variant]);
  }
  return wrapped;
}

/** `before(fn?, options?)` and the other hooks, with `timeout` defaulted. */
function hookWithTimeout(original) {
  return function (fn, options) {
    return original.call(this, fn, { timeout: PER_TEST_MS, ...options });
  };
}

nodeTest.it = testWithTimeout(nodeTest.it);
nodeTest.test = testWithTimeout(nodeTest.test);
for (const hook of ['before', 'after', 'beforeEach', 'afterEach']) {
  nodeTest[hook] = hookWithTimeout(nodeTest[hook]);
}
// The ES module view of `node:test` (what `import { it } from 'node:test'` reads) follows the changes.
syncBuiltinESMExports();
