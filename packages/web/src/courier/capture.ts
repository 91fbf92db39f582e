// What the phone captures at the door: a signature drawn with a finger, a photo, the position.
import { h } from '../light/dom.ts';

export interface SignaturePad {
  element: HTMLElement;
  /** PNG data URL of the drawing, or null when nothing was drawn. */
  toDataUrl(): string | null;
  clear(): void;
}

/** A `<canvas>` to sign on with a finger, a pen or the mouse (pointer events). */
export function signaturePad(label: string, clearLabel: string): SignaturePad {
  const canvas = h('canvas', {
    id: 'signature',
    class: 'signature',
    role: 'img',
    'aria-label': label,
    height: 180,
    width: 320,
  });
  let drawn = false;
  let last: { x: number; y: number } | null = null;
  const context = () => canvas.getContext('2d');
  const point = (event: PointerEvent) => {
    const box = canvas.getBoundingClientRect();
    return {
      x: ((event.clientX - box.left) * canvas.width) / box.width,
      y: ((event.clientY - box.top) * canvas.height) / box.height,
    };
  };
  canvas.addEventListener('pointerdown', (event) => {
    canvas.setPointerCapture?.(event.pointerId);
    last = point(event);
    event.preventDefault();
  });
  canvas.addEventListener('pointermove', (event) => {
    if (!last) return;
    const next = point(event);
    const g = context();
    if (g) {
      g.strokeStyle = '#0b1f4d';
      g.lineWidth = 2.5;
      g.lineCap = 'round';
      g.lineJoin = 'round';
      g.beginPath();
      g.moveTo(last.x, last.y);
      g.lineTo(next.x, next.y);
      g.stroke();
      drawn = true;
    }
    last = next;
    event.preventDefault();
  });
  const end = () => {
    last = null;
  };
  canvas.addEventListener('pointerup', end);
  canvas.addEventListener('pointercancel', end);
  canvas.addEventListener('pointerleave', end);
  const clear = () => {
    context()?.clearRect(0, 0, canvas.width, canvas.height);
    drawn = false;
  };
  // The drawing buffer follows the displayed width once the canvas is on screen.
  requestAnimationFrame(() => {
    const width = Math.round(canvas.getBoundingClientRect().width);
    if (width > 0 && width !== canvas.width && !drawn) canvas.width = Math.min(width, 600);
  });
  const element = h(
    'div',
    null,
    canvas,
    h('button', { type: 'button', class: 'secondary small', on: { click: clear } }, clearLabel),
  );
  return { element, toDataUrl: () => (drawn ? canvas.toDataURL('image/png') : null), clear };
}

const PHOTO_MAX_BYTES = 100_000;

/** The picture downscaled and re-encoded as a JPEG data URL of at most 100 KB. */
export async function downscalePhoto(file: File): Promise<string> {
  const url = URL.createObjectURL(file);
  try {
    const image = await new Promise<HTMLImageElement>((resolve, reject) => {
      const img = new Image();
      img.onload = () => resolve(img);
      img.onerror = () => reject(new Error('image'));
      img.src = url;
    });
    let side = 1024;
    for (let round = 0; round < 6; round++) {
      const scale = Math.min(1, side / Math.max(image.naturalWidth, image.naturalHeight));
      const canvas = document.createElement('canvas');
      canvas.width = Math.max(1, Math.round(image.naturalWidth * scale));
      canvas.height = Math.max(1, Math.round(image.naturalHeight * scale));
      canvas.getContext('2d')?.drawImage(image, 0, 0, canvas.width, canvas.height);
      for (const quality of [0.7, 0.55, 0.4]) {
        const data = canvas.toDataURL('image/jpeg', quality);
        if ((data.length - 23) * 0.75 <= PHOTO_MAX_BYTES) return data;
      }
      side = Math.round(side * 0.7);
    }
    throw new Error('too large');
  } finally {
    URL.revokeObjectURL(url);
  }
}

export interface Position {
  lat: number;
  lng: number;
  accuracy: number | null;
}

/** The position if the phone gives it within a few seconds, else null (never blocks the delivery). */
export function currentPosition(timeoutMs = 5_000): Promise<Position | null> {
  return new Promise((resolve) => {
    if (!('geolocation' in navigator)) return resolve(null);
    const timer = setTimeout(() => resolve(null), timeoutMs + 500);
    navigator.geolocation.getCurrentPosition(
      (p) => {
        clearTimeout(timer);
        resolve({
          lat: p.coords.latitude,
          lng: p.coords.longitude,
          accuracy: Number.isFinite(p.coords.accuracy) ? Math.round(p.coords.accuracy) : null,
        });
      },
      () => {
        clearTimeout(timer);
        resolve(null);
      },
      { enableHighAccuracy: true, timeout: timeoutMs, maximumAge: 60_000 },
    );
  });
}
