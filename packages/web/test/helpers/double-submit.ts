// The double-submit tests' tools (ARCHITECTURE.md, "One key per intent"): the first POST of an action
// is held in the browser until the second click has been dispatched, so a double click always lands
// while the first request is still on the wire.
import assert from 'node:assert/strict';
import type { Page, Response, Route } from 'playwright-core';

interface Held {
  /** The Idempotency-Key of every POST the page sent to the path. */
  keys: string[];
  /** Lets the held first request go on to the server. */
  release(): void;
  /** Resolves when the first request reached the browser's network layer. */
  first: Promise<void>;
  stop(): Promise<void>;
}

/** Holds the first POST whose path matches until `release`; counts every POST to it. */
export async function holdFirstPost(page: Page, path: RegExp): Promise<Held> {
  const keys: string[] = [];
  let release!: () => void;
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  let reached!: () => void;
  const first = new Promise<void>((resolve) => {
    reached = resolve;
  });
  const matcher = (url: URL) => path.test(url.pathname);
  const handler = async (route: Route) => {
    if (route.request().method() !== 'POST') return route.continue();
    keys.push(route.request().headers()['idempotency-key'] ?? '');
    if (keys.length === 1) {
      reached();
      await released;
    }
    await route.continue();
  };
  await page.route(matcher, handler);
  return { keys, release, first, stop: () => page.unroute(matcher, handler) };
}

/**
 * Runs `click` (a double click, Ctrl+Enter twice…) while the first POST to `path` is held, then lets
 * it go and waits for the answer: exactly one request, with an Idempotency-Key, answered `status`.
 */
export async function doubleSubmit(
  page: Page,
  path: RegExp,
  click: () => Promise<void>,
  status = 201,
): Promise<{ response: Response; key: string }> {
  const held = await holdFirstPost(page, path);
  const answered = page.waitForResponse(
    (r) => r.request().method() === 'POST' && path.test(new URL(r.url()).pathname),
  );
  await click();
  await held.first;
  held.release();
  const response = await answered;
  assert.equal(response.status(), status, await response.text());
  await held.stop();
  assert.equal(held.keys.length, 1, `one request for ${path}, got ${held.keys.length}`);
  assert.ok(held.keys[0], 'the request carries an Idempotency-Key');
  return { response, key: held.keys[0] };
}
