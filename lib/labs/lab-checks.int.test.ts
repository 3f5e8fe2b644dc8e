import { afterAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "@/lib/db";
import { checkResultRepo } from "@/lib/labs/check-results-repo";
import { extendLab, extendOptions } from "@/lib/labs/extend-lab";
import { listChecks } from "@/lib/labs/list-checks";
import { labRepo } from "@/lib/labs/repo";
import { runCheck } from "@/lib/labs/run-check";
import type { LabTemplate } from "@/lib/labs/template-schema";
import type { WorkspaceDeps } from "@/lib/labs/workspace-lab";
import type { LabExtendedEvent } from "@/lib/labs/workspace-schema";
import { inMemoryCheckResults } from "@/lib/testing/in-memory-check-results";
import { liveLabs } from "@/lib/testing/live-labs";

// Real Docker Engine: a template's checks run in the lab; extending moves the lab's end.
const { engine, templates, service, launch, run } = liveLabs();
const db = createPrismaClient(process.env.DATABASE_URL);
afterAll(() => db.$disconnect());

const owner = { id: "u1", name: "Owner", role: "ATTENDEE" as const };
const stranger = { id: "u2", name: "Stranger", role: "ATTENDEE" as const };
const organizer = { id: "u3", name: "Organizer", role: "ORGANIZER" as const };

function catalogue(): Map<string, LabTemplate> {
  const all = new Map(templates);
  const base = templates.get("first-task")!;
  all.set("slow-checks", {
    ...base,
    name: "slow-checks",
    checks: [
      { name: "never ends", command: "sleep 60; echo finished", hint: "", timeout: 1 },
      { name: "talks a lot", command: "yes abcdefghij | head -c 100000; exit 3", hint: "Say less.", timeout: 5 },
    ],
  });
  return all;
}

async function setUp(template = "first-task", over: Partial<WorkspaceDeps> = {}) {
  const all = catalogue();
  const { svc, store } = service({ templates: () => all });
  const lab = await launch(svc, template);
  const events: LabExtendedEvent[] = [];
  const deps: WorkspaceDeps = {
    repo: store,
    templates: () => all,
    engine: () => engine(),
    checkResults: inMemoryCheckResults(),
    announceExtended: (e) => events.push(e),
    ...over,
  };
  return { svc, lab, deps, events };
}

describe("checks on a real engine", () => {
  it("reports ✗ with the hint until the work is done, then ✓, and keeps the latest result of each", async () => {
    const { svc, lab, deps } = await setUp();
    const first = await runCheck(deps, owner, lab.id, { name: "hello.txt is in your home" });
    expect(first).toMatchObject({ ok: true, value: { hint: expect.stringMatching(/echo hello/), last: { passed: false, exitCode: 1, timedOut: false, byName: "Owner" } } });
    await run(svc, lab.id, "echo hello > ~/hello.txt");
    for (const name of ["hello.txt is in your home", "hello.txt says hello"]) {
      expect(await runCheck(deps, owner, lab.id, { name })).toMatchObject({ ok: true, value: { last: { passed: true, exitCode: 0 } } });
    }
    const cmp = await runCheck(deps, owner, lab.id, { name: "a copy is in /lab" });
    expect(cmp.ok && cmp.value.last).toMatchObject({ passed: false, output: expect.stringMatching(/hello\.txt/) });
    const list = await listChecks(deps, organizer, lab.id);
    expect(list.ok && list.value.checks.map((c) => [c.name, c.last?.passed ?? null])).toEqual([
      ["hello.txt is in your home", true],
      ["hello.txt says hello", true],
      ["a copy is in /lab", false],
    ]);
    expect(list.ok && list.value.canRun).toBe(false);
    expect(await runCheck(deps, owner, lab.id, { name: "no such check" })).toMatchObject({ ok: false, code: "CHECK_NOT_FOUND" });
  });

  it("kills a check at its timeout and reports ✗, and keeps a long output bounded", async () => {
    const { lab, deps } = await setUp("slow-checks");
    const started = Date.now();
    const slow = await runCheck(deps, owner, lab.id, { name: "never ends" });
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(slow.ok && slow.value.last).toMatchObject({ passed: false, timedOut: true, output: expect.stringMatching(/stopped after 1 s/) });
    const chatty = await runCheck(deps, owner, lab.id, { name: "talks a lot" });
    expect(chatty.ok && chatty.value.last).toMatchObject({ passed: false, exitCode: 3, timedOut: false });
    expect(chatty.ok && chatty.value.last!.output.length).toBeLessThanOrEqual(4096);
    expect(chatty.ok && chatty.value.last!.output).toMatch(/more characters left out\)$/);
  });

  it("refuses checks to anyone but the participants; organizers see results only", async () => {
    const { lab, deps } = await setUp();
    expect(await runCheck(deps, stranger, lab.id, { name: "hello.txt is in your home" })).toMatchObject({ ok: false, code: "FORBIDDEN" });
    expect(await runCheck(deps, organizer, lab.id, { name: "hello.txt is in your home" })).toMatchObject({ ok: false, code: "FORBIDDEN" });
    expect(await listChecks(deps, stranger, lab.id)).toMatchObject({ ok: false, code: "FORBIDDEN" });
  });

  it("keeps results with the lab and its session in PostgreSQL", async () => {
    const stamp = Date.now().toString(36);
    const user = await db.user.create({ data: { email: `checks-${stamp}@labs.test`, name: "Checker" }, select: { id: true, name: true, role: true } });
    const all = catalogue();
    const repo = labRepo(db);
    const { svc } = service({ repo, templates: () => all });
    const started = await svc.launch({ ownerId: user.id, templateName: "first-task", sessionId: `session-${stamp}` });
    if (!started.ok) throw new Error(started.message);
    try {
      const deps: WorkspaceDeps = { repo, templates: () => all, engine: () => engine(), checkResults: checkResultRepo(db) };
      await runCheck(deps, user, started.value.id, { name: "hello.txt is in your home" });
      await run(svc, started.value.id, "echo hello > ~/hello.txt");
      await runCheck(deps, user, started.value.id, { name: "hello.txt is in your home" });
      const kept = await checkResultRepo(db).listBySession(`session-${stamp}`);
      expect(kept.map((r) => [r.labId, r.checkName, r.passed, r.ranById])).toEqual([
        [started.value.id, "hello.txt is in your home", false, user.id],
        [started.value.id, "hello.txt is in your home", true, user.id],
      ]);
      expect((await checkResultRepo(db).latest(started.value.id)).map((r) => r.passed)).toEqual([true]);
    } finally {
      await svc.stop(started.value.id);
    }
  });
});

