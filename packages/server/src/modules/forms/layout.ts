import type { FormSpec } from './editions.ts';
import type { DocDefinition, Node } from './pdf.ts';
import type { FormEdition, FormHeader } from './types.ts';

/** Printed where a field is expected but the data has none, as on the paper forms. */
export const BLANK = '……………………………';

const MOTTO = 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM';
const MOTTO_SUB = 'Độc lập - Tự do - Hạnh phúc';

/** Page geometry and type sizes per paper size. */
export interface Page {
  /** Width between the margins, in points. */
  width: number;
  margins: [number, number, number, number];
  fontSize: number;
  headerSize: number;
  titleSize: number;
}

export function pageFor(spec: FormSpec): Page {
  if (spec.pageSize === 'A5') {
    return { width: 419.53 - 56, margins: [28, 24, 28, 26], fontSize: 9, headerSize: 8, titleSize: 10.5 };
  }
  if (spec.orientation === 'landscape') {
    // The register's 14 columns need the room.
    return { width: 841.89 - 56, margins: [28, 28, 28, 28], fontSize: 10, headerSize: 9.5, titleSize: 13 };
  }
  return { width: 595.28 - 80, margins: [40, 32, 40, 32], fontSize: 10, headerSize: 9.5, titleSize: 13 };
}

/**
 * "Đồng Xoài, ngày 05 tháng 01 năm 2027": days below 10 and months 1 and 2 take a leading zero
 * (Nghị định số 30/2020/NĐ-CP, Phụ lục I, on the dated line of official documents).
 */
export function datedLine(place: string, isoDate: string): string {
  const [year, month, day] = isoDate.split('-').map(Number) as [number, number, number];
  const dd = String(day).padStart(2, '0');
  const mm = month <= 2 ? String(month).padStart(2, '0') : String(month);
  return `${place}, ngày ${dd} tháng ${mm} năm ${year}`;
}

/** A short centred rule, as drawn under the issuing body and the motto. */
function rule(width: number): Node {
  return {
    canvas: [{ type: 'line', x1: 0, y1: 0, x2: width, y2: 0, lineWidth: 0.6 }],
    alignment: 'center',
    margin: [0, 2, 0, 2],
  };
}

/**
 * Official header: the issuing body on the left (its parent above it), the national motto on the
 * right, "Số:" under the issuing body and the dated line under the motto (Nghị định số
 * 30/2020/NĐ-CP, Phụ lục I).
 */
export function header(data: FormHeader, page: Page, opts: { dated?: boolean } = {}): Node {
  const size = page.headerSize;
  const leftWidth = Math.round(page.width * 0.4);
  const left: Node[] = [];
  if (data.issuingBodyParent) left.push({ text: data.issuingBodyParent.toUpperCase(), fontSize: size });
  left.push({ text: data.issuingBody.toUpperCase(), bold: true, fontSize: size });
  left.push(rule(40));
  // An empty number prints the line to be numbered by the records office ("Số: ……/……").
  if (data.documentNumber !== undefined)
    left.push({ text: `Số: ${data.documentNumber || '……/……'}`, fontSize: size, margin: [0, 2, 0, 0] });

  const right: Node[] = [
    { text: MOTTO, bold: true, fontSize: size },
    { text: MOTTO_SUB, bold: true, decoration: 'underline', fontSize: size + 0.5 },
  ];
  if (opts.dated !== false) {
    right.push({
      text: datedLine(data.place, data.date),
      italics: true,
      fontSize: size,
      margin: [0, 6, 0, 0],
    });
  }
  return {
    columns: [
      { width: leftWidth, stack: left, alignment: 'center' },
      { width: '*', stack: right, alignment: 'center' },
    ],
    columnGap: 6,
    margin: [0, 0, 0, 8],
  };
}

export function title(text: string, page: Page, below?: Node[]): Node {
  return {
    stack: [{ text: text.toUpperCase(), bold: true, fontSize: page.titleSize }, ...(below ?? [])],
    alignment: 'center',
    margin: [0, 4, 0, 6],
  };
}

/** "Label: value" with the value in bold; a dotted blank when the value is missing. */
export function field(
  label: string,
  value: string | number | undefined,
  opts: { bold?: boolean } = {},
): Node {
  const shown = value === undefined || value === '' ? BLANK : String(value);
  return { text: [`${label}: `, { text: shown, bold: opts.bold ?? true }], margin: [0, 1, 0, 1] };
}

/** Several "label: value" pairs on one line. */
export function fields(pairs: [string, string | undefined][]): Node {
  const parts: Node[] = [];
  pairs.forEach(([label, value], index) => {
    if (index > 0) parts.push('    ');
    parts.push(`${label}: `, { text: value || BLANK, bold: true });
  });
  return { text: parts, margin: [0, 1, 0, 1] };
}

