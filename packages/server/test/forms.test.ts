/**
 * The printed forms, checked the way a reader sees them: text read back with poppler's pdftotext,
 * page size with pdfinfo, and the page rendered to pixels with pdftoppm, because a font without the
 * Vietnamese glyphs still yields text to pdftotext while printing blanks.
 *
 * Needs poppler-utils (`apt-get install -y poppler-utils`); CI installs it.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
// The console's QR reader (a dependency of packages/web), used here to read the printed code.
import { BinaryBitmap, HybridBinarizer, QRCodeReader, RGBLuminanceSource } from '@zxing/library';
import {
  datedLine,
  editionFor,
  FORM_SPECS,
  type FormEdition,
  FormError,
  FormErrorCode,
  type FormKind,
  renderForm,
} from '../src/modules/forms/index.ts';
import { renderPdf } from '../src/modules/forms/pdf.ts';
import { SAMPLE_CODE, sampleData } from '../src/modules/forms/samples.ts';

const MOTTO = 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM';
const MOTTO_SUB = 'Độc lập - Tự do - Hạnh phúc';
const NAME = 'Nguyễn Thị Ánh';
const EDITIONS: FormEdition[] = ['tt01_2018', 'tt03_2025'];

let workDir = '';
let fileCounter = 0;

function requirePoppler(): void {
  for (const tool of ['pdftotext', 'pdfinfo', 'pdftoppm']) {
    try {
      execFileSync(tool, ['-v'], { stdio: 'pipe' });
    } catch {
      assert.fail(
        `${tool} not found: the form tests need poppler-utils. Install it with ` +
          '`apt-get update && apt-get install -y poppler-utils` (CI installs it).',
      );
    }
  }
}

function writePdf(pdf: Buffer, label: string): string {
  const file = join(workDir, `${String(++fileCounter).padStart(2, '0')}-${label}.pdf`);
  writeFileSync(file, pdf);
  return file;
}

function pdfText(file: string): string {
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
}

function pdfInfo(file: string): Record<string, string> {
  const out = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  const info: Record<string, string> = {};
  for (const line of out.split('\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) info[line.slice(0, colon).trim()] = line.slice(colon + 1).trim();
  }
  return info;
}

/** Page size in whole points, e.g. [420, 595]. */
function pageSize(info: Record<string, string>): [number, number] {
  const match = /([\d.]+) x ([\d.]+) pts/.exec(info['Page size'] ?? '');
  assert.ok(match, `pdfinfo printed no page size: ${info['Page size']}`);
  return [Math.round(Number(match[1])), Math.round(Number(match[2]))];
}

interface Gray {
  width: number;
  height: number;
  pixels: Buffer;
}

/** Renders page 1 (or a crop of it, in pixels at `dpi`) to 8-bit gray through pdftoppm. */
function renderGray(file: string, dpi: number, crop?: { x: number; y: number; w: number; h: number }): Gray {
  const prefix = join(workDir, `gray-${++fileCounter}`);
  const args = ['-r', String(dpi), '-gray', '-f', '1', '-l', '1', '-singlefile'];
  if (crop) args.push('-x', String(crop.x), '-y', String(crop.y), '-W', String(crop.w), '-H', String(crop.h));
  execFileSync('pdftoppm', [...args, file, prefix]);
  const data = readFileSync(`${prefix}.pgm`);
  const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(data.subarray(0, 40).toString('latin1'));
  assert.ok(header, 'pdftoppm -gray did not write a binary PGM');
  const width = Number(header[1]);
  const height = Number(header[2]);
  return { width, height, pixels: data.subarray(header[0].length, header[0].length + width * height) };
}

function darkShare(gray: Gray): number {
  let dark = 0;
  for (const value of gray.pixels) if (value < 128) dark++;
  return dark / gray.pixels.length;
}

interface Box {
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
}

/** Where pdftotext places the first occurrence of `word` on page 1, in points. */
function wordBox(file: string, word: string): Box {
  const html = execFileSync('pdftotext', ['-bbox', '-f', '1', '-l', '1', file, '-'], { encoding: 'utf8' });
  const pattern = new RegExp(
    `<word xMin="([\\d.]+)" yMin="([\\d.]+)" xMax="([\\d.]+)" yMax="([\\d.]+)">${word}</word>`,
  );
  const match = pattern.exec(html);
  assert.ok(match, `pdftotext found no word "${word}"`);
  const [xMin, yMin, xMax, yMax] = match.slice(1).map(Number) as [number, number, number, number];
  return { xMin, yMin, xMax, yMax };
}