describe("extending a lab", () => {
  it("adds one step at a time up to the template's maximum, and tells everyone the new end", async () => {
    const { lab, deps, events } = await setUp();
    const start = lab.createdAt.getTime();
    expect(lab.expiresAt.getTime() - start).toBe(30 * 60_000);
    const once = await extendLab(deps, owner, lab.id);
    expect(once).toMatchObject({ ok: true, value: { canExtend: true, stepSeconds: 900, expiresAt: new Date(start + 45 * 60_000).toISOString() } });
    const twice = await extendLab(deps, owner, lab.id);
    expect(twice).toMatchObject({
      ok: true,
      value: { canExtend: false, expiresAt: new Date(start + 60 * 60_000).toISOString(), latestEnd: new Date(start + 60 * 60_000).toISOString() },
    });
    const past = await extendLab(deps, owner, lab.id);
    expect(past).toMatchObject({ ok: false, code: "EXTEND_LIMIT_REACHED", message: expect.stringMatching(/1 h from its start/) });
    expect((await deps.repo.get(lab.id))!.expiresAt.getTime()).toBe(start + 60 * 60_000);
    expect(events.map((e) => [e.labId, e.expiresAt, e.by])).toEqual([
      [lab.id, new Date(start + 45 * 60_000).toISOString(), "Owner"],
      [lab.id, new Date(start + 60 * 60_000).toISOString(), "Owner"],
    ]);
  });

  it("refuses non-participants and organizers, and a host that takes no more lab time", async () => {
    const { lab, deps } = await setUp("first-task", { hostRefusal: () => "The lab's machine is being emptied: labs there are not extended." });
    expect(await extendLab(deps, stranger, lab.id)).toMatchObject({ ok: false, code: "FORBIDDEN" });
    expect(await extendLab(deps, organizer, lab.id)).toMatchObject({ ok: false, code: "FORBIDDEN" });
    expect(await extendOptions(deps, stranger, lab.id)).toMatchObject({ ok: false, code: "FORBIDDEN" });
    expect(await extendOptions(deps, owner, lab.id)).toMatchObject({ ok: true, value: { canExtend: false, reason: expect.stringMatching(/being emptied/) } });
    expect(await extendLab(deps, owner, lab.id)).toMatchObject({ ok: false, code: "EXTEND_UNAVAILABLE" });
  });
});
