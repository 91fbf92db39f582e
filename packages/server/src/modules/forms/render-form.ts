import { editionFor, FormError, FormErrorCode, getFormSpec } from './editions.ts';
import { formDocument, pageFor, toNfc } from './layout.ts';
import { renderPdf } from './pdf.ts';
import { apology } from './templates/apology.ts';
import { consignmentSlip } from './templates/consignment-slip.ts';
import type { Template } from './templates/context.ts';
import { controlSlip } from './templates/control-slip.ts';
import { feeReceipt } from './templates/fee-receipt.ts';
import { handoverManifest } from './templates/handover-manifest.ts';
import { receipt } from './templates/receipt.ts';
import { refusal } from './templates/refusal.ts';
import { refusalNotice } from './templates/refusal-notice.ts';
import { register } from './templates/register.ts';
import { stopNotice } from './templates/stop-notice.ts';
import { supplementRequest } from './templates/supplement-request.ts';
import type { FormData, FormKind, RenderOptions } from './types.ts';

const TEMPLATES: { [K in FormKind]: Template<FormData[K]> } = {
  receipt,
  supplement_request: supplementRequest,
  refusal,
  refusal_notice: refusalNotice,
  apology,
  stop_notice: stopNotice,
  control_slip: controlSlip,
  register,
  handover_manifest: handoverManifest,
  fee_receipt: feeReceipt,
  consignment_slip: consignmentSlip,
};

/**
 * Renders one printed form as PDF bytes. The edition is `opts.edition`, or the one in force on
 * `data.date`; throws `FormError` (code FORM_NOT_IN_EDITION) for a form the edition lacks, e.g. the
 * stop notice before TT 03/2025.
 */
export async function renderForm<K extends FormKind>(
  form: K,
  data: FormData[K],
  opts: RenderOptions = {},
): Promise<Buffer> {
  const template = TEMPLATES[form] as Template<FormData[K]> | undefined;
  if (!template) {
    throw new FormError(FormErrorCode.UnknownKind, `Không có biểu mẫu "${form}"`, `Unknown form "${form}"`);
  }
  const edition = opts.edition ?? editionFor(data.date);
  editionFor(data.date); // validates the date printed on the dated line even when the edition is forced
  const spec = getFormSpec(form, edition);
  const page = pageFor(spec);
  const result = await template(toNfc(data), { edition, spec, page });
  return renderPdf(
    formDocument({ spec, edition, page, reference: result.reference, content: result.content }),
  );
}
