import type { FastifyReply } from 'fastify';
import { Type } from 'typebox';
import { AppError, notFound } from '../../errors.ts';
import type { RouteModule } from '../../http/route-module.ts';
import { errorResponses, IdParams } from '../../http/schemas.ts';
import { authorize } from '../../policy/policy.ts';
import { Permission } from '../../policy/roles.ts';
import { DOSSIER } from '../dossiers/actions.ts';
import { getBatch } from '../dossiers/handover.ts';
import { findDossier } from '../dossiers/repository.ts';
import { editionFor, FormError, FormErrorCode, type FormKind, renderForm } from '../forms/index.ts';
import {
  apologyData,
  controlSlipData,
  dossierFacts,
  feeReceiptData,
  receiptData,
  refusalNoticeData,
  stopNoticeData,
  supplementRequestData,
} from './form-data.ts';
import {
  AgencyPrintSettingsInput,
  AgencyPrintSettingsSchema,
  agencySettingsAt,
  SitePrintSettingsInput,
  SitePrintSettingsSchema,
  setAgencySettings,
  setSiteSettings,
  siteSettingsAt,
} from './print-settings.ts';
import { findIntakeSlip, findSite, intakeSlipData, manifestData, registerData } from './site-forms.ts';

/** The forms a dossier can print, with the file-name suffix of each (the official form number). */
export const DOSSIER_FORMS = {
  receipt: 'mau01',
  supplement_request: 'mau02',
  refusal: 'thong-bao-khong-giai-quyet',
  apology: 'mau04',
  stop_notice: 'mau05',
  control_slip: 'phieu-kiem-soat',
  fee_receipt: 'bien-lai',
} as const satisfies Partial<Record<FormKind, string>>;
// `refusal` of a dossier is the agency's notice after appraisal (kind `refusal_notice`); Mẫu 03 is
// given at the counter, before anything is received (`/api/v1/intake-slips/:id.pdf`).
export type DossierFormKind = keyof typeof DOSSIER_FORMS;

const PdfResponse = { 200: Type.Unknown({ description: 'application/pdf' }), ...errorResponses };

export function sendPdf(reply: FastifyReply, fileName: string, bytes: Buffer) {
  return reply
    .header('content-type', 'application/pdf')
    .header('content-disposition', `inline; filename="${fileName.replace(/[^A-Za-z0-9._-]/g, '_')}.pdf"`)
    .header('cache-control', 'private, no-store')
    .send(bytes);
}

/** `renderForm` speaks FormError; the API speaks AppError. */
async function render<K extends FormKind>(...args: Parameters<typeof renderForm<K>>): Promise<Buffer> {
  try {
    return await renderForm(...args);
  } catch (error) {
    if (error instanceof FormError) {
      const status = error.code === FormErrorCode.NotInEdition ? 409 : 422;
      throw new AppError(status, error.code, { vi: error.messageVi, en: error.message });
    }
    throw error;
  }
}

