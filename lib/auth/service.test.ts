import { describe, expect, it } from "vitest";
import type { UserRepo } from "./repo";
import { memoryLimiter } from "@/lib/rate-limit/memory-limiter";
import { RedisUnavailableError } from "@/lib/redis";
import { signUp, verifyCredentials, type AuthDeps } from "./service";

function fakeDeps(): AuthDeps & { verifies: string[] } {
  const rows = new Map<string, { id: string; email: string; name: string; role: "ATTENDEE" | "ORGANIZER"; passwordHash: string | null }>();
  const users: UserRepo = {
    findByEmail: async (email) => rows.get(email) ?? null,
    findById: async (id) => [...rows.values()].find((r) => r.id === id) ?? null,
    create: async ({ email, name, passwordHash }) => {
      if (rows.has(email)) return null;
      const row = { id: `u${rows.size}`, email, name, role: "ATTENDEE" as const, passwordHash };
      rows.set(email, row);
      return { id: row.id, email, name, role: row.role };
    },
    upsertOAuth: async () => {
      throw new Error("unused");
    },
  };
  const verifies: string[] = [];
  return {
    users,
    verifies,
    hasher: {
      hash: async (p) => `h:${p}`,
      verify: async (h, p) => {
        verifies.push(h);
        return h === `h:${p}`;
      },
    },
    limiter: memoryLimiter({ max: 3, windowMs: 60_000, now: () => 0 }),
    ipLimiter: memoryLimiter({ max: 5, windowMs: 60_000, now: () => 0 }),
    signUpLimiter: memoryLimiter({ max: 4, windowMs: 60_000, now: () => 0 }),
    dummyHash: async () => "h:dummy-random",
  };
}

const ada = { name: "Ada Lovelace", email: "ada@example.com", password: "analytical engine 1843" };

describe("signUp", () => {
  it("creates a user, then refuses the same e-mail with EMAIL_TAKEN", async () => {
    const deps = fakeDeps();
    const first = await signUp(deps, ada, "10.7.7.7");
    expect(first.ok && first.value.email).toBe("ada@example.com");
    const second = await signUp(deps, ada, "10.7.7.7");
    expect(second).toMatchObject({ ok: false, code: "EMAIL_TAKEN" });
  });
  it("refuses a weak password before touching the store", async () => {
    const deps = fakeDeps();
    const result = await signUp(deps, { ...ada, password: "short" }, "10.7.7.7");
    expect(result).toMatchObject({ ok: false, code: "WEAK_PASSWORD", fields: { password: expect.stringMatching(/10/) } });
    expect(await deps.users.findByEmail(ada.email)).toBeNull();
  });
  it("limits sign-up attempts per address, taken e-mails included, with a clear wait", async () => {
    const deps = fakeDeps();
    for (let i = 0; i < 3; i++) expect((await signUp(deps, { ...ada, email: `a${i}@example.com` }, "10.2.2.2")).ok).toBe(true);
    expect(await signUp(deps, { ...ada, email: "a0@example.com" }, "10.2.2.2")).toMatchObject({ ok: false, code: "EMAIL_TAKEN" });
    const refused = await signUp(deps, { ...ada, email: "a9@example.com" }, "10.2.2.2");
    expect(refused).toMatchObject({ ok: false, code: "TOO_MANY_ATTEMPTS", message: "Too many new accounts from this network. Try again in 1 minute." });
    expect(await deps.users.findByEmail("a9@example.com")).toBeNull();
    expect((await signUp(deps, { ...ada, email: "a9@example.com" }, "10.2.2.3")).ok).toBe(true);
  });
});

describe("verifyCredentials", () => {
  it("accepts the right password", async () => {
    const deps = fakeDeps();
    await signUp(deps, ada, "10.7.7.7");
    const result = await verifyCredentials(deps, { email: ada.email, password: ada.password }, "1.1.1.1");
    expect(result).toMatchObject({ ok: true, value: { email: ada.email } });
    expect(result.ok && "passwordHash" in result.value).toBe(false);
  });
  it("gives the same answer, after one hash check, for an unknown e-mail and a wrong password", async () => {
    const deps = fakeDeps();
    await signUp(deps, ada, "10.7.7.7");
    const wrong = await verifyCredentials(deps, { email: ada.email, password: "nope nope nope" }, "1.1.1.1");
    const unknown = await verifyCredentials(deps, { email: "bob@example.com", password: "nope nope nope" }, "1.1.1.2");
    expect(wrong).toEqual(unknown);
    expect(deps.verifies).toEqual([`h:${ada.password}`, "h:dummy-random"]);
  });
  it("does not count successful sign-ins against a shared address", async () => {
    const deps = fakeDeps();
    await signUp(deps, ada, "10.7.7.7");
    for (let i = 0; i < 10; i++) {
      expect((await verifyCredentials(deps, { email: ada.email, password: ada.password }, "10.9.9.9")).ok).toBe(true);
    }
  });

  it("locks an address out after too many failures across e-mails", async () => {
    const deps = fakeDeps();
    await signUp(deps, ada, "10.7.7.7");
    for (let i = 0; i < 5; i++) await verifyCredentials(deps, { email: `guess${i}@example.com`, password: "wrong wrong" }, "10.1.1.1");
    const locked = await verifyCredentials(deps, { email: ada.email, password: ada.password }, "10.1.1.1");
    expect(locked).toMatchObject({ ok: false, code: "TOO_MANY_ATTEMPTS" });
    expect((await verifyCredentials(deps, { email: ada.email, password: ada.password }, "10.1.1.2")).ok).toBe(true);
  });

  it("locks an e-mail out after too many attempts, even with the right password", async () => {
    const deps = fakeDeps();
    await signUp(deps, ada, "10.7.7.7");
    for (let i = 0; i < 3; i++) await verifyCredentials(deps, { email: ada.email, password: "wrong wrong" }, `10.0.0.${i}`);
    const locked = await verifyCredentials(deps, { email: ada.email, password: ada.password }, "10.0.0.9");
    expect(locked).toMatchObject({ ok: false, code: "TOO_MANY_ATTEMPTS", message: expect.stringMatching(/Try again in 1 minute\./) });
  });

  it("fails closed: with the throttle's store away, a sign-in is an outage, not an unlimited try", async () => {
    const deps = fakeDeps();
    await signUp(deps, ada, "10.7.7.7");
    const away = new RedisUnavailableError();
    const outage = { ...deps, limiter: { ...deps.limiter, wait: () => Promise.reject(away) } };
    await expect(verifyCredentials(outage, { email: ada.email, password: ada.password }, "10.0.0.1")).rejects.toBe(away);
    expect(deps.verifies).toEqual([]);
  });
});
