import { recordAudit } from '../../audit/audit.ts';
import { Kept } from '../../cache.ts';
import type { Database, Executor } from '../../db/database.ts';
import { afterCommit, forUpdate, inTransaction } from '../../db/helpers.ts';
import { AppError } from '../../errors.ts';
import type { Actor } from '../../policy/policy.ts';
import { LOOKUP_LOCK, lockDuration, minutesUntil, nextFailureCount } from '../../security/lockout.ts';
import { noteDossierChanged } from '../dossiers/changes.ts';
import type { DossierRow } from '../dossiers/repository.ts';

/**
 * The lookup by code refused for this dossier: too many wrong check digits. Says how to get in anyway:
 * the QR code on the receipt (which also lifts the lock), the counter, or waiting.
 */
export const lookupLocked = (until: number, now: number) => {
  const minutes = minutesUntil(until, now);
  const wait =
    minutes >= 120
      ? { vi: `${Math.ceil(minutes / 60)} giờ`, en: `${Math.ceil(minutes / 60)} hours` }
      : { vi: `${minutes} phút`, en: `${minutes} minute${minutes === 1 ? '' : 's'}` };
  return new AppError(423, 'LOOKUP_LOCKED', {
    vi:
      `Mã hồ sơ này tạm khoá tra cứu vì số kiểm tra bị nhập sai nhiều lần. Hãy quét mã QR trên giấy tiếp nhận ` +
      `(việc này cũng mở khoá), hoặc mang giấy tờ tùy thân đến quầy tiếp nhận để được mở khoá, hoặc thử lại sau ${wait.vi}.`,
    en:
      `Lookup by this dossier code is locked for a while after repeated wrong check digits. Scan the QR code ` +
      `on the receipt (which also unlocks it), or bring an identity document to the counter to have it ` +
      `unlocked, or try again in ${wait.en}.`,
  });
};

/** The lock state of a dossier's code as the staff see it. */
export function lookupLockOf(
  d: DossierRow,
  now = Date.now(),
): { failures: number; lockedUntil: string | null } {
  const forgotten = !d.lookup_failed_at || Date.parse(d.lookup_failed_at) <= now - LOOKUP_LOCK.forgetAfterMs;
  const locked = d.lookup_locked_until !== null && Date.parse(d.lookup_locked_until) > now;
  return {
    failures: forgotten ? 0 : Number(d.lookup_failures),
    lockedUntil: locked ? d.lookup_locked_until : null,
  };
}

const KNOWN_MS = 10_000;

interface Known {
  failures: number;
  lockedUntil: number;
}

/**
 * Guards the 4 check digits of each dossier's code (tra cứu): wrong digits are counted on the dossier
 * row, in the database, so every server process and every client address adds to the same count; at
 * `LOOKUP_LOCK.freeFailures` (5) the code is locked an hour, doubling with each further failure up
 * to a day. The QR token is never locked.
 *
 * A successful lookup costs nothing more: the lock comes with the dossier row the lookup reads anyway
 * (kept in memory `MOTCUA_PUBLIC_CACHE_MS`). Failures cost a write. What this process has counted is
 * also kept here, synchronously, so guesses arriving together are cut off at the limit before their
 * writes land; and once a code has failures, a right answer is only given after the database
 * confirms no lock runs (another process may have set it within the row's time in memory).
 */
export class LookupGuard {
  /**
   * What this process counted lately, per dossier. Short-lived: it only has to bridge the time until
   * the database's count is in the row read again (an unlock by another process shows after that).
   */
  private readonly known = new Kept<Known>({ max: 50_000, ttlMs: KNOWN_MS });

  constructor(private readonly database: Database) {}

  /** Until when lookups of this dossier by code are refused (ms), or 0. */
  lockedUntil(d: DossierRow, now = Date.now()): number {
    const stored = d.lookup_locked_until ? Date.parse(d.lookup_locked_until) : 0;
    const local = this.known.peek(d.id)?.lockedUntil ?? 0;
    const until = Math.max(stored, local);
    return until > now ? until : 0;
  }

  /** Whether this code has recent failures: a right answer is then confirmed with the database first. */
  suspect(d: DossierRow): boolean {
    return Number(d.lookup_failures) > 0 || this.known.peek(d.id) !== undefined;
  }

