/**
 * Thông báo về việc không giải quyết hồ sơ — A4 portrait.
 *
 * Not an appendix form: after appraisal, an agency that finds a dossier not eligible returns it with
 * a written notice giving its reasons (Nghị định số 61/2018/NĐ-CP, Art. 16, for dossiers received
 * before 01/7/2025; Nghị định số 118/2025/NĐ-CP after; the exact clause is not confirmed, see
 * docs/forms.md). The notice is the agency's own administrative letter (Nghị định số 30/2020/NĐ-CP,
 * Phụ lục I: header with number, dated line, title, "Kính gửi", body, "Nơi nhận", the head's
 * signature with its title). Never printed on the counter's Mẫu 03, never signed as the one who
 * received the dossier.
 */
import { header, headSigner, paragraph, procedurePhrase, signatures, title } from '../layout.ts';
import type { Node } from '../pdf.ts';
import type { RefusalNoticeData } from '../types.ts';
import type { Template } from './context.ts';

export const refusalNotice: Template<RefusalNoticeData> = (data, { spec, page }) => {
  const agency = data.agencyName;
  const basis: Node[] = data.legalBasis.map((line, index) =>
    paragraph(`Căn cứ ${line}${index === data.legalBasis.length - 1 ? ',' : ';'}`, [0, 0, 0, 1]),
  );
  const content: Node[] = [
    header(data, page),
    title(spec.title, page, [
      { text: [{ text: 'Mã hồ sơ: ' }, { text: data.dossierCode, bold: true }], bold: false, fontSize: 10 },
    ]),
    {
      text: [{ text: 'Kính gửi: ' }, { text: `Ông/Bà ${data.applicant.name}`, bold: true }],
      alignment: 'center',
      margin: [0, 0, 0, 2],
    },
    ...(data.applicant.address ? [{ text: `Địa chỉ: ${data.applicant.address}`, alignment: 'center' }] : []),
    { stack: basis, italics: true, margin: [0, 6, 0, 2] },
    paragraph(
      [
        `${capitalise(data.receivedOn)}, ${agency} tiếp nhận hồ sơ của Ông/Bà đề nghị giải quyết thủ tục `,
        { text: procedurePhrase(data.procedureName), bold: true },
        '. Qua thẩm định, hồ sơ không đủ điều kiện giải quyết với lý do cụ thể như sau:',
      ],
      [0, 4, 0, 2],
    ),
    { ul: data.reasons.map((reason) => ({ text: reason, margin: [0, 0, 0, 1] })), margin: [8, 0, 0, 2] },
    paragraph(
      `${agency} trả lại hồ sơ và thông báo để Ông/Bà được biết. Hồ sơ, giấy tờ đã nộp được trả lại tại nơi ` +
        'Ông/Bà đã đăng ký nhận kết quả./.',
      [0, 4, 0, 0],
    ),
    {
      columns: [
        {
          width: '*',
          stack: [
            { text: 'Nơi nhận:', bold: true, italics: true, fontSize: 8.5 },
            { text: '- Như trên;', fontSize: 8 },
            { text: '- Bộ phận Một cửa (để trả hồ sơ);', fontSize: 8 },
            { text: '- Lưu: VT.', fontSize: 8 },
          ],
          margin: [0, 10, 0, 0],
        },
        { width: '*', stack: [signatures([headSigner(data.signerTitle, data.signerName)])] },
      ],
    },
  ];
  return { content, reference: data.dossierCode };
};

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
