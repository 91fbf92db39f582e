/**
 * When each dossier last changed in this process (milliseconds since the epoch), for in-memory
 * caches of dossier data: an entry read before the change is stale. Recorded after the commit.
 * Changes made by other server processes are not seen here: caches bound that lag by their TTL.
 */
const changedAt = new Map<string, number>();

/** How long a change is remembered: longer than any cache that asks may keep an entry. */
export const CHANGE_MEMORY_MS = 60_000;
const PRUNE_AT = 10_000;

export function noteDossierChanged(dossierId: string, at = Date.now()): void {
  changedAt.delete(dossierId);
  changedAt.set(dossierId, at);
  if (changedAt.size > PRUNE_AT) {
    // Insertion order is change order: drop from the oldest until a recent one.
    for (const [id, when] of changedAt) {
      if (at - when < CHANGE_MEMORY_MS) break;
      changedAt.delete(id);
    }
  }
}

/** Whether the dossier changed (in this process) at or after `since`. */
export function changedSince(dossierId: string, since: number): boolean {
  const when = changedAt.get(dossierId);
  return when !== undefined && when >= since;
}
