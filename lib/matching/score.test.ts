import { describe, expect, it } from "vitest";
import { buildMatchIndex, withPendingCounts } from "./match-index";
import { peopleToMeet, recommendOffers } from "./score";
import type { MatchOffer, MatchViewer } from "./types";

function offer(p: Partial<MatchOffer> & Pick<MatchOffer, "id" | "ownerId" | "tags">): MatchOffer {
  return {
    ownerSeekTags: [],
    title: `Session ${p.id}`,
    description: "",
    ownerPendingRequests: 0,
    level: "intermediate",
    active: true,
    ...p,
  };
}

/** Offers on other topics, so tag IDF has something to contrast with. */
const filler: MatchOffer[] = ["java", "python", "storage", "networking", "databases", "testing"].flatMap((tag, i) =>
  [0, 1, 2].map((j) => offer({ id: `f${i}-${j}`, ownerId: `filler-${i}`, tags: [tag], title: `All about ${tag}` })),
);

function viewer(p: Partial<MatchViewer> = {}): MatchViewer {
  return { id: "me", seekTags: ["kubernetes"], offerTags: ["go"], ...p };
}

const ids = (list: { offerId: string }[]) => list.map((s) => s.offerId);

describe("recommendOffers", () => {
  it("ranks a mutual match above an otherwise identical one-sided match, and marks it", () => {
    const index = buildMatchIndex([
      ...filler,
      offer({ id: "a-one-sided", ownerId: "ann", tags: ["kubernetes"], ownerSeekTags: ["java"] }),
      offer({ id: "b-mutual", ownerId: "bob", tags: ["kubernetes"], ownerSeekTags: ["go"] }),
    ]);
    const [first, second] = recommendOffers(index, viewer());
    expect(first).toMatchObject({ offerId: "b-mutual", mutual: true, reason: "A fair swap: they know Kubernetes, you know Go" });
    expect(second).toMatchObject({ offerId: "a-one-sided", mutual: false });
    expect(first!.score).toBeGreaterThan(second!.score);
  });

  it("says 'You both care about …' when both people seek and offer the same topic", () => {
    const index = buildMatchIndex([...filler, offer({ id: "sec", ownerId: "ann", tags: ["container-security"], ownerSeekTags: ["container-security"] })]);
    const [only] = recommendOffers(index, viewer({ seekTags: ["container-security"], offerTags: ["container-security"] }));
    expect(only).toMatchObject({ offerId: "sec", mutual: true, reason: "You both care about container security" });
  });

  it("removes vetoed offers, the viewer's own offers, inactive offers and (by default) requested ones", () => {
    const index = buildMatchIndex([
      ...filler,
      offer({ id: "vetoed", ownerId: "ann", tags: ["kubernetes"] }),
      offer({ id: "mine", ownerId: "me", tags: ["kubernetes"] }),
      offer({ id: "inactive", ownerId: "bob", tags: ["kubernetes"], active: false }),
      offer({ id: "requested", ownerId: "cat", tags: ["kubernetes"] }),
      offer({ id: "kept", ownerId: "dan", tags: ["kubernetes"] }),
    ]);
    const v = viewer({ vetoedOfferIds: ["vetoed"], requestedOfferIds: ["requested"] });
    expect(ids(recommendOffers(index, v))).toEqual(["kept"]);
    expect(ids(recommendOffers(index, v, { includeRequested: true })).sort()).toEqual(["kept", "requested"]);
  });

  it("ranks people the viewer already met down", () => {
    const index = buildMatchIndex([
      ...filler,
      offer({ id: "ann-1", ownerId: "ann", tags: ["kubernetes"], title: "Kubernetes operators" }),
      offer({ id: "bob-1", ownerId: "bob", tags: ["kubernetes"] }),
    ]);
    expect(ids(recommendOffers(index, viewer()))).toEqual(["ann-1", "bob-1"]);
    const metAnn = recommendOffers(index, viewer({ metPersonIds: ["ann"] }));
    expect(ids(metAnn)).toEqual(["bob-1", "ann-1"]);
    expect(metAnn[1]!.signals.met).toBe(true);
  });

  it("ranks owners with many pending requests down, smoothly", () => {
    const offers = (annPending: number) =>
      buildMatchIndex([
        ...filler,
        offer({ id: "ann-1", ownerId: "ann", tags: ["kubernetes"], title: "Kubernetes operators", ownerPendingRequests: annPending }),
        offer({ id: "bob-1", ownerId: "bob", tags: ["kubernetes"] }),
      ]);
    expect(ids(recommendOffers(offers(0), viewer()))).toEqual(["ann-1", "bob-1"]);
    expect(ids(recommendOffers(offers(20), viewer()))).toEqual(["bob-1", "ann-1"]);

    const fairness = [0, 1, 2, 4, 8, 16, 32].map((n) => recommendOffers(offers(n), viewer()).find((s) => s.offerId === "ann-1")!.signals.fairness);
    for (let i = 1; i < fairness.length; i++) {
      expect(fairness[i]!).toBeLessThan(fairness[i - 1]!);
      expect(fairness[i]! / fairness[i - 1]!).toBeGreaterThan(0.5);
    }
    expect(fairness[0]).toBe(1);
  });

  it("takes new pending counts without a rebuild, ranking exactly as a rebuild with them would", () => {
    const build = (annPending: number) =>
      buildMatchIndex([
        ...filler,
        offer({ id: "ann-1", ownerId: "ann", tags: ["kubernetes"], title: "Kubernetes operators", ownerPendingRequests: annPending }),
        offer({ id: "bob-1", ownerId: "bob", tags: ["kubernetes"] }),
      ]);
    const fresh = build(0);
    expect(withPendingCounts(fresh, new Map())).toBe(fresh);
    const refreshed = withPendingCounts(fresh, new Map([["ann", 20]]));
    expect(refreshed).not.toBe(fresh);
    expect(fresh.offerPending[fresh.offerIndexById.get("ann-1")!]).toBe(0);
    expect(recommendOffers(refreshed, viewer())).toEqual(recommendOffers(build(20), viewer()));
    expect(ids(recommendOffers(refreshed, viewer()))).toEqual(["bob-1", "ann-1"]);
  });

  it("re-ranks for diversity: without it one person takes the top three, with it not", () => {
    const index = buildMatchIndex([
      ...filler,
      ...[1, 2, 3].map((n) => offer({ id: `ann-${n}`, ownerId: "ann", tags: ["kubernetes"], title: `Kubernetes operators ${n}` })),
      offer({ id: "bob-1", ownerId: "bob", tags: ["kubernetes"] }),
    ]);
    const plain = recommendOffers(index, viewer(), { diversity: false });
    expect(plain.slice(0, 3).map((s) => s.ownerId)).toEqual(["ann", "ann", "ann"]);
    const diverse = recommendOffers(index, viewer());
    expect(diverse.slice(0, 3).map((s) => s.ownerId)).toContain("bob");
    expect(diverse[0]!.ownerId).toBe("ann");
  });

  it("re-ranks for diversity across tags too", () => {
    const index = buildMatchIndex([
      ...filler,
      ...[1, 2, 3].map((n) => offer({ id: `k8s-${n}`, ownerId: `owner-${n}`, tags: ["kubernetes"], title: "Kubernetes operators" })),
      // The rarer tag weighs more, so its owner is busy enough to keep it fourth without the re-rank.
      offer({ id: "linuxkit", ownerId: "lin", tags: ["linuxkit"], ownerPendingRequests: 16 }),
    ]);
    const v = viewer({ seekTags: ["kubernetes", "linuxkit"] });
    const plain = recommendOffers(index, v, { diversity: false });
    expect(ids(plain).indexOf("linuxkit")).toBe(3);
    expect(ids(recommendOffers(index, v)).indexOf("linuxkit")).toBeLessThan(3);
  });

  it("explains each pick from its strongest signal", () => {
    const index = buildMatchIndex([
      ...filler,
      offer({ id: "lk", ownerId: "ann", tags: ["linuxkit"] }),
      offer({ id: "k8s-expert", ownerId: "bob", tags: ["kubernetes"], level: "expert" }),
      offer({ id: "swarm", ownerId: "cat", tags: ["swarm"] }),
      offer({ id: "untagged", ownerId: "dan", tags: ["java"], title: "Booting LinuxKit images on a Raspberry Pi" }),
      offer({ id: "swarm-seen", ownerId: "eve", tags: ["swarm"] }),
      offer({ id: "sec-requested", ownerId: "fay", tags: ["container-security"] }),
      offer({ id: "sec", ownerId: "gus", tags: ["container-security"] }),
    ]);
    const v = viewer({
      seekTags: ["kubernetes", "linuxkit"],
      offerTags: [],
      viewedOfferIds: ["swarm-seen"],
      requestedOfferIds: ["sec-requested"],
    });
    const reasons = Object.fromEntries(recommendOffers(index, v).map((s) => [s.offerId, s.reason]));
    expect(reasons).toEqual({
      lk: "Matches your interest in LinuxKit",
      "k8s-expert": "Kubernetes expert — you're looking to learn it",
      swarm: "Like the Swarm sessions you looked at",
      "swarm-seen": "Like the Swarm sessions you looked at",
      sec: "Like the container security sessions you requested",
      untagged: "Its description fits your interest in LinuxKit",
    });
  });

  it("is deterministic and returns at most limit picks", () => {
    const index = buildMatchIndex([...filler, ...Array.from({ length: 30 }, (_, i) => offer({ id: `k${i}`, ownerId: `o${i % 7}`, tags: ["kubernetes"] }))]);
    const a = recommendOffers(index, viewer(), { limit: 5 });
    expect(a).toHaveLength(5);
    expect(recommendOffers(index, viewer(), { limit: 5 })).toEqual(a);
  });
});

