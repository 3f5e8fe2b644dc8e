import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient, type Db } from "@/lib/db";
import { freshDatabase } from "@/lib/testing/database";
import { createConference } from "@/lib/testing/booking-fixtures";
import { renderMarkdown } from "@/lib/markdown/render";
import { currentMatchIndex, invalidateMatchIndex, recommendationsFor } from "./recommend";
import { matchRepo, offerRepo } from "./repo";
import { searchOffers, type SearchInput } from "./search";
import { createOffer, getOffer, hideOffer, updateOffer, vetoOffer, type OfferDeps } from "./service";
import { offerCreate } from "./schema";

// A database of this file's own: search totals and "only these offers" need no one else's rows.
const database = await freshDatabase("offers_it");
const db: Db = createPrismaClient(database.url);
const stamp = Date.now().toString(36);
const deps: OfferDeps = {
  offers: offerRepo(db),
  search: (input) => searchOffers(db, input),
  labTemplates: () => ["shell", "two-services"],
  render: renderMarkdown,
  changed: invalidateMatchIndex,
  recordMissedSearch: async () => undefined,
  now: () => new Date(),
};
const store = matchRepo(db, `it-${stamp}`);

type U = { id: string; role: "ATTENDEE" | "ORGANIZER" };
let ann: U, bob: U, cat: U, hidden: U, org: U;
const ids: Record<string, string> = {};

async function user(name: string, profile: { offerTags?: string[]; seekTags?: string[]; visibility?: "HIDDEN" | "FULL" } = {}, role: U["role"] = "ATTENDEE") {
  const u = await db.user.create({
    data: { email: `${name.replace(/\W/g, "")}-${stamp}@x.test`, name, role, profile: { create: { headline: `${name} headline`, ...profile } } },
    select: { id: true, role: true },
  });
  return u as U;
}

async function publish(owner: U, key: string, input: Record<string, unknown>) {
  const created = await createOffer(deps, owner, offerCreate.parse(input));
  if (!created.ok) throw new Error(created.message);
  ids[key] = created.value.id;
}

const search = (input: Partial<SearchInput>) => searchOffers(db, { page: 1, limit: 20, ...input });
const found = async (input: Partial<SearchInput>) => (await search(input)).items.map((i) => i.id);

beforeAll(async () => {
  ann = await user("Ann Kowalski", { offerTags: ["kubernetes"], seekTags: ["linuxkit"] });
  bob = await user("Bob Solomon", { offerTags: ["linuxkit"], seekTags: ["kubernetes"] });
  cat = await user("Cat Ng", { seekTags: ["kubernetes", "container-security"], offerTags: ["linuxkit"] });
  hidden = await user("Hidden Person", { offerTags: ["kubernetes"], visibility: "HIDDEN" });
  org = await user("Olga Organizer", {}, "ORGANIZER");
  await publish(ann, "k8sTitle", {
    title: "Kubernetes operators from scratch",
    description: "We write a small **operator** together.",
    tags: ["k8s"],
    level: "DEEP_DIVE",
    lengthMinutes: 30,
    labTemplate: "shell",
  });
  await publish(ann, "k8sDesc", {
    title: "Scheduling questions",
    description: "Bring your cluster questions; we can also talk about kubernetes pods.",
    tags: ["orchestration"],
    level: "INTRO",
    lengthMinutes: 15,
  });
  await publish(bob, "linuxkit", {
    title: "Build a LinuxKit image in 20 minutes",
    description: "Minimal immutable OS images.",
    tags: ["linuxkit"],
    lengthMinutes: 20,
    labTemplate: "two-services",
  });
  await publish(bob, "paused", { title: "Kubernetes paused offer", tags: ["kubernetes"], active: false });
  await publish(bob, "organizerHidden", { title: "Kubernetes hidden by organizer", tags: ["kubernetes"] });
  await publish(hidden, "ofHiddenProfile", { title: "Kubernetes from a hidden profile", tags: ["kubernetes"] });
  const hiddenResult = await hideOffer(deps, org, ids.organizerHidden!, "Looks like a sales pitch");
  expect(hiddenResult.ok).toBe(true);
});

afterAll(async () => {
  await db.$disconnect();
  await database.drop();
});

