import pg from 'pg';
import type { Database } from '../db/database.ts';
import { CHANNEL_PREFIX, type ChangeEvent, hubFor } from './hub.ts';

const RETRY_MS = 1000;

/**
 * One connection per process that LISTENs on the schema's change channel and feeds the hub of
 * `database`. A lost connection (PostgreSQL restarted) is opened again after a second; changes
 * announced meanwhile are not heard (the console also refreshes on focus and on reconnecting).
 */
export function startPgListener(
  database: Database,
  onError: (error: Error) => void,
): { ready: Promise<void>; close(): Promise<void> } {
  let closed = false;
  let markReady: () => void = () => {};
  const ready = new Promise<void>((resolve) => {
    markReady = resolve;
  });
  let client: pg.Client | null = null;
  let timer: NodeJS.Timeout | null = null;

  const retry = () => {
    client = null;
    if (closed || timer) return;
    timer = setTimeout(() => {
      timer = null;
      void connect();
    }, RETRY_MS);
    timer.unref();
  };

  const connect = async () => {
    const c = new pg.Client({
      connectionString: database.url,
      ...(database.schema ? { options: `-c search_path=${database.schema}` } : {}),
    });
    c.on('error', (error) => {
      onError(error);
      c.end().catch(() => {});
      retry();
    });
    c.on('notification', (message) => {
      if (!message.payload) return;
      try {
        const event = JSON.parse(message.payload) as ChangeEvent;
        if ((event.entity === 'dossier' || event.entity === 'shipment') && typeof event.id === 'string') {
          hubFor(database.db).publish(event);
        }
      } catch {
        // Not ours: ignore.
      }
    });
    try {
      await c.connect();
      const { rows } = await c.query<{ schema: string }>('select current_schema() as schema');
      const channel = `${CHANNEL_PREFIX}${rows[0]?.schema ?? 'public'}`;
      await c.query(`listen "${channel.replaceAll('"', '""')}"`);
      if (closed) {
        await c.end();
        return;
      }
      client = c;
      markReady();
    } catch (error) {
      markReady();
      onError(error as Error);
      c.end().catch(() => {});
      retry();
    }
  };

  void connect();
  return {
    ready,
    async close() {
      closed = true;
      if (timer) clearTimeout(timer);
      await client?.end().catch(() => {});
    },
  };
}
