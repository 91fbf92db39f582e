/**
 * Reading a payout list file into rows of cells: CSV (UTF-8, with or without BOM; comma, semicolon or
 * tab, guessed from the header line) or Excel `.xlsx` (the first worksheet, through exceljs). The
 * checks of each row are the core's (`mapPayoutHeaders`, `parsePayoutRow`).
 */
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { AppError } from '../../errors.ts';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export type Cell = string | number | null;

function unreadable(en: string, vi: string): AppError {
  return new AppError(
    400,
    'FILE_UNREADABLE',
    { vi: `Không đọc được tệp: ${vi}`, en: `Cannot read the file: ${en}` },
    [{ field: 'file', message: { vi, en } }],
  );
}

function guessDelimiter(text: string): string {
  const firstLine = text.slice(0, text.indexOf('\n') === -1 ? text.length : text.indexOf('\n'));
  const counts = [',', ';', '\t'].map((d) => [d, firstLine.split(d).length] as const);
  return counts.sort((a, b) => b[1] - a[1])[0]![0];
}

export function readCsv(bytes: Buffer): Cell[][] {
  let text = bytes.toString('utf8');
  if (text.includes('\uFFFD')) {
    throw unreadable(
      'the CSV is not UTF-8 text',
      'tệp CSV không phải văn bản UTF-8 (hãy lưu dạng "CSV UTF-8")',
    );
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  try {
    return parse(text, {
      delimiter: guessDelimiter(text),
      relax_column_count: true,
      skip_empty_lines: true,
      bom: true,
    }) as string[][];
  } catch (error) {
    throw unreadable((error as Error).message, `CSV sai định dạng (${(error as Error).message})`);
  }
}

function cellValue(value: ExcelJS.CellValue): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number' || typeof value === 'string') return value;
  if (typeof value === 'boolean') return String(value);
  if (value instanceof Date) {
    // Excel dates carry no zone: exceljs gives them as UTC midnight.
    const pad = (n: number) => String(n).padStart(2, '0');
    return `${pad(value.getUTCDate())}/${pad(value.getUTCMonth() + 1)}/${value.getUTCFullYear()}`;
  }
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('result' in value) return cellValue(value.result as ExcelJS.CellValue);
    if ('text' in value) return String(value.text);
    if ('error' in value) return null;
  }
  return String(value);
}

export async function readXlsx(bytes: Buffer): Promise<Cell[][]> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (error) {
    throw unreadable(`not an .xlsx workbook (${(error as Error).message})`, 'không phải tệp Excel .xlsx');
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw unreadable('the workbook has no worksheet', 'tệp Excel không có trang tính nào');
  const rows: Cell[][] = [];
  sheet.eachRow({ includeEmpty: false }, (row) => {
    const values = row.values as ExcelJS.CellValue[];
    // row.values is 1-based: index 0 is empty.
    rows.push(values.slice(1).map(cellValue));
  });
  return rows;
}

/** The rows of a payout file (header first), by its content type or its name. */
export async function readPayoutFile(
  bytes: Buffer,
  contentType: string,
  fileName: string,
): Promise<Cell[][]> {
  if (bytes.length === 0) throw unreadable('the file is empty', 'tệp rỗng');
  const isXlsx =
    contentType.startsWith(XLSX_TYPE) ||
    /\.xlsx$/i.test(fileName) ||
    bytes.subarray(0, 2).toString() === 'PK';
  const rows = isXlsx ? await readXlsx(bytes) : readCsv(bytes);
  rows.forEach((row, index) => {
    if (row.some((cell) => typeof cell === 'string' && cell.includes('\u0000'))) {
      throw unreadable(`row ${index + 1} holds a NUL character`, `dòng ${index + 1} chứa ký tự NUL`);
    }
  });
  return rows;
}
