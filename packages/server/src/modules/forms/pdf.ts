import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import bwipjs from 'bwip-js';

/** A pdfmake content node; pdfmake ships no types, so this stays structural. */
export type Node = string | { [key: string]: unknown } | Node[];

export interface DocDefinition {
  pageSize: 'A4' | 'A5';
  pageOrientation: 'portrait' | 'landscape';
  pageMargins: [number, number, number, number];
  info: {
    title: string;
    author: string;
    subject: string;
    creator: string;
    producer: string;
    keywords?: string;
  };
  content: Node[];
  footer?: Node | ((currentPage: number, pageCount: number) => Node);
  defaultStyle?: Record<string, unknown>;
  styles?: Record<string, Record<string, unknown>>;
  language?: string;
}

interface PdfMake {
  virtualfs: { writeFileSync(name: string, content: Buffer): void };
  setFonts(fonts: Record<string, Record<string, string>>): void;
  setUrlAccessPolicy(policy: (url: string) => boolean): void;
  setLocalAccessPolicy(policy: (path: string) => boolean): void;
  createPdf(doc: DocDefinition): { getBuffer(): Promise<Buffer> };
}

const require = createRequire(import.meta.url);

// The full Roboto TTFs bundled with pdfmake cover Vietnamese; pdfkit embeds the glyphs used.
// Never a woff or "vietnamese subset" font: glyphs would print blank while pdftotext still reads them.
const FONT_FILES = {
  normal: 'Roboto-Regular.ttf',
  bold: 'Roboto-Medium.ttf',
  italics: 'Roboto-Italic.ttf',
  bolditalics: 'Roboto-MediumItalic.ttf',
} as const;

let engine: PdfMake | undefined;

/** pdfmake with the fonts in its virtual file system and every disk and network access refused. */
function getEngine(): PdfMake {
  if (engine) return engine;
  const pdfmake = require('pdfmake') as PdfMake;
  const fontDir = dirname(require.resolve('pdfmake/build/fonts/Roboto/Roboto-Regular.ttf'));
  for (const file of Object.values(FONT_FILES)) {
    pdfmake.virtualfs.writeFileSync(file, readFileSync(join(fontDir, file)));
  }
  pdfmake.setFonts({ Roboto: { ...FONT_FILES } });
  // Forms embed only data URLs; a URL or path in user data must never make the renderer fetch it.
  pdfmake.setUrlAccessPolicy(() => false);
  pdfmake.setLocalAccessPolicy(() => false);
  engine = pdfmake;
  return engine;
}

export async function renderPdf(doc: DocDefinition): Promise<Buffer> {
  return getEngine().createPdf(doc).getBuffer();
}

/** Code128 of `text` as a PNG data URL (bwip-js), for pdfmake's `image`. */
export async function code128DataUrl(text: string): Promise<string> {
  const png = await bwipjs.toBuffer({ bcid: 'code128', text, scale: 3, height: 9, includetext: false });
  return `data:image/png;base64,${png.toString('base64')}`;
}
