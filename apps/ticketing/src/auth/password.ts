import { hash as argon2Hash, parseOptions, verify as argon2Verify, type Algorithm } from '@node-rs/argon2';
import { verify as bcryptVerify } from '@node-rs/bcrypt';

/**
 * Argon2id cost of new password hashes. The defaults are OWASP's minimum for argon2id
 * (19 MiB, 2 passes, 1 lane): ~15 ms on one core, run on libuv's thread pool, not the event loop.
 */
export interface PasswordHashing {
  memoryCostKib: number;
  timeCost: number;
}

export const defaultPasswordHashing: PasswordHashing = { memoryCostKib: 19_456, timeCost: 2 };

// `Algorithm` is a const enum the package declares ambiently (unusable with isolatedModules); 2 is Argon2id.
const argon2id = 2 as Algorithm;
const bcryptHashPattern = /^\$2[abxy]\$\d{2}\$/;

/** The outcome of checking a password against a stored hash. */
export interface PasswordCheck {
  valid: boolean;
  /** The hash is bcrypt (accounts from before argon2id) or of other argon2 costs: store a new one. */
  needsRehash: boolean;
}

/** Hashes and verifies passwords; see {@link createPasswordHasher}. */
export type PasswordHasher = ReturnType<typeof createPasswordHasher>;

/**
 * Password hashing with argon2id (`@node-rs/argon2`, prebuilt native, off the event loop). Hashes
 * of accounts made before it (bcrypt, `$2a$`/`$2b$`) still verify (`@node-rs/bcrypt`, also native)
 * and report `needsRehash`, so a successful login upgrades them.
 * @example const passwords = createPasswordHasher(); const stored = await passwords.hash('correct horse'); await passwords.verify('correct horse', stored) // { valid: true, needsRehash: false }
 */
export function createPasswordHasher(hashing: PasswordHashing = defaultPasswordHashing) {
  const options = { algorithm: argon2id, memoryCost: hashing.memoryCostKib, timeCost: hashing.timeCost, parallelism: 1 };
  let dummyHash: Promise<string> | undefined;

  function hasCurrentCost(stored: string): boolean {
    try {
      const parsed = parseOptions(stored);
      return (
        parsed.algorithm === argon2id &&
        parsed.memoryCost === options.memoryCost &&
        parsed.timeCost === options.timeCost &&
        parsed.parallelism === options.parallelism
      );
    } catch {
      return false;
    }
  }

  return {
    hashing,
    hash(password: string): Promise<string> {
      return argon2Hash(password, options);
    },

    /** Constant-time check (the library's); a malformed stored hash is simply not valid. */
    async verify(password: string, stored: string): Promise<PasswordCheck> {
      if (bcryptHashPattern.test(stored)) {
        // bcrypt reads the first 72 bytes only (as bcryptjs did when the hash was made); the
        // rehash after this login stores argon2id of the whole password.
        const valid = await bcryptVerify(password, stored).catch(() => false);
        return { valid, needsRehash: true };
      }
      const valid = await argon2Verify(stored, password).catch(() => false);
      return { valid, needsRehash: valid && !hasCurrentCost(stored) };
    },

    /** Spends what a real check costs, for unknown emails (no timing oracle for which accounts exist). */
    async verifyDummy(password: string): Promise<false> {
      dummyHash ??= argon2Hash('loyaldesk-no-such-agent', options);
      await argon2Verify(await dummyHash, password).catch(() => false);
      return false;
    },
  };
}
