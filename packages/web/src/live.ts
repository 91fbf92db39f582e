import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';

/** Queries of lists that a change of a dossier or a shipment may alter (their first key). */
const LISTS = new Set(['dossiers', 'inbox', 'batches', 'overview', 'postal']);
/** Changes that arrive together (a handover batch of twenty dossiers) refresh the lists once. */
const LIST_REFRESH_MS = 300;

interface Change {
  entity: 'dossier' | 'shipment';
  id: string;
}

/**
 * Live updates: listens to `GET /api/v1/events` while signed in and reads again, at once, the open
 * dossier that someone else changed and the lists on screen (only queries in use are fetched again).
 * After a break in the stream (server restart, the stream's lifetime) what changed meanwhile was not
 * heard, so everything of the kind is read again.
 */
export function useLiveUpdates(signedIn: boolean): void {
  const queryClient = useQueryClient();
  useEffect(() => {
    if (!signedIn || typeof EventSource === 'undefined') return;
    const source = new EventSource('/api/v1/events');
    let timer: number | null = null;
    const refreshLists = () => {
      timer = null;
      void queryClient.invalidateQueries({ predicate: (q) => LISTS.has(String(q.queryKey[0])) });
    };
    source.addEventListener('change', (event) => {
      let change: Change;
      try {
        change = JSON.parse((event as MessageEvent<string>).data) as Change;
      } catch {
        return;
      }
      // A shipment shows on its dossier's page too: any open dossier is read again then.
      void queryClient.invalidateQueries({
        queryKey: change.entity === 'dossier' ? ['dossier', change.id] : ['dossier'],
      });
      timer ??= window.setTimeout(refreshLists, LIST_REFRESH_MS);
    });
    let opened = false;
    source.addEventListener('open', () => {
      if (opened) {
        void queryClient.invalidateQueries({
          predicate: (q) => q.queryKey[0] === 'dossier' || LISTS.has(String(q.queryKey[0])),
        });
      }
      opened = true;
    });
    return () => {
      source.close();
      if (timer !== null) window.clearTimeout(timer);
    };
  }, [signedIn, queryClient]);
}
