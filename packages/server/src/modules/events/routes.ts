import type { ServerResponse } from 'node:http';
import { Type } from 'typebox';
import { type ChangeEvent, hubFor } from '../../events/hub.ts';
import { startPgListener } from '../../events/pg-listener.ts';
import type { RouteModule } from '../../http/route-module.ts';
import { errorResponses } from '../../http/schemas.ts';
import { type Actor, can } from '../../policy/policy.ts';
import { Permission } from '../../policy/roles.ts';

/** A comment line every so often keeps proxies from closing an idle stream. */
const HEARTBEAT_MS = 25_000;
/**
 * A stream ends after this long and the browser's EventSource opens a new one (after `retry`), which
 * signs in again: a session signed out or a grant withdrawn meanwhile stops being served within it.
 */
const STREAM_LIFETIME_MS = 5 * 60_000;
const RETRY_MS = 2_000;

interface Stream {
  actor: Actor;
  raw: ServerResponse;
}

/** Where a changed entity belongs: the sites and agencies whose staff may read it. */
interface Scope {
  servicePointIds: string[];
  agencyIds: string[];
  deliverySiteId?: string;
}

/**
 * `GET /api/v1/events`: server-sent events telling a signed-in user, at once, that a dossier or a
 * shipment in their reach changed (`event: change`, `data: {"entity":"dossier","id":"…"}`). The
 * console reads the entity again through the API. Fed by the change hub (events/hub.ts): after the
 * commit on SQLite, by LISTEN/NOTIFY on PostgreSQL (every process hears every change).
 */
export const registerEventRoutes: RouteModule = (app, { database }) => {
  const streams = new Set<Stream>();
  const hub = hubFor(database.db);

  const scopeOf = async (event: ChangeEvent): Promise<Scope | null> => {
    if (event.entity === 'dossier') {
      const d = await database.db
        .selectFrom('dossiers')
        .select(['receiving_site_id', 'returning_site_id', 'lead_agency_id', 'current_agency_id'])
        .where('id', '=', event.id)
        .executeTakeFirst();
      if (!d) return null;
      return {
        servicePointIds: [d.receiving_site_id, d.returning_site_id],
        agencyIds: [d.lead_agency_id, d.current_agency_id],
      };
    }
    const s = await database.db
      .selectFrom('shipments')
      .select(['origin_site_id', 'delivery_site_id'])
      .where('id', '=', event.id)
      .executeTakeFirst();
    if (!s) return null;
    return {
      servicePointIds: [s.origin_site_id, s.delivery_site_id],
      agencyIds: [],
      deliverySiteId: s.delivery_site_id,
    };
  };

  // The same rule as reading the entity: a dossier by its sites and agencies (GET /dossiers/:id), a
  // shipment by its sites, or by the delivery site for its couriers.
  const allowed = (actor: Actor, scope: Scope) =>
    can(actor, Permission.DossierRead, scope) ||
    (scope.deliverySiteId !== undefined &&
      can(actor, Permission.DeliveryWork, { servicePointIds: [scope.deliverySiteId] }));

  const deliver = async (event: ChangeEvent) => {
    if (streams.size === 0) return;
    let scope: Scope | null;
    try {
      scope = await scopeOf(event);
    } catch (error) {
      app.log.warn({ err: error }, 'events: scope not read');
      return;
    }
    if (!scope) return;
    const frame = `event: change\ndata: ${JSON.stringify({ entity: event.entity, id: event.id })}\n\n`;
    for (const stream of streams) if (allowed(stream.actor, scope)) stream.raw.write(frame);
  };
  const unsubscribe = hub.subscribe((event) => void deliver(event));

  const listener =
    database.dialect === 'postgres'
      ? startPgListener(database, (error) => app.log.warn({ err: error }, 'events: LISTEN connection lost'))
      : null;
  if (listener) app.addHook('onReady', () => listener.ready);
  app.addHook('preClose', (done) => {
    for (const stream of streams) stream.raw.end();
    streams.clear();
    done();
  });
  app.addHook('onClose', async () => {
    unsubscribe();
    await listener?.close();
  });

  app.get(
    '/api/v1/events',
    {
      config: { permission: Permission.DossierRead },
      schema: {
        tags: ['events'],
        summary:
          'Live updates (text/event-stream): `event: change` with `{ entity: "dossier" | "shipment", id }` for every change within your reach',
        response: {
          200: {
            description: 'A stream of `change` events, a `retry` and keep-alive comments',
            content: { 'text/event-stream': { schema: Type.String() } },
          },
          ...errorResponses,
        },
      },
    },
    async (request, reply) => {
      const raw = reply.raw;
      reply.hijack();
      // Headers set by the onRequest hooks (security headers) are on `reply`, not yet on `raw`.
      for (const [name, value] of Object.entries(reply.getHeaders())) {
        if (value !== undefined) raw.setHeader(name, value as string);
      }
      raw.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      });
      raw.write(`retry: ${RETRY_MS}\n: motcua live updates\n\n`);
      const stream: Stream = { actor: request.actor!, raw };
      streams.add(stream);
      const heartbeat = setInterval(() => raw.write(': keep-alive\n\n'), HEARTBEAT_MS);
      const lifetime = setTimeout(() => raw.end(), STREAM_LIFETIME_MS);
      heartbeat.unref();
      lifetime.unref();
      const stop = () => {
        clearInterval(heartbeat);
        clearTimeout(lifetime);
        streams.delete(stream);
      };
      raw.on('close', stop);
      raw.on('error', stop);
    },
  );
};
