import { randomBytes } from "node:crypto";
import { hash, verify } from "@node-rs/argon2";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { userRepo } from "./repo";
import { redisLimiter } from "@/lib/rate-limit/redis-limiter";
import { remember } from "@/lib/singleton";
import type { AuthDeps, PasswordHasher } from "./service";

// argon2id with OWASP's second recommended setting (19 MiB, 2 passes).
const ARGON2 = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const argon2Hasher: PasswordHasher = {
  hash: (password) => hash(password, ARGON2),
  verify: (digest, password) => verify(digest, password).catch(() => false),
};

export function authDeps(): AuthDeps {
  const e = env();
  const windowMs = e.SIGNIN_WINDOW_SECONDS * 1000;
  return {
    users: userRepo(db),
    hasher: argon2Hasher,
    // In Redis: the limit holds across every process (lib/rate-limit/redis-limiter.ts).
    limiter: remember("auth:sign-in-limiter", () => redisLimiter("signin-email", { max: e.SIGNIN_MAX_ATTEMPTS, windowMs })),
    ipLimiter: remember("auth:sign-in-ip-limiter", () => redisLimiter("signin-ip", { max: e.SIGNIN_MAX_ATTEMPTS_PER_IP, windowMs })),
    signUpLimiter: remember("auth:sign-up-ip-limiter", () => redisLimiter("signup-ip", { max: e.SIGNUP_MAX_PER_IP, windowMs })),
    dummyHash: () => remember("auth:dummy-hash", () => argon2Hasher.hash(randomBytes(16).toString("hex"))),
  };
}
