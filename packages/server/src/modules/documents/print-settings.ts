/**
 * What the printed forms need beyond the organisation: per site, its contact phone (Mẫu 02) and the
 * fee receipt book (ký hiệu mẫu, ký hiệu) with the collecting organisation's name and tax code
 * (Nghị định số 123/2020/NĐ-CP, Art. 32); per agency, the governing body printed above its name, the
 * title of its head and its contact phone. Set by an administrator, kept as history (one row per
 * change, never updated): a paper prints the settings valid at its own instant, so a receipt reprinted
 * after the series changed still shows the series it was issued under.
 *
 * Everything accepted here can be printed: symbols are upper-case ASCII from a short alphabet, names
 * are NFC text without control characters, a tax code passes its check digit, a phone is Vietnamese.
 */
import { validatePhone, validateTaxCode } from '@motcua/core';
import { Type } from 'typebox';
import { recordAudit } from '../../audit/audit.ts';
import type { Database, Executor } from '../../db/database.ts';
import { inTransaction, newId, nowIso } from '../../db/helpers.ts';
import { type Bilingual, invalidField, notFound } from '../../errors.ts';
import { Nullable } from '../../http/schemas.ts';
import type { Actor } from '../../policy/policy.ts';

/** Ký hiệu mẫu biên lai, e.g. `01BLP0-001`: letters, digits, `/`, `.`, `-`; at most 20. */
export const RECEIPT_FORM_SYMBOL = /^[0-9A-Z][0-9A-Z/.-]{0,19}$/;
/** Ký hiệu biên lai, e.g. `BP-26E` or `AA/19P`: letters, digits, `/`, `.`, `-`; at most 12. */
export const RECEIPT_SERIES = /^[0-9A-Z][0-9A-Z/.-]{0,11}$/;
/** Printable one-line text: no control characters (line breaks included). */
const CONTROL = /[\p{Cc}\p{Cf}\u2028\u2029]/u;

const text = (max: number) => Nullable(Type.String({ maxLength: max }));

export const SitePrintSettingsInput = Type.Object(
  {
    contactPhone: text(40),
    feeCollectorName: text(300),
    feeCollectorTaxCode: text(20),
    receiptFormSymbol: text(40),
    receiptSeries: text(40),
  },
  { additionalProperties: false },
);
export const SitePrintSettingsSchema = Type.Object({
  siteId: Type.String(),
  validFrom: Nullable(Type.String()),
  contactPhone: Nullable(Type.String()),
  feeCollectorName: Nullable(Type.String()),
  feeCollectorTaxCode: Nullable(Type.String()),
  receiptFormSymbol: Nullable(Type.String()),
  receiptSeries: Nullable(Type.String()),
});

export const AgencyPrintSettingsInput = Type.Object(
  { headerParent: text(300), headTitle: text(120), contactPhone: text(40) },
  { additionalProperties: false },
);
export const AgencyPrintSettingsSchema = Type.Object({
  agencyId: Type.String(),
  validFrom: Nullable(Type.String()),
  headerParent: Nullable(Type.String()),
  headTitle: Nullable(Type.String()),
  contactPhone: Nullable(Type.String()),
});

export interface SitePrintSettings {
  contactPhone: string | null;
  feeCollectorName: string | null;
  feeCollectorTaxCode: string | null;
  receiptFormSymbol: string | null;
  receiptSeries: string | null;
}
export interface AgencyPrintSettings {
  headerParent: string | null;
  headTitle: string | null;
  contactPhone: string | null;
}

const EMPTY_SITE: SitePrintSettings = {
  contactPhone: null,
  feeCollectorName: null,
  feeCollectorTaxCode: null,
  receiptFormSymbol: null,
  receiptSeries: null,
};
const EMPTY_AGENCY: AgencyPrintSettings = { headerParent: null, headTitle: null, contactPhone: null };

