import { afterAll, describe, expect, it } from "vitest";
import { GET as meRoute } from "@/app/api/v1/me/route";
import { db } from "@/lib/db";
import { sessionCookie } from "@/lib/testing/session-cookie";

// Every /api/v1 route authenticates the same way; /me shows it plainly.
async function me(cookie?: string) {
  const response = await meRoute(new Request("http://localhost/api/v1/me", { headers: cookie ? { cookie } : {} }), { params: Promise.resolve({}) });
  return { status: response.status, json: (await response.json()) as { id?: string; error?: { code: string } } };
}

describe("API session", () => {
  afterAll(() => db.$disconnect());

  it("answers 401 without a session, and the user with one", async () => {
    expect((await me()).status).toBe(401);
    const user = await db.user.create({ data: { email: `me-${Date.now()}@example.com`, name: "Me" }, select: { id: true } });
    const ok = await me(await sessionCookie(user.id));
    expect(ok).toMatchObject({ status: 200, json: { id: user.id } });
  });

  it("refuses a tampered cookie and the cookie of a deleted account", async () => {
    const user = await db.user.create({ data: { email: `gone-${Date.now()}@example.com`, name: "Gone" }, select: { id: true } });
    const cookie = await sessionCookie(user.id);
    const tampered = cookie.slice(0, -6) + (cookie.endsWith("AAAAAA") ? "BBBBBB" : "AAAAAA");
    expect((await me(tampered)).json.error?.code).toBe("UNAUTHENTICATED");
    await db.user.delete({ where: { id: user.id } });
    expect((await me(cookie)).json.error?.code).toBe("UNAUTHENTICATED");
  });
});
