import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "@/lib/db";
import type { Engine } from "@/lib/docker/engine";
import { statusFor } from "@/lib/http";
import { getLab } from "@/lib/labs/get-lab";
import type { LabEngine } from "@/lib/labs/lab-engine";
import { createLabServices } from "@/lib/labs/lab-services";
import { launchLab } from "@/lib/labs/launch-lab";
import { launchSessionLab } from "@/lib/labs/launch-session-lab";
import { listLabs } from "@/lib/labs/list-labs";
import { listTemplates } from "@/lib/labs/list-templates";
import { labRepo } from "@/lib/labs/repo";
import { labTemplates } from "@/lib/labs/templates";
import type { LabUseCaseDeps } from "@/lib/labs/use-case-deps";
import { offerDeps } from "@/lib/offers/deps";
import { createOffer } from "@/lib/offers/service";
import { ensureTestEngine } from "@/lib/testing/docker";
import { testLabUseCaseDeps } from "@/lib/testing/lab-use-case-deps";
import { SHELL_YAML } from "@/lib/testing/template-deps";
import { refreshUserTemplates } from "./catalogue";
import { findImagesOnHosts } from "./deps";
import { disableTemplate } from "./disable-template";
import { enableTemplate } from "./enable-template";
import type { TemplateDeps } from "./ports";
import { userTemplateRepo } from "./repo";
import { saveTemplateVersion } from "./save-template-version";
import { tryTemplate } from "./try-template";
import { validateTemplate } from "./validate-template";

// People's own templates on the real PostgreSQL (fresh test database) and the real Docker Engine:
// versions saved and immutable, problems at their lines, images looked up in the engine's image
// store, Try it through the labs' own launch, an offer's session lab of a version, and a disable.
const db = createPrismaClient(process.env.DATABASE_URL);
let engine: Engine;
let service: LabEngine;
let labs: LabUseCaseDeps;
let deps: TemplateDeps;

type U = { id: string; name: string; role: "ATTENDEE" | "ORGANIZER" };
async function user(name: string, role: U["role"] = "ATTENDEE"): Promise<U> {
  const stamp = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  return db.user.create({ data: { email: `${name}-${stamp}@templates.test`, name, role }, select: { id: true, name: true, role: true } });
}