export function paragraph(text: Node, margin: [number, number, number, number] = [0, 1, 0, 1]): Node {
  return { text, margin, alignment: 'justify' };
}

export interface Signer {
  title: string;
  /** Defaults to "(Ký và ghi rõ họ tên)". */
  hint?: string;
  name?: string;
}

/** Signature blocks side by side; room to sign above the printed name. */
export function signatures(signers: Signer[], opts: { space?: number } = {}): Node {
  return {
    columns: signers.map((signer) => ({
      width: '*',
      alignment: 'center',
      stack: [
        { text: signer.title.toUpperCase(), bold: true },
        { text: signer.hint ?? '(Ký và ghi rõ họ tên)', italics: true, fontSize: 7.5 },
        { text: signer.name ?? ' ', bold: true, margin: [0, opts.space ?? 38, 0, 0] },
      ],
    })),
    columnGap: 8,
    margin: [0, 8, 0, 0],
    unbreakable: true,
  };
}

/** A table with a bold header row and thin lines. */
export function table(opts: {
  widths: (number | string)[];
  head: Node[][];
  body: Node[][];
  fontSize?: number;
}): Node {
  const headerRows = opts.head.length;
  const head = opts.head.map((row) =>
    row.map((cell) =>
      typeof cell === 'string' ? { text: cell, bold: true, alignment: 'center' } : { bold: true, ...cell },
    ),
  );
  return {
    table: { headerRows, widths: opts.widths, body: [...head, ...opts.body], dontBreakRows: true },
    layout: {
      hLineWidth: () => 0.5,
      vLineWidth: () => 0.5,
      paddingLeft: () => 3,
      paddingRight: () => 3,
      paddingTop: () => 2,
      paddingBottom: () => 2,
    },
    fontSize: opts.fontSize,
    margin: [0, 2, 0, 4],
  };
}

const EDITION_LABEL: Record<FormEdition, string> = {
  tt01_2018: 'TT 01/2018/TT-VPCP',
  tt03_2025: 'TT 03/2025/TT-VPCP',
};

/** Wraps content into a page of the form's size with metadata and a small provenance footer. */
export function formDocument(opts: {
  spec: FormSpec;
  edition: FormEdition;
  page: Page;
  /** Distinguishes this paper in the PDF title, e.g. the dossier code. */
  reference?: string;
  content: Node[];
}): DocDefinition {
  const { spec, page } = opts;
  const numbered = spec.number ? `Mẫu số ${spec.number} – ${spec.source}` : spec.source;
  const formLabel = spec.number ? `Mẫu số ${spec.number} (${EDITION_LABEL[opts.edition]})` : spec.title;
  // The reference keeps continuation pages attributable once separated.
  const footerText = opts.reference ? `${formLabel} · ${opts.reference}` : formLabel;
  return {
    pageSize: spec.pageSize,
    pageOrientation: spec.orientation,
    pageMargins: page.margins,
    language: 'vi-VN',
    info: {
      title: opts.reference ? `${spec.title} – ${opts.reference}` : spec.title,
      author: 'motcua',
      creator: 'motcua',
      producer: 'motcua (pdfmake)',
      subject: numbered,
      keywords: opts.reference ?? '',
    },
    defaultStyle: { font: 'Roboto', fontSize: page.fontSize, lineHeight: 1.12 },
    footer: (currentPage: number, pageCount: number) => ({
      columns: [
        { text: footerText, alignment: 'left' },
        { text: pageCount > 1 ? `Trang ${currentPage}/${pageCount}` : '', alignment: 'right' },
      ],
      fontSize: 6,
      color: '#666666',
      margin: [page.margins[0], Math.max(4, page.margins[3] - 14), page.margins[2], 0],
    }),
    content: opts.content,
  };
}

/** Normalises every string in `value` to NFC so precomposed Vietnamese glyphs are used. */
export function toNfc<T>(value: T): T {
  if (typeof value === 'string') return value.normalize('NFC') as T;
  if (Array.isArray(value)) return value.map((item) => toNfc(item)) as T;
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) out[key] = toNfc(item);
    return out as T;
  }
  return value;
}

/** "Thủ tục đăng ký khai sinh" → "đăng ký khai sinh", so "thủ tục …" never reads "thủ tục Thủ tục …". */
export function procedurePhrase(name: string): string {
  return name.replace(/^\s*thủ tục\s+/iu, '');
}

/** The head's signature block: "TM./KT." lines and title, then "(Ký, ghi rõ họ tên và đóng dấu)". */
export function headSigner(signerTitle: string | undefined, signerName: string): Signer {
  return {
    title: signerTitle ?? 'Thủ trưởng cơ quan',
    hint: '(Ký, ghi rõ họ tên và đóng dấu)',
    name: signerName,
  };
}