/** Share of dark pixels inside a box given in points. */
function darkShareOfBox(file: string, box: Box, dpi = 150): number {
  const scale = dpi / 72;
  const crop = {
    x: Math.floor(box.xMin * scale),
    y: Math.floor(box.yMin * scale),
    w: Math.ceil((box.xMax - box.xMin) * scale),
    h: Math.ceil((box.yMax - box.yMin) * scale),
  };
  return darkShare(renderGray(file, dpi, crop));
}

/** Dark pixels where pdftotext places `word`: zero when the glyphs print blank. */
function darkShareOfWord(file: string, word: string): number {
  return darkShareOfBox(file, wordBox(file, word));
}

const EXPECTED_SIZE: Record<string, [number, number]> = {
  'A5-portrait': [420, 595],
  'A4-portrait': [595, 842],
  'A4-landscape': [842, 595],
};

before(() => {
  requirePoppler();
  workDir = mkdtempSync(join(tmpdir(), 'motcua-forms-'));
});

after(() => {
  if (workDir && !process.env.KEEP_FORMS) rmSync(workDir, { recursive: true, force: true });
});

describe('editionFor', () => {
  it('uses the TT 01/2018 forms up to 14/9/2025 and the TT 03/2025 forms from 15/9/2025', () => {
    assert.equal(editionFor('2019-01-06'), 'tt01_2018');
    assert.equal(editionFor('2025-09-14'), 'tt01_2018');
    assert.equal(editionFor('2025-09-15'), 'tt03_2025');
    assert.equal(editionFor('2026-11-30'), 'tt03_2025');
  });

  it('rejects a date that is not YYYY-MM-DD with a typed error', () => {
    assert.throws(
      () => editionFor('30/11/2026'),
      (error) => error instanceof FormError && error.code === FormErrorCode.InvalidDate,
    );
  });
});

describe('datedLine', () => {
  it('writes the place and date as on official documents, zero-padding days below 10 and months 1–2', () => {
    assert.equal(datedLine('Đồng Xoài', '2026-11-30'), 'Đồng Xoài, ngày 30 tháng 11 năm 2026');
    assert.equal(datedLine('Đồng Xoài', '2027-01-05'), 'Đồng Xoài, ngày 05 tháng 01 năm 2027');
    assert.equal(datedLine('Bù Đăng', '2026-03-09'), 'Bù Đăng, ngày 09 tháng 3 năm 2026');
  });
});

describe('renderForm edition rules', () => {
  it('refuses the stop notice in the TT 01/2018 set, which has no such form', async () => {
    await assert.rejects(
      renderForm('stop_notice', sampleData('stop_notice'), { edition: 'tt01_2018' }),
      (error) => error instanceof FormError && error.code === FormErrorCode.NotInEdition,
    );
    await assert.rejects(
      renderForm('stop_notice', sampleData('stop_notice', '2025-06-02')),
      (error) => error instanceof FormError && error.code === FormErrorCode.NotInEdition,
    );
  });

  it('picks the edition from the date of the paper when none is given', async () => {
    const before = writePdf(await renderForm('apology', sampleData('apology', '2025-09-14')), 'apology-0914');
    const after = writePdf(await renderForm('apology', sampleData('apology', '2025-09-15')), 'apology-0915');
    assert.match(pdfInfo(before).Subject ?? '', /Mẫu số 04 – Thông tư số 01\/2018\/TT-VPCP/);
    assert.match(pdfText(before), /PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ/);
    assert.match(pdfInfo(after).Subject ?? '', /Mẫu số 04 – Thông tư số 03\/2025\/TT-VPCP/);
    assert.match(pdfText(after), /VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN/);
  });

  it('numbers the control slip 05 in 2018 and 06 in 2025, the register 06 and 07', async () => {
    const expectations: [FormKind, FormEdition, string][] = [
      ['control_slip', 'tt01_2018', 'Mẫu số 05'],
      ['control_slip', 'tt03_2025', 'Mẫu số 06'],
      ['register', 'tt01_2018', 'Mẫu số 06'],
      ['register', 'tt03_2025', 'Mẫu số 07'],
    ];
    for (const [kind, edition, number] of expectations) {
      const file = writePdf(
        await renderForm(kind, sampleData(kind), { edition }),
        `${kind}-${edition}-number`,
      );
      assert.match(pdfInfo(file).Subject ?? '', new RegExp(`^${number} `), `${kind} in ${edition}`);
      assert.match(pdfText(file), new RegExp(number), `${kind} in ${edition} prints its number`);
    }
  });
});

