import { describe, expect, it } from "vitest";
import type { MatchOffer, MatchViewer } from "@/lib/matching/types";
import { currentMatchIndex, invalidateMatchIndex, peopleFor, recommendationsFor } from "./recommend";
import type { MatchRepo } from "./repo";
import type { OfferSummary } from "./schema";

function fakeStore(key: string, offers: MatchOffer[], viewer: MatchViewer): MatchRepo & { loads: number } {
  const store = {
    key,
    loads: 0,
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
});
