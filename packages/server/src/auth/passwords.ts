import { hash, verify } from '@node-rs/argon2';

// argon2id with the library's defaults (19 MiB, 2 passes, 1 lane): OWASP's minimum recommendation.
const ARGON2ID = 2;

export function hashPassword(password: string): Promise<string> {
  return hash(password.normalize('NFC'), { algorithm: ARGON2ID });
}

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password.normalize('NFC'));
  } catch {
    return false;
  }
}

/** Minimum rules for a new password; returns the problem or null. */
export function passwordProblem(password: string): { vi: string; en: string } | null {
  if (password.length < 10) {
    return { vi: 'Mật khẩu phải có ít nhất 10 ký tự', en: 'Password must have at least 10 characters' };
  }
  return null;
}
