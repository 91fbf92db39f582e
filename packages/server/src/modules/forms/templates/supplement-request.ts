/**
 * Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ.
 *
 * Source: Thông tư số 01/2018/TT-VPCP, Phụ lục, Mẫu số 02 ("Mã hồ sơ", "Hồ sơ của", "Nội dung yêu
 * cầu giải quyết", the list of items to supplement, "Lý do", "Trong quá trình hoàn thiện hồ sơ, nếu có
 * vướng mắc, Ông/Bà liên hệ với … để được hướng dẫn", signature "NGƯỜI HƯỚNG DẪN"); Thông tư số
 * 03/2025/TT-VPCP, Phụ lục I, Mẫu số 02 keeps the structure (procedure named as "Tên thủ tục hành
 * chính"; verify the exact wording against the Công báo text). The request is made once and
 * completely (NĐ 61/2018 Art. 15; NĐ 118/2025).
 */
import { field, header, paragraph, signatures, title } from '../layout.ts';
import { code128DataUrl, type Node } from '../pdf.ts';
import type { SupplementRequestData } from '../types.ts';
import type { Template } from './context.ts';

export const supplementRequest: Template<SupplementRequestData> = async (data, { edition, spec, page }) => {
  const barcode = await code128DataUrl(data.dossierCode);
  const is2025 = edition === 'tt03_2025';
  const content: Node[] = [
    header(data, page),
    title(spec.title, page, [
      { text: [{ text: 'Mã hồ sơ: ' }, { text: data.dossierCode, bold: true }], margin: [0, 3, 0, 0] },
      ...(data.copyLabel ? [{ text: `(${data.copyLabel})`, italics: true, fontSize: 8 }] : []),
      { image: barcode, width: 170, height: 20, alignment: 'center', margin: [0, 3, 0, 0] },
    ]),
    field('Hồ sơ của', data.applicant.name),
    ...(is2025 && data.applicant.idNumber ? [field('Số định danh cá nhân', data.applicant.idNumber)] : []),
    field('Địa chỉ', data.applicant.address, { bold: false }),
    field(is2025 ? 'Tên thủ tục hành chính' : 'Nội dung yêu cầu giải quyết', data.procedureName),
    paragraph(
      [
        'Ngày ',
        { text: data.receivedAt, bold: true },
        ', Bộ phận tiếp nhận đã nhận hồ sơ của Ông/Bà. Sau khi xem xét, đối chiếu với quy định, ',
        'đề nghị Ông/Bà bổ sung, hoàn thiện hồ sơ gồm những nội dung sau:',
      ],
      [0, 4, 0, 2],
    ),
    {
      ol: data.items.map((item) => ({ text: item, margin: [0, 0, 0, 1] })),
      margin: [8, 0, 0, 2],
    },
    field('Lý do', data.reason, { bold: false }),
    paragraph(
      [
        'Trong quá trình hoàn thiện hồ sơ, nếu có vướng mắc, Ông/Bà liên hệ với ',
        { text: data.guidanceContact, bold: true },
        ' để được hướng dẫn.',
      ],
      [0, 4, 0, 0],
    ),
    signatures([
      { title: ' ', hint: ' ' },
      { title: 'Người hướng dẫn', name: data.officer },
    ]),
  ];
  return { content, reference: data.dossierCode };
};
