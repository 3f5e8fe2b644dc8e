import { fail, ok, type Result } from "@/lib/errors";
import type { AuthErrorCode } from "./errors";
import type { UserRepo } from "./repo";
import type { WindowLimiter } from "@/lib/rate-limit/limiter";
import { limited } from "@/lib/rate-limit/policy";
import { passwordProblem } from "./rules";
import type { SignInInput, SignUpInput, UserView } from "./schema";

export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(hash: string, password: string): Promise<boolean>;
}

export interface AuthDeps {
  users: UserRepo;
  hasher: PasswordHasher;
  /**
   * Failed sign-ins per e-mail. These three limits fail closed: when their store (Redis) is away
   * they throw, and the caller answers 503, rather than let password guessing run unlimited.
   */
  limiter: WindowLimiter;
  /** Failed sign-ins per client address (looser: many attendees share a venue's Wi-Fi). */
  ipLimiter: WindowLimiter;
  /** Sign-up attempts per client address (each costs a password hash, and probes e-mails). */
  signUpLimiter: WindowLimiter;
  /** A hash of a random password, verified when the e-mail is unknown so timing does not tell. */
  dummyHash: () => Promise<string>;
}

export async function signUp(deps: AuthDeps, input: SignUpInput, ip: string): Promise<Result<UserView, AuthErrorCode>> {
  const problem = passwordProblem(input.password, input.email);
  if (problem) return fail("WEAK_PASSWORD", problem, { password: problem });
  const waitMs = await deps.signUpLimiter.take(ip);
  if (waitMs > 0) return tooMany("Too many new accounts from this network", waitMs);
  if (await deps.users.findByEmail(input.email)) return emailTaken();
  const user = await deps.users.create({
    email: input.email,
    name: input.name,
    passwordHash: await deps.hasher.hash(input.password),
  });
  return user ? ok(user) : emailTaken();
}

function emailTaken() {
  const message = "An account with this e-mail already exists. Sign in instead.";
  return fail("EMAIL_TAKEN", message, { email: message });
}

function tooMany(what: string, waitMs: number) {
  return limited("TOO_MANY_ATTEMPTS", what, waitMs);
}

export const BAD_CREDENTIALS_MESSAGE = "E-mail or password is incorrect.";

/**
 * Checks a password sign-in. Unknown e-mails, OAuth-only accounts and wrong passwords all take one
 * hash verification and give one message, so neither timing nor wording tells which it was.
 */
export async function verifyCredentials(deps: AuthDeps, input: SignInInput, ip: string): Promise<Result<UserView, AuthErrorCode>> {
  const waitMs = Math.max(...(await Promise.all([deps.limiter.wait(input.email), deps.ipLimiter.wait(ip)])));
  if (waitMs > 0) return tooMany("Too many sign-in attempts", waitMs);
  const user = await deps.users.findByEmail(input.email);
  const hash = user?.passwordHash ?? (await deps.dummyHash());
  const valid = await deps.hasher.verify(hash, input.password);
  if (!user?.passwordHash || !valid) {
    await Promise.all([deps.limiter.record(input.email), deps.ipLimiter.record(ip)]);
    return fail("BAD_CREDENTIALS", BAD_CREDENTIALS_MESSAGE);
  }
  await deps.limiter.reset(input.email);
  const { passwordHash: _omit, ...view } = user;
  return ok(view);
}
