/**
 * Phiếu kiểm soát quá trình giải quyết hồ sơ.
 *
 * Source: Thông tư số 01/2018/TT-VPCP, Phụ lục, Mẫu số 05 ("Mã hồ sơ", "(Kèm theo Giấy tiếp nhận hồ
 * sơ và hẹn trả kết quả số …)", "Cơ quan (bộ phận) giải quyết hồ sơ", "Cơ quan phối hợp giải quyết hồ
 * sơ"; table TÊN CƠ QUAN | THỜI GIAN GIAO, NHẬN HỒ SƠ | KẾT QUẢ GIẢI QUYẾT HỒ SƠ (Trước hạn/đúng
 * hạn/quá hạn) | GHI CHÚ, each row "Giao: … / Nhận: …" with "…giờ…phút, ngày…tháng…năm…", "Người giao"
 * and "Người nhận" signatures); Thông tư số 03/2025/TT-VPCP, Phụ lục I, Mẫu số 06 keeps the table.
 * The applicant's name and phone are printed as NĐ 61/2018 Art. 17 asks for contact on delays.
 */
import { BLANK, field, fields, header, table, title } from '../layout.ts';
import { code128DataUrl, type Node } from '../pdf.ts';
import type { ControlSlipData, Handover } from '../types.ts';
import type { Template } from './context.ts';

const HAND_TIME = '…giờ…phút, ngày…/…/……';

function handoverRow(handover: Handover | undefined, index: number): Node[] {
  const mini = (label: string, name: string | undefined): Node => ({
    stack: [
      { text: label, italics: true, fontSize: 7 },
      { text: name ?? ' ', bold: true, fontSize: 7.5, margin: [0, 18, 0, 0] },
    ],
    alignment: 'center',
  });
  return [
    {
      stack: [
        { text: [`${index + 1}. Giao: `, { text: handover?.from ?? BLANK, bold: true }] },
        { text: ['Nhận: ', { text: handover?.to ?? BLANK, bold: true }], margin: [0, 2, 0, 0] },
      ],
    },
    {
      stack: [
        { text: handover?.at ?? HAND_TIME, alignment: 'center' },
        {
          columns: [mini('Người giao', handover?.giverName), mini('Người nhận', handover?.receiverName)],
          columnGap: 2,
        },
      ],
    },
    { text: handover?.result ?? '', alignment: 'center' },
    { text: handover?.note ?? '' },
  ];
}

export const controlSlip: Template<ControlSlipData> = async (data, { spec, page }) => {
  const barcode = await code128DataUrl(data.dossierCode);
  const blankRows = data.blankRows ?? 3;
  const rows = [
    ...data.handovers.map((handover, index) => handoverRow(handover, index)),
    ...Array.from({ length: blankRows }, (_, index) => handoverRow(undefined, data.handovers.length + index)),
  ];
  const content: Node[] = [
    header(data, page),
    title(spec.title, page, [
      { text: [{ text: 'Mã hồ sơ: ' }, { text: data.dossierCode, bold: true }], margin: [0, 3, 0, 0] },
      {
        text: `(Kèm theo Giấy tiếp nhận hồ sơ và hẹn trả kết quả số: ${data.receiptNumber ?? data.dossierCode})`,
        italics: true,
        fontSize: 8,
      },
      { image: barcode, width: 170, height: 18, alignment: 'center', margin: [0, 3, 0, 0] },
    ]),
    fields([
      ['Người nộp hồ sơ', data.applicant.name],
      ['Điện thoại', data.applicant.phone],
    ]),
    field('Thủ tục hành chính', data.procedureName),
    field('Cơ quan (bộ phận) giải quyết hồ sơ', data.leadAgency),
    field('Cơ quan phối hợp giải quyết hồ sơ', data.coordinatingAgencies.join('; ') || undefined),
    table({
      widths: [96, '*', 56, 38],
      head: [
        [
          'TÊN CƠ QUAN',
          'THỜI GIAN GIAO, NHẬN HỒ SƠ',
          {
            stack: [
              'KẾT QUẢ GIẢI QUYẾT HỒ SƠ',
              { text: '(Trước hạn/ đúng hạn/ quá hạn)', italics: true, bold: false, fontSize: 6.5 },
            ],
            alignment: 'center',
          },
          'GHI CHÚ',
        ],
      ],
      body: rows,
      fontSize: 7.5,
    }),
  ];
  return { content, reference: data.dossierCode };
};
