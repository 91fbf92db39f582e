/**
 * Phiếu gửi hồ sơ — A5 portrait. The postal consignment slip of QĐ 45/2016/QĐ-TTg Art. 6 (and
 * TT 17/2017/TT-BTTTT): sender, recipient, procedure, documents with original/copy, service, price,
 * payment; signed by the applicant and the postal staff; the seal number written when the dossier is
 * sealed in front of the applicant. Not an appendix form of the one-stop circulars.
 */
import { field, header, table, title } from '../layout.ts';
import { code128DataUrl, type Node } from '../pdf.ts';
import type { ConsignmentSlipData } from '../types.ts';
import type { Template } from './context.ts';

export const consignmentSlip: Template<ConsignmentSlipData> = async (data, { spec, page }) => {
  const barcode = await code128DataUrl(data.itemNumber);
  const content: Node[] = [
    header(data, page),
    title(spec.title, page, [
      { image: barcode, width: 150, height: 26, alignment: 'center', margin: [0, 2, 0, 0] },
      { text: `Số hiệu bưu gửi: ${data.itemNumber}`, bold: true, alignment: 'center', fontSize: 9 },
    ]),
    field('Người gửi', data.sender.name),
    field('Địa chỉ', data.sender.address, { bold: false }),
    ...(data.sender.phone ? [field('Điện thoại', data.sender.phone, { bold: false })] : []),
    field('Người nhận', data.recipient.name),
    field('Địa chỉ', data.recipient.address, { bold: false }),
    field('Thủ tục hành chính', data.procedureName, { bold: false }),
    ...(data.dossierCode ? [field('Mã hồ sơ', data.dossierCode)] : []),
    table({
      widths: [16, '*', 62, 30],
      head: [['STT', 'Tên giấy tờ', 'Bản chính/bản sao', 'Số lượng']],
      body: data.documents.map((d, i) => [
        { text: String(i + 1), alignment: 'center' },
        d.name,
        { text: d.copyType, alignment: 'center' },
        { text: String(d.count), alignment: 'center' },
      ]),
      fontSize: page.fontSize - 1,
    }),
    field('Dịch vụ', data.service, { bold: false }),
    field('Cước', data.price),
    field('Thanh toán', data.payment, { bold: false }),
    ...(data.weight ? [field('Khối lượng', data.weight, { bold: false })] : []),
    ...(data.sealNumber ? [field('Số niêm phong (niêm phong trước mặt người gửi)', data.sealNumber)] : []),
    {
      columns: [
        {
          width: '*',
          alignment: 'center',
          stack: [
            { text: 'NGƯỜI GỬI', bold: true },
            { text: '(Ký và ghi rõ họ tên)', italics: true, fontSize: 7.5 },
            ...(data.senderSignature
              ? [
                  { image: data.senderSignature, fit: [110, 36], alignment: 'center', margin: [0, 2, 0, 0] },
                  { text: data.sender.name, bold: true },
                ]
              : [{ text: data.sender.name, bold: true, margin: [0, 38, 0, 0] }]),
          ],
        },
        {
          width: '*',
          alignment: 'center',
          stack: [
            { text: 'NHÂN VIÊN BƯU ĐIỆN', bold: true },
            { text: '(Ký và ghi rõ họ tên)', italics: true, fontSize: 7.5 },
            { text: data.postalStaff, bold: true, margin: [0, 38, 0, 0] },
          ],
        },
      ],
      columnGap: 8,
      margin: [0, 8, 0, 0],
      unbreakable: true,
    },
  ];
  return { content, reference: data.itemNumber };
};