describe("offer search on PostgreSQL", () => {
  it("ranks a title match above a description-only match", async () => {
    const list = await found({ q: "kubernetes" });
    expect(list.slice(0, 2)).toEqual([ids.k8sTitle, ids.k8sDesc]);
  });

  it("matches prefixes while typing, and the expert's name", async () => {
    expect(await found({ q: "kube" })).toContain(ids.k8sTitle);
    expect(await found({ q: "linu" })).toContain(ids.linuxkit);
    expect(await found({ q: "kube oper" })).toEqual([ids.k8sTitle]);
    expect(await found({ q: "solom" })).toEqual([ids.linuxkit]);
  });

  it("tolerates typos: kubernets finds Kubernetes, linuxkti finds LinuxKit", async () => {
    expect(await found({ q: "kubernets" })).toContain(ids.k8sTitle);
    const linuxkti = await search({ q: "linuxkti" });
    expect(linuxkti.items[0]?.id).toBe(ids.linuxkit);
    expect(linuxkti.fuzzy).toBe(true);
    expect(await found({ q: "zzqxv" })).toEqual([]);
  });

  it("corrects a transposed short word by edit distance and says what it searched for", async () => {
    const page = await search({ q: "imgae" });
    expect(page.items[0]?.id).toBe(ids.linuxkit);
    expect(page).toMatchObject({ fuzzy: true, corrections: [{ from: "imgae", to: "image" }], showingResultsFor: "image", unmatched: [] });
    expect(await found({ q: "opreators kube" })).toEqual([ids.k8sTitle]);
    expect(await search({ q: "kubernetes" })).toMatchObject({ fuzzy: false, corrections: [], showingResultsFor: null });
  });

  it("does not let one unknown word empty the result: it ranks lower and is named", async () => {
    const page = await search({ q: "kubernetes zzqxv" });
    expect(page.items.map((i) => i.id)).toEqual([ids.k8sTitle, ids.k8sDesc]);
    expect(page.unmatched).toEqual(["zzqxv"]);
    const exact = await search({ q: "kubernetes" });
    expect(page.items[0]!.score).toBeLessThan(exact.items[0]!.score);
    // No offer has all three words: the one with two of them comes first.
    expect(await found({ q: "kubernetes operators zzqxv" })).toEqual([ids.k8sTitle, ids.k8sDesc]);
    expect((await search({ q: "zzqxv" })).unmatched).toEqual(["zzqxv"]);
  });

  it("filters by tag (normalized), level, length and lab", async () => {
    expect(await found({ tag: "K8s" })).toEqual([ids.k8sTitle]);
    expect(await found({ q: "kubernetes", level: "INTRO" })).toEqual([ids.k8sDesc]);
    expect(await found({ length: 20 })).toEqual([ids.linuxkit]);
    expect((await found({ hasLab: true })).sort()).toEqual([ids.k8sTitle, ids.linuxkit].sort());
    expect(await found({ hasLab: false })).toEqual([ids.k8sDesc]);
  });

  it("leaves out paused, organizer-hidden offers and offers of hidden profiles", async () => {
    const list = await found({ q: "kubernetes" });
    expect(list).not.toContain(ids.paused);
    expect(list).not.toContain(ids.organizerHidden);
    expect(list).not.toContain(ids.ofHiddenProfile);
    expect(await found({})).toHaveLength(3);
  });

  it("pages with a total", async () => {
    const first = await search({ limit: 2, page: 1 });
    const second = await search({ limit: 2, page: 2 });
    const beyond = await search({ limit: 2, page: 9 });
    expect(first.total).toBe(3);
    expect(first.items).toHaveLength(2);
    expect(second.items).toHaveLength(1);
    expect(beyond).toMatchObject({ items: [], total: 3 });
    expect(new Set([...first.items, ...second.items].map((i) => i.id)).size).toBe(3);
  });

  it("keeps the search text up to date when the expert renames themselves", async () => {
    await db.user.update({ where: { id: bob.id }, data: { name: "Robert Zappa" } });
    expect(await found({ q: "zappa" })).toEqual([ids.linuxkit]);
  });

  it("treats SQL and tsquery syntax in the query as plain words", async () => {
    expect(await found({ q: '\'; DROP TABLE "Offer"; --' })).toEqual([]);
    expect(await found({ q: "kube & | ! :* (" })).toContain(ids.k8sTitle);
    expect(await db.offer.count()).toBeGreaterThan(0);
  });
});

