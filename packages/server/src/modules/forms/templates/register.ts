/**
 * Sổ theo dõi hồ sơ — A4 landscape.
 *
 * Source: Thông tư số 01/2018/TT-VPCP, Phụ lục, Mẫu số 06 (columns: STT | Mã hồ sơ | Tên TTHC | Số
 * lượng hồ sơ (bộ) | Tên cá nhân, tổ chức | Địa chỉ, số điện thoại | Cơ quan chủ trì giải quyết |
 * Ngày, tháng, năm: Nhận hồ sơ, Hẹn trả kết quả, Chuyển hồ sơ đến cơ quan giải quyết, Nhận kết quả từ
 * cơ quan giải quyết, Trả kết quả cho cá nhân, tổ chức | Ký nhận | Ghi chú); Thông tư số
 * 03/2025/TT-VPCP, Phụ lục I, Mẫu số 07 keeps the columns. Paper registers run one a year, numbered
 * from 01.
 */
import { header, title } from '../layout.ts';
import type { Node } from '../pdf.ts';
import type { RegisterData } from '../types.ts';
import type { Template } from './context.ts';

const centered = (text: string | number | undefined): Node => ({
  text: String(text ?? ''),
  alignment: 'center',
});

export const register: Template<RegisterData> = (data, { spec, page }) => {
  const first = data.firstNumber ?? 1;
  const span = (text: string): Node => ({ text, rowSpan: 2, alignment: 'center', bold: true });
  const empty: Node = {};
  const head: Node[][] = [
    [
      span('STT'),
      span('Mã hồ sơ'),
      span('Tên thủ tục hành chính'),
      span('Số lượng hồ sơ (bộ)'),
      span('Tên cá nhân, tổ chức'),
      span('Địa chỉ, số điện thoại'),
      span('Cơ quan chủ trì giải quyết'),
      { text: 'Ngày, tháng, năm', colSpan: 5, alignment: 'center', bold: true },
      empty,
      empty,
      empty,
      empty,
      span('Ký nhận'),
      span('Ghi chú'),
    ],
    [
      empty,
      empty,
      empty,
      empty,
      empty,
      empty,
      empty,
      'Nhận hồ sơ',
      'Hẹn trả kết quả',
      'Chuyển hồ sơ đến cơ quan giải quyết',
      'Nhận kết quả từ cơ quan giải quyết',
      'Trả kết quả cho cá nhân, tổ chức',
      empty,
      empty,
    ],
  ];
  const numbers: Node[] = Array.from({ length: 14 }, (_, index) => ({
    text: `(${index + 1})`,
    alignment: 'center',
    italics: true,
    fontSize: 6.5,
  }));
  const rows: Node[][] = data.rows.map((row, index) => [
    centered(String(first + index).padStart(2, '0')),
    { text: row.dossierCode, fontSize: 6.5 },
    row.procedureName,
    centered(row.sets),
    row.applicantName,
    row.addressAndPhone,
    row.leadAgency,
    centered(row.receivedAt),
    centered(row.appointmentAt),
    centered(row.transferredAt),
    centered(row.resultReceivedAt),
    centered(row.returnedAt),
    '',
    row.note ?? '',
  ]);
  const dateWidth = 48;
  const content: Node[] = [
    header(data, page),
    title(spec.title, page, data.volume ? [{ text: data.volume, bold: false, fontSize: 10 }] : []),
    {
      table: {
        headerRows: 3,
        dontBreakRows: true,
        widths: [18, 88, '*', 30, 64, 72, 60, dateWidth, dateWidth, dateWidth, dateWidth, dateWidth, 34, 40],
        body: [
          ...head.map((row) =>
            row.map((cell) =>
              typeof cell === 'string' ? { text: cell, bold: true, alignment: 'center' } : cell,
            ),
          ),
          numbers,
          ...rows,
        ],
      },
      layout: {
        hLineWidth: () => 0.5,
        vLineWidth: () => 0.5,
        paddingLeft: () => 2,
        paddingRight: () => 2,
        paddingTop: () => 2,
        paddingBottom: () => 2,
      },
      fontSize: 7,
    },
  ];
  return { content, reference: data.volume };
};
