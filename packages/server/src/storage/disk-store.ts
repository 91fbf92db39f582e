import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { access, mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { type BlobStore, isSha256 } from './storage.ts';

/**
 * Blobs on the local disk under `<root>/ab/cd/<sha256>`. A blob is written to a temporary file in
 * `<root>/tmp` and renamed into place, so a reader never sees half a file and two writers of the same
 * content end with one file.
 */
export class DiskBlobStore implements BlobStore {
  constructor(readonly root: string) {}

  /** The path of a blob, e.g. `<root>/3f/a2/3fa2…`. */
  pathOf(sha256: string): string {
    if (!isSha256(sha256)) throw new Error(`Not a SHA-256: ${sha256}`);
    return path.join(this.root, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  }

  async put(bytes: Buffer): Promise<{ sha256: string; size: number }> {
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const target = this.pathOf(sha256);
    if (await this.has(sha256)) return { sha256, size: bytes.length };
    const tmpDir = path.join(this.root, 'tmp');
    await mkdir(tmpDir, { recursive: true });
    await mkdir(path.dirname(target), { recursive: true });
    const temp = path.join(tmpDir, `${sha256}.${randomBytes(6).toString('hex')}`);
    try {
      await writeFile(temp, bytes, { flag: 'wx' });
      await rename(temp, target);
    } catch (error) {
      await rm(temp, { force: true });
      throw error;
    }
    return { sha256, size: bytes.length };
  }

  async get(sha256: string): Promise<Readable | null> {
    if (!(await this.has(sha256))) return null;
    return createReadStream(this.pathOf(sha256));
  }

  async has(sha256: string): Promise<boolean> {
    if (!isSha256(sha256)) return false;
    try {
      await access(this.pathOf(sha256));
      return true;
    } catch {
      return false;
    }
  }
}

/** The attachment store of a deployment: `<dataDir>/attachments`. */
export function attachmentStore(dataDir: string): DiskBlobStore {
  return new DiskBlobStore(path.join(dataDir, 'attachments'));
}
