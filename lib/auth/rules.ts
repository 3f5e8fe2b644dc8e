import { PASSWORD_MIN } from "./schema";

// A short list of passwords people pick first; a real deployment would add a breached-password check.
const COMMON = new Set([
  "password", "password1", "password123", "1234567890", "12345678910", "qwertyuiop", "letmein123",
  "iloveyou12", "docker1234", "dockercon17", "dockercon2017", "welcome123", "admin12345",
]);

/** Returns a message saying what is wrong with the password, or null when it is acceptable. */
export function passwordProblem(password: string, email: string): string | null {
  if (password.length < PASSWORD_MIN) return `Password needs at least ${PASSWORD_MIN} characters.`;
  if (COMMON.has(password.toLowerCase())) return "That password is too common; pick another.";
  if (password.toLowerCase() === email.toLowerCase()) return "Password must not be your e-mail address.";
  if (new Set(password).size < 4) return "Password needs more variety than a few repeated characters.";
  return null;
}

export interface WindowLimiter {
  /** How long to wait in ms before the key may try again; 0 when allowed. Counts nothing. */
  wait(key: string): number;
  /** Records one failed attempt for the key. */
  record(key: string): void;
  reset(key: string): void;
}

/**
 * Failed attempts per key in a fixed window, kept in memory: enough for one server process.
 * Only failures count, so a conference's shared Wi-Fi address is not locked out by its own
 * successful sign-ins. Limits come from the environment (SIGNIN_*).
 */
export function createWindowLimiter(opts: { max: number; windowMs: number; now?: () => number }): WindowLimiter {
  const now = opts.now ?? Date.now;
  const windows = new Map<string, { start: number; count: number }>();
  const current = (key: string, t: number) => {
    const w = windows.get(key);
    return w && t - w.start < opts.windowMs ? w : null;
  };
  return {
    wait(key) {
      const t = now();
      const w = current(key, t);
      return w && w.count >= opts.max ? w.start + opts.windowMs - t : 0;
    },
    record(key) {
      const t = now();
      const w = current(key, t);
      if (w) w.count += 1;
      else windows.set(key, { start: t, count: 1 });
      if (windows.size > 50_000) {
        for (const [k, v] of windows) if (t - v.start >= opts.windowMs) windows.delete(k);
      }
    },
    reset(key) {
      windows.delete(key);
    },
  };
}
