import { searchKey } from '@motcua/core';
import type { Selectable } from 'kysely';
import type { Executor } from '../../db/database.ts';
import { containsKey, fromFlag, fromJson } from '../../db/helpers.ts';
import type { DB } from '../../db/schema.ts';
import type { Fee, ProcedureDocument, ProcedureVersion } from './schema.ts';

type VersionRow = Selectable<DB['procedure_versions']>;
type ProcedureRow = Selectable<DB['procedures']>;

export function toVersion(v: VersionRow): ProcedureVersion {
  return {
    version: v.version,
    createdAt: v.created_at,
    name: v.name,
    validFrom: v.valid_from,
    documents: fromJson<ProcedureDocument[]>(v.documents, []),
    processing: {
      unit: v.processing_kind,
      amount: v.processing_amount,
      note: v.processing_note,
      cutoff: v.processing_cutoff,
    },
    decidedOnTheSpot: fromFlag(v.decided_on_the_spot),
    fees: fromJson<Fee[]>(v.fees, []),
    channels: fromJson<ProcedureVersion['channels']>(v.channels, []),
    postalExcluded: fromFlag(v.postal_excluded),
    resultType: v.result_type,
    legalBasis: fromJson<string[]>(v.legal_basis, []),
    sources: fromJson<string[]>(v.sources, []),
    notes: v.notes,
    level: v.level,
    agencyKind: v.agency_kind,
    validTo: v.valid_to,
    provinceWideReceipt: fromFlag(v.province_wide_receipt),
  };
}

function toSummary(p: ProcedureRow, v: VersionRow) {
  const version = toVersion(v);
  return {
    id: p.id,
    code: p.code,
    name: p.name,
    fieldCode: p.field_code,
    fieldName: p.field_name,
    level: p.level,
    agencyKind: p.agency_kind,
    currentVersion: p.current_version,
    active: fromFlag(p.active),
    processing: version.processing,
    totalFee: version.fees.reduce((sum, f) => sum + f.amount, 0),
    channels: version.channels,
    postalExcluded: version.postalExcluded,
    decidedOnTheSpot: version.decidedOnTheSpot,
  };
}

export async function listProcedures(
  db: Executor,
  filter: {
    q?: string;
    level?: ProcedureRow['level'];
    fieldCode?: string;
    channel?: string;
    active?: boolean;
  },
  p: { page: number; pageSize: number },
) {
  let query = db
    .selectFrom('procedures as p')
    .innerJoin('procedure_versions as v', (j) =>
      j.onRef('v.procedure_id', '=', 'p.id').onRef('v.version', '=', 'p.current_version'),
    );
  if (filter.q) {
    const q = filter.q.trim();
    // Every word typed must appear somewhere in the name, field, result or code, in any order.
    const words = searchKey(q).split(' ').filter(Boolean).slice(0, 8);
    query = query.where((eb) =>
      eb.or([eb('p.code', '=', q), eb.and(words.map((w) => containsKey('p.search_text', w)))]),
    );
  }
  if (filter.level) query = query.where('p.level', '=', filter.level);
  if (filter.fieldCode) query = query.where('p.field_code', '=', filter.fieldCode);
  if (filter.channel) query = query.where(containsKey('v.channels', `"${filter.channel}"`));
  if (filter.active !== undefined) query = query.where('p.active', '=', filter.active ? 1 : 0);
  const { total } = (await query
    .select((eb) => eb.fn.countAll<number>().as('total'))
    .executeTakeFirstOrThrow()) as {
    total: number;
  };
  const rows = await query
    .selectAll('p')
    .select([
      'v.id as v_id',
      'v.procedure_id',
      'v.version',
      'v.valid_from',
      'v.name as v_name',
      'v.documents',
      'v.processing_unit',
      'v.processing_kind',
      'v.processing_amount',
      'v.processing_note',
      'v.processing_cutoff',
      'v.decided_on_the_spot',
      'v.fees',
      'v.channels',
      'v.postal_excluded',
      'v.result_type',
      'v.legal_basis',
      'v.sources',
      'v.notes',
      'v.created_at as v_created_at',
      'v.created_by',
      'v.valid_to',
      'v.level as v_level',
      'v.agency_kind as v_agency_kind',
      'v.province_wide_receipt',
    ])
    .orderBy('p.level')
    .orderBy('p.name_key')
    .limit(p.pageSize)
    .offset((p.page - 1) * p.pageSize)
    .execute();
  return {
    items: rows.map((r) =>
      toSummary(r, {
        ...r,
        id: r.v_id,
        name: r.v_name,
        created_at: r.v_created_at,
        level: r.v_level,
        agency_kind: r.v_agency_kind,
      }),
    ),
    total: Number(total),
    page: p.page,
    pageSize: p.pageSize,
  };
}

export async function findProcedure(db: Executor, id: string) {
  const p = await db.selectFrom('procedures').selectAll().where('id', '=', id).executeTakeFirst();
  if (!p) return undefined;
  const versions = await db
    .selectFrom('procedure_versions')
    .selectAll()
    .where('procedure_id', '=', id)
    .orderBy('version', 'desc')
    .execute();
  const current = versions.find((v) => v.version === p.current_version)!;
  return {
    ...toSummary(p, current),
    current: toVersion(current),
    versions: versions.map((v) => ({
      version: v.version,
      validFrom: v.valid_from,
      validTo: v.valid_to,
      level: v.level ?? p.level,
      agencyKind: v.agency_kind ?? p.agency_kind,
      createdAt: v.created_at,
    })),
  };
}

/** One version of a procedure: what a dossier pins at receipt. */
export async function findProcedureVersion(db: Executor, procedureId: string, version: number) {
  const v = await db
    .selectFrom('procedure_versions')
    .selectAll()
    .where('procedure_id', '=', procedureId)
    .where('version', '=', version)
    .executeTakeFirst();
  return v ? { id: v.id, ...toVersion(v) } : undefined;
}
