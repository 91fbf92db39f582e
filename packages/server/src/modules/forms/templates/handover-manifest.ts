/**
 * Biên bản giao nhận hồ sơ between the post office and the agency — A4 portrait.
 *
 * Not an appendix form: its content follows Quyết định số 45/2016/QĐ-TTg (Art. 7: the legal submission
 * time is the signing of the handover record between the postal staff and the agency; the record
 * lists the dossiers, the consignment slip of each and their completeness) and Thông tư số
 * 17/2017/TT-BTTTT (counting against the slips, fees paid over with the dossiers). Layout follows the
 * usual "biên bản" of NĐ 30/2020 (header, "Hôm nay… chúng tôi gồm", parties, list, closing, signatures).
 */
import { BLANK, header, paragraph, signatures, table, title } from '../layout.ts';
import type { Node } from '../pdf.ts';
import type { HandoverManifestData, ManifestParty } from '../types.ts';
import type { Template } from './context.ts';

function party(label: string, who: ManifestParty): Node[] {
  return [
    {
      text: [
        { text: `${label}: `, bold: true },
        { text: who.unit, bold: true },
      ],
      margin: [0, 3, 0, 0],
    },
    {
      text: [
        'Ông/Bà: ',
        { text: who.representative, bold: true },
        `    Chức vụ: ${who.position ?? BLANK}`,
        `    Điện thoại: ${who.phone ?? BLANK}`,
      ],
      margin: [12, 1, 0, 0],
    },
  ];
}

export const handoverManifest: Template<HandoverManifestData> = (data, { spec, page }) => {
  const documents = data.items.reduce((sum, item) => sum + item.documentCount, 0);
  const rows: Node[][] = data.items.map((item, index) => [
    { text: String(index + 1), alignment: 'center' },
    { text: item.dossierCode, fontSize: 7.5 },
    item.applicantName,
    item.procedureName,
    { text: String(item.documentCount), alignment: 'center' },
    { text: item.postalItemNumber || '—', alignment: 'center', fontSize: 7.5 },
    { text: item.fee ?? '0', alignment: 'right' },
    item.note ?? '',
  ]);
  rows.push([
    { text: 'Tổng cộng', colSpan: 4, bold: true, alignment: 'right' },
    {},
    {},
    {},
    { text: String(documents), bold: true, alignment: 'center' },
    { text: `${data.items.length} hồ sơ`, bold: true, alignment: 'center' },
    { text: data.feesTotal ?? '0', bold: true, alignment: 'right' },
    '',
  ]);
  const content: Node[] = [
    header(data, page),
    title(
      spec.title,
      page,
      data.subject ? [{ text: data.subject, bold: false, italics: true, fontSize: 10 }] : [],
    ),
    paragraph(
      ['Hôm nay, vào lúc ', { text: data.handedOverAt, bold: true }, ', chúng tôi gồm:'],
      [0, 4, 0, 0],
    ),
    ...party('Bên giao', data.sender),
    ...party('Bên nhận', data.receiver),
    ...party('Nhân viên bưu chính vận chuyển', data.courier),
    paragraph(
      'Hai bên đã kiểm đếm, đối chiếu hồ sơ với phiếu gửi và thống nhất giao nhận các hồ sơ sau ' +
        '(nguyên vẹn niêm phong):',
      [0, 6, 0, 2],
    ),
    table({
      widths: [20, 96, 76, '*', 34, 70, 44, 40],
      head: [
        [
          'STT',
          'Mã hồ sơ',
          'Người nộp hồ sơ',
          'Thủ tục hành chính',
          'Số giấy tờ',
          'Số hiệu bưu gửi',
          'Phí, lệ phí (đồng)',
          'Ghi chú',
        ],
      ],
      body: rows,
      fontSize: 8,
    }),
    paragraph(['Tổng số: ', { text: `${data.items.length} hồ sơ, ${documents} giấy tờ.`, bold: true }]),
    paragraph([
      'Phí, lệ phí đã thu giao kèm hồ sơ: ',
      { text: data.feesHandedOver ?? 'Không', bold: true },
      '.',
    ]),
    ...(data.note ? [paragraph(`Ghi chú: ${data.note}`)] : []),
    paragraph(
      'Biên bản được lập thành 02 bản có giá trị như nhau, mỗi bên giữ 01 bản; thời điểm ký biên bản là ' +
        'thời điểm tiếp nhận hồ sơ của cơ quan giải quyết.',
      [0, 2, 0, 0],
    ),
    signatures(
      [
        { title: 'Bên giao', name: data.sender.representative },
        { title: 'Nhân viên bưu chính', name: data.courier.representative },
        { title: 'Bên nhận', name: data.receiver.representative },
      ],
      { space: 50 },
    ),
  ];
  return { content, reference: data.documentNumber ?? data.handedOverAt };
};
