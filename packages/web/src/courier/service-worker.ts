// The courier app's service worker (served as /courier-sw.js, scope /buu-ta): the app starts with no
// network. At install it stores the app's files of this build in a cache named after the build;
// activating a new build deletes the caches of the old ones. A page of the app is answered with the
// stored shell; the built files (hashed names, never changed) from the cache. The API is never
// answered from a cache: with no network its calls fail and the app's own queue (queue.ts) keeps the
// courier's actions until they can be sent.
//
// `scripts/courier-pwa.ts` builds this file on its own (no imports) and writes the build's values in
// place of the two markers below.

/** The parts of the service worker scope this file uses (the DOM library does not describe them). */
interface ExtendableEvent extends Event {
  waitUntil(promise: Promise<unknown>): void;
}
interface FetchEvent extends ExtendableEvent {
  readonly request: Request;
  respondWith(response: Promise<Response>): void;
}
interface WorkerScope {
  addEventListener(type: 'install' | 'activate', listener: (event: ExtendableEvent) => void): void;
  addEventListener(type: 'fetch', listener: (event: FetchEvent) => void): void;
  skipWaiting(): Promise<void>;
  clients: { claim(): Promise<void> };
  location: Location;
}
const worker = self as unknown as WorkerScope;

export {};

/** A digest of the build's files: a new build is a new service worker and a new cache. */
const BUILD = '__COURIER_BUILD__' as string;
/** The shell (`/courier.html`), its scripts, styles, manifest and icons. */
const PRECACHE = '__COURIER_PRECACHE__' as unknown as string[];
const SHELL = '/courier.html';
const CACHE_PREFIX = 'motcua-courier-';
const CACHE = `${CACHE_PREFIX}${BUILD}`;
/** The app's pages: `/buu-ta`, `/buu-ta/buu-gui/<id>`, `/buu-ta/thu-gom/<id>`… */
const APP_PATH = /^\/buu-ta(\/|$)/;

worker.addEventListener('install', (event) => {
  // The new build takes over as soon as its files are stored, without waiting for every page of the
  // old one to close (its files stay in the old cache until then: a page keeps what it loaded).
  void worker.skipWaiting();
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      // `reload`: the files as the server has them now, not an older copy from the HTTP cache.
      await cache.addAll(PRECACHE.map((url) => new Request(url, { cache: 'reload' })));
    })(),
  );
});

worker.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith(CACHE_PREFIX) && name !== CACHE) await caches.delete(name);
      }
      await worker.clients.claim();
    })(),
  );
});

async function fromCache(request: Request, key: string | Request = request): Promise<Response> {
  const cache = await caches.open(CACHE);
  const stored = await cache.match(key);
  if (stored) return stored;
  const response = await fetch(request);
  // A built file fetched late (the scanner's decoder, loaded on demand) is kept for offline starts.
  if (response.ok && key === request && new URL(request.url).pathname.startsWith('/assets/'))
    await cache.put(request, response.clone());
  return response;
}

worker.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== worker.location.origin || url.pathname.startsWith('/api/')) return;
  if (request.mode === 'navigate') {
    if (APP_PATH.test(url.pathname)) event.respondWith(fromCache(request, SHELL));
    return;
  }
  if (url.pathname.startsWith('/assets/') || PRECACHE.includes(url.pathname))
    event.respondWith(fromCache(request));
});
