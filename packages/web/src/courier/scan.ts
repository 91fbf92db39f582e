// Reading an item number with the phone's camera: the browser's own BarcodeDetector where it reads
// Code128 or QR (Chrome on Android), otherwise ZXing's readers (decode.ts, fetched the first time).
// Typing the number always works too; this only fills the field.

interface DetectedBarcode {
  rawValue: string;
}
interface BarcodeDetectorInstance {
  detect(source: HTMLVideoElement): Promise<DetectedBarcode[]>;
}
interface BarcodeDetectorConstructor {
  new (options: { formats: string[] }): BarcodeDetectorInstance;
  getSupportedFormats(): Promise<string[]>;
}

/** Code128 (the S10 label's barcode) and QR. */
const FORMATS = ['code_128', 'qr_code'];
/** Frames are read at most this often (a cheap phone keeps its battery and stays responsive). */
const FRAME_INTERVAL_MS = 150;

/** Why a scan ended without a number: the courier closed it, or the camera cannot be used. */
export class ScanEnded extends Error {
  constructor(readonly reason: 'stopped' | 'denied' | 'no-camera' | 'failed') {
    super(reason);
  }
}

/** Whether the browser can open a camera here (it needs HTTPS, or localhost). */
export function cameraAvailable(): boolean {
  return typeof navigator.mediaDevices?.getUserMedia === 'function';
}

type FrameReader = (video: HTMLVideoElement) => Promise<string | null>;

async function browserReader(): Promise<FrameReader | null> {
  const Detector = (window as { BarcodeDetector?: BarcodeDetectorConstructor }).BarcodeDetector;
  if (!Detector) return null;
  try {
    const supported = await Detector.getSupportedFormats();
    const formats = FORMATS.filter((f) => supported.includes(f));
    if (formats.length === 0) return null;
    const detector = new Detector({ formats });
    return async (video) => (await detector.detect(video))[0]?.rawValue ?? null;
  } catch {
    return null;
  }
}

/** Whether the camera needs ZXing's decoder here (a camera, and no BarcodeDetector for these codes). */
export async function needsDecoder(): Promise<boolean> {
  return cameraAvailable() && (await browserReader()) === null;
}

async function zxingReader(): Promise<FrameReader> {
  const { decodeImage } = await import('./decode.ts');
  const canvas = document.createElement('canvas');
  const context = canvas.getContext('2d', { willReadFrequently: true });
  return async (video) => {
    // A frame of at most 960 px on its long side: enough for a label held at reading distance.
    const scale = Math.min(1, 960 / Math.max(video.videoWidth, video.videoHeight, 1));
    const width = Math.round(video.videoWidth * scale);
    const height = Math.round(video.videoHeight * scale);
    if (!context || width === 0 || height === 0) return null;
    canvas.width = width;
    canvas.height = height;
    context.drawImage(video, 0, 0, width, height);
    return decodeImage(context.getImageData(0, 0, width, height).data, width, height);
  };
}

export interface Scan {
  /** The text of the first code read; rejects with `ScanEnded`. */
  result: Promise<string>;
  /** Ends the scan and turns the camera off. */
  stop(): void;
}

/** Shows the back camera in `video` and reads frames until a code is read or `stop` is called. */
export function startScan(video: HTMLVideoElement): Scan {
  let stopped = false;
  let stream: MediaStream | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let wake: (() => void) | null = null;
  const stop = () => {
    stopped = true;
    clearTimeout(timer);
    wake?.();
    for (const track of stream?.getTracks() ?? []) track.stop();
    stream = null;
    video.srcObject = null;
  };
  const result = (async () => {
    try {
      stream = await navigator.mediaDevices.getUserMedia({
        video: { facingMode: { ideal: 'environment' } },
        audio: false,
      });
    } catch (error) {
      const name = error instanceof DOMException ? error.name : '';
      throw new ScanEnded(
        name === 'NotAllowedError' || name === 'SecurityError'
          ? 'denied'
          : name === 'NotFoundError' || name === 'OverconstrainedError'
            ? 'no-camera'
            : 'failed',
      );
    }
    try {
      if (stopped) throw new ScanEnded('stopped');
      video.srcObject = stream;
      await video.play().catch(() => {});
      const read = (await browserReader()) ?? (await zxingReader());
      while (!stopped) {
        if (video.readyState >= HTMLMediaElement.HAVE_CURRENT_DATA) {
          const text = (await read(video).catch(() => null))?.trim();
          if (text && !stopped) return text;
        }
        await new Promise<void>((resolve) => {
          wake = resolve;
          timer = setTimeout(resolve, FRAME_INTERVAL_MS);
        });
      }
      throw new ScanEnded('stopped');
    } catch (error) {
      // The decoder could not be loaded (offline before it was ever stored), or anything else.
      throw error instanceof ScanEnded ? error : new ScanEnded('failed');
    } finally {
      stop();
    }
  })();
  return { result, stop };
}

const S10_ANYWHERE = /[A-Z]{2}\d{9}[A-Z]{2}/;
const PLAIN_NUMBER = /^[A-Z0-9-]{4,40}$/;

/**
 * The item number in what was read: the S10 number in a Code128 label or inside a QR code's text (a
 * carrier's QR often carries more than the number), or a plain carrier number; null for anything
 * else (a web address, a dossier receipt's QR).
 */
export function itemNumberIn(text: string): string | null {
  const compact = text.toUpperCase().replace(/\s+/g, '');
  const s10 = S10_ANYWHERE.exec(compact)?.[0];
  if (s10) return s10;
  return PLAIN_NUMBER.test(compact) ? compact : null;
}
