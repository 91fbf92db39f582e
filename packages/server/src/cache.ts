import { LRUCache } from 'lru-cache';

export interface KeptOptions {
  /** At most this many entries; the least recently used go first. */
  max: number;
  /** How long an entry is kept (ms). */
  ttlMs: number;
  /**
   * Entries loaded together (a burst, a server start) expire spread over the last quarter of
   * `ttlMs`, not all in the same instant.
   */
  spread?: boolean;
  /** The clock the times are read from (tests). */
  clock?: { now(): number };
}

/**
 * The one in-memory cache of the server (ARCHITECTURE.md, "In-memory caches"), over `lru-cache`:
 * bounded, each entry kept `ttlMs`, and the loads of one key running at the same time shared
 * (`fetch`). A value the source does not have (`undefined`) is never kept: a miss is asked again.
 * `clear` or `delete` during a load keeps nothing of it (a write may have changed what it read);
 * whoever waits for it gets a new load.
 *
 * A load that runs inside a transaction must not be shared: on SQLite a load on the database waiting
 * for the connection the transaction holds would never end. Such callers use `getAlone`.
 */
export class Kept<V extends {}> {
  private readonly cache: LRUCache<string, V, () => Promise<V | undefined>>;
  /** Bumped by `clear` and `delete`: a load that began before cannot be trusted. */
  private generation = 0;

  constructor(private readonly options: KeptOptions) {
    this.cache = new LRUCache<string, V, () => Promise<V | undefined>>({
      max: options.max,
      ttl: options.ttlMs,
      fetchMethod: (_key, _stale, { context }) => context(),
      // A clock of the caller's is read at every check (lru-cache otherwise keeps a reading 1 ms).
      ...(options.clock ? { perf: options.clock, ttlResolution: 0 } : {}),
    });
  }

  /** The kept value at once (no promise), or `undefined`. */
  peek(key: string): V | undefined {
    return this.cache.get(key);
  }

  /**
   * The kept value, or `load`'s, kept; loads of one key at the same time share one `load`. A load that
   * always finds its value (`R` = `V`) gives a `V`, no `undefined` to handle.
   */
  async get<R extends V | undefined>(
    key: string,
    load: () => Promise<R>,
    options: { refresh?: boolean } = {},
  ): Promise<R> {
    const startedIn = this.generation;
    try {
      return (await this.cache.fetch(key, {
        context: load,
        ttl: this.ttl(),
        ...(options.refresh ? { forceRefresh: true } : {}),
      })) as R;
    } catch (error) {
      // Cleared while loading: lru-cache drops the load's answer and rejects; read again.
      if (this.generation !== startedIn) return load();
      throw error;
    }
  }

  /** As `get`, the load not shared with others (a load inside a transaction). */
  async getAlone<R extends V | undefined>(key: string, load: () => Promise<R>): Promise<R> {
    const hit = this.cache.get(key);
    if (hit !== undefined) return hit as R;
    const startedIn = this.generation;
    const value = await load();
    if (value !== undefined && this.generation === startedIn) this.set(key, value);
    return value;
  }

  /** Keeps a value the process itself knows (no load). */
  set(key: string, value: V): void {
    this.cache.set(key, value, { ttl: this.ttl() });
  }

  delete(key: string): void {
    this.generation++;
    this.cache.delete(key);
  }

  clear(): void {
    this.generation++;
    this.cache.clear();
  }

  private ttl(): number {
    const { ttlMs, spread } = this.options;
    return spread ? Math.round(ttlMs * (0.75 + Math.random() * 0.25)) : ttlMs;
  }
}
