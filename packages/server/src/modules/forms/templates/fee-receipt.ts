/**
 * Biên lai thu phí, lệ phí — A5 portrait.
 *
 * Not an appendix form of the one-stop circulars: content per Nghị định số 123/2020/NĐ-CP, Art. 32
 * (receipt name, form and series symbols, number, copy, collecting organisation, payer, fee name,
 * amount in figures and in words, collector's signature, date). Fees collected by the post office go
 * with the dossier (QĐ 45/2016).
 */
import { field, header, signatures, title } from '../layout.ts';
import type { Node } from '../pdf.ts';
import type { FeeReceiptData } from '../types.ts';
import type { Template } from './context.ts';

export const feeReceipt: Template<FeeReceiptData> = (data, { spec, page }) => {
  const below: Node[] = [];
  if (data.copyLabel) below.push({ text: `(${data.copyLabel})`, italics: true, fontSize: 8 });
  below.push({
    text: [
      ...(data.series ? [`${data.series}    `] : []),
      'Số: ',
      { text: data.receiptNumber, bold: true, color: '#b00000' },
    ],
    fontSize: 8.5,
    margin: [0, 3, 0, 0],
  });
  const content: Node[] = [
    header(data, page),
    title(spec.title, page, below),
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
  return { content, reference: data.receiptNumber };
};