describe("offer rules on PostgreSQL", () => {
  it("refuses to edit another person's offer with OFFER_NOT_YOURS", async () => {
    const r = await updateOffer(deps, bob, ids.k8sTitle!, { title: "Mine now" });
    expect(r).toMatchObject({ ok: false, code: "OFFER_NOT_YOURS" });
  });

  it("shows the owner the organizer's reason, and hides the offer from others", async () => {
    const own = await getOffer(deps, bob, ids.organizerHidden!);
    expect(own.ok && own.value.hidden?.reason).toBe("Looks like a sales pitch");
    expect(await getOffer(deps, ann, ids.organizerHidden!)).toMatchObject({ ok: false, code: "OFFER_NOT_FOUND" });
  });

  it("records views", async () => {
    await getOffer(deps, cat, ids.linuxkit!);
    await getOffer(deps, cat, ids.linuxkit!);
    const view = await db.offerView.findUnique({ where: { userId_offerId: { userId: cat.id, offerId: ids.linuxkit! } } });
    expect(view?.count).toBe(2);
  });

  it("keeps a veto: the offer never comes back in recommendations", async () => {
    invalidateMatchIndex();
    const before = await recommendationsFor({ store }, cat.id);
    expect(before.ok && before.value.items.map((i) => i.offer.id)).toContain(ids.k8sTitle);
    const first = before.ok ? before.value.items.find((i) => i.offer.id === ids.k8sTitle) : undefined;
    expect(first?.reason).toMatch(/Kubernetes/);
    expect((await vetoOffer(deps, cat, ids.k8sTitle!)).ok).toBe(true);
    expect((await vetoOffer(deps, cat, ids.k8sTitle!)).ok).toBe(true);
    const after = await recommendationsFor({ store }, cat.id);
    expect(after.ok && after.value.items.map((i) => i.offer.id)).not.toContain(ids.k8sTitle);
    expect(await db.offerVeto.count({ where: { userId: cat.id } })).toBe(1);
  });

  it("marks a mutual match and rebuilds the index after a change", async () => {
    const built = await currentMatchIndex(store);
    expect(built.index.offers.map((o) => o.id)).not.toContain(ids.paused);
    const recs = await recommendationsFor({ store }, bob.id);
    const k8s = recs.ok ? recs.value.items.find((i) => i.offer.id === ids.k8sTitle) : undefined;
    expect(k8s).toMatchObject({ mutual: true });
    await updateOffer(deps, bob, ids.paused!, { active: true });
    expect((await currentMatchIndex(store)).index.offers.map((o) => o.id)).toContain(ids.paused);
  });

  it("reads a viewer's signals in one statement: profile, views newest first, requests, accepted, vetoes, people met", async () => {
    const world = await createConference(db, { slug: `viewer-${stamp}`, tables: 2 });
    const slots = await db.mingleSlot.findMany({ where: { conferenceId: world.conferenceId }, orderBy: { startsAt: "asc" }, take: 3, select: { id: true } });
    const dan = await user("Dan Viewer", { seekTags: ["swarm", "linuxkit"], offerTags: ["go"] });
    await db.profile.update({ where: { userId: dan.id }, data: { bio: "I run Swarm clusters." } });
    const session = (offer: string, requesterId: string, expertId: string, status: "ACCEPTED" | "DECLINED", slot: number) =>
      db.mingleSession.create({
        data: {
          conferenceId: world.conferenceId,
          offerId: ids[offer]!,
          requesterId,
          expertId,
          status,
          slotId: slots[slot]!.id,
          tableId: status === "ACCEPTED" ? world.tableIds[0] : null,
        },
        select: { id: true },
      });
    await session("linuxkit", dan.id, bob.id, "ACCEPTED", 0);
    await session("k8sTitle", dan.id, ann.id, "DECLINED", 1);
    await db.offerView.create({ data: { userId: dan.id, offerId: ids.k8sDesc!, viewedAt: new Date(Date.now() - 60_000) } });
    await db.offerView.create({ data: { userId: dan.id, offerId: ids.linuxkit!, viewedAt: new Date() } });
    await db.offerVeto.create({ data: { userId: dan.id, offerId: ids.k8sDesc! } });

    const viewer = await store.loadViewer(dan.id);
    expect({ ...viewer, requestedOfferIds: [...viewer.requestedOfferIds!].sort() }).toEqual({
      id: dan.id,
      seekTags: ["swarm", "linuxkit"],
      offerTags: ["go"],
      bio: "I run Swarm clusters.",
      viewedOfferIds: [ids.linuxkit, ids.k8sDesc],
      requestedOfferIds: [ids.linuxkit, ids.k8sTitle].sort(),
      acceptedOfferIds: [ids.linuxkit],
      vetoedOfferIds: [ids.k8sDesc],
      metPersonIds: [bob.id],
    });
    // The expert's side: they met the requester too.
    expect((await store.loadViewer(bob.id)).metPersonIds).toEqual([dan.id]);
    // Someone with no profile and no history.
    const nobody = await db.user.create({ data: { email: `nobody-${stamp}@x.test`, name: "Nobody" }, select: { id: true } });
    expect(await store.loadViewer(nobody.id)).toEqual({
      id: nobody.id,
      seekTags: [],
      offerTags: [],
      bio: "",
      viewedOfferIds: [],
      requestedOfferIds: [],
      acceptedOfferIds: [],
      vetoedOfferIds: [],
      metPersonIds: [],
    });
  });
});