/** Trimmed NFC text, `null` for blank; throws 400 naming `field` for control characters. */
function cleanText(field: string, value: string | null | undefined, what: Bilingual): string | null {
  if (value === null || value === undefined) return null;
  const clean = value.normalize('NFC').trim().replace(/\s+/g, ' ');
  if (clean === '') return null;
  if (CONTROL.test(value.replace(/[\t\r\n]/g, ' '))) {
    throw invalidField(field, {
      vi: `${what.vi} có ký tự điều khiển không in được`,
      en: `${what.en} contains control characters that cannot be printed`,
    });
  }
  return clean;
}

function cleanPhone(field: string, value: string | null | undefined): string | null {
  const raw = cleanText(field, value, { vi: 'Số điện thoại', en: 'The phone number' });
  if (raw === null) return null;
  const phone = validatePhone(raw);
  if (!phone.ok) throw invalidField(field, phone.reason);
  return phone.value.national;
}

function cleanSymbol(field: string, value: string | null | undefined, pattern: RegExp, what: Bilingual) {
  const raw = cleanText(field, value, what);
  if (raw === null) return null;
  const symbol = raw.toUpperCase().replace(/\s+/g, '');
  if (!pattern.test(symbol)) {
    const max = pattern === RECEIPT_SERIES ? 12 : 20;
    throw invalidField(field, {
      vi: `${what.vi} "${raw}" chỉ gồm chữ cái không dấu, chữ số và các dấu / . - (tối đa ${max} ký tự)`,
      en: `${what.en} "${raw}" may contain only letters A–Z, digits and / . - (at most ${max} characters)`,
    });
  }
  return symbol;
}

/** Validates and normalises a site's settings; throws 400 naming the first bad field. */
export function checkSiteSettings(input: Partial<SitePrintSettings>): SitePrintSettings {
  const out: SitePrintSettings = {
    contactPhone: cleanPhone('contactPhone', input.contactPhone),
    feeCollectorName: cleanText('feeCollectorName', input.feeCollectorName, {
      vi: 'Tên tổ chức thu phí, lệ phí',
      en: 'The collecting organisation’s name',
    }),
    feeCollectorTaxCode: null,
    receiptFormSymbol: cleanSymbol('receiptFormSymbol', input.receiptFormSymbol, RECEIPT_FORM_SYMBOL, {
      vi: 'Ký hiệu mẫu biên lai',
      en: 'The receipt form symbol',
    }),
    receiptSeries: cleanSymbol('receiptSeries', input.receiptSeries, RECEIPT_SERIES, {
      vi: 'Ký hiệu biên lai',
      en: 'The receipt series',
    }),
  };
  const tax = cleanText('feeCollectorTaxCode', input.feeCollectorTaxCode, {
    vi: 'Mã số thuế',
    en: 'The tax code',
  });
  if (tax !== null) {
    const valid = validateTaxCode(tax);
    if (!valid.ok) throw invalidField('feeCollectorTaxCode', valid.reason);
    out.feeCollectorTaxCode = valid.value.value;
  }
  if ((out.receiptFormSymbol === null) !== (out.receiptSeries === null)) {
    const missing = out.receiptFormSymbol === null ? 'receiptFormSymbol' : 'receiptSeries';
    throw invalidField(missing, {
      vi: 'Ký hiệu mẫu biên lai và ký hiệu biên lai đi cùng nhau: nhập cả hai hoặc để trống cả hai',
      en: 'The receipt form symbol and the series go together: give both or neither',
    });
  }
  if (out.receiptSeries !== null && (out.feeCollectorName === null || out.feeCollectorTaxCode === null)) {
    throw invalidField(out.feeCollectorName === null ? 'feeCollectorName' : 'feeCollectorTaxCode', {
      vi: 'Biên lai phải ghi tên và mã số thuế của tổ chức thu phí, lệ phí (Điều 32 Nghị định số 123/2020/NĐ-CP)',
      en: 'A receipt must show the collecting organisation’s name and tax code (Decree 123/2020 Art. 32)',
    });
  }
  return out;
}

