// Build step of the courier app as an installable app that starts offline (used by vite.config.ts):
// - the service worker (src/courier/service-worker.ts) as /courier-sw.js, a fixed name at the site root
//   so that its scope may be /buu-ta, with the build's digest and the list of files to store written in;
// - the web app manifest and the icons (hashed names), linked from courier.html.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';

const here = path.dirname(fileURLToPath(import.meta.url));
const COURIER = path.resolve(here, '../src/courier');
export const SERVICE_WORKER_FILE = 'courier-sw.js';

/** What the phone shows when the app is installed (Vietnamese: the app has no English name). */
function manifest(icon192: string, icon512: string): string {
  const icons = [
    { src: `/${icon192}`, sizes: '192x192', type: 'image/png', purpose: 'any' },
    { src: `/${icon512}`, sizes: '512x512', type: 'image/png', purpose: 'any' },
    // The drawing fills the square and stays inside the safe circle: it also serves as a maskable icon.
    { src: `/${icon512}`, sizes: '512x512', type: 'image/png', purpose: 'maskable' },
  ];
  return JSON.stringify(
    {
      id: '/buu-ta',
      name: 'Bưu tá — motcua',
      short_name: 'Bưu tá',
      description: 'Phát bưu gửi và thu gom hồ sơ tại nhà; vẫn ghi nhận được khi mất mạng.',
      lang: 'vi',
      dir: 'ltr',
      start_url: '/buu-ta',
      scope: '/buu-ta',
      display: 'standalone',
      orientation: 'portrait',
      background_color: '#f3f5f8',
      theme_color: '#0b3d91',
      icons,
    },
    null,
    2,
  );
}

/** The absolute paths a page loads (`src` and `href` of its tags). */
function urlsOf(html: string): string[] {
  return [...html.matchAll(/\b(?:src|href)="(\/[^"]+)"/g)].map((m) => m[1]!);
}

export function courierPwa(): Plugin {
  const refs = { serviceWorker: '', icon192: '', icon512: '', manifest: '' };
  const files = { icon192: '', icon512: '', manifest: '' };
  return {
    name: 'motcua-courier-pwa',
    apply: 'build',
    buildStart() {
      refs.serviceWorker = this.emitFile({
        type: 'chunk',
        id: path.join(COURIER, 'service-worker.ts'),
        fileName: SERVICE_WORKER_FILE,
      });
      for (const size of [192, 512] as const) {
        refs[`icon${size}`] = this.emitFile({
          type: 'asset',
          name: `courier-icon-${size}.png`,
          source: readFileSync(path.join(COURIER, `icons/icon-${size}.png`)),
        });
      }
    },
    renderStart() {
      files.icon192 = this.getFileName(refs.icon192);
      files.icon512 = this.getFileName(refs.icon512);
      refs.manifest = this.emitFile({
        type: 'asset',
        name: 'courier.webmanifest',
        source: manifest(files.icon192, files.icon512),
      });
      files.manifest = this.getFileName(refs.manifest);
    },
    transformIndexHtml: {
      order: 'post',
      handler(_html, context) {
        if (path.basename(context.filename) !== 'courier.html') return;
        return [
          { tag: 'link', attrs: { rel: 'manifest', href: `/${files.manifest}` }, injectTo: 'head' },
          { tag: 'link', attrs: { rel: 'icon', href: `/${files.icon192}` }, injectTo: 'head' },
          { tag: 'link', attrs: { rel: 'apple-touch-icon', href: `/${files.icon192}` }, injectTo: 'head' },
        ];
      },
    },
    generateBundle: {
      order: 'post',
      handler(_options, bundle) {
        const worker = bundle[SERVICE_WORKER_FILE];
        const shell = bundle['courier.html'];
        if (worker?.type !== 'chunk' || shell?.type !== 'asset')
          throw new Error('courier-pwa: the service worker or courier.html is missing from the build');
        // The worker is a classic script: a shared chunk imported by it would not load.
        if (worker.imports.length > 0 || worker.dynamicImports.length > 0)
          throw new Error(`courier-pwa: ${SERVICE_WORKER_FILE} must import nothing (${worker.imports})`);
        const html = String(shell.source);
        const precache = [
          ...new Set(['/courier.html', ...urlsOf(html), `/${files.icon192}`, `/${files.icon512}`]),
        ].sort();
        const build = createHash('sha256')
          .update(JSON.stringify(precache))
          .update(html)
          .update(worker.code)
          .digest('hex')
          .slice(0, 12);
        const code = worker.code
          .replace(/(["'`])__COURIER_BUILD__\1/, JSON.stringify(build))
          .replace(/(["'`])__COURIER_PRECACHE__\1/, JSON.stringify(precache));
        if (code.includes('__COURIER_')) throw new Error('courier-pwa: a marker was not replaced');
        worker.code = code;
      },
    },
  };
}
