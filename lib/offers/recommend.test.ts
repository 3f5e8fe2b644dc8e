import { describe, expect, it } from "vitest";
import type { MatchOffer, MatchViewer } from "@/lib/matching/types";
import { currentMatchIndex, INDEX_TTL_MS, invalidateMatchIndex, peopleFor, recommendationsFor } from "./recommend";
import type { MatchRepo } from "./repo";
import type { OfferSummary } from "./schema";

function fakeStore(key: string, offers: MatchOffer[], viewer: MatchViewer): MatchRepo & { loads: number; countReads: number; pending: Map<string, number> } {
  const store = {
    key,
    loads: 0,
    countReads: 0,
    pending: new Map<string, number>(),
    async loadPendingCounts() {
      store.countReads++;
      return new Map(store.pending);
    },
    async loadCorpus() {
      store.loads++;
      const cards = new Map<string, OfferSummary>(
        offers.map((o) => [
          o.id,
          {
            id: o.id,
            title: o.title,
            excerpt: "",
            tags: [...o.tags],
            level: "PRACTITIONER",
            lengthMinutes: 20,
            labTemplate: null,
            owner: { id: o.ownerId, name: `Name ${o.ownerId}`, headline: "" },
          },
        ]),
      );
      return { offers: [...offers], cards };
    },
    async loadViewer() {
      return viewer;
    },
  };
  return store;
}

const offer = (id: string, ownerId: string, tags: string[], ownerSeekTags: string[] = []): MatchOffer => ({
  id,
  ownerId,
  tags,
  ownerSeekTags,
  title: `About ${tags.join(" ")}`,
  description: "",
  ownerPendingRequests: 0,
  level: "intermediate",
  active: true,
});

describe("recommendations service", () => {
  const offers = [offer("k1", "ann", ["kubernetes"], ["go"]), offer("k2", "bob", ["kubernetes"]), offer("j1", "cat", ["java"]), offer("p1", "dan", ["python"])];
  const viewer: MatchViewer = { id: "me", seekTags: ["kubernetes"], offerTags: ["go"], vetoedOfferIds: ["k2"] };

  it("gives each card its reason and mutual flag, and leaves out vetoed offers", async () => {
    const r = await recommendationsFor({ store: fakeStore("t1", offers, viewer) }, "me");
    expect(r.ok && r.value.items.map((i) => [i.offer.id, i.mutual, i.reason])).toEqual([["k1", true, "A fair swap: they know Kubernetes, you know Go"]]);
  });

  it("suggests people from the same scores", async () => {
    const r = await peopleFor({ store: fakeStore("t2", offers, { ...viewer, vetoedOfferIds: [] }) }, "me");
    expect(r.ok && r.value.items.map((p) => p.person.id)).toEqual(["ann", "bob"]);
    expect(r.ok && r.value.items[0]!.offers).toEqual([{ id: "k1", title: "About kubernetes" }]);
  });

  it("builds the index once, and again only after an invalidation", async () => {
    const store = fakeStore("t3", offers, viewer);
    await currentMatchIndex(store);
    await Promise.all([currentMatchIndex(store), recommendationsFor({ store }, "me")]);
    expect(store.loads).toBe(1);
    invalidateMatchIndex();
    await Promise.all([currentMatchIndex(store), currentMatchIndex(store)]);
    expect(store.loads).toBe(2);
  });

  it("after the TTL re-reads only the pending counts: unchanged keeps the index, changed moves fairness without a rebuild", async () => {
    const store = fakeStore("t4", offers, { ...viewer, vetoedOfferIds: [] });
    const first = await currentMatchIndex(store);
    const later = Date.now() + INDEX_TTL_MS + 1;
    expect(await currentMatchIndex(store, later)).toBe(first);
    const same = await currentMatchIndex(store, later);
    expect([store.loads, store.countReads]).toEqual([1, 1]);
    expect(same).toBe(first);

    const before = await recommendationsFor({ store }, "me");
    store.pending.set("ann", 40);
    await currentMatchIndex(store, Date.now() + 2 * INDEX_TTL_MS + 2);
    const moved = await currentMatchIndex(store);
    expect([store.loads, store.countReads]).toEqual([1, 2]);
    expect(moved).not.toBe(first);
    expect(moved.index.offerPending[moved.index.offerIndexById.get("k1")!]).toBe(40);
    const after = await recommendationsFor({ store }, "me");
    const score = (r: typeof before, id: string) => (r.ok ? r.value.items.find((i) => i.offer.id === id)?.score : undefined);
    expect(score(after, "k1")!).toBeLessThan(score(before, "k1")!);
  });
});
