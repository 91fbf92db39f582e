/**
 * Thông báo dừng giải quyết hồ sơ (TT 03/2025 only).
 *
 * Source: Thông tư số 03/2025/TT-VPCP, Phụ lục I, Mẫu số 05 (title per the appendix list quoted at
 * thuviennhadat.vn "Tải file word biểu mẫu Thông tư 03/2025/TT-VPCP"). The body follows the pattern of
 * the other notices addressed to the applicant (Kính gửi, dossier received on …, code, the applicant's
 * request, reason, what is handed back); it is reconstructed from NĐ 118/2025 (stopping at the
 * applicant's request before a decision is issued) — verify against the Công báo text.
 */
import { field, header, headSigner, paragraph, procedurePhrase, signatures, title } from '../layout.ts';
import { code128DataUrl, type Node } from '../pdf.ts';
import type { StopNoticeData } from '../types.ts';
import type { Template } from './context.ts';

export const stopNotice: Template<StopNoticeData> = async (data, { spec, page }) => {
  const barcode = await code128DataUrl(data.dossierCode);
  const agency = data.agencyName;
  const returned: Node[] = data.returnedItems?.length
    ? [
        paragraph('Hồ sơ, giấy tờ trả lại cho Ông/Bà gồm:', [0, 2, 0, 1]),
        { ul: data.returnedItems.map((item) => ({ text: item })), margin: [8, 0, 0, 2] },
      ]
    : [];
  const content: Node[] = [
    header(data, page),
    title(spec.title, page, [
      { text: [{ text: 'Mã hồ sơ: ' }, { text: data.dossierCode, bold: true }], margin: [0, 3, 0, 0] },
      { image: barcode, width: 170, height: 20, alignment: 'center', margin: [0, 3, 0, 0] },
    ]),
    {
      text: [{ text: 'Kính gửi: ' }, { text: `Ông/Bà ${data.applicant.name}`, bold: true }],
      alignment: 'center',
      margin: [0, 0, 0, 2],
    },
    ...(data.applicant.address ? [{ text: `Địa chỉ: ${data.applicant.address}`, alignment: 'center' }] : []),
    paragraph(
      [
        `Ngày ${data.receivedOn.replace(/^ngày /, '')}, ${agency} tiếp nhận hồ sơ của Ông/Bà đề nghị giải quyết thủ tục `,
        { text: procedurePhrase(data.procedureName), bold: true },
        '.',
      ],
      [0, 6, 0, 1],
    ),
    paragraph([
      'Căn cứ ',
      { text: data.request, bold: true },
      `, ${agency} thông báo dừng giải quyết hồ sơ nêu trên.`,
    ]),
    field('Lý do', data.reason, { bold: false }),
    ...returned,
    paragraph(`${agency} thông báo để Ông/Bà được biết./.`, [0, 3, 0, 0]),
    signatures([{ title: ' ', hint: ' ' }, headSigner(data.signerTitle, data.signerName)]),
  ];
  return { content, reference: data.dossierCode };
};
