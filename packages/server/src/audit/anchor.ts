import {
  createHash,
  createHmac,
  createPrivateKey,
  createPublicKey,
  type KeyObject,
  randomBytes,
  sign,
  verify,
} from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, statSync, writeSync } from 'node:fs';
import path from 'node:path';
import type { Database } from '../db/database.ts';

/**
 * The audit chain's anchor outside the database's reach (a database user, or anyone holding a copy,
 * can rewrite rows and recompute every SHA-256 of the chain; they cannot do the two things below
 * without the audit key):
 *
 * - every row carries `mac = HMAC-SHA256(key, previous row's mac, this row's hash)`, the last one on
 *   the head too, so an edited row, with every later hash recomputed, shows as a wrong MAC from that
 *   row on;
 * - signed checkpoints: the head's sequence number and hash, signed with an Ed25519 key derived from
 *   the same secret, appended to a file that is copied off the machine; anyone with that file and the
 *   public key can check a database (or a backup) without the secret, and a deleted tail, which MACs
 *   cannot show, shows against a checkpoint signed when the rows were still there.
 *
 * The key: 32 bytes from `MOTCUA_AUDIT_KEY` (64 hex digits or base64), else the file
 * `MOTCUA_AUDIT_KEY_FILE` (default `<data dir>/audit.key`), which the server creates (mode 0600) at
 * its first start, before the log has any MAC. Once it has, a process without the right key refuses
 * to start or to write audit entries.
 */
export const AUDIT_KEY_BYTES = 32;

/** The key of this process (set at start by the server and the commands); null: not configured. */
let processKey: Buffer | null | undefined;

/** Sets the audit key every audit entry of this process is sealed with. */
export function useAuditKey(key: Buffer | null): void {
  processKey = key;
}

/**
 * The audit key of this process: the one set by `useAuditKey`, else `MOTCUA_AUDIT_KEY` of the
 * environment (so a worker process started with it seals its entries too), else null.
 */
export function currentAuditKey(): Buffer | null {
  if (processKey !== undefined) return processKey;
  const fromEnvironment = process.env.MOTCUA_AUDIT_KEY;
  processKey = fromEnvironment ? parseAuditKey(fromEnvironment, 'MOTCUA_AUDIT_KEY') : null;
  return processKey;
}

/** 64 hex digits or the base64 of 32 bytes. */
export function parseAuditKey(text: string, source: string): Buffer {
  const value = text.trim();
  const key = /^[0-9a-fA-F]{64}$/.test(value) ? Buffer.from(value, 'hex') : Buffer.from(value, 'base64');
  if (
    key.length !== AUDIT_KEY_BYTES ||
    (!/^[0-9a-fA-F]{64}$/.test(value) && key.toString('base64') !== value)
  ) {
    throw new Error(`${source}: the audit key must be 32 bytes, as 64 hex digits or base64`);
  }
  return key;
}

/** A short public name of a key (never the key): in checkpoints and messages. */
export function auditKeyId(key: Buffer): string {
  return createHash('sha256').update('motcua-audit-key-id\n').update(key).digest('hex').slice(0, 16);
}

/** The MAC of a row: over the previous row's MAC (empty for the first sealed row) and this row's hash. */
export function auditMac(key: Buffer, previousMac: string | null, hash: string): string {
  return createHmac('sha256', key)
    .update('motcua-audit-mac/v1\n')
    .update(previousMac ?? '')
    .update('\n')
    .update(hash)
    .digest('hex');
}

/** PKCS#8 DER prefix of an Ed25519 private key; the 32-byte seed follows. */
const ED25519_PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

/** The Ed25519 key pair of the checkpoints, derived from the audit key (so one secret to keep). */
export function checkpointKeys(key: Buffer): { privateKey: KeyObject; publicKey: KeyObject } {
  const seed = createHmac('sha256', key).update('motcua-audit-checkpoint-signing/v1').digest();
  const privateKey = createPrivateKey({
    key: Buffer.concat([ED25519_PKCS8_PREFIX, seed]),
    format: 'der',
    type: 'pkcs8',
  });
  return { privateKey, publicKey: createPublicKey(privateKey) };
}

export function publicKeyPem(key: Buffer): string {
  return checkpointKeys(key).publicKey.export({ type: 'spki', format: 'pem' }).toString();
}

/** One signed checkpoint: a line of the checkpoints file. */
export interface Checkpoint {
  v: 1;
  seq: number;
  hash: string;
  mac: string | null;
  at: string;
  keyId: string;
  /** Ed25519 over `checkpointText`, base64. */
  signature: string;
}

const checkpointText = (c: Omit<Checkpoint, 'signature'>) =>
  `motcua-audit-checkpoint/v1\n${c.seq}\n${c.hash}\n${c.mac ?? ''}\n${c.at}\n${c.keyId}`;