async function untilReady(labId: string, viewer: U, ms = 30_000) {
  const end = Date.now() + ms;
  for (;;) {
    const r = await getLab(labs, viewer, labId);
    if (r.ok && r.value.status === "READY") return r.value;
    if (r.ok && r.value.status === "FAILED") throw new Error(`lab ${labId} failed: ${r.value.failureReason}`);
    if (Date.now() > end) throw new Error(`lab ${labId} did not get ready: ${JSON.stringify(r)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

beforeAll(async () => {
  engine = await ensureTestEngine();
  // The labs runtime reads the one catalogue, as in the server: people's versions join it there.
  service = createLabServices({ repo: labRepo(db), engine: () => engine, templates: labTemplates, maxLabsPerUser: 3, defaultEngineId: "local" }).labs;
  labs = { ...testLabUseCaseDeps(db, service, new Map(), "local"), templates: labTemplates };
  const repo = userTemplateRepo(db);
  deps = {
    repo,
    findImages: findImagesOnHosts,
    registries: [],
    refreshCatalogue: () => refreshUserTemplates(repo),
    launch: (u, template) => launchLab(labs, u, { template }),
    now: () => new Date(),
  };
});

afterAll(async () => {
  for (const lab of await labRepo(db).listLive()) await service.stop(lab.id);
  await db.$disconnect();
});

describe("people's own templates on the real database and engine", () => {
  it("saves immutable versions; problems come back with line and column; an image no host has is refused in a sentence", async () => {
    const alice = await user("Alice");
    const bob = await user("Bob");
    const v1 = await saveTemplateVersion(deps, alice, { yaml: SHELL_YAML });
    if (!v1.ok) throw new Error(v1.message);
    const v2 = await saveTemplateVersion(deps, alice, { templateId: v1.value.templateId, yaml: SHELL_YAML.replace("My shell", "Shell two") });
    expect(v2.ok && v2.value).toMatchObject({ number: 2, title: "Shell two" });
    await expect(db.userTemplateVersion.updateMany({ where: { templateId: v1.value.templateId }, data: { yaml: "changed" } })).rejects.toThrow(/cannot be changed/);
    expect(await saveTemplateVersion(deps, bob, { templateId: v1.value.templateId, yaml: SHELL_YAML })).toMatchObject({ ok: false, code: "FORBIDDEN" });

    const bad = await validateTemplate(deps, alice, { yaml: SHELL_YAML.replace("    image:", "    imag:") });
    expect(bad.ok && bad.value.problems.map((p) => `${p.line}:${p.column} ${p.field}`)).toEqual(["2:5 services.0.image", "3:5 services.0.imag"]);

    const absent = SHELL_YAML.replace("mingle/busybox:1", "mingle/not-built:9");
    const refused = await saveTemplateVersion(deps, alice, { yaml: absent });
    expect(refused).toMatchObject({
      ok: false,
      code: "TEMPLATE_INVALID",
      message:
        'The template has 1 problem: line 3, column 5: services.0.image: "mingle/not-built:9" is not on the lab hosts (missing on local): images must already be there. No registry is reachable for it.',
    });
    expect(statusFor("TEMPLATE_INVALID")).toBe(422);
    // Container mode's sandbox refusals apply as for the shipped templates.
    const root = await validateTemplate(deps, alice, { yaml: SHELL_YAML.replace('    command: ["sleep", "inf"]\n', '    command: ["sleep", "inf"]\n    uid: 0\n') });
    expect(root.ok && root.value.problems[0]).toMatchObject({ line: 5, field: "services.0.uid", message: expect.stringContaining("(root) is refused in container mode") });
  });

  it("tries a version as a private lab of its author; an offer names a version and its session lab runs it; a disabled template launches no more", async () => {
    const alice = await user("Alice");
    const bob = await user("Bob");
    const organizer = await user("Olga", "ORGANIZER");
    const saved = await saveTemplateVersion(deps, alice, { yaml: SHELL_YAML.replace("My shell", "Alice's shell") });
    if (!saved.ok) throw new Error(saved.message);
    const at = { id: saved.value.templateId, version: 1 };

    expect(await tryTemplate(deps, bob, at)).toMatchObject({ ok: false, code: "FORBIDDEN" });
    const tried = await tryTemplate(deps, alice, at);
    if (!tried.ok) throw new Error(tried.message);
    const lab = await untilReady(tried.value.id, alice);
    expect(lab.template).toMatchObject({ name: saved.value.name, title: "Alice's shell" });
    const shell = await service.exec(lab.id, ["sh", "-c", "id -u; cat /proc/self/status | grep ^CapEff"]);
    expect(shell.ok && shell.value.stdout).toMatch(/^1000\nCapEff:\s+0+\n$/);
    expect(await getLab(labs, bob, lab.id)).toMatchObject({ ok: false, code: "FORBIDDEN" });
    expect((await listLabs(labs, bob, "mine")).ok && (await listLabs(labs, bob, "mine"))).toMatchObject({ value: { labs: [] } });
    // Not on the Labs page, and nobody else launches it standalone.
    const page = await listTemplates(labs);
    expect(page.ok && page.value.templates.map((t) => t.name)).not.toContain(saved.value.name);
    expect(await launchLab(labs, bob, { template: saved.value.name })).toMatchObject({ ok: false, code: "TEMPLATE_NOT_FOUND" });
    await service.stop(lab.id);

    const offers = offerDeps({ changed: () => {} });
    expect(
      await createOffer(offers, bob, { title: "Bob borrows", description: "", tags: [], level: "INTRO", lengthMinutes: 20, labTemplate: saved.value.name, active: true }),
    ).toMatchObject({
      ok: false,
      code: "VALIDATION_FAILED",
    });
    const offer = await createOffer(offers, alice, {
      title: "Shells with Alice",
      description: "",
      tags: [],
      level: "INTRO",
      lengthMinutes: 20,
      labTemplate: saved.value.name,
      active: true,
    });
    if (!offer.ok) throw new Error(offer.message);
    expect(offer.value.labTemplate).toBe(saved.value.name);
    const session = (n: number) => ({
      ownerId: alice.id,
      templateName: offer.value.labTemplate!,
      participantIds: [alice.id, bob.id],
      sessionId: `s-${at.id}-${n}`,
      expiresAt: new Date(Date.now() + 600_000),
    });
    const sessionLab = await launchSessionLab(labs, session(1));
    if (!sessionLab.ok) throw new Error(sessionLab.message);
    expect((await untilReady(sessionLab.value.labId, bob)).template.name).toBe(saved.value.name);
    await service.stop(sessionLab.value.labId);

    expect(await disableTemplate(deps, bob, at.id, "not yours")).toMatchObject({ ok: false, code: "FORBIDDEN" });
    const off = await disableTemplate(deps, organizer, at.id, "Runs a crypto miner");
    expect(off.ok && off.value).toMatchObject({ disabled: { reason: "Runs a crypto miner" }, offers: 1, author: { id: alice.id } });
    const refused = await launchSessionLab(labs, session(2));
    expect(refused).toMatchObject({ ok: false, code: "TEMPLATE_DISABLED", message: `The lab template "Alice's shell" was disabled by an organizer: Runs a crypto miner` });
    expect(statusFor("TEMPLATE_DISABLED")).toBe(409);
    expect(await tryTemplate(deps, alice, at)).toMatchObject({ ok: false, code: "TEMPLATE_DISABLED" });

    await enableTemplate(deps, organizer, at.id);
    const again = await launchSessionLab(labs, session(3));
    expect(again.ok).toBe(true);
  });
});
