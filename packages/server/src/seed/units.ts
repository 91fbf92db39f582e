import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { searchKey } from '@motcua/core';
import { parse } from 'csv-parse/sync';
import type { Executor } from '../db/database.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
export const SEED_DIR = path.resolve(here, '../../seed');

interface UnitCsvRow {
  id: string;
  code: string;
  name: string;
  level: 'province' | 'district' | 'commune';
  parent_id: string;
  valid_from: string;
  valid_to: string;
  era: string;
}

/** Province codes whose subtree to load, or all of the country when omitted. */
export interface UnitScope {
  provinces?: string[];
}

function readCsv<T>(file: string): T[] {
  return parse(readFileSync(path.join(SEED_DIR, file)), {
    columns: true,
    skip_empty_lines: true,
    bom: true,
  }) as T[];
}

/**
 * Loads administrative units of both eras and their successor links from the committed extract
 * (`seed/units`, MIT-licensed sources). Parents are inserted before children.
 */
export async function loadUnits(
  trx: Executor,
  scope: UnitScope = {},
): Promise<{ units: number; links: number }> {
  const all = readCsv<UnitCsvRow>('units/units.csv');
  const byId = new Map(all.map((u) => [u.id, u]));
  const provinceOf = (u: UnitCsvRow): string => {
    let current = u;
    while (current.parent_id) current = byId.get(current.parent_id) ?? current;
    return current.code;
  };
  const wanted = scope.provinces ? all.filter((u) => scope.provinces!.includes(provinceOf(u))) : all;
  const order = { province: 0, district: 1, commune: 2 } as const;
  wanted.sort((a, b) => order[a.level] - order[b.level]);
  const ids = new Set(wanted.map((u) => u.id));
  for (let i = 0; i < wanted.length; i += 400) {
    await trx
      .insertInto('admin_units')
      .values(
        wanted.slice(i, i + 400).map((u) => ({
          id: u.id,
          code: u.code,
          name: u.name.normalize('NFC'),
          name_key: searchKey(u.name),
          level: u.level,
          parent_id: u.parent_id || null,
          era: u.era,
          valid_from: u.valid_from,
          valid_to: u.valid_to || null,
        })),
      )
      .execute();
  }
  const links = readCsv<{ from_id: string; to_id: string; kind: string }>('units/successors.csv').filter(
    (l) => ids.has(l.from_id) && ids.has(l.to_id),
  );
  const seen = new Set<string>();
  const unique = links.filter((l) => {
    const key = `${l.from_id}>${l.to_id}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  for (let i = 0; i < unique.length; i += 500) {
    await trx
      .insertInto('admin_unit_successors')
      .values(unique.slice(i, i + 500))
      .execute();
  }
  return { units: wanted.length, links: unique.length };
}
