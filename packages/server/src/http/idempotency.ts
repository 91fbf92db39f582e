import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { canonicalJson } from '../audit/audit.ts';
import type { Database } from '../db/database.ts';
import { isUniqueViolation, nowIso } from '../db/helpers.ts';
import { AppError } from './errors.ts';

const KEY_PATTERN = /^[A-Za-z0-9._:-]{8,200}$/;

/**
 * `Idempotency-Key` on routes marked `idempotent`: the first request with a key runs and its 2xx
 * response is stored; a retry with the same key and the same body gets the stored response back
 * (header `Idempotent-Replayed: true`); the same key with another body is refused (422); a retry
 * while the first is still running gets 409. The key is scoped to the signed-in user.
 * Business tables carry their own unique client transaction ids as the last line of defence.
 */
export function registerIdempotency(app: FastifyInstance, database: Database): void {
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
      .executeTakeFirstOrThrow();
    if (existing.request_hash !== requestHash) {
      throw new AppError(422, 'IDEMPOTENCY_KEY_REUSED', {
        vi: 'Idempotency-Key này đã được dùng cho một yêu cầu khác',
        en: 'This Idempotency-Key was used for a different request',
      });
    }
    if (existing.status !== 'done') {
      throw new AppError(409, 'IDEMPOTENCY_IN_PROGRESS', {
        vi: 'Yêu cầu với Idempotency-Key này đang được xử lý',
        en: 'A request with this Idempotency-Key is still being processed',
      });
    }
    reply.header('idempotent-replayed', 'true');
    reply.header('content-type', 'application/json; charset=utf-8');
    return reply.status(existing.status_code ?? 200).send(existing.response_body ?? 'null');
  });

  app.addHook('onSend', async (request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    const marker = request.idempotency;
    if (!marker) return payload;
    request.idempotency = null;
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
