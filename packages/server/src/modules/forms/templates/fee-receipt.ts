/**
 * Biên lai thu phí, lệ phí — A5 portrait.
 *
 * Not an appendix form of the one-stop circulars: its content is set by Nghị định số 123/2020/NĐ-CP,
 * Art. 32 (as amended by Nghị định số 70/2025/NĐ-CP; see docs/forms.md for what is confirmed): the
 * receipt's name; its form symbol (ký hiệu mẫu biên lai) and series (ký hiệu biên lai); its number;
 * the copy; the name and tax code of the organisation collecting the fee; the fee's name and amount;
 * the date; the collector's signature. motcua adds the payer, the dossier code and the amount in
 * words, as the paper receipts of the one-stop units do. Fees collected by the post office go with
 * the dossier to the agency (QĐ 45/2016), on the handover record.
 */
import { BLANK, field, header, signatures, title } from '../layout.ts';
import type { Node } from '../pdf.ts';
import type { FeeReceiptData } from '../types.ts';
import type { Template } from './context.ts';

export const feeReceipt: Template<FeeReceiptData> = (data, { spec, page }) => {
  const symbols: Node = {
    columns: [
      { width: '*', text: '' },
      {
        width: 'auto',
        stack: [
          { text: ['Ký hiệu mẫu: ', { text: data.formSymbol ?? BLANK, bold: true }] },
          { text: ['Ký hiệu: ', { text: data.series ?? BLANK, bold: true }] },
          { text: ['Số: ', { text: data.receiptNumber, bold: true, color: '#b00000' }] },
        ],
        fontSize: 8.5,
      },
    ],
    margin: [0, 0, 0, 2],
  };
  const below: Node[] = [];
  if (data.copyLabel) below.push({ text: `(${data.copyLabel})`, italics: true, fontSize: 8, bold: false });
  const content: Node[] = [
    header(data, page),
    symbols,
    title(spec.title, page, below),
    field('Tên tổ chức thu phí, lệ phí', data.collectorOrganisation),
    field('Mã số thuế', data.collectorTaxCode),
    field('Người nộp tiền', data.payer.name),
    ...(data.payer.idNumber ? [field('Số định danh cá nhân', data.payer.idNumber)] : []),
    field('Địa chỉ', data.payer.address, { bold: false }),
    ...(data.dossierCode ? [field('Mã hồ sơ', data.dossierCode)] : []),
    field('Thủ tục hành chính', data.procedureName, { bold: false }),
    field('Tên loại phí, lệ phí', data.feeName),
    {
      text: [{ text: 'Số tiền: ' }, { text: data.amount, bold: true, fontSize: page.fontSize + 2 }],
      margin: [0, 4, 0, 1],
    },
    {
      text: [{ text: 'Viết bằng chữ: ' }, { text: data.amountInWords, italics: true }],
      margin: [0, 1, 0, 1],
    },
    ...(data.paymentMethod ? [field('Hình thức thanh toán', data.paymentMethod, { bold: false })] : []),
    signatures([
      { title: 'Người nộp tiền', name: data.payer.name },
      { title: 'Người thu tiền', name: data.collector },
    ]),
  ];
  return { content, reference: data.series ? `${data.series} ${data.receiptNumber}` : data.receiptNumber };
};