/** Printed forms as PDF: a dossier's forms, counter slips, handover manifests, the yearly register. */
export const registerDocumentRoutes: RouteModule = (app, { database, config }) => {
  const { db } = database;

  app.get(
    '/api/v1/dossiers/:id/forms/:kind.pdf',
    {
      config: { permission: Permission.DossierRead },
      schema: {
        tags: ['documents'],
        summary:
          'Biểu mẫu của hồ sơ (PDF): receipt (Mẫu 01), supplement_request (Mẫu 02), refusal (thông báo không giải quyết của cơ quan), apology (Mẫu 04), stop_notice (2025 Mẫu 05), control_slip, fee_receipt',
        params: Type.Object({
          id: IdParams.properties.id,
          kind: Type.Union(Object.keys(DOSSIER_FORMS).map((k) => Type.Literal(k))),
        }),
        response: PdfResponse,
      },
    },
    async (request, reply) => {
      const d = await findDossier(db, request.params.id);
      if (!d) throw notFound(DOSSIER);
      authorize(request.actor!, Permission.DossierRead, {
        servicePointIds: [d.receiving_site_id, d.returning_site_id],
        agencyIds: [d.lead_agency_id, d.current_agency_id],
      });
      const kind = request.params.kind as DossierFormKind;
      const edition = editionFor(d.received_date);
      if (kind === 'stop_notice' && edition !== 'tt03_2025') {
        throw new AppError(409, FormErrorCode.NotInEdition, {
          vi: 'Thông báo dừng giải quyết hồ sơ chỉ có từ Thông tư số 03/2025/TT-VPCP (hồ sơ nhận từ 15/9/2025)',
          en: 'The stop notice exists only in the TT 03/2025 forms (dossiers received from 15 September 2025)',
        });
      }
      const facts = await dossierFacts(db, d, config.publicUrl);
      const options = { edition };
      let bytes: Buffer;
      switch (kind) {
        case 'receipt':
          bytes = await render('receipt', receiptData(facts), options);
          break;
        case 'control_slip':
          bytes = await render('control_slip', controlSlipData(facts), options);
          break;
        case 'apology':
          bytes = await render('apology', await apologyData(db, facts), options);
          break;
        case 'refusal':
          bytes = await render('refusal_notice', await refusalNoticeData(db, facts), options);
          break;
        case 'supplement_request':
          bytes = await render('supplement_request', await supplementRequestData(db, facts), options);
          break;
        case 'stop_notice':
          bytes = await render('stop_notice', await stopNoticeData(db, facts), options);
          break;
        case 'fee_receipt':
          bytes = await render('fee_receipt', await feeReceiptData(db, facts), options);
          break;
      }
      return sendPdf(reply, `${d.code}-${DOSSIER_FORMS[kind]}`, bytes);
    },
  );

  app.get(
    '/api/v1/intake-slips/:id.pdf',
    {
      config: { permission: Permission.DossierRead },
      schema: {
        tags: ['documents'],
        summary: 'Phiếu yêu cầu bổ sung (Mẫu 02) or từ chối tiếp nhận (Mẫu 03) given at the counter, as PDF',
        params: IdParams,
        response: PdfResponse,
      },
    },
    async (request, reply) => {
      const slip = await findIntakeSlip(db, request.params.id);
      if (!slip) throw notFound({ vi: 'phiếu', en: 'Intake slip' });
      authorize(request.actor!, Permission.DossierRead, { servicePointIds: [slip.site_id] });
      const site = await findSite(db, slip.site_id);
      if (!site) throw notFound({ vi: 'điểm tiếp nhận', en: 'Service point' });
      const form = await intakeSlipData(db, slip, site);
      const bytes =
        form.kind === 'supplement_request'
          ? await render('supplement_request', form.data)
          : await render('refusal', form.data);
      return sendPdf(reply, `phieu-${form.kind === 'refusal' ? 'mau03' : 'mau02'}-${slip.id}`, bytes);
    },
  );

  app.get(
    '/api/v1/handover-batches/:id/manifest.pdf',
    {
      config: { permission: Permission.DossierRead },
      schema: {
        tags: ['documents'],
        summary: 'Biên bản giao nhận hồ sơ of a handover batch, as PDF',
        params: IdParams,
        response: PdfResponse,
      },
    },
    async (request, reply) => {
      const batch = await getBatch(database, request.params.id);
      authorize(request.actor!, Permission.DossierRead, {
        servicePointIds: [batch.siteId],
        agencyIds: [batch.agencyId],
      });
      const site = await findSite(db, batch.siteId);
      if (!site) throw notFound({ vi: 'điểm tiếp nhận', en: 'Service point' });
      const bytes = await render('handover_manifest', await manifestData(db, batch, site));
      return sendPdf(reply, `${batch.code}-bien-ban`, bytes);
    },
  );

  app.get(
    '/api/v1/register.pdf',
    {
      config: { permission: Permission.DossierRead },
      schema: {
        tags: ['documents'],
        summary: 'Sổ theo dõi hồ sơ (Mẫu 06/07) of a site for a year, in register-number order, as PDF',
        querystring: Type.Object({
          siteId: Type.String({ minLength: 1, maxLength: 64 }),
          year: Type.Integer({ minimum: 2000, maximum: 2100 }),
        }),
        response: PdfResponse,
      },
    },
    async (request, reply) => {
      const { siteId, year } = request.query;
      authorize(request.actor!, Permission.DossierRead, { servicePointIds: [siteId] });
      const site = await findSite(db, siteId);
      if (!site) throw notFound({ vi: 'điểm tiếp nhận', en: 'Service point' });
      const data = await registerData(database, site, year);
      // The register of a year follows the forms in force at its end (or today, for the current year).
      const bytes = await render('register', data, {
        edition: editionFor(data.date < `${year}-12-31` ? data.date : `${year}-12-31`),
      });
      return sendPdf(reply, `so-theo-doi-${year}`, bytes);
    },
  );

  app.get(
    '/api/v1/service-points/:id/print-settings',
    {
      config: { permission: Permission.OrgRead },
      schema: {
        tags: ['documents'],
        summary: 'What a site prints: its contact phone, its fee receipt book and collecting organisation',
        params: IdParams,
        response: { 200: SitePrintSettingsSchema, ...errorResponses },
      },
    },
    async (request) => {
      const site = await findSite(db, request.params.id);
      if (!site) throw notFound({ vi: 'điểm tiếp nhận', en: 'Service point' });
      return { siteId: site.id, ...(await siteSettingsAt(db, site.id)) };
    },
  );

  app.put(
    '/api/v1/service-points/:id/print-settings',
    {
      config: { permission: Permission.OrgWrite, idempotent: true },
      schema: {
        tags: ['documents'],
        summary:
          'Sets what a site prints from now on (kept as history): contact phone, ký hiệu mẫu and ký hiệu of its fee receipts, the collecting organisation and its tax code',
        params: IdParams,
        body: SitePrintSettingsInput,
        response: { 200: SitePrintSettingsSchema, ...errorResponses },
      },
    },
    async (request) => {
      if (!(await findSite(db, request.params.id)))
        throw notFound({ vi: 'điểm tiếp nhận', en: 'Service point' });
      authorize(request.actor!, Permission.OrgWrite, { servicePointIds: [request.params.id] });
      return setSiteSettings(database, request.actor!, request.params.id, request.body);
    },
  );

  app.get(
    '/api/v1/agencies/:id/print-settings',
    {
      config: { permission: Permission.OrgRead },
      schema: {
        tags: ['documents'],
        summary: 'What an agency prints: the governing body above its name, its head’s title, its phone',
        params: IdParams,
        response: { 200: AgencyPrintSettingsSchema, ...errorResponses },
      },
    },
    async (request) => {
      const agency = await db
        .selectFrom('agencies')
        .select('id')
        .where('id', '=', request.params.id)
        .executeTakeFirst();
      if (!agency) throw notFound({ vi: 'cơ quan', en: 'Agency' });
      return { agencyId: agency.id, ...(await agencySettingsAt(db, agency.id)) };
    },
  );

  app.put(
    '/api/v1/agencies/:id/print-settings',
    {
      config: { permission: Permission.OrgWrite, idempotent: true },
      schema: {
        tags: ['documents'],
        summary: 'Sets what an agency prints from now on (kept as history)',
        params: IdParams,
        body: AgencyPrintSettingsInput,
        response: { 200: AgencyPrintSettingsSchema, ...errorResponses },
      },
    },
    async (request) => {
      const agency = await db
        .selectFrom('agencies')
        .select('id')
        .where('id', '=', request.params.id)
        .executeTakeFirst();
      if (!agency) throw notFound({ vi: 'cơ quan', en: 'Agency' });
      authorize(request.actor!, Permission.OrgWrite, { agencyIds: [agency.id] });
      return setAgencySettings(database, request.actor!, request.params.id, request.body);
    },
  );
};
