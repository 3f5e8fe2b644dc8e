import { describe, expect, it } from "vitest";
import { fail, ok } from "@/lib/errors";
import type { LabEngine, LaunchInput } from "@/lib/labs/lab-engine";
import { launchSessionLab, type SessionLabInput } from "@/lib/labs/launch-session-lab";
import type { LabRecord } from "@/lib/labs/repo";
import { loadTemplates } from "@/lib/labs/templates";
import type { LabUseCaseDeps } from "@/lib/labs/use-case-deps";
import { inMemoryLabRepo } from "@/lib/testing/in-memory-lab-repo";

// launchSessionLab with fakes: the engine records what it was asked and creates a CREATING record.
const { templates } = loadTemplates("labs/templates");

function world(over: Partial<LabUseCaseDeps> = {}) {
  const repo = inMemoryLabRepo();
  const launches: LaunchInput[] = [];
  let n = 0;
  const labs: Pick<LabEngine, "startLaunch" | "stop"> = {
    async startLaunch(input) {
      launches.push(input);
      await new Promise((r) => setTimeout(r, 20)); // a launch takes a moment: a second tap arrives meanwhile
      const lab = await repo.create({
        id: `l${String(++n).padStart(20, "0")}`,
        templateName: input.templateName,
        status: "CREATING",
        engineId: "fake",
        ownerId: input.ownerId,
        participantIds: input.participantIds ?? [],
        sessionId: input.sessionId ?? null,
        expiresAt: input.expiresAt ?? new Date(0),
        containers: null,
      });
      return ok({ lab, done: new Promise<never>(() => {}) as Promise<never> });
    },
    stop: async () => fail("LAB_NOT_FOUND", "no"),
  };
  const deps: LabUseCaseDeps = {
    labs,
    repo,
    templates: () => templates,
    engineStatus: async () => ({ ok: true, engine: "fake", runtimes: ["runc", "runsc"] }),
    userNames: async () => new Map(),
    renderMarkdown: (md) => md,
    ...over,
  };
  return { deps, repo, launches };
}

const input = (over: Partial<SessionLabInput> = {}): SessionLabInput => ({
  ownerId: "ada",
  templateName: "shell",
  participantIds: ["ada", "bob"],
  sessionId: `s-${Math.random()}`,
  expiresAt: new Date("2026-12-03T09:35:00Z"),
  ...over,
});

describe("launchSessionLab", () => {
  it("launches once for two quick taps of one session and carries the expiry into the launch", async () => {
    const { deps, repo, launches } = world();
    const i = input();
    const [a, b] = await Promise.all([launchSessionLab(deps, i), launchSessionLab(deps, { ...i, ownerId: "bob" })]);
    expect(a.ok && b.ok && a.value.labId === b.value.labId).toBe(true);
    expect(launches).toHaveLength(1);
    expect(launches[0]).toMatchObject({ ownerId: "ada", sessionId: i.sessionId, participantIds: ["ada", "bob"], expiresAt: i.expiresAt });
    const lab = (await repo.get(a.ok ? a.value.labId : "")) as LabRecord;
    expect(lab.expiresAt).toEqual(i.expiresAt);
  });

  it("refuses with ENGINE_UNAVAILABLE when the engine is down or lacks the runtime, launching nothing", async () => {
    const down = world({ engineStatus: async () => ({ ok: false, engine: "fake", runtimes: [], reason: "Labs are unavailable: engine gone" }) });
    expect(await launchSessionLab(down.deps, input())).toMatchObject({ ok: false, code: "ENGINE_UNAVAILABLE", message: "Labs are unavailable: engine gone" });
    const noGvisor = world({ engineStatus: async () => ({ ok: true, engine: "fake", runtimes: ["runc"] }) });
    expect(await launchSessionLab(noGvisor.deps, input({ templateName: "gvisor-shell" }))).toMatchObject({ ok: false, code: "ENGINE_UNAVAILABLE" });
    expect(down.launches.length + noGvisor.launches.length).toBe(0);
  });

  it("refuses an unknown template with TEMPLATE_NOT_FOUND, naming the known ones", async () => {
    const { deps } = world();
    const r = await launchSessionLab(deps, input({ templateName: "nope" }));
    expect(r).toMatchObject({ ok: false, code: "TEMPLATE_NOT_FOUND" });
    expect(r.ok ? "" : r.message).toContain("shell");
  });

  it("passes the engine's refusal through with its code (LAB_LIMIT_REACHED)", async () => {
    const { deps } = world();
    const limited: LabUseCaseDeps = { ...deps, labs: { ...deps.labs, startLaunch: async () => fail("LAB_LIMIT_REACHED", "You can run at most 1 lab at a time.") } };
    expect(await launchSessionLab(limited, input())).toMatchObject({ ok: false, code: "LAB_LIMIT_REACHED" });
  });

  it("waits for start-up reconciliation before launching", async () => {
    let release: () => void = () => {};
    const ready = new Promise<void>((resolve) => (release = resolve));
    const { deps, launches } = world({ ready: () => ready });
    const pending = launchSessionLab(deps, input());
    await new Promise((r) => setTimeout(r, 30));
    expect(launches).toHaveLength(0);
    release();
    expect((await pending).ok).toBe(true);
    expect(launches).toHaveLength(1);
  });
});