  /** Until when the database says the code is locked (ms), or 0: read for a right answer to a suspect code. */
  async confirmedLockedUntil(d: DossierRow, now = Date.now()): Promise<number> {
    const row = await this.database.db
      .selectFrom('dossiers')
      .select(['lookup_locked_until'])
      .where('id', '=', d.id)
      .executeTakeFirst();
    const until = row?.lookup_locked_until ? Date.parse(row.lookup_locked_until) : 0;
    return until > now ? until : 0;
  }

  /**
   * Counts wrong digits for this dossier: at once in this process, then in the database (with the row
   * locked). Returns until when the code is now locked (ms), or 0. The failure that starts a lock
   * leaves an audit entry.
   */
  async recordFailure(d: DossierRow, ip: string, now = Date.now()): Promise<number> {
    const mine = this.known.peek(d.id);
    const failures = Math.max(mine?.failures ?? 0, Number(d.lookup_failures)) + 1;
    const lock = lockDuration(LOOKUP_LOCK, failures);
    this.known.set(d.id, { failures, lockedUntil: lock > 0 ? now + lock : (mine?.lockedUntil ?? 0) });
    const stored = await inTransaction(this.database, async (trx) => {
      const row = await forUpdate(
        this.database.dialect,
        trx
          .selectFrom('dossiers')
          .select(['lookup_failures', 'lookup_failed_at', 'lookup_locked_until'])
          .where('id', '=', d.id),
      ).executeTakeFirst();
      if (!row) return { failures, lockedUntil: 0 };
      const count = nextFailureCount(LOOKUP_LOCK, Number(row.lookup_failures), row.lookup_failed_at, now);
      const duration = lockDuration(LOOKUP_LOCK, count);
      const running = row.lookup_locked_until ? Date.parse(row.lookup_locked_until) : 0;
      const until = duration > 0 ? Math.max(running, now + duration) : running;
      await trx
        .updateTable('dossiers')
        .set({
          lookup_failures: count,
          lookup_failed_at: new Date(now).toISOString(),
          lookup_locked_until: until > 0 ? new Date(until).toISOString() : null,
        })
        .where('id', '=', d.id)
        .execute();
      if (duration > 0 && running <= now) {
        await recordAudit(trx, this.database.dialect, {
          actor: null,
          role: 'citizen',
          action: 'public.lookup_lock',
          entityType: 'dossier',
          entityId: d.id,
          after: { code: d.code, failures: count, lockedUntil: new Date(until).toISOString(), ip },
        });
      }
      // The row kept in memory by the lookup is read again, now with the count.
      afterCommit(trx, () => noteDossierChanged(d.id));
      return { failures: count, lockedUntil: until };
    });
    this.known.set(d.id, stored);
    return stored.lockedUntil > now ? stored.lockedUntil : 0;
  }

  /**
   * Lifts the lock and forgets the count: by the QR token (whoever holds the receipt) or by a counter
   * clerk from the dossier's page. Audited; nothing is written when there is nothing to lift.
   */
  async unlock(
    d: { id: string; code: string },
    by: { actor: Actor | null; via: 'qr' | 'counter'; siteId?: string | null },
    executor?: Executor,
  ): Promise<boolean> {
    this.known.delete(d.id);
    const work = async (trx: Executor) => {
      const row = await forUpdate(
        this.database.dialect,
        trx.selectFrom('dossiers').select(['lookup_failures', 'lookup_locked_until']).where('id', '=', d.id),
      ).executeTakeFirst();
      if (!row || (Number(row.lookup_failures) === 0 && row.lookup_locked_until === null)) return false;
      await trx
        .updateTable('dossiers')
        .set({ lookup_failures: 0, lookup_failed_at: null, lookup_locked_until: null })
        .where('id', '=', d.id)
        .execute();
      await recordAudit(trx, this.database.dialect, {
        actor: by.actor,
        role: by.actor ? undefined : 'citizen',
        siteId: by.siteId ?? null,
        action: 'dossier.lookup_unlock',
        entityType: 'dossier',
        entityId: d.id,
        before: { failures: Number(row.lookup_failures), lockedUntil: row.lookup_locked_until },
        after: { failures: 0, lockedUntil: null, via: by.via },
      });
      afterCommit(trx, () => noteDossierChanged(d.id));
      return true;
    };
    return executor ? work(executor) : inTransaction(this.database, work);
  }
}