for (const edition of EDITIONS) {
  describe(`forms of ${edition}`, () => {
    for (const [kind, spec] of Object.entries(FORM_SPECS[edition]) as [
      FormKind,
      (typeof FORM_SPECS)[FormEdition][FormKind],
    ][]) {
      if (!spec) continue;
      it(`renders ${kind} (${spec.title}) with readable Vietnamese on ${spec.pageSize} ${spec.orientation}`, async () => {
        const pdf = await renderForm(kind, sampleData(kind), { edition });
        assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');
        const file = writePdf(pdf, `${edition}-${kind}`);

        const text = pdfText(file);
        for (const expected of [MOTTO, MOTTO_SUB, spec.title.toUpperCase(), NAME, SAMPLE_CODE]) {
          assert.ok(text.includes(expected), `"${expected}" not read back from ${kind}:\n${text}`);
        }
        assert.ok(text.includes('ngày 30 tháng 11 năm 2026'), `dated line missing from ${kind}`);

        const info = pdfInfo(file);
        assert.deepEqual(pageSize(info), EXPECTED_SIZE[`${spec.pageSize}-${spec.orientation}`]);
        assert.equal(info.Author, 'motcua');
        assert.ok(info.Title?.startsWith(spec.title), `title metadata: ${info.Title}`);

        const fonts = execFileSync('pdffonts', [file], { encoding: 'utf8' });
        assert.match(fonts, /Roboto-Regular|Roboto-Medium/);
        assert.doesNotMatch(fonts, /\bno\s+no\b/, 'every font is embedded');

        const pngPrefix = join(workDir, `${edition}-${kind}`);
        execFileSync('pdftoppm', ['-r', '60', '-png', '-f', '1', '-l', '1', '-singlefile', file, pngPrefix]);
        const png = `${pngPrefix}.png`;
        assert.ok(existsSync(png), 'pdftoppm wrote no PNG');
        assert.ok(statSync(png).size > 3000, `PNG of ${kind} is suspiciously small`);
        const page = renderGray(file, 60);
        const share = darkShare(page);
        assert.ok(share > 0.01 && share < 0.5, `page of ${kind} looks blank or black (${share})`);

        // The glyphs themselves are drawn: the applicant's name has ink where pdftotext places it.
        assert.ok(darkShareOfWord(file, 'Nguyễn') > 0.05, `"Nguyễn" prints blank on ${kind}`);
        assert.ok(darkShareOfWord(file, 'CỘNG') > 0.05, `"CỘNG" prints blank on ${kind}`);
      });
    }
  });
}

