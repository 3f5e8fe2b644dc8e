import { afterAll, describe, expect, it } from "vitest";
import { POST as signUpRoute } from "@/app/api/v1/auth/signup/route";
import { db } from "@/lib/db";
import { authDeps } from "@/lib/auth/deps";
import { verifyCredentials } from "@/lib/auth/service";

// The sign-up route handler on the real database: bad input answers 4xx with a clear message and
// leaves no user or profile behind.
async function signUp(body: string) {
  const response = await signUpRoute(new Request("http://localhost/api/v1/auth/signup", { method: "POST", body, headers: { "content-type": "application/json" } }), {
    params: Promise.resolve({}),
  });
  return { status: response.status, json: (await response.json()) as { error?: { code: string; message: string; fields?: Record<string, string> }; id?: string } };
}

const counts = async () => ({ users: await db.user.count(), profiles: await db.profile.count() });

describe("POST /api/v1/auth/signup", () => {
  afterAll(() => db.$disconnect());

  it("creates a user with a profile, and the password signs in", async () => {
    const { status, json } = await signUp(JSON.stringify({ name: "Grace Hopper", email: "Grace@Example.com", password: "a ship in harbor is safe" }));
    expect(status).toBe(201);
    const user = await db.user.findUnique({ where: { email: "grace@example.com" }, select: { id: true, passwordHash: true, profile: { select: { id: true } } } });
    expect(user?.id).toBe(json.id);
    expect(user?.passwordHash).toMatch(/^\$argon2id\$/);
    expect(user?.profile).not.toBeNull();
    const signIn = await verifyCredentials(authDeps(), { email: "grace@example.com", password: "a ship in harbor is safe" }, "127.0.0.1");
    expect(signIn.ok).toBe(true);
  });

  it.each([
    ["a taken e-mail", JSON.stringify({ name: "Grace Again", email: "grace@example.com", password: "another long password" }), 409, "EMAIL_TAKEN", /already exists/],
    ["a short password", JSON.stringify({ name: "Short", email: "short@example.com", password: "short" }), 422, "WEAK_PASSWORD", /at least 10/],
    ["a malformed e-mail", JSON.stringify({ name: "Mal", email: "mal@", password: "a long enough password" }), 422, "VALIDATION_FAILED", /valid e-mail/],
    ["a body that is not JSON", "{name: grace", 400, "INVALID_JSON", /not valid JSON/],
    ["a field of the wrong type", JSON.stringify({ name: ["x"], email: "type@example.com", password: "a long enough password" }), 422, "VALIDATION_FAILED", /Name must be text/],
    [
      "an unknown field",
      JSON.stringify({ name: "Role", email: "role@example.com", password: "a long enough password", role: "ORGANIZER" }),
      422,
      "VALIDATION_FAILED",
      /Unknown field "role"/,
    ],
  ])("refuses %s with a clear message and creates nothing", async (_what, body, status, code, message) => {
    const before = await counts();
    const result = await signUp(body);
    expect(result.status).toBe(status);
    expect(result.json.error?.code).toBe(code);
    expect(result.json.error?.message).toMatch(message);
    expect(await counts()).toEqual(before);
  });

  it("two racing sign-ups with one e-mail make one account; the other gets EMAIL_TAKEN", async () => {
    const body = JSON.stringify({ name: "Racer", email: "race@example.com", password: "a long enough password" });
    const results = await Promise.all([signUp(body), signUp(body), signUp(body)]);
    expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409]);
    expect(await db.user.count({ where: { email: "race@example.com" } })).toBe(1);
  });
});
