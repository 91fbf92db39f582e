import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Database, Executor } from '../db/database.ts';
import { fromFlag, fromJson } from '../db/helpers.ts';
import { clearReferenceCaches } from '../db/reference-cache.ts';
import { insertProcedureVersion } from '../modules/catalog/service.ts';
import { SEED_DIR } from './units.ts';

interface Version2025 {
  code: string;
  validFrom: string;
  level: 'commune' | 'district' | 'province';
  agencyKind: string;
  provinceWideReceipt?: boolean;
  processing?: { unit: 'working_days' | 'working_hours' | 'calendar_days_excl_holidays'; amount: number };
  legalBasis: string[];
  sources: string[];
  verified: boolean;
  notes: string;
}

/** The 2025 versions of the catalogue (`seed/catalog/versions-2025.json`). */
export function catalogue2025(): Version2025[] {
  const file = path.join(SEED_DIR, 'catalog/versions-2025.json');
  return (JSON.parse(readFileSync(file, 'utf8')) as { versions: Version2025[] }).versions;
}

/**
 * Publishes the 2025 version of each catalogue procedure that moved on 1/7/2025, keeping documents,
 * fees and channels of the version before; the earlier version ends on 30/6/2025. A procedure that
 * already has a version from that date is left alone (so loading twice changes nothing).
 */
export async function loadCatalogue2025(trx: Executor, database: Database): Promise<number> {
  let added = 0;
  for (const entry of catalogue2025()) {
    const p = await trx
      .selectFrom('procedures')
      .select(['id', 'current_version'])
      .where('code', '=', entry.code)
      .executeTakeFirst();
    if (!p) continue;
    const versions = await trx
      .selectFrom('procedure_versions')
      .selectAll()
      .where('procedure_id', '=', p.id)
      .orderBy('version')
      .execute();
    if (versions.some((v) => v.valid_from === entry.validFrom)) continue;
    const before = versions.find((v) => v.version === p.current_version)!;
    await insertProcedureVersion(trx, database, null, p.id, {
      name: before.name,
      validFrom: entry.validFrom,
      documents: fromJson(before.documents, []),
      processing: entry.processing
        ? { ...entry.processing, note: null }
        : { unit: before.processing_unit, amount: before.processing_amount, note: before.processing_note },
      decidedOnTheSpot: fromFlag(before.decided_on_the_spot),
      fees: fromJson(before.fees, []),
      channels: fromJson(before.channels, []),
      postalExcluded: fromFlag(before.postal_excluded),
      resultType: before.result_type,
      legalBasis: entry.legalBasis,
      sources: entry.sources,
      notes: entry.notes,
      level: entry.level,
      agencyKind: entry.agencyKind,
      provinceWideReceipt: entry.provinceWideReceipt ?? false,
    });
    added += 1;
  }
  clearReferenceCaches();
  return added;
}
