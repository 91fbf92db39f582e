import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { canonicalJson } from '../audit/audit.ts';
import type { Database } from '../db/database.ts';
import { isUniqueViolation, nowIso } from '../db/helpers.ts';
import { AppError } from '../errors.ts';

const KEY_PATTERN = /^[A-Za-z0-9._:-]{8,200}$/;

/**
 * How long a key may stay `pending` before a retry takes it over (60 s). A request whose process died
 * (kill -9, a crash, the machine restarting) leaves its key pending; after the lease the next retry
 * runs the request again instead of getting 409 forever. That is safe because every write a client
 * retries carries a unique client transaction id in its business table: a request that had committed
 * before the process died is found again, not repeated. The lease must stay above the longest time a
 * request runs (`MOTCUA_IDEMPOTENCY_LEASE_MS`).
 */
export const IDEMPOTENCY_LEASE_MS = 60_000;

/**
 * `Idempotency-Key` on routes marked `idempotent`: the first request with a key runs and its 2xx
 * response is stored; a retry with the same key and the same body gets the stored response back
 * (header `Idempotent-Replayed: true`); the same key with another body is refused (422); a retry
 * while the first is still running gets 409 with Retry-After, until the lease runs out and the retry
 * takes the key over. The key is scoped to the signed-in user.
 * Business tables carry their own unique client transaction ids as the last line of defence.
 */
export function registerIdempotency(
  app: FastifyInstance,
  database: Database,
  options: { leaseMs?: number } = {},
): void {
  const leaseMs = options.leaseMs ?? IDEMPOTENCY_LEASE_MS;

  app.addHook('preHandler', async (request, reply) => {
    if (!request.routeOptions.config.idempotent) return;
    const key = request.headers['idempotency-key'];
    if (key === undefined) return;
    if (typeof key !== 'string' || !KEY_PATTERN.test(key)) {
      throw new AppError(
        400,
        'VALIDATION_FAILED',
        { vi: 'Idempotency-Key không hợp lệ', en: 'Invalid Idempotency-Key' },
        [
          {
            field: 'Idempotency-Key',
            message: {
              vi: 'Cần 8–200 ký tự chữ, số hoặc . _ : -',
              en: 'Needs 8–200 letters, digits or . _ : -',
            },
          },
        ],
      );
    }
    const scope = request.actor?.userId ?? `public:${request.ip}`;
    const requestHash = hashRequest(request);
    // Twice at most: the key found taken may be freed (its request failed) before it is read.
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        await database.db
          .insertInto('idempotency_keys')
          .values({
            scope,
            key,
            method: request.method,
            path: request.url,
            request_hash: requestHash,
            status: 'pending',
            status_code: null,
            response_body: null,
            created_at: nowIso(),
          })
          .execute();
        request.idempotency = { scope, key };
        return;
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
      }
      const existing = await database.db
        .selectFrom('idempotency_keys')
        .selectAll()
        .where('scope', '=', scope)
        .where('key', '=', key)
        .executeTakeFirst();
      if (!existing) continue;
      if (existing.request_hash !== requestHash) {
        throw new AppError(422, 'IDEMPOTENCY_KEY_REUSED', {
          vi: 'Idempotency-Key này đã được dùng cho một yêu cầu khác',
          en: 'This Idempotency-Key was used for a different request',
        });
      }
      if (existing.status === 'done') {
        reply.header('idempotent-replayed', 'true');
        reply.header('content-type', 'application/json; charset=utf-8');
        return reply.status(existing.status_code ?? 200).send(existing.response_body ?? 'null');
      }
      const age = Date.now() - Date.parse(existing.created_at);
      if (!(age < leaseMs)) {
        // The lease ran out: the request that held the key died with its process. Taken over by
        // whoever moves `created_at` first (compare and swap), so two retries never both run.
        const taken = await database.db
          .updateTable('idempotency_keys')
          .set({ created_at: nowIso() })
          .where('scope', '=', scope)
          .where('key', '=', key)
          .where('status', '=', 'pending')
          .where('created_at', '=', existing.created_at)
          .executeTakeFirst();
        if (Number(taken.numUpdatedRows) === 1) {
          request.log.warn({ idempotencyKey: key }, 'idempotency key taken over after its lease ran out');
          request.idempotency = { scope, key };
          return;
        }
      }
      reply.header('retry-after', String(Math.max(1, Math.ceil((leaseMs - Math.max(0, age)) / 1000))));
      throw new AppError(409, 'IDEMPOTENCY_IN_PROGRESS', {
        vi: 'Yêu cầu với Idempotency-Key này đang được xử lý, vui lòng gửi lại sau',
        en: 'A request with this Idempotency-Key is still being processed, retry later',
      });
    }
    throw new AppError(409, 'IDEMPOTENCY_IN_PROGRESS', {
      vi: 'Yêu cầu với Idempotency-Key này đang được xử lý, vui lòng gửi lại sau',
      en: 'A request with this Idempotency-Key is still being processed, retry later',
    });
  });

  app.addHook('onSend', async (request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    const marker = request.idempotency;
    if (!marker) return payload;
    request.idempotency = null;
    try {
      if (reply.statusCode >= 200 && reply.statusCode < 300 && typeof payload === 'string') {
        await database.db
          .updateTable('idempotency_keys')
          .set({ status: 'done', status_code: reply.statusCode, response_body: payload })
          .where('scope', '=', marker.scope)
          .where('key', '=', marker.key)
          .execute();
      } else {
        // Nothing was created: free the key so a corrected retry can use it.
        await database.db
          .deleteFrom('idempotency_keys')
          .where('scope', '=', marker.scope)
          .where('key', '=', marker.key)
          .execute();
      }
    } catch (error) {
      // The answer stands (the work is committed, or failed): the key stays pending and its lease
      // lets a retry through later, where the client transaction id finds what was committed.
      request.log.warn({ err: error, idempotencyKey: marker.key }, 'idempotency key not recorded');
    }
    return payload;
  });
}

function hashRequest(request: FastifyRequest): string {
  return createHash('sha256')
    .update(`${request.method} ${request.routeOptions.url}\n`)
    .update(canonicalJson(request.params ?? null))
    .update(canonicalJson(request.body ?? null))
    .digest('hex');
}