describe('form contents', () => {
  it('puts the dossier code as Code128 image and the QR of the lookup URL on the receipt', async () => {
    const file = writePdf(await renderForm('receipt', sampleData('receipt')), 'receipt-codes');
    const images = execFileSync('pdfimages', ['-list', file], { encoding: 'utf8' });
    assert.match(images, /\bimage\b/, 'the Code128 PNG is embedded');
    const text = pdfText(file);
    for (const expected of [
      'Tiếp nhận hồ sơ của: Nguyễn Thị Ánh',
      'Thôn 3, Xã Đức Liễu, Huyện Bù Đăng, Tỉnh Bình Phước',
      '2. Số lượng hồ sơ: 01 (bộ)',
      '16:00, ngày 21/12/2026',
      'NGƯỜI NỘP HỒ SƠ',
      'NGƯỜI TIẾP NHẬN HỒ SƠ',
      'Quyển số 01, số thứ tự 0125',
    ]) {
      assert.ok(text.includes(expected), `receipt lacks "${expected}"`);
    }
    // The QR is drawn as vector squares at the right, under the title (which keeps the full width),
    // just above its caption "Tra cứu hồ sơ".
    const caption = wordBox(file, 'Tra');
    assert.ok(
      caption.xMin > 330 && caption.yMin < 230,
      `QR caption not at the top right: ${JSON.stringify(caption)}`,
    );
    const qrArea = darkShareOfBox(file, {
      xMin: caption.xMin - 15,
      yMin: caption.yMin - 52,
      xMax: caption.xMin + 30,
      yMax: caption.yMin - 8,
    });
    assert.ok(qrArea > 0.15, `no QR code at the top right of the receipt (${qrArea})`);
  });

  it('has a lookup QR that decodes from a 200 dpi grey scan of the A5 print', async () => {
    const data = sampleData('receipt');
    const file = writePdf(await renderForm('receipt', data), 'receipt-qr-200dpi');
    // The whole page at 200 dpi in 8-bit grey, as an office scanner gives it; read as a phone would.
    const page = renderGray(file, 200);
    const source = new RGBLuminanceSource(new Uint8ClampedArray(page.pixels), page.width, page.height);
    const read = new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(source)));
    assert.equal(read.getText(), (data as { lookupUrl: string }).lookupUrl);
  });

  it('prints the fee in figures and in words on the fee receipt', async () => {
    const file = writePdf(await renderForm('fee_receipt', sampleData('fee_receipt')), 'fee');
    const text = pdfText(file);
    assert.ok(text.includes('BIÊN LAI THU PHÍ, LỆ PHÍ'));
    assert.ok(text.includes('1.250.000 đồng'));
    assert.ok(text.includes('Một triệu hai trăm năm mươi nghìn đồng'));
    assert.ok(text.includes('0000125'));
  });

  it('prints the consignment slip with the item number, documents, price and seal number', async () => {
    const file = writePdf(await renderForm('consignment_slip', sampleData('consignment_slip')), 'slip');
    const text = pdfText(file);
    for (const expected of [
      'PHIẾU GỬI HỒ SƠ',
      'EA123456785VN',
      NAME,
      'Bản sao căn cước công dân của chủ hộ',
      '20.000 đồng',
      'NP-000123',
    ]) {
      assert.ok(text.includes(expected), `consignment slip lacks "${expected}"`);
    }
    assert.deepEqual(pageSize(pdfInfo(file)), [420, 595]);
  });

  it('lists dossiers, postal item numbers and totals on the handover record', async () => {
    const file = writePdf(await renderForm('handover_manifest', sampleData('handover_manifest')), 'manifest');
    const text = pdfText(file);
    for (const expected of ['RR123456785VN', 'RR123456799VN', '2 hồ sơ, 7 giấy tờ', 'BÊN GIAO', 'BÊN NHẬN']) {
      assert.ok(text.includes(expected), `handover record lacks "${expected}"`);
    }
    assert.ok(text.includes('NHÂN VIÊN BƯU CHÍNH'));
  });

  it('flows a long register onto further pages, repeating the column headings', async () => {
    const data = sampleData('register');
    const row = data.rows[0]!;
    const rows = Array.from({ length: 40 }, (_, index) => ({
      ...row,
      dossierCode: `000.00.21.H70-261130-${String(index + 1).padStart(4, '0')}`,
    }));
    const file = writePdf(await renderForm('register', { ...data, rows }), 'register-long');
    const pages = Number(pdfInfo(file).Pages);
    assert.ok(pages >= 2, `expected several pages, got ${pages}`);
    const lastPage = execFileSync(
      'pdftotext',
      ['-layout', '-f', String(pages), '-l', String(pages), file, '-'],
      {
        encoding: 'utf8',
      },
    );
    assert.ok(lastPage.includes('Mã hồ sơ'), 'column headings repeat on the last page');
    assert.ok(lastPage.includes('000.00.21.H70-261130-0040'));
    assert.ok(lastPage.includes(`Trang ${pages}/${pages}`));
  });

  it('draws NFD-encoded input with the precomposed glyphs', async () => {
    const data = sampleData('refusal');
    const file = writePdf(
      await renderForm('refusal', { ...data, applicant: { ...data.applicant, name: NAME.normalize('NFD') } }),
      'nfd',
    );
    assert.ok(pdfText(file).includes(NAME));
  });

  it('renders concurrently without mixing documents', async () => {
    const kinds: FormKind[] = ['receipt', 'refusal', 'register', 'fee_receipt', 'control_slip', 'receipt'];
    const pdfs = await Promise.all(kinds.map((kind) => renderForm(kind, sampleData(kind))));
    pdfs.forEach((pdf, index) => {
      const kind = kinds[index]!;
      const text = pdfText(writePdf(pdf, `parallel-${index}-${kind}`));
      assert.ok(
        text.includes(FORM_SPECS.tt03_2025[kind]!.title.toUpperCase()),
        `${kind} got another form's content`,
      );
    });
  });

  it('has a glyph check that notices text printing blank', async () => {
    // Negative control for darkShareOfWord: white text is extracted by pdftotext but leaves no ink.
    const pdf = await renderPdf({
      pageSize: 'A5',
      pageOrientation: 'portrait',
      pageMargins: [28, 24, 28, 24],
      info: { title: 'control', author: 'motcua', subject: 'control', creator: 'motcua', producer: 'motcua' },
      content: [{ text: 'Nguyễn Thị Ánh', color: '#ffffff' }, { text: 'CỘNG HÒA' }],
    });
    const file = writePdf(pdf, 'blank-control');
    assert.ok(pdfText(file).includes('Nguyễn Thị Ánh'));
    assert.ok(darkShareOfWord(file, 'Nguyễn') < 0.01);
    assert.ok(darkShareOfWord(file, 'CỘNG') > 0.05);
  });
});
