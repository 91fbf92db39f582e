/**
 * Phiếu từ chối tiếp nhận giải quyết hồ sơ.
 *
 * Source: Thông tư số 01/2018/TT-VPCP, Phụ lục, Mẫu số 03 ("… tiếp nhận hồ sơ của", "Nội dung yêu
 * cầu giải quyết", "Căn cứ quy định tại …, … từ chối tiếp nhận, giải quyết hồ sơ này với lý do cụ thể
 * như sau", "Xin thông báo cho Ông/Bà được biết và thực hiện./.", signature "NGƯỜI TIẾP NHẬN HỒ SƠ");
 * Thông tư số 03/2025/TT-VPCP, Phụ lục I, Mẫu số 03 keeps the structure (see docs/forms.md for what
 * is confirmed). Given at the counter by the one-stop unit; an agency that refuses after appraisal
 * writes its own notice (`refusal-notice.ts`). The legal basis is the procedure's, never a vague
 * "quy định hiện hành"; a dotted blank when the procedure names none.
 */
import { BLANK, field, fields, header, paragraph, signatures, title } from '../layout.ts';
import type { Node } from '../pdf.ts';
import type { RefusalData } from '../types.ts';
import type { Template } from './context.ts';

export const refusal: Template<RefusalData> = (data, { edition, spec, page }) => {
  const is2025 = edition === 'tt03_2025';
  const below: Node[] = [];
  if (data.dossierCode) {
    below.push({
      text: [{ text: 'Mã hồ sơ: ' }, { text: data.dossierCode, bold: true }],
      margin: [0, 3, 0, 0],
    });
  }
  if (data.copyLabel) below.push({ text: `(${data.copyLabel})`, italics: true, fontSize: 8 });

  const content: Node[] = [
    header(data, page),
    title(spec.title, page, below),
    field('Tiếp nhận hồ sơ của', data.applicant.name),
    ...(is2025 && data.applicant.idNumber ? [field('Số định danh cá nhân', data.applicant.idNumber)] : []),
    field('Địa chỉ', data.applicant.address, { bold: false }),
    fields([
      ['Số điện thoại', data.applicant.phone],
      ['Email', data.applicant.email],
    ]),
    field(is2025 ? 'Tên thủ tục hành chính' : 'Nội dung yêu cầu giải quyết', data.procedureName),
    ...(data.receivedAt ? [field('Thời gian nộp hồ sơ', data.receivedAt)] : []),
    paragraph(
      [
        'Căn cứ quy định tại ',
        { text: data.legalBasis ?? BLANK, bold: true },
        ', ',
        { text: data.issuingBody },
        ' từ chối tiếp nhận, giải quyết hồ sơ này với lý do cụ thể như sau:',
      ],
      [0, 4, 0, 2],
    ),
    { ul: data.reasons.map((reason) => ({ text: reason, margin: [0, 0, 0, 1] })), margin: [8, 0, 0, 2] },
    paragraph('Xin thông báo cho Ông/Bà được biết và thực hiện./.', [0, 4, 0, 0]),
    signatures([
      { title: ' ', hint: ' ' },
      { title: 'Người tiếp nhận hồ sơ', name: data.officer },
    ]),
  ];
  return { content, reference: data.dossierCode ?? data.applicant.name };
};
