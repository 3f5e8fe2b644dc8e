import { describe, expect, it } from "vitest";
import { renderMarkdown } from "@/lib/markdown/render";
import type { OfferRecord, OfferRepo } from "./repo";
import { offerCreate } from "./schema";
import { createOffer, deleteOffer, getOffer, hideOffer, listMyOffers, OFFERS_PER_PERSON, updateOffer, vetoOffer, type OfferDeps } from "./service";

function fakeRepo(): OfferRepo & { rows: Map<string, OfferRecord>; views: string[]; vetoes: Set<string> } {
  const rows = new Map<string, OfferRecord>();
  const views: string[] = [];
  const vetoes = new Set<string>();
  let n = 0;
  const now = new Date("2026-11-28T10:00:00Z");
  return {
    rows,
    views,
    vetoes,
    async find(id) {
      return rows.get(id) ?? null;
    },
    async listByOwner(ownerId) {
      return [...rows.values()].filter((r) => r.ownerId === ownerId);
    },
    async countByOwner(ownerId) {
      return [...rows.values()].filter((r) => r.ownerId === ownerId).length;
    },
    async create(ownerId, data) {
      const id = `o${++n}`;
      const r: OfferRecord = {
        id,
        ownerId,
        ownerName: ownerId,
        ownerHeadline: "",
        ownerVisibility: "FULL",
        hiddenReason: null,
        hiddenAt: null,
        hiddenById: null,
        createdAt: now,
        updatedAt: now,
        ...data,
      };
      rows.set(id, r);
      return r;
    },
    async update(id, data) {
      const r = { ...rows.get(id)!, ...data };
      rows.set(id, r);
      return r;
    },
    async delete(id) {
      rows.delete(id);
    },
    async setHidden(id, hidden) {
      const r = { ...rows.get(id)!, hiddenReason: hidden?.reason ?? null, hiddenAt: hidden?.at ?? null, hiddenById: hidden?.byId ?? null };
      rows.set(id, r);
      return r;
    },
    async recordView(userId, offerId) {
      views.push(`${userId}:${offerId}`);
    },
    async veto(userId, offerId) {
      vetoes.add(`${userId}:${offerId}`);
    },
    async unveto(userId, offerId) {
      vetoes.delete(`${userId}:${offerId}`);
    },
  };
}

function setup() {
  const repo = fakeRepo();
  let changes = 0;
  const deps: OfferDeps = {
    offers: repo,
    search: async () => ({ items: [], total: 0, fuzzy: false, corrections: [], showingResultsFor: null, unmatched: [] }),
    labTemplates: () => ["shell", "forkbomb"],
    render: renderMarkdown,
    changed: () => changes++,
    recordMissedSearch: async () => undefined,
    now: () => new Date("2026-11-28T12:00:00Z"),
  };
  return { repo, deps, changes: () => changes };
}

const ann = { id: "ann", role: "ATTENDEE" as const };
const bob = { id: "bob", role: "ATTENDEE" as const };
const org = { id: "org", role: "ORGANIZER" as const };
const input = (extra: Record<string, unknown> = {}) => offerCreate.parse({ title: "Swarm secrets", ...extra });

describe("offer service", () => {
  it("creates an offer, checks the lab template and tells recommendations", async () => {
    const { deps, changes } = setup();
    const created = await createOffer(deps, ann, input({ labTemplate: "shell" }));
    expect(created).toMatchObject({ ok: true, value: { title: "Swarm secrets", labTemplate: "shell", mine: true, hidden: null } });
    expect(changes()).toBe(1);
    const bad = await createOffer(deps, ann, input({ labTemplate: "bitcoin-miner" }));
    expect(bad).toMatchObject({ ok: false, code: "VALIDATION_FAILED", fields: { labTemplate: expect.stringContaining("shell, forkbomb") } });
  });

  it("limits how many offers one person holds", async () => {
    const { deps } = setup();
    for (let i = 0; i < OFFERS_PER_PERSON; i++) expect((await createOffer(deps, ann, input())).ok).toBe(true);
    expect(await createOffer(deps, ann, input())).toMatchObject({ ok: false, code: "OFFER_LIMIT_REACHED" });
  });

  it("lets only the owner change, pause or delete an offer (403 OFFER_NOT_YOURS otherwise)", async () => {
    const { deps, repo } = setup();
    const created = await createOffer(deps, ann, input());
    const id = created.ok ? created.value.id : "";
    expect(await updateOffer(deps, bob, id, { title: "Taken over" })).toMatchObject({ ok: false, code: "OFFER_NOT_YOURS" });
    expect(await deleteOffer(deps, bob, id)).toMatchObject({ ok: false, code: "OFFER_NOT_YOURS" });
    expect(await updateOffer(deps, org, id, { title: "Organizer edit" })).toMatchObject({ ok: false, code: "OFFER_NOT_YOURS" });
    expect(await updateOffer(deps, ann, id, { active: false })).toMatchObject({ ok: true, value: { active: false } });
    // Paused: others cannot even see it.
    expect(await updateOffer(deps, bob, id, { title: "x" })).toMatchObject({ ok: false, code: "OFFER_NOT_FOUND" });
    expect(await deleteOffer(deps, ann, id)).toEqual({ ok: true, value: null });
    expect(repo.rows.size).toBe(0);
  });

  it("renders descriptions safely: no script, no event handler, no javascript: link", async () => {
    const { deps } = setup();
    const created = await createOffer(
      deps,
      ann,
      input({ description: "Hi <script>alert(1)</script> <img src=x onerror=alert(1)> [click](javascript:alert(1)) [ok](https://docs.docker.com)" }),
    );
    const html = created.ok ? created.value.descriptionHtml : "";
    expect(html).not.toMatch(/<script|onerror|javascript:|<img/i);
    expect(html).toContain('href="https://docs.docker.com"');
  });

  it("hides an offer with a reason the owner sees and others do not; views are recorded for others only", async () => {
    const { deps, repo } = setup();
    const created = await createOffer(deps, ann, input());
    const id = created.ok ? created.value.id : "";
    expect((await getOffer(deps, bob, id)).ok).toBe(true);
    expect((await getOffer(deps, ann, id)).ok).toBe(true);
    expect(repo.views).toEqual([`bob:${id}`]);
    expect(await hideOffer(deps, bob, id, "no")).toMatchObject({ ok: false, code: "FORBIDDEN" });
    expect(await hideOffer(deps, org, id, "Off-topic for DockerCon")).toMatchObject({ ok: true, value: { hidden: { reason: "Off-topic for DockerCon" } } });
    expect(await getOffer(deps, bob, id)).toMatchObject({ ok: false, code: "OFFER_NOT_FOUND" });
    const mine = await listMyOffers(deps, ann);
    expect(mine.ok && mine.value.items[0]!.hidden?.reason).toBe("Off-topic for DockerCon");
    expect(await vetoOffer(deps, bob, id)).toMatchObject({ ok: false, code: "OFFER_NOT_FOUND" });
  });
});
