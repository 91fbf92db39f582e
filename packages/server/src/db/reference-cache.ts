import { Kept } from '../cache.ts';
import type { Database } from './database.ts';

/**
 * Reference data read on every intake (service points, agencies, procedures and their current
 * version, administrative units) kept briefly in memory, per database. The services that change
 * such data clear every reference cache of the process at once; another server process sees the
 * change within `ttlMs` (30 s by default). Only found values are kept: a miss is asked again.
 */
export interface ReferenceCache<V extends {}> {
  get(database: Database, key: string, load: () => Promise<V | undefined>): Promise<V | undefined>;
}

export const REFERENCE_TTL_MS = 30_000;

/** Bumped by `clearReferenceCaches`: a cache made in an earlier generation is dropped when next used. */
let generation = 0;

export function referenceCache<V extends {}>(
  options: { max?: number; ttlMs?: number } = {},
): ReferenceCache<V> {
  const perDatabase = new WeakMap<Database, { generation: number; kept: Kept<V> }>();
  return {
    get(database, key, load) {
      let held = perDatabase.get(database);
      if (!held || held.generation !== generation) {
        held = {
          generation,
          kept: new Kept<V>({ max: options.max ?? 2000, ttlMs: options.ttlMs ?? REFERENCE_TTL_MS }),
        };
        perDatabase.set(database, held);
      }
      // Not shared between callers: intake may ask from inside its transaction (see `Kept`). A value
      // loaded while a write cleared the caches lands in the old generation's cache, never used again.
      return held.kept.getAlone(key, load);
    },
  };
}

/** Forgets every cached reference value of every database (after a write to reference data). */
export function clearReferenceCaches(): void {
  generation++;
}
