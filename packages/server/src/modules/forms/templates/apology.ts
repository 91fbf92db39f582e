/**
 * 2018: Phiếu xin lỗi và hẹn lại ngày trả kết quả — 2025: Văn bản xin lỗi và đề nghị gia hạn thời
 * gian giải quyết.
 *
 * Source: Thông tư số 01/2018/TT-VPCP, Phụ lục, Mẫu số 04 ("Kính gửi", "Ngày …, (tên cơ quan) tiếp
 * nhận giải quyết hồ sơ của Ông/Bà đề nghị giải quyết thủ tục …", "Mã hồ sơ", "Tuy nhiên đến nay,
 * (tên cơ quan) chưa trả kết quả giải quyết hồ sơ của Ông/Bà đúng thời hạn… Lý do", "Sự chậm trễ này đã
 * gây phiền hà, tốn kém chi phí, công sức của Ông/Bà", "xin lỗi Ông/Bà và hẹn lại thời gian trả kết
 * quả", "Xin trân trọng cảm ơn sự hợp tác của Ông/Bà./.", signed by the head of the agency);
 * Thông tư số 03/2025/TT-VPCP, Phụ lục I, Mẫu số 04 (title per the appendix list; the closing
 * sentence asks to extend the time instead of fixing a new date — wording reconstructed from
 * NĐ 118/2025, verify against the Công báo text). Sent at least one working day before the deadline;
 * the appointment moves only once.
 */
import { field, header, headSigner, paragraph, procedurePhrase, signatures, title } from '../layout.ts';
import type { Node } from '../pdf.ts';
import type { ApologyData } from '../types.ts';
import type { Template } from './context.ts';

export const apology: Template<ApologyData> = (data, { edition, spec, page }) => {
  const is2025 = edition === 'tt03_2025';
  const agency = data.agencyName;
  const closing: Node = is2025
    ? [
        `${agency} thành thật xin lỗi Ông/Bà và đề nghị Ông/Bà đồng ý gia hạn thời gian giải quyết hồ sơ, `,
        'thời gian trả kết quả dự kiến vào ',
        { text: data.newAppointment, bold: true },
        '.',
      ]
    : [
        `${agency} xin lỗi Ông/Bà và hẹn lại thời gian trả kết quả vào `,
        { text: data.newAppointment, bold: true },
        '.',
      ];

  const content: Node[] = [
    header(data, page),
    title(spec.title, page),
    {
      text: [{ text: 'Kính gửi: ' }, { text: `Ông/Bà ${data.applicant.name}`, bold: true }],
      alignment: 'center',
      margin: [0, 0, 0, 2],
    },
    ...(data.applicant.address ? [{ text: `Địa chỉ: ${data.applicant.address}`, alignment: 'center' }] : []),
    paragraph(
      [
        `${capitalise(data.receivedOn)}, ${agency} tiếp nhận giải quyết hồ sơ của Ông/Bà đề nghị giải quyết thủ tục `,
        { text: procedurePhrase(data.procedureName), bold: true },
        '.',
      ],
      [0, 6, 0, 1],
    ),
    field('Mã hồ sơ', data.dossierCode),
    field('Thời gian hẹn trả kết quả giải quyết hồ sơ', data.originalAppointment),
    paragraph(
      `Tuy nhiên đến nay, ${agency} chưa trả kết quả giải quyết hồ sơ của Ông/Bà đúng thời hạn ghi trên ` +
        'Giấy tiếp nhận hồ sơ và hẹn trả kết quả.',
    ),
    field('Lý do', data.reason, { bold: false }),
    paragraph('Sự chậm trễ này đã gây phiền hà, tốn kém chi phí, công sức của Ông/Bà.'),
    paragraph(closing),
    paragraph('Xin trân trọng cảm ơn sự hợp tác của Ông/Bà./.'),
    signatures([{ title: ' ', hint: ' ' }, headSigner(data.signerTitle, data.signerName)]),
  ];
  return { content, reference: data.dossierCode };
};

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
