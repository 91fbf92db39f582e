// The camera's fallback decoder where the browser has no BarcodeDetector: ZXing's Code128 and QR readers
// (@zxing/library, MIT, pure JavaScript), imported file by file so that only these two readers are
// bundled. Loaded on demand (its own chunk) the first time such a phone opens the camera.
import BinaryBitmap from '@zxing/library/esm/core/BinaryBitmap';
import HybridBinarizer from '@zxing/library/esm/core/common/HybridBinarizer';
import Code128Reader from '@zxing/library/esm/core/oned/Code128Reader';
import QRCodeReader from '@zxing/library/esm/core/qrcode/QRCodeReader';
import RGBLuminanceSource from '@zxing/library/esm/core/RGBLuminanceSource';

const code128 = new Code128Reader();
const qr = new QRCodeReader();

/** The text of a Code128 barcode or a QR code in an RGBA picture, or null when none is read. */
export function decodeImage(rgba: Uint8ClampedArray, width: number, height: number): string | null {
  const luminance = new Uint8ClampedArray(width * height);
  for (let i = 0, p = 0; i < luminance.length; i++, p += 4) {
    // ITU-R BT.601 weights, as integers (the readers only compare levels).
    luminance[i] = (rgba[p]! * 77 + rgba[p + 1]! * 150 + rgba[p + 2]! * 29) >> 8;
  }
  const bitmap = new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(luminance, width, height)));
  for (const reader of [code128, qr]) {
    try {
      return reader.decode(bitmap).getText();
    } catch {
      // NotFound / Checksum / Format: nothing readable by this reader in this frame
    }
  }
  return null;
}
