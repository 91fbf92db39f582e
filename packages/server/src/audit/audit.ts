import type { KeyObject } from 'node:crypto';
import { createHash } from 'node:crypto';
import type { Database, Dialect, Executor } from '../db/database.ts';
import { fixedQuery, forUpdate, insertRow, newId, nowIso } from '../db/helpers.ts';
import { announceChange, CHANGE_ENTITIES, type ChangeEvent } from '../events/hub.ts';
import type { Actor } from '../policy/policy.ts';
import {
  auditMac,
  type Checkpoint,
  checkpointKeys,
  checkpointSignatureOk,
  currentAuditKey,
} from './anchor.ts';

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
  forUpdate(dialect, executor.selectFrom('audit_head').select(['seq', 'hash', 'mac']).where('id', '=', 1)),
);
const moveHead = fixedQuery(
  (executor: Executor, _dialect: Dialect, seq: number, hash: string, mac: string | null) =>
    executor.updateTable('audit_head').set({ seq, hash, mac }).where('id', '=', 1),
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
  // Sealed with the audit key (audit/anchor.ts): a chain once sealed takes no unsealed row.
  const key = currentAuditKey();
  if (!key && head.mac) {
    throw new Error(
      'The audit log is sealed with an audit key, and this process has none (MOTCUA_AUDIT_KEY)',
    );
  }
  const mac = key ? auditMac(key, head.mac, hash) : null;
  await insertRow(trx, dialect, 'audit_log', { ...fields, hash, mac });
  await moveHead(trx, dialect, fields.seq, hash, mac);
  // Every write of a dossier or a shipment has its audit entry: the live updates hear of it here.
  if (entry.entityId && CHANGE_ENTITIES.has(entry.entityType)) {
    await announceChange(trx, dialect, {
      entity: entry.entityType as ChangeEvent['entity'],
      id: entry.entityId,
    });
  }
}

export interface AuditProblem {
  seq: number;
  problem:
    | 'hash_mismatch'
    | 'broken_link'
    | 'missing_row'
    | 'head_mismatch'
    /** The row's MAC is not the audit key's: the row (or one before it) was changed after it was sealed. */
    | 'mac_mismatch'
    /** A row without a MAC after sealed rows. */
    | 'mac_missing'
    /** A signed checkpoint says another hash at this sequence number. */
    | 'checkpoint_mismatch'
    /** A signed checkpoint names a row the log no longer has (a deleted tail). */
    | 'checkpoint_missing_row'
    /** A checkpoint whose signature is not the public key's. */
    | 'checkpoint_bad_signature';
}

export interface AuditVerification {
  ok: boolean;
  rows: number;
  problems: AuditProblem[];
  /** Whether the MACs were checked (the audit key was at hand). */
  macChecked: boolean;
  /** Rows without a MAC, written before the audit key existed. */
  unsealedRows: number;
  /** Signed checkpoints checked against the log. */
  checkpoints: number;
}

export interface VerifyOptions {
  batchSize?: number;
  /** The audit key, to check the MACs; default the process's; null: not checked. */
  key?: Buffer | null;
  /** Signed checkpoints to hold the log to, with the public key they must be signed with. */
  checkpoints?: { list: Checkpoint[]; publicKey: KeyObject };
}

/**
 * Walks the chain from the first row: recomputes each hash, checks each link and that sequence
 * numbers have no gap, and that the head matches the last row (a deleted tail shows there). With the
 * audit key, checks each row's MAC (an edited row whose later hashes were all recomputed shows here);
 * with signed checkpoints, that the log still has each checkpoint's row with the same hash (a deleted
 * tail shows here even when the head was moved back too).
 */
export async function verifyAudit(
  database: Database,
  options: VerifyOptions = {},
): Promise<AuditVerification> {
  const batchSize = options.batchSize ?? 2000;
  const key = options.key === undefined ? currentAuditKey() : options.key;
  const problems: AuditProblem[] = [];
  const checkpointsAt = new Map<number, Checkpoint[]>();
  for (const c of options.checkpoints?.list ?? []) {
    if (!checkpointSignatureOk(c, options.checkpoints!.publicKey)) {
      problems.push({ seq: c.seq, problem: 'checkpoint_bad_signature' });
      continue;
    }
    if (c.seq === 0) continue;
    checkpointsAt.set(c.seq, [...(checkpointsAt.get(c.seq) ?? []), c]);
  }
  let prevHash = '0'.repeat(64);
  let prevMac: string | null = null;
  let expectedSeq = 1;
  let rows = 0;
  let unsealedRows = 0;
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
      // A log not yet migrated to MACs has no such column: its rows are unsealed.
      const row = { ...raw, seq: Number(raw.seq), mac: raw.mac ?? null };
      rows++;
      if (row.seq !== expectedSeq) {
        problems.push({ seq: expectedSeq, problem: 'missing_row' });
        expectedSeq = row.seq;
      }
      if (row.prev_hash !== prevHash) problems.push({ seq: row.seq, problem: 'broken_link' });
      if (auditHash(row) !== row.hash) problems.push({ seq: row.seq, problem: 'hash_mismatch' });
      if (row.mac === null) {
        if (prevMac !== null) problems.push({ seq: row.seq, problem: 'mac_missing' });
        else unsealedRows++;
      } else if (key && auditMac(key, prevMac, row.hash) !== row.mac) {
        problems.push({ seq: row.seq, problem: 'mac_mismatch' });
      }
      for (const c of checkpointsAt.get(row.seq) ?? []) {
        if (c.hash !== row.hash || (c.mac !== null && c.mac !== row.mac)) {
          problems.push({ seq: row.seq, problem: 'checkpoint_mismatch' });
        }
      }
      checkpointsAt.delete(row.seq);
      prevHash = row.hash;
      prevMac = row.mac ?? prevMac;
      expectedSeq = row.seq + 1;
    }
  }
  for (const seq of checkpointsAt.keys()) problems.push({ seq, problem: 'checkpoint_missing_row' });
  const head = await database.db
    .selectFrom('audit_head')
    .select(['seq', 'hash', 'mac'])
    .where('id', '=', 1)
    .executeTakeFirst();
  if (
    !head ||
    Number(head.seq) !== expectedSeq - 1 ||
    head.hash !== prevHash ||
    (head.mac ?? null) !== prevMac
  ) {
    problems.push({ seq: Number(head?.seq ?? 0), problem: 'head_mismatch' });
  }
  problems.sort((a, b) => a.seq - b.seq);
  return {
    ok: problems.length === 0,
    rows,
    problems,
    macChecked: key !== null,
    unsealedRows,
    checkpoints: options.checkpoints?.list.length ?? 0,
  };
}

/** The public key checkpoints of this audit key are signed with. */
export const checkpointPublicKey = (key: Buffer) => checkpointKeys(key).publicKey;
