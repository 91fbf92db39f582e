/**
 * Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ.
 *
 * Source: Thông tư số 01/2018/TT-VPCP, Phụ lục, Mẫu số 02, and Thông tư số 03/2025/TT-VPCP, Phụ lục
 * I, Mẫu số 02 (see docs/forms.md for the field table and what is confirmed): "Mã hồ sơ" (only when
 * a dossier exists: a request given at the counter before anything is received has none), "Hồ sơ
 * của", "Nội dung yêu cầu giải quyết" (2025: "Tên thủ tục hành chính"), address, phone and e-mail,
 * "Yêu cầu hoàn thiện hồ sơ gồm những nội dung sau", "Lý do", "Trong quá trình hoàn thiện hồ sơ nếu
 * có vướng mắc, Ông/Bà liên hệ với … số điện thoại … để được hướng dẫn", signature "NGƯỜI HƯỚNG DẪN".
 * The request is made once and completely (NĐ 61/2018 Art. 15; NĐ 118/2025).
 */
import { BLANK, field, fields, header, paragraph, signatures, title } from '../layout.ts';
import { code128DataUrl, type Node } from '../pdf.ts';
import type { SupplementRequestData } from '../types.ts';
import type { Template } from './context.ts';

export const supplementRequest: Template<SupplementRequestData> = async (data, { edition, spec, page }) => {
  const is2025 = edition === 'tt03_2025';
  const below: Node[] = [];
  if (data.dossierCode) {
    below.push({
      text: [{ text: 'Mã hồ sơ: ' }, { text: data.dossierCode, bold: true }],
      margin: [0, 3, 0, 0],
    });
  }
  if (data.copyLabel) below.push({ text: `(${data.copyLabel})`, italics: true, fontSize: 8 });
  if (data.dossierCode) {
    const barcode = await code128DataUrl(data.dossierCode);
    below.push({ image: barcode, width: 170, height: 20, alignment: 'center', margin: [0, 3, 0, 0] });
  }
  const content: Node[] = [
    header(data, page),
    title(spec.title, page, below),
    field('Hồ sơ của', data.applicant.name),
    ...(is2025 && data.applicant.idNumber ? [field('Số định danh cá nhân', data.applicant.idNumber)] : []),
    field(is2025 ? 'Tên thủ tục hành chính' : 'Nội dung yêu cầu giải quyết', data.procedureName),
    field('Địa chỉ', data.applicant.address, { bold: false }),
    fields([
      ['Số điện thoại', data.applicant.phone],
      ['Email', data.applicant.email],
    ]),
    paragraph('Yêu cầu Ông/Bà hoàn thiện hồ sơ gồm những nội dung sau:', [0, 4, 0, 2]),
    {
      ol: data.items.map((item) => ({ text: item, margin: [0, 0, 0, 1] })),
      margin: [8, 0, 0, 2],
    },
    field('Lý do', data.reason, { bold: false }),
    paragraph(
      [
        'Trong quá trình hoàn thiện hồ sơ nếu có vướng mắc, Ông/Bà liên hệ với ',
        { text: data.guidanceContact, bold: true },
        ', số điện thoại ',
        { text: data.guidancePhone ?? BLANK, bold: true },
        ' để được hướng dẫn./.',
      ],
      [0, 4, 0, 0],
    ),
    signatures([
      { title: ' ', hint: ' ' },
      { title: 'Người hướng dẫn', name: data.officer },
    ]),
  ];
  return { content, reference: data.dossierCode ?? data.applicant.name };
};
