import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient, type Db } from "@/lib/db";
import { apiClient, signIn, startAppServer, type AppServer } from "@/lib/testing/app-server";
import { createConference, createPeople, FIXTURE_PASSWORD, makeAvailable, type FixturePerson, type World } from "@/lib/testing/booking-fixtures";
import { freshDatabase } from "@/lib/testing/database";
import { ensureTestEngine } from "@/lib/testing/docker";
import { bodyOf, percentEncode, rawSegment, textOf, type JsonSchema, type Known } from "@/lib/testing/openapi-arbitrary";

/**
 * No input makes the API answer 5xx. Every operation of the OpenAPI document (so every operation
 * the server has: the document is generated from the same registry the routes use) is called with
 * requests generated from its own schemas — NUL, control characters, lone surrogates, huge strings,
 * wrong shapes, missing and extra fields, broken percent-encoding — as an organizer, an attendee and
 * anonymously, against the real server, PostgreSQL and Docker Engine. The only 5xx allowed is one
 * the operation documents for an outage (e.g. ENGINE_UNAVAILABLE), never INTERNAL.
 */
const PORT = 4600 + (process.pid % 200);
const SEED = 20260402;
/** Runs per operation and caller; lab launches start real containers, so they get few. */
const RUNS = { signedIn: 8, anonymousPublic: 8, anonymous: 2, labLaunch: 3 };
const REQUEST_TIMEOUT_MS = 20_000;
/** Longer text in an address only meets Node's 16 KiB header limit (431); shorter reaches the schemas. */
const URL_TEXT_MAX = 1500;

type Role = "organizer" | "attendee" | "anonymous";
interface OpenApiOperation {
  operationId: string;
  security?: unknown[];
  parameters?: { name: string; in: "path" | "query"; required?: boolean; schema: JsonSchema }[];
  requestBody?: { content: { "application/json": { schema: JsonSchema } } };
  responses: Record<string, { description: string }>;
}
interface Op {
  method: string;
  path: string;
  spec: OpenApiOperation;
}
interface Sent {
  method: string;
  url: string;
  body?: string;
}
interface Failure {
  op: string;
  role: Role;
  request: Sent;
  status: number | string;
  response: string;
}

const database = await freshDatabase("api_property");
let db: Db;
let server: AppServer;
let world: World;
let people: FixturePerson[];
const cookies: Record<Role, string> = { organizer: "", attendee: "", anonymous: "" };
let ops: Op[] = [];
let known: Known;

const LAB_LAUNCHES = new Set(["POST /api/v1/labs", "POST /api/v1/sessions/{sessionId}/lab"]);

beforeAll(async () => {
  await ensureTestEngine();
  db = createPrismaClient(database.url);
  world = await createConference(db, { slug: "property", tables: 3 });
  people = await createPeople(db, "property", 3);
  const [organizer, attendee, expert] = people as [FixturePerson, FixturePerson, FixturePerson];
  await db.user.update({ where: { id: organizer.id }, data: { role: "ORGANIZER" } });
  await makeAvailable(db, world.conferenceId, [expert.id, attendee.id], world.tomorrow);
  server = await startAppServer({ port: PORT, databaseUrl: database.url, distDir: ".next-api-property" });
  cookies.organizer = await signIn(server.base, organizer.email, FIXTURE_PASSWORD);
  cookies.attendee = await signIn(server.base, attendee.email, FIXTURE_PASSWORD);

  // A real request and a real feed, so session and calendar operations have ids that exist.
  const asAttendee = apiClient(server.base, cookies.attendee);
  const request = await asAttendee<{ id: string }>("POST", "/api/v1/sessions", { offerId: expert.offerId, slotStart: world.tomorrow[2]!.toISOString() });
  expect(request.status).toBe(201);
  const feed = await asAttendee<{ url: string }>("POST", "/api/v1/calendar-feed");
  const setup = await apiClient(server.base, cookies.organizer)<{ areas: { id: string; tables: { id: string }[] }[] }>("GET", "/api/v1/organizer/conference");
  const areaIds = setup.body.areas.map((a) => a.id);
  const tableIds = setup.body.areas.flatMap((a) => a.tables.map((t) => t.id));
  const day = world.tomorrow[0]!.toISOString().slice(0, 10);
  const offerIds = people.map((p) => p.offerId);
  const userIds = people.map((p) => p.id);
  const feedToken = feed.body.url.split("/").pop()!;
  const byName: Record<string, string[]> = {
    id: [...offerIds, "l0123456789abcdef0123"],
    offerId: offerIds,
    userId: userIds,
    sessionId: [request.body.id],
    areaId: areaIds,
    tableId: tableIds,
    ids: [request.body.id],
    token: [feedToken, `${feedToken}.ics`],
    template: ["shell"],
    labTemplate: ["shell"],
    timeZone: ["UTC", "Europe/Berlin"],
    tz: ["UTC", "America/Chicago"],
    day: [day],
    startDate: [day],
    endDate: [day],
    opensAt: ["09:00"],
    closesAt: ["17:00"],
    to: ["everyone", people[1]!.email],
    link: ["/sessions"],
    email: [`new-${process.pid}@example.com`],
    password: ["a long enough password"],
  };
  known = { byName, strings: Object.values(byName).flat(), instants: world.tomorrow.slice(0, 12).map((d) => d.toISOString()) };

  const doc = (await (await fetch(`${server.base}/api/v1/openapi.json`)).json()) as { paths: Record<string, Record<string, OpenApiOperation>> };
  ops = Object.entries(doc.paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, spec]) => ({ method: method.toUpperCase(), path, spec })));
}, 240_000);

