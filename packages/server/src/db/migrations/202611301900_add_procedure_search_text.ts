import { searchKey } from '@motcua/core';
import type { Kysely } from 'kysely';
import type { Dialect } from '../database.ts';

/**
 * Procedures get a search text (name, field, result and code, diacritics folded) so a word typed
 * anywhere finds them: "giay khai sinh" finds the birth registration, whose result is the Giấy khai sinh.
 */
export async function up(db: Kysely<unknown>, _dialect: Dialect): Promise<void> {
  await db.schema
    .alterTable('procedures')
    .addColumn('search_text', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  const k = db as unknown as Kysely<{
    procedures: {
      id: string;
      code: string;
      name: string;
      field_name: string;
      current_version: number;
      search_text: string;
    };
    procedure_versions: { procedure_id: string; version: number; result_type: string };
  }>;
  const rows = await k
    .selectFrom('procedures as p')
    .innerJoin('procedure_versions as v', (j) =>
      j.onRef('v.procedure_id', '=', 'p.id').onRef('v.version', '=', 'p.current_version'),
    )
    .select(['p.id', 'p.code', 'p.name', 'p.field_name', 'v.result_type'])
    .execute();
  for (const r of rows) {
    await k
      .updateTable('procedures')
      .set({ search_text: procedureSearchText(r) })
      .where('id', '=', r.id)
      .execute();
  }
}

export function procedureSearchText(p: {
  code: string;
  name: string;
  field_name: string;
  result_type: string;
}): string {
  return searchKey(`${p.code} ${p.name} ${p.field_name} ${p.result_type}`);
}
