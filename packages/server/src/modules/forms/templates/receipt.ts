/**
 * Giấy tiếp nhận hồ sơ và hẹn trả kết quả.
 *
 * Source: Thông tư số 01/2018/TT-VPCP, Phụ lục, Mẫu số 01 (wording: "Mã hồ sơ", "Tiếp nhận hồ sơ
 * của", "Nội dung yêu cầu giải quyết", numbered items 1–6, "Vào Sổ theo dõi hồ sơ, Quyển số…, Số thứ
 * tự…", signatures "NGƯỜI NỘP HỒ SƠ" / "NGƯỜI TIẾP NHẬN HỒ SƠ"), and Thông tư số 03/2025/TT-VPCP,
 * Phụ lục I, Mẫu số 01 (same structure under the Bộ phận Một cửa; the list of forms is quoted at
 * thuviennhadat.vn "Tải file word biểu mẫu Thông tư 03/2025/TT-VPCP"). The 2025 lines for the personal
 * identification number and the procedure name follow NĐ 118/2025; check them against the Công báo
 * text when it is at hand. Code128 and QR are motcua's additions (TT 01/2018 Art. 19 allows a code
 * carrier; the QR opens the public lookup page).
 */
import { BLANK, field, fields, header, signatures, table, title } from '../layout.ts';
import { code128DataUrl, type Node } from '../pdf.ts';
import type { ReceiptData } from '../types.ts';
import type { Template } from './context.ts';

/**
 * The QR code's box (pt). pdfmake draws whole-point modules (floor(fit / modules)), so 90 pt gives
 * modules of 2 pt (0.71 mm) up to version 7 (45 modules, 122 bytes at level M: any lookup URL), where
 * 62 pt gave 1 pt (0.35 mm) from version 5 on, too small for a phone reading a 200 dpi scan of the
 * A5 print (a module needs ≥ 0.5 mm, 4 dots at 200 dpi).
 */
const QR_FIT = 90;

export const receipt: Template<ReceiptData> = async (data, { edition, spec, page }) => {
  const barcode = await code128DataUrl(data.dossierCode);
  const is2025 = edition === 'tt03_2025';

  // The title keeps the page's whole width (one line, as on the template); the code's barcode and the
  // lookup QR stand under it, the QR at the right where a phone finds it.
  const titleBlock: Node = {
    stack: [
      title(spec.title, page, [
        { text: [{ text: 'Mã hồ sơ: ' }, { text: data.dossierCode, bold: true }], margin: [0, 3, 0, 0] },
        ...(data.copyLabel ? [{ text: `(${data.copyLabel})`, italics: true, fontSize: 8 }] : []),
      ]),
      {
        columns: [
          { width: QR_FIT + 4, text: '' },
          { width: '*', image: barcode, fit: [190, 24], alignment: 'center', margin: [0, 4, 0, 0] },
          {
            width: QR_FIT + 4,
            stack: [
              { qr: data.lookupUrl, fit: QR_FIT, eccLevel: 'M', alignment: 'right' },
              { text: 'Tra cứu hồ sơ', fontSize: 6, alignment: 'right', color: '#444444' },
            ],
          },
        ],
        columnGap: 4,
      },
    ],
    margin: [0, 0, 0, 6],
  };

  const applicant = data.applicant;
  const documentRows: Node[][] = data.documents.map((document, index) => [
    { text: String(index + 1), alignment: 'center' },
    document.name,
    { text: document.copyType, alignment: 'center' },
    { text: String(document.count), alignment: 'center' },
  ]);
  if (documentRows.length === 0) documentRows.push(['', BLANK, '', '']);

  const content: Node[] = [
    header(data, page),
    titleBlock,
    field('Tiếp nhận hồ sơ của', applicant.name),
    ...(is2025 || applicant.idNumber ? [field('Số định danh cá nhân', applicant.idNumber)] : []),
    field('Địa chỉ', applicant.address, { bold: false }),
    fields([
      ['Số điện thoại', applicant.phone],
      ['Email', applicant.email],
    ]),
    field(is2025 ? 'Tên thủ tục hành chính' : 'Nội dung yêu cầu giải quyết', data.procedureName),
    { text: '1. Thành phần hồ sơ nộp gồm:', margin: [0, 3, 0, 1] },
    table({
      widths: [16, '*', 62, 34],
      head: [['TT', 'Tên loại giấy tờ', 'Hình thức', 'Số lượng']],
      body: documentRows,
      fontSize: page.fontSize - 0.5,
    }),
    field('2. Số lượng hồ sơ', `${String(data.sets).padStart(2, '0')} (bộ)`),
    field('3. Thời gian giải quyết hồ sơ theo quy định là', data.statutoryTime),
    field('4. Thời gian nhận hồ sơ', data.receivedAt),
    field('5. Thời gian trả kết quả giải quyết hồ sơ', data.appointmentAt),
    field('6. Đăng ký nhận kết quả tại', data.returnMethod),
    {
      text: `Vào Sổ theo dõi hồ sơ: ${data.registerNumber ?? 'Quyển số …… Số thứ tự ……'}`,
      italics: true,
      margin: [0, 3, 0, 0],
    },
    signatures([
      { title: 'Người nộp hồ sơ', name: applicant.name },
      { title: 'Người tiếp nhận hồ sơ', name: data.receivingOfficer },
    ]),
  ];
  return { content, reference: data.dossierCode };
};
