// The app on the phone's home screen and with no network: registers the service worker
// (service-worker.ts, built as /courier-sw.js), which stores the app's files at the first visit. On a
// phone whose browser cannot read barcodes itself, the camera's decoder is fetched once through it,
// so that scanning works offline too.
import { needsDecoder } from './scan.ts';

export function registerServiceWorker(): void {
  if (!('serviceWorker' in navigator)) return;
  const workers = navigator.serviceWorker;
  workers
    .register('/courier-sw.js', { scope: '/buu-ta', updateViaCache: 'none' })
    .then(async () => {
      if (!workers.controller)
        await new Promise((resolve) => workers.addEventListener('controllerchange', resolve, { once: true }));
      if (await needsDecoder()) await import('./decode.ts');
    })
    .catch(() => {
      // no service worker (a development server, a private window): the app works online as before
    });
}
