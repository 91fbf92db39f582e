import type { Actor } from '../policy/policy.ts';
import type { Permission } from '../policy/roles.ts';
import type { Lang } from './lang.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The permission the route requires; the policy layer checks it before the handler runs. */
    permission?: Permission;
    /** Routes open without sign-in (health, login, citizen lookup). Every other route needs `permission`. */
    public?: boolean;
    /** Any signed-in user may call it (sign-out, own profile); still authenticated and CSRF-checked. */
    authenticated?: boolean;
    /** Honour `Idempotency-Key` (every POST that creates something). */
    idempotent?: boolean;
    /** At most `max` requests a minute per client address (`http/rate-limit.ts`). */
    rateLimit?: { max: number };
  }
  interface FastifyRequest {
    actor: Actor | null;
    lang: Lang;
    idempotency: { scope: string; key: string } | null;
  }
}