afterAll(async () => {
  // Labs the launches started: stop them so the engine does not keep their containers.
  for (const role of ["organizer", "attendee"] as const) {
    const call = apiClient(server.base, cookies[role]);
    const labs = await call<{ labs: { id: string }[] }>("GET", "/api/v1/labs").catch(() => null);
    for (const lab of labs?.body.labs ?? []) await call("POST", `/api/v1/labs/${lab.id}/stop`).catch(() => undefined);
  }
  await server?.stop();
  await db?.$disconnect();
  await database.drop();
}, 60_000);

/** One generated request for an operation: path parameters, query string and body. */
function requestOf(op: Op): fc.Arbitrary<Sent> {
  const params = op.spec.parameters ?? [];
  const pathParams = params.filter((p) => p.in === "path");
  const queryParams = params.filter((p) => p.in === "query");
  const segment = (name: string, schema: JsonSchema) =>
    fc.oneof(
      { arbitrary: fc.constantFrom(...(known.byName[name] ?? known.strings)).map(percentEncode), weight: 3 },
      { arbitrary: textOf(schema, known, name).map((v) => percentEncode(v.slice(0, URL_TEXT_MAX))), weight: 3 },
      { arbitrary: rawSegment, weight: 1 },
    );
  const path = fc.tuple(...pathParams.map((p) => segment(p.name, p.schema))).map((values) => pathParams.reduce((out, p, i) => out.replace(`{${p.name}}`, values[i]!), op.path));
  const query = fc
    .tuple(
      ...queryParams.map((p) =>
        fc
          .option(
            textOf(p.schema, known, p.name).map((v) => v.slice(0, URL_TEXT_MAX)),
            { freq: p.required ? 10 : 2 },
          )
          .map((v) => (v === null ? null : ([p.name, v] as const))),
      ),
      fc.option(
        fc.tuple(
          fc.constantFrom("extra", "__proto__", "q[]"),
          textOf({}, known).map((v) => v.slice(0, URL_TEXT_MAX)),
        ),
        { freq: 6 },
      ),
    )
    .map((pairs) =>
      pairs
        .filter((p): p is readonly [string, string] => p !== null)
        .map(([k, v]) => `${percentEncode(k)}=${percentEncode(v)}`)
        .join("&"),
    );
  const schema = op.spec.requestBody?.content["application/json"].schema;
  const body = schema ? bodyOf(schema, known) : fc.constant(undefined);
  return fc.tuple(path, query, body).map(([p, q, b]) => ({ method: op.method, url: q ? `${p}?${q}` : p, body: b }));
}

