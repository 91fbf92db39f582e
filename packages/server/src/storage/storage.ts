import type { Readable } from 'node:stream';

/** Where attachment bytes live, addressed by their SHA-256: the same content is stored once. */
export interface BlobStore {
  /** Stores the bytes (if not stored yet) and returns their hash and size. */
  put(bytes: Buffer): Promise<{ sha256: string; size: number }>;
  /** The bytes of a stored blob, or null when there is none. */
  get(sha256: string): Promise<Readable | null>;
  has(sha256: string): Promise<boolean>;
}

const SHA256_HEX = /^[0-9a-f]{64}$/;

/** Whether `value` is a lower-case hex SHA-256, the only key a store accepts (no path tricks). */
export function isSha256(value: string): boolean {
  return SHA256_HEX.test(value);
}
