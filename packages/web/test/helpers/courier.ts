// Helpers of the courier app's browser tests: a camera that films a printed label (a canvas stream in
// place of getUserMedia), a stand-in for the browser's BarcodeDetector, and the screenshots for docs/.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import bwipjs from 'bwip-js';
import type { Page } from 'playwright-core';
import { PHONE } from '../../scripts/screenshots-light.ts';
import { settled } from './browser.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const SCREENSHOTS = path.resolve(here, '../../../../docs/screenshots');

/** Width of the docs' phone screenshots (a common phone in portrait). */
export const SCREENSHOT_PHONE = { width: 390, height: 844 };

/**
 * With MOTCUA_SCREENSHOTS=1, writes `docs/screenshots/courier-<name>.png` of the whole page at 390 px,
 * then gives the page its test size back.
 */
export async function shoot(page: Page, name: string): Promise<void> {
  if (process.env.MOTCUA_SCREENSHOTS !== '1') return;
  mkdirSync(SCREENSHOTS, { recursive: true });
  const size = page.viewportSize() ?? PHONE;
  await page.setViewportSize(SCREENSHOT_PHONE);
  await settled(page);
  await page.screenshot({ path: path.join(SCREENSHOTS, `courier-${name}.png`), fullPage: true });
  await page.setViewportSize(size);
}

/**
 * tsx compiles the tests with esbuild's keepNames: a function declared inside a callback given to
 * `page.evaluate` calls esbuild's `__name` helper, which the page does not have.
 */
const keepNamesHelper = (page: Page) => page.evaluate('globalThis.__name ??= (target) => target');

/** A printed label as a PNG data URL: the Code128 of an S10 number with its text, or a QR code. */
export async function label(kind: 'code128' | 'qrcode', text: string): Promise<string> {
  const png = await bwipjs.toBuffer(
    kind === 'code128'
      ? { bcid: 'code128', text, scale: 3, height: 12, includetext: true, paddingwidth: 10, paddingheight: 6 }
      : { bcid: 'qrcode', text, scale: 5, paddingwidth: 4, paddingheight: 4 },
  );
  return `data:image/png;base64,${png.toString('base64')}`;
}

/**
 * Replaces the page's camera with one that films `labelUrl` held over a desk (a 640×480 canvas stream,
 * redrawn 10 times a second), or films the desk only when `labelUrl` is null. Each getUserMedia call
 * gets its own stream; `window.__cameraStreams` keeps them so a test can see they were stopped.
 */
export async function fakeCamera(page: Page, labelUrl: string | null): Promise<void> {
  await keepNamesHelper(page);
  await page.evaluate(async (url) => {
    const image = url ? new Image() : null;
    if (image && url) {
      image.src = url;
      await image.decode();
    }
    const scope = window as unknown as { __cameraStreams: MediaStream[] };
    scope.__cameraStreams = [];
    navigator.mediaDevices.getUserMedia = async () => {
      const canvas = document.createElement('canvas');
      canvas.width = 640;
      canvas.height = 480;
      const g = canvas.getContext('2d');
      if (!g) throw new DOMException('no 2d context', 'NotReadableError');
      const paint = () => {
        g.fillStyle = '#b9ad95';
        g.fillRect(0, 0, 640, 480);
        if (!image) return;
        // The label fills most of the picture, slightly scaled as a real camera would show it.
        const scale = Math.min(560 / image.width, 360 / image.height);
        const width = image.width * scale;
        const height = image.height * scale;
        g.fillStyle = '#fff';
        g.fillRect(320 - width / 2 - 12, 240 - height / 2 - 12, width + 24, height + 24);
        g.drawImage(image, 320 - width / 2, 240 - height / 2, width, height);
      };
      paint();
      const timer = setInterval(paint, 100);
      const stream = canvas.captureStream(10);
      stream.getVideoTracks()[0]?.addEventListener('ended', () => clearInterval(timer));
      scope.__cameraStreams.push(stream);
      return stream;
    };
  }, labelUrl);
}

/** Whether every stream the fake camera gave was stopped (the app turned the camera off). */
export function cameraStopped(page: Page): Promise<boolean> {
  return page.evaluate(() =>
    (window as unknown as { __cameraStreams: MediaStream[] }).__cameraStreams.every((stream) =>
      stream.getTracks().every((track) => track.readyState === 'ended'),
    ),
  );
}

/**
 * A stand-in for the browser's BarcodeDetector (as on Chrome for Android) that reads `text` from a
 * playing camera picture; `window.__detectorFormats` records the formats the app asked for.
 * `text: ''` reads nothing (a label held too far); `text: null` removes BarcodeDetector, as on a
 * browser without it.
 */
export async function fakeBarcodeDetector(page: Page, text: string | null): Promise<void> {
  await keepNamesHelper(page);
  await page.evaluate((value) => {
    const scope = window as unknown as { BarcodeDetector?: unknown; __detectorFormats?: string[] };
    if (value === null) {
      delete scope.BarcodeDetector;
      return;
    }
    scope.BarcodeDetector = class {
      static async getSupportedFormats() {
        return ['aztec', 'code_128', 'ean_13', 'qr_code'];
      }
      constructor(options: { formats: string[] }) {
        scope.__detectorFormats = options.formats;
      }
      async detect(source: unknown) {
        const playing =
          source instanceof HTMLVideoElement &&
          source.srcObject instanceof MediaStream &&
          source.videoWidth > 0;
        return playing && value ? [{ rawValue: value, format: 'code_128' }] : [];
      }
    };
  }, text);
}
