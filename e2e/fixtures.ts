import { execFileSync } from "node:child_process";
import { test as base, expect, type APIRequestContext, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from "@playwright/test";
import Docker from "dockerode";

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
  expect(
    cookies.some((c) => c.name.includes("next-auth.session-token")),
    "session cookie set",
  ).toBe(true);
}

/** The body of an API response that must have `status` (the body is shown when it has not). */
export async function json<T>(response: Awaited<ReturnType<APIRequestContext["get"]>>, status = 200): Promise<T> {
  expect(response.status(), await response.text()).toBe(status);
  return (await response.json()) as T;
}

export interface Person {
  user: TestUser;
  context: BrowserContext;
  page: Page;
  api: APIRequestContext;
}

/** A new signed-up and signed-in person with a browser context of their own. */
export async function person(browser: Browser, request: APIRequestContext, prefix: string, options: BrowserContextOptions = {}): Promise<Person> {
  const user = uniqueUser(prefix);
  await signUpViaApi(request, user);
  const context = await browser.newContext({ baseURL: test.info().project.use.baseURL, ...options });
  await signInContext(context, user.email, user.password);
  return { user, context, page: await context.newPage(), api: context.request };
}

/** The Docker Engine the server under test uses (DOCKER_HOST, else the project's own engine). */
export function docker(): Docker {
  const host = process.env.DOCKER_HOST ?? /^DOCKER_HOST=(\S+)$/m.exec(execFileSync("bash", ["scripts/docker-engine.sh"], { encoding: "utf8" }))?.[1];
  if (!host?.startsWith("unix://")) throw new Error(`no Docker Engine socket (DOCKER_HOST=${host})`);
  return new Docker({ socketPath: host.slice("unix://".length) });
}

/** Ids of the containers labelled with this lab on the real engine (the server's own, or a host's at a unix:// URL). */
export async function labContainers(labId: string, engineUrl?: string): Promise<string[]> {
  const engine = engineUrl?.startsWith("unix://") ? new Docker({ socketPath: engineUrl.slice("unix://".length) }) : docker();
  const list = await engine.listContainers({ all: true, filters: { label: [`mingle.lab=${labId}`] } });
  return list.map((c) => c.Id);
}

/** Types a line into the lab terminal (xterm.js) and presses Enter. */
export async function typeLine(page: Page, line: string): Promise<void> {
  await page.locator(".xterm-helper-textarea").focus();
  await page.keyboard.type(line);
  await page.keyboard.press("Enter");
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