async function send(request: Sent, role: Role): Promise<{ status: number | string; text: string }> {
  const headers: Record<string, string> = {};
  if (cookies[role]) headers.cookie = cookies[role];
  if (request.body !== undefined) headers["content-type"] = "application/json";
  try {
    const response = await fetch(`${server.base}${request.url}`, {
      method: request.method,
      headers,
      body: request.body,
      redirect: "manual",
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    return { status: response.status, text: await response.text() };
  } catch (error) {
    // A request the server never answers is as bad as a 500.
    return { status: `no answer: ${(error as Error).message}`, text: "" };
  }
}

/** A 5xx passes only when the operation documents it for an outage, with its code; INTERNAL never does. */
function acceptable(op: Op, status: number | string, text: string): boolean {
  if (typeof status !== "number") return false;
  if (status < 500) return true;
  let code: string | undefined;
  try {
    code = (JSON.parse(text) as { error?: { code?: string } }).error?.code;
  } catch {
    return false;
  }
  const documented = op.spec.responses[String(status)]?.description.split(", ") ?? [];
  return code !== undefined && code !== "INTERNAL" && documented.includes(code);
}

function runsFor(op: Op, role: Role): number {
  if (LAB_LAUNCHES.has(`${op.method} ${op.path}`)) return RUNS.labLaunch;
  if (role !== "anonymous") return RUNS.signedIn;
  return op.spec.security?.length ? RUNS.anonymous : RUNS.anonymousPublic;
}

const show = (s: string) => JSON.stringify(s.length > 300 ? `${s.slice(0, 300)}… (${s.length} chars)` : s);

describe("text input", () => {
  it("refuses NUL with a 422 naming the field, where it used to reach PostgreSQL as a 500", async () => {
    const attendee = apiClient(server.base, cookies.attendee);
    const expert = people[2]!;
    const cases: [string, string, unknown, string, string][] = [
      [
        "POST",
        "/api/v1/auth/signup",
        { name: "Ada\u0000", email: "nul@example.com", password: "a long enough password" },
        "name",
        "Name contains a control character (U+0000); remove it.",
      ],
      ["PATCH", "/api/v1/profile", { bio: "Hi\u0000there" }, "bio", "Bio contains a control character (U+0000); remove it."],
      ["POST", "/api/v1/offers", { title: "Swarm\u0000 tips" }, "title", "Title contains a control character (U+0000); remove it."],
      [
        "POST",
        "/api/v1/sessions",
        { offerId: expert.offerId, slotStart: world.tomorrow[3]!.toISOString(), message: "Hello\u0000" },
        "message",
        "The message contains a control character (U+0000); remove it.",
      ],
      ["POST", "/api/v1/sessions/x/cancel", { reason: "busy\u0000" }, "reason", "The reason contains a control character (U+0000); remove it."],
    ];
    for (const [method, path, body, field, message] of cases) {
      const r = await attendee<{ error: { code: string; fields: Record<string, string> } }>(method, path, body);
      expect([method, path, r.status, r.body.error?.code, r.body.error?.fields?.[field]]).toEqual([method, path, 422, "VALIDATION_FAILED", message]);
    }
    const announce = await apiClient(server.base, cookies.organizer)<{ error: { fields: Record<string, string> } }>("POST", "/api/v1/organizer/announcements", {
      to: "everyone",
      title: "Coffee",
      link: "/sessions\u0000",
    });
    expect([announce.status, announce.body.error.fields.link]).toEqual([422, "The link contains a control character (U+0000); remove it."]);
    const inAddress = await attendee<{ error: { code: string; message: string } }>("GET", "/api/v1/offers/%00");
    expect(inAddress.status).toBe(422);
    expect(inAddress.body.error.message).toMatch(/id contains a control character \(U\+0000\)/);
  });

  it("refuses a NUL in the sign-in e-mail as a failed sign-in, not a 500", async () => {
    const csrf = await fetch(`${server.base}/api/auth/csrf`);
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    const response = await fetch(`${server.base}/api/auth/callback/credentials`, {
      method: "POST",
      redirect: "manual",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        cookie: csrf.headers
          .getSetCookie()
          .map((c) => c.split(";")[0])
          .join("; "),
      },
      body: new URLSearchParams({ csrfToken, email: `${people[1]!.email}\u0000`, password: FIXTURE_PASSWORD, json: "true" }),
    });
    expect(response.status).toBeLessThan(500);
    expect(response.headers.getSetCookie().some((c) => c.includes("session-token"))).toBe(false);
  });

  it("answers a page whose address holds a NUL with Not found, not a 500", async () => {
    for (const page of ["/offers/%00", "/people/a%00b"]) {
      const response = await fetch(`${server.base}${page}`, { headers: { cookie: cookies.attendee }, redirect: "manual" });
      expect([page, response.status]).toEqual([page, 404]);
    }
  }, 180_000);
});

describe("every /api/v1 operation, generated input", () => {
  it("covers the whole document", () => {
    expect(ops.length).toBeGreaterThanOrEqual(60);
    expect(ops.some((o) => o.path === "/api/v1/organizer/announcements")).toBe(true);
  });

  it("never answers 5xx, as organizer, attendee or anonymous", async () => {
    const failures: Failure[] = [];
    const statuses: Record<string, number> = {};
    const started = Date.now();
    const took: [string, number][] = [];
    for (const [i, op] of ops.entries()) {
      const opStarted = Date.now();
      for (const role of ["organizer", "attendee", "anonymous"] as const) {
        await fc.assert(
          fc.asyncProperty(requestOf(op), async (request) => {
            const { status, text } = await send(request, role);
            statuses[status] = (statuses[status] ?? 0) + 1;
            if (acceptable(op, status, text)) return;
            failures.push({ op: `${op.method} ${op.path}`, role, request, status, response: text.slice(0, 500) });
          }),
          // Different seeds per operation and caller, fixed across runs; no shrinking against a live server.
          { seed: SEED + i * 3 + ["organizer", "attendee", "anonymous"].indexOf(role), numRuns: runsFor(op, role), endOnFailure: true },
        );
      }
      took.push([`${op.method} ${op.path}`, Date.now() - opStarted]);
    }
    const slowest = took
      .sort((a, b) => b[1] - a[1])
      .slice(0, 5)
      .map(([o, ms]) => `${o} ${(ms / 1000).toFixed(1)} s`);
    const requests = Object.values(statuses).reduce((a, b) => a + b, 0);
    console.log(
      `api property: ${requests} requests over ${ops.length} operations in ${((Date.now() - started) / 1000).toFixed(1)} s; answers ${JSON.stringify(statuses)}; slowest: ${slowest.join(", ")}`,
    );
    const report = failures
      .slice(0, 20)
      .map(
        (f) =>
          `${f.op} as ${f.role} → ${f.status}\n  ${f.request.method} ${show(f.request.url)}${f.request.body === undefined ? "" : `\n  body ${show(f.request.body)}`}\n  answer ${show(f.response)}`,
      )
      .join("\n");
    expect(failures.length, `${failures.length} requests answered 5xx or not at all:\n${report}\n\nserver log:\n${server.output().slice(-4000)}`).toBe(0);
  }, 600_000);
});
