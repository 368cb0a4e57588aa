import bcrypt from 'bcryptjs';

/** bcrypt cost: 2^rounds iterations. 12 in production; tests pass a low one to stay fast. */
export const defaultPasswordRounds = 12;

/** Hashes a password with bcrypt (pure JS, no native build). */
export async function hashPassword(password: string, rounds = defaultPasswordRounds): Promise<string> {
  return bcrypt.hash(password, rounds);
}

/** Checks a password against a hash in constant time (bcrypt's own compare). */
export async function verifyPassword(password: string, hash: string): Promise<boolean> {
  return bcrypt.compare(password, hash);
}

// Compared against when the email is unknown, so a wrong email takes as long as a wrong password.
const dummyHashes = new Map<number, Promise<string>>();

/** Spends the time a real compare at `rounds` takes, for unknown emails (no timing oracle for accounts). */
export async function verifyAgainstDummy(password: string, rounds: number): Promise<false> {
  let hash = dummyHashes.get(rounds);
  if (!hash) {
    hash = bcrypt.hash('loyaldesk-no-such-agent', rounds);
    dummyHashes.set(rounds, hash);
  }
  await bcrypt.compare(password, await hash);
  return false;
}
