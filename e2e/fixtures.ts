import { test as base, expect, type APIRequestContext, type BrowserContext, type Page } from "@playwright/test";

export const DEMO_PASSWORD = "mingle-demo-2017";
export const ORGANIZER_EMAIL = "organizer@mingle.test";

export interface TestUser {
  name: string;
  email: string;
  password: string;
}

let counter = 0;
export function uniqueUser(prefix = "e2e"): TestUser {
  counter += 1;
  const id = `${Date.now().toString(36)}${counter}${Math.floor(Math.random() * 1e4)}`;
  return { name: `${prefix} tester ${id}`.slice(0, 60), email: `${prefix}-${id}@e2e.mingle.test`, password: "correct horse battery staple" };
}

export async function signUpViaApi(request: APIRequestContext, user: TestUser): Promise<void> {
  const response = await request.post("/api/v1/auth/signup", { data: user });
  expect(response.status(), await response.text()).toBe(201);
}

/** Signs a browser context in through next-auth's credentials endpoint (no UI), like a returning user. */
export async function signInContext(context: BrowserContext, email: string, password: string): Promise<void> {
  const csrf = await (await context.request.get("/api/auth/csrf")).json();
  const response = await context.request.post("/api/auth/callback/credentials", {
    form: { csrfToken: csrf.csrfToken, email, password, json: "true" },
    maxRedirects: 0,
  });
  expect([200, 302]).toContain(response.status());
  const cookies = await context.cookies();
  expect(cookies.some((c) => c.name.includes("next-auth.session-token")), "session cookie set").toBe(true);
}

export const test = base.extend<{ user: TestUser; signedInPage: Page }>({
  user: async ({ request }, use) => {
    const user = uniqueUser();
    await signUpViaApi(request, user);
    await use(user);
  },
  signedInPage: async ({ page, user }, use) => {
    await signInContext(page.context(), user.email, user.password);
    await use(page);
  },
});

export { expect };
