/**
 * The payout receipt as PDF (A5), from the receipt data of `paymentReceipt`, with the forms module's
 * pdfmake helpers (Roboto, Vietnamese glyphs embedded). The layout is motcua's own: the agency's
 * official receipt form was not found [unverified], see docs/money.md §10.4.
 */
import { formatVnd } from '@motcua/core';
import { datedLine, field, signatures, toNfc } from '../forms/layout.ts';
import { type DocDefinition, renderPdf } from '../forms/pdf.ts';
import type { paymentReceipt } from './payouts.ts';

type Receipt = Awaited<ReturnType<typeof paymentReceipt>>;

function vnInstant(iso: string): string {
  const local = new Date(Date.parse(iso) + 7 * 3600_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())} ${pad(local.getUTCDate())}/${pad(local.getUTCMonth() + 1)}/${local.getUTCFullYear()}`;
}

export async function receiptPdf(data: Receipt): Promise<Buffer> {
  const r = toNfc(data);
  const [year, month] = r.period.split('-');
  const paidOn = new Date(Date.parse(r.paidAt) + 7 * 3600_000).toISOString().slice(0, 10);
  const doc: DocDefinition = {
    pageSize: 'A5',
    pageOrientation: 'portrait',
    pageMargins: [28, 24, 28, 26],
    language: 'vi-VN',
    info: {
      title: `${r.title} – ${r.receiptNo}`,
      author: 'motcua',
      subject: r.title,
      creator: 'motcua',
      producer: 'motcua (pdfmake)',
      keywords: r.receiptNo,
    },
    defaultStyle: { font: 'Roboto', fontSize: 9, lineHeight: 1.12 },
    content: [
      { text: r.officeName.toUpperCase(), bold: true, fontSize: 8 },
      { text: r.officeAddress, fontSize: 7.5, margin: [0, 0, 0, 6] },
      { text: r.title.toUpperCase(), bold: true, fontSize: 11, alignment: 'center' },
      { text: `Số: ${r.receiptNo}`, alignment: 'center', margin: [0, 0, 0, 8] },
      field('Kỳ chi trả', `tháng ${month}/${year}`),
      field('Người hưởng', r.beneficiaryName),
      field('Số định danh cá nhân', r.beneficiaryCitizenId),
      field(
        'Người nhận tiền',
        r.payee === 'proxy' ? `${r.payeeName} (người được ủy quyền)` : `${r.payeeName} (người hưởng)`,
      ),
      field('Số định danh người nhận', r.payeeCitizenId),
      field('Số tiền', formatVnd(r.amount)),
      field('Bằng chữ', r.amountInWords),
      field('Thời điểm chi trả', vnInstant(r.paidAt)),
      {
        text: datedLine(r.officeName.replace(/^Bưu điện\s+/u, ''), paidOn),
        italics: true,
        alignment: 'right',
        margin: [0, 8, 0, 0],
      },
      signatures([
        { title: 'Người nhận tiền', name: r.payeeName },
        { title: 'Giao dịch viên', name: r.clerkName },
      ]),
    ],
  };
  return renderPdf(doc);
}
