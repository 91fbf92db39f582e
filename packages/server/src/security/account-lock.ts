import { createHash } from 'node:crypto';
import { recordAudit } from '../audit/audit.ts';
import type { Database, Executor } from '../db/database.ts';
import { forUpdate, inTransaction } from '../db/helpers.ts';
import { AppError } from '../errors.ts';
import type { Actor } from '../policy/policy.ts';
import { lockDuration, minutesUntil, nextFailureCount, SIGN_IN_LOCK } from './lockout.ts';

/**
 * The key an account name is counted under: SHA-256 of the name as sign-in reads it (trimmed, lower
 * case). Names no account has are counted too, so a lock says nothing about whether an account exists.
 */
export function accountKey(username: string): string {
  return createHash('sha256').update(username.trim().toLowerCase(), 'utf8').digest('hex');
}

/** The last failure of a name never tried: long forgotten. */
const NEVER = new Date(0).toISOString();

export const accountLocked = (until: number, now: number) => {
  const minutes = minutesUntil(until, now);
  return new AppError(423, 'ACCOUNT_LOCKED', {
    vi: `Tài khoản tạm khoá vì nhập sai mật khẩu nhiều lần. Hãy thử lại sau ${minutes} phút, hoặc đề nghị quản trị viên mở khoá.`,
    en: `This account is locked for a while after repeated wrong passwords. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}, or ask an administrator to unlock it.`,
  });
};

/** What `beginSignIn` decided: go on and check the password, or refused until `lockedUntil`. */
export type SignInAttempt =
  | { allowed: true; failures: number; lockedUntil: number | null }
  | { allowed: false; lockedUntil: number };

/**
 * Counts a sign-in attempt before its password is checked, in one transaction with the account's row
 * locked: refused while a lock runs (the password is then not even checked, so the right one does
 * not sign in either); otherwise counted as a failure in advance, and when that count reaches the
 * lock, the lock starts now. A right password then clears it all (`signInSucceeded`). Counting first
 * means many attempts sent at once, through several server processes, get no more tries than
 * attempts made one by one.
 */
export async function beginSignIn(
  database: Database,
  username: string,
  now = Date.now(),
): Promise<SignInAttempt> {
  const key = accountKey(username);
  return inTransaction(database, async (trx) => {
    // The row exists before it is locked, so two first attempts at once are counted one after the
    // other (PostgreSQL makes the second insert wait for the first one's commit).
    await trx
      .insertInto('sign_in_attempts')
      .values({ account_key: key, failures: 0, last_failure_at: NEVER, locked_until: null })
      .onConflict((c) => c.column('account_key').doNothing())
      .execute();
    const row = await forUpdate(
      database.dialect,
      trx.selectFrom('sign_in_attempts').selectAll().where('account_key', '=', key),
    ).executeTakeFirstOrThrow();
    const lockedUntil = row.locked_until ? Date.parse(row.locked_until) : null;
    if (lockedUntil !== null && lockedUntil > now) return { allowed: false, lockedUntil };
    const failures = nextFailureCount(SIGN_IN_LOCK, Number(row.failures), row.last_failure_at, now);
    const lock = lockDuration(SIGN_IN_LOCK, failures);
    await trx
      .updateTable('sign_in_attempts')
      .set({
        failures,
        last_failure_at: new Date(now).toISOString(),
        locked_until: lock > 0 ? new Date(now + lock).toISOString() : null,
      })
      .where('account_key', '=', key)
      .execute();
    return { allowed: true, failures, lockedUntil: lock > 0 ? now + lock : null };
  });
}

/** The right password: the account's count and any lock are cleared. */
export async function signInSucceeded(database: Database, username: string): Promise<void> {
  await database.db.deleteFrom('sign_in_attempts').where('account_key', '=', accountKey(username)).execute();
}

/**
 * A wrong password whose attempt started a lock: the audit log says so, for an account that exists
 * (names without an account are locked the same way, unrecorded). Old counts of names are dropped
 * here, when a lock starts, so the table keeps only what is recent.
 */
export async function recordLockStarted(
  database: Database,
  user: { id: string; username: string } | null,
  attempt: { failures: number; lockedUntil: number },
  ip: string,
  now = Date.now(),
): Promise<void> {
  const forgotten = new Date(now - SIGN_IN_LOCK.forgetAfterMs).toISOString();
  const current = new Date(now).toISOString();
  await inTransaction(database, async (trx) => {
    await trx
      .deleteFrom('sign_in_attempts')
      .where('last_failure_at', '<', forgotten)
      .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', current)]))
      .execute();
    if (!user) return;
    await recordAudit(trx, database.dialect, {
      actor: null,
      action: 'auth.lock',
      entityType: 'user',
      entityId: user.id,
      after: {
        username: user.username,
        failures: attempt.failures,
        lockedUntil: new Date(attempt.lockedUntil).toISOString(),
        ip,
      },
    });
  });
}

/** The account's sign-in state, for the users list: failures counted and the lock's end, if one runs. */
export async function findSignInState(
  executor: Executor,
  username: string,
  now = Date.now(),
): Promise<{ failedSignIns: number; lockedUntil: string | null }> {
  const row = await executor
    .selectFrom('sign_in_attempts')
    .select(['failures', 'last_failure_at', 'locked_until'])
    .where('account_key', '=', accountKey(username))
    .executeTakeFirst();
  if (!row || Date.parse(row.last_failure_at) <= now - SIGN_IN_LOCK.forgetAfterMs) {
    return { failedSignIns: 0, lockedUntil: null };
  }
  const locked = row.locked_until !== null && Date.parse(row.locked_until) > now;
  return { failedSignIns: Number(row.failures), lockedUntil: locked ? row.locked_until : null };
}

/**
 * An administrator (or the `motcua users unlock` command) clears the account's count and lock, with
 * an audit entry saying what was cleared. Returns whether there was anything to clear.
 */
export async function unlockAccount(
  database: Database,
  actor: Actor | null,
  user: { id: string; username: string },
): Promise<boolean> {
  const key = accountKey(user.username);
  return inTransaction(database, async (trx) => {
    const row = await forUpdate(
      database.dialect,
      trx.selectFrom('sign_in_attempts').selectAll().where('account_key', '=', key),
    ).executeTakeFirst();
    if (!row) return false;
    await trx.deleteFrom('sign_in_attempts').where('account_key', '=', key).execute();
    await recordAudit(trx, database.dialect, {
      actor,
      action: 'user.unlock',
      entityType: 'user',
      entityId: user.id,
      before: { failures: Number(row.failures), lockedUntil: row.locked_until },
      after: { failures: 0, lockedUntil: null },
    });
    return true;
  });
}
