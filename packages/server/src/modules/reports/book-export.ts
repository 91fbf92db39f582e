import { PassThrough } from 'node:stream';
import { formatVnDateTime, STATUS_LABELS } from '@motcua/core';
import ExcelJS from 'exceljs';
import type { Executor } from '../../db/database.ts';
import { registerNote } from '../documents/site-forms.ts';
import { type DossierFilter, filteredDossiers, type Reach } from '../dossiers/book-filter.ts';

/** The most rows one export carries; narrow the filters for more. */
export const EXPORT_MAX_ROWS = 50_000;
const CHUNK = 1000;

export const BOOK_SHEET = 'Sổ theo dõi hồ sơ';

/** Mẫu 06 columns, with the width each gets (in characters). */
export const BOOK_COLUMNS = [
  { header: 'STT', width: 7 },
  { header: 'Mã hồ sơ', width: 28 },
  { header: 'Tên TTHC', width: 48 },
  { header: 'Số bộ', width: 7 },
  { header: 'Tên cá nhân/tổ chức', width: 28 },
  { header: 'Địa chỉ/SĐT', width: 40 },
  { header: 'Cơ quan chủ trì', width: 32 },
  { header: 'Ngày nhận', width: 17 },
  { header: 'Hẹn trả', width: 17 },
  { header: 'Ngày chuyển', width: 17 },
  { header: 'Ngày có kết quả', width: 17 },
  { header: 'Ngày trả', width: 17 },
  { header: 'Trạng thái', width: 18 },
  { header: 'Ghi chú', width: 28 },
] as const;

/** 'DD/MM/YYYY HH:MM' in Vietnam time; empty for no instant. */
export function sheetDateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const [time, date] = formatVnDateTime(new Date(iso)).split(' ');
  return `${date} ${time}`;
}

const TIMING = { early: 'Trước hạn', on_time: 'Đúng hạn', late: 'Quá hạn' } as const;

/**
 * The book as an .xlsx stream: the workbook is written row by row as the rows are read, in chunks,
 * so memory stays flat up to `EXPORT_MAX_ROWS`.
 */
export function exportBook(db: Executor, filter: DossierFilter, reach: Reach, now = new Date()): PassThrough {
  const out = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: true,
    useSharedStrings: false,
  });
  workbook.creator = 'motcua';
  workbook.created = now;
  const sheet = workbook.addWorksheet(BOOK_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = BOOK_COLUMNS.map((c) => ({ header: c.header, width: c.width }));
  const header = sheet.getRow(1);
  header.font = { bold: true };
  header.alignment = { vertical: 'middle', wrapText: true };
  header.commit();

  const write = async () => {
    let number = 0;
    for (let offset = 0; offset < EXPORT_MAX_ROWS; offset += CHUNK) {
      // The client went away (a download cancelled, a connection cut): stop reading for nobody.
      if (out.destroyed) return;
      const rows = await filteredDossiers(db, filter, reach, now)
        .innerJoin('agencies as a', 'a.id', 'd.lead_agency_id')
        .select((eb) => [
          'd.id',
          'd.code',
          'd.procedure_name',
          'd.sets',
          'd.applicant_name',
          'd.applicant_address',
          'd.applicant_phone',
          'd.received_at',
          'd.appointment_at',
          'd.result_ready_at',
          'd.returned_at',
          'd.status',
          'd.decision',
          'd.result_timing',
          'a.name as lead_agency_name',
          eb
            .selectFrom('dossier_actions as x')
            .select((x) => x.fn.min('x.at').as('at'))
            .whereRef('x.dossier_id', '=', 'd.id')
            .where('x.type', '=', 'send_to_agency')
            .as('transferred_at'),
        ])
        .orderBy('d.received_at', 'desc')
        .orderBy('d.id', 'desc')
        .limit(Math.min(CHUNK, EXPORT_MAX_ROWS - offset))
        .offset(offset)
        .execute();
      for (const d of rows) {
        number += 1;
        const note = [registerNote(d), d.result_timing ? TIMING[d.result_timing] : undefined]
          .filter(Boolean)
          .join('; ');
        sheet
          .addRow([
            number,
            d.code,
            d.procedure_name,
            d.sets,
            d.applicant_name,
            [d.applicant_address, d.applicant_phone].filter(Boolean).join(' - '),
            d.lead_agency_name,
            sheetDateTime(d.received_at),
            sheetDateTime(d.appointment_at),
            sheetDateTime(d.transferred_at as string | null),
            sheetDateTime(d.result_ready_at),
            sheetDateTime(d.returned_at),
            STATUS_LABELS[d.status].vi,
            note,
          ])
          .commit();
      }
      if (rows.length < CHUNK) break;
    }
    if (out.destroyed) return;
    sheet.commit();
    await workbook.commit();
  };
  write().catch((error: unknown) => {
    // After a client abort the stream is already destroyed and the writer's late errors are moot;
    // otherwise the error ends the download (the status and headers are already sent).
    if (!out.destroyed) out.destroy(error as Error);
  });
  return out;
}
