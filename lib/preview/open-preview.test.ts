import { describe, expect, it } from "vitest";
import { DEFAULT_LIMITS, type LabTemplate } from "@/lib/labs/template-schema";
import { openPreview } from "@/lib/preview/open-preview";
import { previewKey, verifyPreviewToken } from "@/lib/preview/token";
import { inMemoryLabRepo } from "@/lib/testing/in-memory-lab-repo";

const key = previewKey("open-preview-unit-test-secret");
const template: LabTemplate = {
  name: "web",
  title: "Web",
  description: "",
  isolation: "runc",
  limits: DEFAULT_LIMITS,
  files: [],
  onboot: [],
  services: [],
  ports: [{ port: 8080, label: "Web page" }],
};

async function world(status: "READY" | "BOOTING" = "READY") {
  const repo = inMemoryLabRepo();
  await repo.create({
    id: "l0000000000000000000a",
    templateName: "web",
    status,
    engineId: "local",
    ownerId: "owner",
    participantIds: ["guest"],
    sessionId: null,
    expiresAt: new Date(Date.now() + 60_000),
    containers: null,
  });
  const deps = { repo, templates: () => new Map([["web", template]]), key, origin: "http://localhost:3001", tokenTtlMs: 60_000, now: () => 1_000 };
  return (user: { id: string; role: "ATTENDEE" | "ORGANIZER" }, port = 8080) => openPreview(deps, user, { labId: "l0000000000000000000a", port });
}

describe("openPreview", () => {
  it("gives a participant a single-use link naming lab, port and user", async () => {
    const open = await world();
    const r = await open({ id: "guest", role: "ATTENDEE" });
    if (!r.ok) throw new Error(r.message);
    expect(r.value).toMatchObject({ port: 8080, readOnly: false, expiresAt: new Date(61_000).toISOString() });
    const url = new URL(r.value.url);
    expect(url.origin + url.pathname).toBe("http://localhost:3001/enter");
    expect(verifyPreviewToken(key, url.searchParams.get("token")!, 1_000)).toMatchObject({
      ok: true,
      value: { labId: "l0000000000000000000a", port: 8080, userId: "guest", readOnly: false },
    });
  });

  it("lets an organizer look read-only, and nobody else", async () => {
    const open = await world();
    expect(await open({ id: "org", role: "ORGANIZER" })).toMatchObject({ ok: true, value: { readOnly: true } });
    expect(await open({ id: "stranger", role: "ATTENDEE" })).toMatchObject({ ok: false, code: "FORBIDDEN" });
  });

  it("refuses undeclared ports and labs that are not ready", async () => {
    expect(await (await world())({ id: "owner", role: "ATTENDEE" }, 22)).toMatchObject({ ok: false, code: "PREVIEW_PORT_NOT_DECLARED" });
    expect(await (await world("BOOTING"))({ id: "owner", role: "ATTENDEE" })).toMatchObject({ ok: false, code: "LAB_NOT_READY" });
  });
});
