import { createHash } from 'node:crypto';
import type { Database, Dialect, Executor } from '../db/database.ts';
import { fixedQuery, forUpdate, insertRow, newId, nowIso } from '../db/helpers.ts';
import type { Actor } from '../policy/policy.ts';

export interface AuditEntry {
  actor: Actor | null;
  /** The role the actor acted in and the site/agency where, when the action has one. */
  role?: string | null;
  siteId?: string | null;
  action: string;
  entityType: string;
  entityId?: string | null;
  before?: unknown;
  after?: unknown;
  at?: string;
}

/**
 * Stable JSON: keys sorted, so the same content always hashes the same on both engines. The text is
 * exactly `JSON.stringify`'s with every object's keys sorted (the audit chain's hashes depend on it,
 * and a test holds it to that), written directly: a replacer copying each object cost the intake a
 * few per cent of its time.
 */
export function canonicalJson(value: unknown): string {
  return stableJson(value) ?? 'null';
}

/** One value as JSON, or `undefined` where JSON has none (left out of objects, null in arrays). */
function stableJson(value: unknown): string | undefined {
  switch (typeof value) {
    case 'string':
      return quoted(value);
    case 'number':
      return Number.isFinite(value) ? JSON.stringify(value) : 'null';
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object': {
      if (value === null) return 'null';
      const json = (value as { toJSON?: unknown }).toJSON;
      if (typeof json === 'function') return stableJson(json.call(value));
      if (Array.isArray(value)) {
        const items: string[] = [];
        for (let i = 0; i < value.length; i++) items.push(stableJson(value[i]) ?? 'null');
        return `[${items.join(',')}]`;
      }
      const record = value as Record<string, unknown>;
      const parts: string[] = [];
      for (const key of sortedKeys(record)) {
        const item = stableJson(record[key]);
        if (item !== undefined) parts.push(`${quoted(key)}:${item}`);
      }
      return `{${parts.join(',')}}`;
    }
    case 'bigint':
      return JSON.stringify(value); // throws, as JSON.stringify does
    default:
      return undefined; // undefined, functions, symbols
  }
}

/** Characters JSON.stringify writes as escapes (controls, quote, backslash, surrogates). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: the control characters are what is looked for
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;
const quoted = (text: string) => (NEEDS_ESCAPE.test(text) ? JSON.stringify(text) : `"${text}"`);

/** Array-index keys ('0', '7', '10'), which every object holds first, in numeric order. */
const INDEX_KEY = /^(?:0|[1-9]\d{0,9})$/;
const isIndexKey = (key: string) => INDEX_KEY.test(key) && Number(key) < 4294967295;

/**
 * The keys sorted, then ordered as an object built with them in that order holds them (what the
 * first definition wrote): array-index keys first, by number, then the others as sorted.
 */
function sortedKeys(record: object): string[] {
  const keys = Object.keys(record).sort();
  if (!keys.some(isIndexKey)) return keys;
  const indexes = keys.filter(isIndexKey).sort((a, b) => Number(a) - Number(b));
  return [...indexes, ...keys.filter((key) => !isIndexKey(key))];
}

interface HashedFields {
  seq: number;
  id: string;
  at: string;
  actor_user_id: string | null;
  actor_username: string | null;
  actor_role: string | null;
  site_id: string | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  before_json: string | null;
  after_json: string | null;
  prev_hash: string;
}

/** The hash of one audit row: SHA-256 over the previous hash and every field of the row. */
export function auditHash(row: HashedFields): string {
  const fields = [
    row.seq,
    row.id,
    row.at,
    row.actor_user_id,
    row.actor_username,
    row.actor_role,
    row.site_id,
    row.action,
    row.entity_type,
    row.entity_id,
    row.before_json,
    row.after_json,
  ];
  return createHash('sha256').update(row.prev_hash).update(canonicalJson(fields)).digest('hex');
}

const readHead = fixedQuery((executor: Executor, dialect: Dialect) =>
  forUpdate(dialect, executor.selectFrom('audit_head').select(['seq', 'hash']).where('id', '=', 1)),
);
const moveHead = fixedQuery((executor: Executor, _dialect: Dialect, seq: number, hash: string) =>
  executor.updateTable('audit_head').set({ seq, hash }).where('id', '=', 1),
);

/**
 * Appends one entry to the hash-chained audit log, inside the caller's transaction so the entry
 * exists exactly when the change does. The single `audit_head` row is locked for the append, which
 * serialises writers on PostgreSQL (SQLite has one writer anyway).
 */
export async function recordAudit(trx: Executor, dialect: Dialect, entry: AuditEntry): Promise<void> {
  const [head] = await readHead(trx, dialect);
  if (!head) throw new Error('audit_head has no row: the migrations did not run');
  const fields: HashedFields = {
    seq: Number(head.seq) + 1,
    id: newId(),
    at: entry.at ?? nowIso(),
    actor_user_id: entry.actor?.userId ?? null,
    actor_username: entry.actor?.username ?? null,
    actor_role: entry.role ?? entry.actor?.grants[0]?.role ?? null,
    site_id: entry.siteId ?? null,
    action: entry.action,
    entity_type: entry.entityType,
    entity_id: entry.entityId ?? null,
    before_json: entry.before === undefined ? null : canonicalJson(entry.before),
    after_json: entry.after === undefined ? null : canonicalJson(entry.after),
    prev_hash: head.hash,
  };
  const hash = auditHash(fields);
  await insertRow(trx, dialect, 'audit_log', { ...fields, hash });
  await moveHead(trx, dialect, fields.seq, hash);
}

export interface AuditProblem {
  seq: number;
  problem: 'hash_mismatch' | 'broken_link' | 'missing_row' | 'head_mismatch';
}

/**
 * Walks the chain from the first row: recomputes each hash, checks each link and that sequence
 * numbers have no gap, and that the head matches the last row (a deleted tail shows there).
 */
export async function verifyAudit(
  database: Database,
  batchSize = 2000,
): Promise<{ ok: boolean; rows: number; problems: AuditProblem[] }> {
  const problems: AuditProblem[] = [];
  let prevHash = '0'.repeat(64);
  let expectedSeq = 1;
  let rows = 0;
  for (;;) {
    const batch = await database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('seq', '>=', expectedSeq)
      .orderBy('seq')
      .limit(batchSize)
      .execute();
    if (batch.length === 0) break;
    for (const raw of batch) {
      const row = { ...raw, seq: Number(raw.seq) };
      rows++;
      if (row.seq !== expectedSeq) {
        problems.push({ seq: expectedSeq, problem: 'missing_row' });
        expectedSeq = row.seq;
      }
      if (row.prev_hash !== prevHash) problems.push({ seq: row.seq, problem: 'broken_link' });
      if (auditHash(row) !== row.hash) problems.push({ seq: row.seq, problem: 'hash_mismatch' });
      prevHash = row.hash;
      expectedSeq = row.seq + 1;
    }
  }
  const head = await database.db
    .selectFrom('audit_head')
    .select(['seq', 'hash'])
    .where('id', '=', 1)
    .executeTakeFirst();
  if (!head || Number(head.seq) !== expectedSeq - 1 || head.hash !== prevHash) {
    problems.push({ seq: Number(head?.seq ?? 0), problem: 'head_mismatch' });
  }
  return { ok: problems.length === 0, rows, problems };
}
