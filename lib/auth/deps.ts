import { randomBytes } from "node:crypto";
import { hash, verify } from "@node-rs/argon2";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { userRepo } from "./repo";
import { createWindowLimiter, type WindowLimiter } from "./rules";
import type { AuthDeps, PasswordHasher } from "./service";

// argon2id with OWASP's second recommended setting (19 MiB, 2 passes).
const ARGON2 = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const argon2Hasher: PasswordHasher = {
  hash: (password) => hash(password, ARGON2),
  verify: (digest, password) => verify(digest, password).catch(() => false),
};

const globalForAuth = globalThis as unknown as {
  mingleSignInLimiter?: WindowLimiter;
  mingleSignInIpLimiter?: WindowLimiter;
  mingleSignUpIpLimiter?: WindowLimiter;
  mingleDummyHash?: Promise<string>;
};

export function authDeps(): AuthDeps {
  const e = env();
  const windowMs = e.SIGNIN_WINDOW_SECONDS * 1000;
  globalForAuth.mingleSignInLimiter ??= createWindowLimiter({ max: e.SIGNIN_MAX_ATTEMPTS, windowMs });
  globalForAuth.mingleSignInIpLimiter ??= createWindowLimiter({ max: e.SIGNIN_MAX_ATTEMPTS_PER_IP, windowMs });
  globalForAuth.mingleSignUpIpLimiter ??= createWindowLimiter({ max: e.SIGNUP_MAX_PER_IP, windowMs });
  return {
    users: userRepo(db),
    hasher: argon2Hasher,
    limiter: globalForAuth.mingleSignInLimiter,
    ipLimiter: globalForAuth.mingleSignInIpLimiter,
    signUpLimiter: globalForAuth.mingleSignUpIpLimiter,
    dummyHash: () => (globalForAuth.mingleDummyHash ??= argon2Hasher.hash(randomBytes(16).toString("hex"))),
  };
}
