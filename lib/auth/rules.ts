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
  /** Records one attempt for the key; returns how long to wait in ms, or 0 when allowed. */
  hit(key: string): number;
  reset(key: string): void;
}

/**
 * Fixed-window counter per key, kept in memory: enough for one server process. The window and
 * limit come from the environment (SIGNIN_MAX_ATTEMPTS, SIGNIN_WINDOW_SECONDS).
 */
export function createWindowLimiter(opts: { max: number; windowMs: number; now?: () => number }): WindowLimiter {
  const now = opts.now ?? Date.now;
  const windows = new Map<string, { start: number; count: number }>();
  return {
    hit(key) {
      const t = now();
      let w = windows.get(key);
      if (!w || t - w.start >= opts.windowMs) {
        w = { start: t, count: 0 };
        windows.set(key, w);
      }
      w.count += 1;
      if (windows.size > 50_000) {
        for (const [k, v] of windows) if (t - v.start >= opts.windowMs) windows.delete(k);
      }
      return w.count > opts.max ? w.start + opts.windowMs - t : 0;
    },
    reset(key) {
      windows.delete(key);
    },
  };
}
