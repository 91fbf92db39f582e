import { LRUCache } from 'lru-cache';
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
  const perDatabase = new WeakMap<Database, { generation: number; cache: LRUCache<string, V> }>();
  return {
    async get(database, key, load) {
      let held = perDatabase.get(database);
      if (!held || held.generation !== generation) {
        held = {
          generation,
          cache: new LRUCache<string, V>({
            max: options.max ?? 2000,
            ttl: options.ttlMs ?? REFERENCE_TTL_MS,
          }),
        };
        perDatabase.set(database, held);
      }
      const hit = held.cache.get(key);
      if (hit !== undefined) return hit;
      const startedIn = generation;
      const value = await load();
      // A write that cleared the caches while this value loaded may have changed it: do not keep it.
      if (value !== undefined && startedIn === generation) held.cache.set(key, value);
      return value;
    },
  };
}

/** Forgets every cached reference value of every database (after a write to reference data). */
export function clearReferenceCaches(): void {
  generation++;
}
