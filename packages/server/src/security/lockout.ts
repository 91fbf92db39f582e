/**
 * Progressive locks after repeated failures, shared by sign-in (per account) and the citizen lookup
 * (per dossier code). Failures are counted in the database, so every server process sees the same
 * count; the schedule itself is pure.
 */
export interface LockPolicy {
  /** Failures allowed before the first lock; the failure that reaches it starts the lock. */
  freeFailures: number;
  /** The first lock; each further failure doubles it… */
  firstLockMs: number;
  /** …up to this. */
  maxLockMs: number;
  /** A count not added to for this long starts again from zero. */
  forgetAfterMs: number;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** Sign-in: 5 wrong passwords lock the account 5 minutes, then 10, 20, 40, 60 at most. */
export const SIGN_IN_LOCK: LockPolicy = {
  freeFailures: 5,
  firstLockMs: 5 * MINUTE,
  maxLockMs: HOUR,
  forgetAfterMs: 24 * HOUR,
};

/** Citizen lookup by code: 5 wrong check digits lock the code 1 hour, then 2, 4, 8, 16, 24 at most. */
export const LOOKUP_LOCK: LockPolicy = {
  freeFailures: 5,
  firstLockMs: HOUR,
  maxLockMs: 24 * HOUR,
  forgetAfterMs: 24 * HOUR,
};

/** How long the `failures`-th failure locks for: 0 below the free failures. */
export function lockDuration(policy: LockPolicy, failures: number): number {
  if (failures < policy.freeFailures) return 0;
  const doublings = Math.min(failures - policy.freeFailures, 30);
  return Math.min(policy.maxLockMs, policy.firstLockMs * 2 ** doublings);
}

/** The count after one more failure at `now`, the last one having been at `lastFailureAt` (ISO or null). */
export function nextFailureCount(
  policy: LockPolicy,
  failures: number,
  lastFailureAt: string | null,
  now: number,
): number {
  const forgotten = lastFailureAt === null || Date.parse(lastFailureAt) <= now - policy.forgetAfterMs;
  return forgotten ? 1 : failures + 1;
}

/** Whole minutes until `until` (at least 1), for messages. */
export function minutesUntil(until: number, now: number): number {
  return Math.max(1, Math.ceil((until - now) / MINUTE));
}