describe("recommendOffers: fit, not overlap", () => {
  const winDotnet = viewer({ seekTags: ["windows-containers", "dotnet"], offerTags: ["go"] });

  it("ranks offers carrying both needed tags above offers carrying one, mutual or not", () => {
    const index = buildMatchIndex([
      ...filler,
      offer({ id: "powershell", ownerId: "p1", tags: ["windows-containers", "powershell"], title: "PowerShell DSC for Windows hosts", ownerSeekTags: ["go"] }),
      offer({ id: "msbuild", ownerId: "p2", tags: ["dotnet", "msbuild"], title: "MSBuild tricks" }),
      offer({ id: "nuget", ownerId: "p3", tags: ["dotnet"], title: "NuGet feeds", ownerSeekTags: ["go"] }),
      offer({ id: "both-1", ownerId: "p4", tags: ["windows-containers", "dotnet"], title: "ASP.NET on Windows Server" }),
      offer({ id: "both-2", ownerId: "p5", tags: ["windows-containers", "dotnet", "legacy-apps", "iis", "msi"], title: "Moving a monolith" }),
    ]);
    const ranked = ids(recommendOffers(index, winDotnet));
    expect(ranked.slice(0, 2).sort()).toEqual(["both-1", "both-2"]);
    expect(recommendOffers(index, winDotnet)[0]!.reason).toBe("Matches both of your needs: Windows containers, .NET");
  });

  it("does not let a mutual one-tag match outrank a one-sided exact match", () => {
    const index = buildMatchIndex([
      ...filler,
      offer({ id: "mutual-one", ownerId: "ann", tags: ["kubernetes"], title: "Kubernetes operators", ownerSeekTags: ["go"] }),
      offer({ id: "exact", ownerId: "bob", tags: ["kubernetes", "container-security"] }),
    ]);
    const v = viewer({ seekTags: ["kubernetes", "container-security"] });
    const [first, second] = recommendOffers(index, v);
    expect(first).toMatchObject({ offerId: "exact", mutual: false });
    expect(second).toMatchObject({ offerId: "mutual-one", mutual: true });
  });

  it("does not dilute an exact match by its extra free-form tags", () => {
    const index = buildMatchIndex([
      ...filler,
      offer({ id: "partial", ownerId: "ann", tags: ["service-mesh", "kubernetes"] }),
      offer({ id: "exact-plus", ownerId: "bob", tags: ["observability", "service-mesh", "envoy", "jaeger"], title: "Tracing through Envoy sidecars with Jaeger" }),
    ]);
    expect(ids(recommendOffers(index, viewer({ seekTags: ["observability", "service-mesh"] })))[0]).toBe("exact-plus");
  });

  it("weighs a rare need above a common one", () => {
    const index = buildMatchIndex([
      ...filler,
      ...[1, 2, 3, 4, 5].map((n) => offer({ id: `k8s-${n}`, ownerId: `k${n}`, tags: ["kubernetes"] })),
      offer({ id: "gpu", ownerId: "g", tags: ["gpu"] }),
    ]);
    expect(ids(recommendOffers(index, viewer({ seekTags: ["kubernetes", "gpu"] }), { diversity: false }))[0]).toBe("gpu");
  });

  it("counts a need named in the title (free-form needs too), less than a tag", () => {
    const index = buildMatchIndex([
      ...filler,
      offer({ id: "tagged", ownerId: "ann", tags: ["java", "memory"] }),
      offer({ id: "titled", ownerId: "bob", tags: ["java"], title: "JVM memory limits inside containers" }),
      offer({ id: "java-only", ownerId: "cat", tags: ["java"], title: "Spring Boot in 15 minutes" }),
    ]);
    const ranked = ids(recommendOffers(index, viewer({ seekTags: ["java", "memory"] }), { diversity: false }));
    expect(ranked.indexOf("tagged")).toBeLessThan(ranked.indexOf("titled"));
    expect(ranked.indexOf("titled")).toBeLessThan(ranked.indexOf("java-only"));
  });

  it("uses the bio's words to break ties", () => {
    const index = buildMatchIndex([
      ...filler,
      offer({ id: "plain", ownerId: "ann", tags: ["kubernetes"], title: "Kubernetes office hours" }),
      offer({ id: "fits-bio", ownerId: "bob", tags: ["kubernetes"], title: "Kubernetes office hours", description: "Operators for stateful postgres." }),
    ]);
    expect(ids(recommendOffers(index, viewer({ bio: "I run postgres on Kubernetes with operators." }), { diversity: false }))[0]).toBe("fits-bio");
  });

  it("learns from 'Not for me' and from accepted requests", () => {
    const index = buildMatchIndex([
      ...filler,
      offer({ id: "vetoed", ownerId: "ann", tags: ["kubernetes", "helm"] }),
      offer({ id: "helm-too", ownerId: "bob", tags: ["kubernetes", "helm"] }),
      offer({ id: "operators", ownerId: "cat", tags: ["kubernetes", "operators"] }),
      offer({ id: "accepted", ownerId: "dan", tags: ["storage", "ceph"] }),
      offer({ id: "ceph", ownerId: "eve", tags: ["storage", "ceph"] }),
      offer({ id: "storage", ownerId: "fay", tags: ["storage", "nfs"] }),
    ]);
    const before = ids(recommendOffers(index, viewer(), { diversity: false }));
    expect(before.indexOf("helm-too")).toBeLessThan(before.indexOf("operators"));
    const v = viewer({ vetoedOfferIds: ["vetoed"], requestedOfferIds: ["accepted"], acceptedOfferIds: ["accepted"] });
    const after = ids(recommendOffers(index, v, { diversity: false }));
    expect(after.indexOf("operators")).toBeLessThan(after.indexOf("helm-too"));
    expect(after.indexOf("ceph")).toBeLessThan(after.indexOf("storage"));
  });
});

describe("peopleToMeet", () => {
  it("aggregates offer scores per person: several good offers beat one", () => {
    const index = buildMatchIndex([
      ...filler,
      offer({ id: "ann-1", ownerId: "ann", tags: ["kubernetes"] }),
      offer({ id: "ann-2", ownerId: "ann", tags: ["kubernetes"] }),
      offer({ id: "bob-1", ownerId: "bob", tags: ["kubernetes"] }),
      offer({ id: "cat-1", ownerId: "cat", tags: ["kubernetes"], ownerSeekTags: ["go"] }),
      offer({ id: "me-1", ownerId: "me", tags: ["kubernetes"] }),
    ]);
    const people = peopleToMeet(index, viewer());
    expect(people.map((p) => p.personId)).toEqual(["ann", "cat", "bob"]);
    expect(people[0]).toMatchObject({ offerIds: ["ann-1", "ann-2"], mutual: false, reason: "Matches your interest in Kubernetes" });
    expect(people[1]).toMatchObject({ personId: "cat", mutual: true });
  });
});