/** A checkpoint of the audit log's head as it is now, signed. */
export async function makeCheckpoint(database: Database, key: Buffer, now = new Date()): Promise<Checkpoint> {
  const head = await database.db
    .selectFrom('audit_head')
    .select(['seq', 'hash', 'mac'])
    .where('id', '=', 1)
    .executeTakeFirstOrThrow();
  const unsigned = {
    v: 1 as const,
    seq: Number(head.seq),
    hash: head.hash,
    mac: head.mac,
    at: now.toISOString(),
    keyId: auditKeyId(key),
  };
  const signature = sign(null, Buffer.from(checkpointText(unsigned)), checkpointKeys(key).privateKey);
  return { ...unsigned, signature: signature.toString('base64') };
}

export function checkpointSignatureOk(checkpoint: Checkpoint, publicKey: KeyObject): boolean {
  try {
    const { signature, ...unsigned } = checkpoint;
    return verify(null, Buffer.from(checkpointText(unsigned)), publicKey, Buffer.from(signature, 'base64'));
  } catch {
    return false;
  }
}

/** Appends one checkpoint as a line of JSON (the file is created, mode 0600, if missing). */
export function appendCheckpoint(file: string, checkpoint: Checkpoint): void {
  mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const fd = openSync(file, 'a', 0o600);
  try {
    writeSync(fd, `${JSON.stringify(checkpoint)}\n`);
  } finally {
    closeSync(fd);
  }
}

/** The checkpoints of a file, one JSON object a line; a line that is not one is reported by number. */
export function readCheckpoints(file: string): { checkpoints: Checkpoint[]; badLines: number[] } {
  const checkpoints: Checkpoint[] = [];
  const badLines: number[] = [];
  readFileSync(file, 'utf8')
    .split('\n')
    .forEach((line, index) => {
      if (line.trim() === '') return;
      try {
        const c = JSON.parse(line) as Checkpoint;
        if (
          c.v !== 1 ||
          !Number.isInteger(c.seq) ||
          typeof c.hash !== 'string' ||
          typeof c.signature !== 'string' ||
          typeof c.at !== 'string' ||
          typeof c.keyId !== 'string'
        ) {
          throw new Error('not a checkpoint');
        }
        checkpoints.push(c);
      } catch {
        badLines.push(index + 1);
      }
    });
  return { checkpoints, badLines };
}

export const defaultKeyFile = (dataDir: string, env: NodeJS.ProcessEnv) =>
  env.MOTCUA_AUDIT_KEY_FILE || path.join(dataDir, 'audit.key');

/** The configured key, without creating one: from `MOTCUA_AUDIT_KEY`, else the key file, else null. */
export function findAuditKey(
  dataDir: string,
  env: NodeJS.ProcessEnv,
): { key: Buffer; source: string } | null {
  if (env.MOTCUA_AUDIT_KEY)
    return { key: parseAuditKey(env.MOTCUA_AUDIT_KEY, 'MOTCUA_AUDIT_KEY'), source: 'MOTCUA_AUDIT_KEY' };
  const file = defaultKeyFile(dataDir, env);
  if (!existsSync(file)) return null;
  const mode = statSync(file).mode & 0o777;
  if (mode & 0o077) {
    throw new Error(
      `${file}: the audit key file must be readable by its owner only (mode ${mode.toString(8)}; run chmod 600 ${file})`,
    );
  }
  return { key: parseAuditKey(readFileSync(file, 'utf8'), file), source: file };
}

/**
 * The key a process that writes uses, checked against the log: found (`findAuditKey`), or created in
 * the key file while the log has no MAC yet. Refuses when the log is sealed and no key is found, or
 * when the key found did not seal it (another server's key, a restored database without its key).
 */
export async function prepareAuditKey(
  database: Database,
  dataDir: string,
  env: NodeJS.ProcessEnv,
): Promise<{ key: Buffer; source: string; created: boolean }> {
  const head = await database.db
    .selectFrom('audit_head')
    .select(['seq', 'hash', 'mac'])
    .where('id', '=', 1)
    .executeTakeFirstOrThrow();
  const found = findAuditKey(dataDir, env);
  if (!found) {
    const file = defaultKeyFile(dataDir, env);
    if (head.mac) {
      throw new Error(
        `The audit log is sealed with an audit key, and none is configured: set MOTCUA_AUDIT_KEY or restore ${file}`,
      );
    }
    const key = randomBytes(AUDIT_KEY_BYTES);
    mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    const fd = openSync(file, 'wx', 0o600);
    try {
      writeSync(fd, `${key.toString('hex')}\n`);
    } finally {
      closeSync(fd);
    }
    return { key, source: file, created: true };
  }
  if (head.mac) {
    const previous = await database.db
      .selectFrom('audit_log')
      .select('mac')
      .where('seq', '=', Number(head.seq) - 1)
      .executeTakeFirst();
    if (auditMac(found.key, previous?.mac ?? null, head.hash) !== head.mac) {
      throw new Error(
        `The audit key from ${found.source} (id ${auditKeyId(found.key)}) did not seal this audit log: ` +
          'use the key the other server processes use, or the one kept with this database',
      );
    }
  }
  return { ...found, created: false };
}