export function checkAgencySettings(input: Partial<AgencyPrintSettings>): AgencyPrintSettings {
  return {
    headerParent: cleanText('headerParent', input.headerParent, {
      vi: 'Tên cơ quan chủ quản',
      en: 'The governing body',
    }),
    headTitle: cleanText('headTitle', input.headTitle, {
      vi: 'Chức danh thủ trưởng',
      en: 'The head’s title',
    }),
    contactPhone: cleanPhone('contactPhone', input.contactPhone),
  };
}

/** The site's settings valid at `at` (ISO instant; default now): empty when none were set. */
export async function siteSettingsAt(db: Executor, siteId: string, at?: string) {
  const row = await db
    .selectFrom('site_print_settings')
    .selectAll()
    .where('site_id', '=', siteId)
    .where('valid_from', '<=', at ?? nowIso())
    .orderBy('valid_from', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!row) return { validFrom: null, ...EMPTY_SITE };
  return {
    validFrom: row.valid_from,
    contactPhone: row.contact_phone,
    feeCollectorName: row.fee_collector_name,
    feeCollectorTaxCode: row.fee_collector_tax_code,
    receiptFormSymbol: row.receipt_form_symbol,
    receiptSeries: row.receipt_series,
  };
}

export async function agencySettingsAt(db: Executor, agencyId: string, at?: string) {
  const row = await db
    .selectFrom('agency_print_settings')
    .selectAll()
    .where('agency_id', '=', agencyId)
    .where('valid_from', '<=', at ?? nowIso())
    .orderBy('valid_from', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!row) return { validFrom: null, ...EMPTY_AGENCY };
  return {
    validFrom: row.valid_from,
    headerParent: row.header_parent,
    headTitle: row.head_title,
    contactPhone: row.contact_phone,
  };
}

/** Records a site's new settings, valid from now; audited. */
export async function setSiteSettings(
  database: Database,
  actor: Actor,
  siteId: string,
  input: Partial<SitePrintSettings>,
) {
  const settings = checkSiteSettings(input);
  const now = nowIso();
  await inTransaction(database, async (trx) => {
    const site = await trx
      .selectFrom('service_points')
      .select('id')
      .where('id', '=', siteId)
      .executeTakeFirst();
    if (!site) throw notFound({ vi: 'điểm tiếp nhận', en: 'Service point' });
    const before = await siteSettingsAt(trx, siteId, now);
    const row = {
      id: newId(),
      site_id: siteId,
      valid_from: now,
      contact_phone: settings.contactPhone,
      fee_collector_name: settings.feeCollectorName,
      fee_collector_tax_code: settings.feeCollectorTaxCode,
      receipt_form_symbol: settings.receiptFormSymbol,
      receipt_series: settings.receiptSeries,
      created_by: actor.userId,
      created_at: now,
    };
    await trx.insertInto('site_print_settings').values(row).execute();
    await recordAudit(trx, database.dialect, {
      actor,
      action: 'service_point.print_settings',
      entityType: 'service_point',
      entityId: siteId,
      siteId,
      before,
      after: row,
    });
  });
  return { siteId, validFrom: now, ...settings };
}

export async function setAgencySettings(
  database: Database,
  actor: Actor,
  agencyId: string,
  input: Partial<AgencyPrintSettings>,
) {
  const settings = checkAgencySettings(input);
  const now = nowIso();
  await inTransaction(database, async (trx) => {
    const agency = await trx
      .selectFrom('agencies')
      .select('id')
      .where('id', '=', agencyId)
      .executeTakeFirst();
    if (!agency) throw notFound({ vi: 'cơ quan', en: 'Agency' });
    const before = await agencySettingsAt(trx, agencyId, now);
    const row = {
      id: newId(),
      agency_id: agencyId,
      valid_from: now,
      header_parent: settings.headerParent,
      head_title: settings.headTitle,
      contact_phone: settings.contactPhone,
      created_by: actor.userId,
      created_at: now,
    };
    await trx.insertInto('agency_print_settings').values(row).execute();
    await recordAudit(trx, database.dialect, {
      actor,
      action: 'agency.print_settings',
      entityType: 'agency',
      entityId: agencyId,
      before,
      after: row,
    });
  });
  return { agencyId, validFrom: now, ...settings };
}
