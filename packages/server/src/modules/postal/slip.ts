import { formatVnd, vnDate } from '@motcua/core';
import type { Database } from '../../db/database.ts';
import { fromJson } from '../../db/helpers.ts';
import { COPY_TYPES, displayPhone, placeName } from '../documents/form-data.ts';
import type { ReceivedDocument } from '../dossiers/repository.ts';
import { renderForm } from '../forms/index.ts';
import type { ShipmentView } from './shipments.ts';

const SERVICE: Record<string, string> = {
  pickup: 'Thu gom hồ sơ tại nhà, chuyển đến cơ quan giải quyết',
  batch: 'Chuyển hồ sơ giữa bưu điện và cơ quan giải quyết',
  result_delivery: 'Chuyển phát kết quả giải quyết thủ tục hành chính',
  papers_return: 'Chuyển trả giấy tờ tạm giữ',
};
const PAYER: Record<string, string> = {
  citizen: 'Người dân trả cước',
  agency: 'Cơ quan giải quyết trả cước',
  free: 'Miễn cước (bưu chính công ích)',
};

/** Phiếu gửi hồ sơ of a shipment, as PDF (QĐ 45/2016 Art. 6). */
export async function consignmentSlipPdf(database: Database, s: ShipmentView): Promise<Buffer> {
  const { db } = database;
  const origin = await db
    .selectFrom('service_points as sp')
    .innerJoin('admin_units as u', 'u.id', 'sp.unit_id')
    .select(['sp.name', 'sp.address', 'u.name as unit_name'])
    .where('sp.id', '=', s.originSiteId)
    .executeTakeFirstOrThrow();
  const dossier = s.dossierId
    ? await db
        .selectFrom('dossiers as d')
        .innerJoin('agencies as a', 'a.id', 'd.lead_agency_id')
        .select([
          'd.code',
          'd.procedure_name',
          'd.documents',
          'd.applicant_name',
          'd.applicant_address',
          'd.applicant_phone',
          'a.name as agency_name',
        ])
        .where('d.id', '=', s.dossierId)
        .executeTakeFirst()
    : undefined;
  const slipSignature = await db
    .selectFrom('shipments')
    .select('sender_signature')
    .where('id', '=', s.id)
    .executeTakeFirstOrThrow();
  const citizen = {
    name: s.recipientName,
    address: s.address,
    ...(s.recipientPhone ? { phone: displayPhone(s.recipientPhone) } : {}),
  };
  const agency = { name: dossier?.agency_name ?? s.senderName, address: origin.address };
  // A pickup travels from the citizen to the agency; a result from the agency to the citizen.
  const [sender, recipient] =
    s.kind === 'pickup' ? [citizen, agency] : [{ name: s.senderName, address: origin.address }, citizen];
  const documents = fromJson<ReceivedDocument[]>(dossier?.documents, []).map((d) => ({
    name: d.name,
    copyType: COPY_TYPES[d.copyType] ?? d.copyType,
    count: d.count,
  }));
  return renderForm('consignment_slip', {
    issuingBodyParent: 'Bưu điện Việt Nam',
    issuingBody: origin.name,
    place: placeName(origin.unit_name),
    date: vnDate(new Date(s.acceptedAt)),
    itemNumber: s.itemNumber,
    sender,
    recipient,
    procedureName: dossier?.procedure_name ?? SERVICE[s.kind] ?? s.kind,
    ...(dossier ? { dossierCode: dossier.code } : {}),
    documents: documents.length
      ? documents
      : [{ name: 'Kết quả giải quyết thủ tục hành chính', copyType: 'Bản chính', count: 1 }],
    service: SERVICE[s.kind] ?? s.kind,
    price: formatVnd(s.postage).replace(' ₫', ' đồng'),
    payment: PAYER[s.payer] ?? s.payer,
    ...(s.sealNumber ? { sealNumber: s.sealNumber } : {}),
    weight: `${s.weightGrams} g`,
    ...(slipSignature.sender_signature ? { senderSignature: slipSignature.sender_signature } : {}),
    postalStaff: s.events[0]?.actorName ?? '',
  });
}
