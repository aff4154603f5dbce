import { randomInt } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';

// argon2id with OWASP's first recommended parameters (19 MiB, 2 passes, 1 lane). The test
// runner alone sets PRONGSAI_TEST_FAST_HASHING for a cheap variant, so hundreds of test
// accounts don't dominate the suite's time; the hash format and verification stay the same.
export function hashingOptions(env: NodeJS.ProcessEnv = process.env) {
  return env.PRONGSAI_TEST_FAST_HASHING === '1'
    ? ({ memoryCost: 1024, timeCost: 1, parallelism: 1 } as const)
    : ({ memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const);
}
const OPTIONS = hashingOptions();

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

let dummy: Promise<string> | undefined;
/** Spends the same time as a real check, so a wrong username is not told apart by timing. */
export async function burnPasswordCheck(password: string): Promise<void> {
  dummy ??= hashPassword('prongsai-timing-equalizer');
  await verifyPassword(await dummy, password);
}

// No 0/O, 1/l/I: a generated password is read aloud over the phone or copied from paper.
const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

/** A generated password like "k7qm-w3rt-x9pa": about 71 bits, easy to type. */
export function generatePassword(): string {
  const group = () => Array.from({ length: 4 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
  return `${group()}-${group()}-${group()}`;
}

export const MIN_PASSWORD_LENGTH = 10;

/** The catalog key of what is wrong with a new password, or null when it is acceptable. */
export function passwordProblem(password: string, username: string): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) return 'core.validation.passwordTooShort';
  if (password.length > 200) return 'core.validation.tooLong';
  const lower = password.toLowerCase();
  if (lower.includes(username.toLowerCase()) && username.length >= 3) {
    return 'core.validation.passwordContainsUsername';
  }
  if (/^(.)\1+$/.test(password) || COMMON.has(lower)) return 'core.validation.passwordTooCommon';
  return null;
}

const COMMON = new Set([
  '1234567890',
  '0123456789',
  'qwertyuiop',
  'password123',
  'password1234',
  'passw0rd123',
  '12345678910',
  'asdfghjkl;',
  'abc1234567',
  'prongsai123',
  'admin12345',
  'administrator',
]);
