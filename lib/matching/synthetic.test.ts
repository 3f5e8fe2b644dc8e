import { describe, expect, it } from "vitest";
import { generateConference, groundTruth, mulberry32 } from "./synthetic";

describe("mulberry32", () => {
  it("repeats for a seed and stays in [0, 1)", () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const xs = Array.from({ length: 1000 }, a);
    expect(Array.from({ length: 1000 }, b)).toEqual(xs);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(mulberry32(43)()).not.toBe(xs[0]);
  });
});

describe("generateConference", () => {
  const conf = generateConference({ seed: 7, attendees: 200, offers: 800 });

  it("is deterministic for a seed and has the requested size", () => {
    expect(generateConference({ seed: 7, attendees: 200, offers: 800 })).toEqual(conf);
    expect(conf.attendees).toHaveLength(200);
    expect(conf.offers).toHaveLength(800);
    expect(new Set(conf.offers.map((o) => o.id)).size).toBe(800);
  });

  it("makes observed seek tags a noisy copy of the true interests", () => {
    let missing = 0;
    let noise = 0;
    for (const a of conf.attendees) {
      expect(a.trueInterests.length).toBeGreaterThanOrEqual(2);
      expect(a.viewer.seekTags.some((t) => a.trueInterests.includes(t))).toBe(true);
      missing += a.trueInterests.filter((t) => !a.viewer.seekTags.includes(t)).length;
      noise += a.viewer.seekTags.filter((t) => !a.trueInterests.includes(t)).length;
    }
    expect(missing).toBeGreaterThan(0);
    expect(noise).toBeGreaterThan(0);
  });

  it("defines ground truth by true topics, leaving out own, inactive and requested offers", () => {
    const a = conf.attendees[3]!;
    const truth = groundTruth(conf, a);
    expect(truth.size).toBeGreaterThan(0);
    for (const o of conf.offers) {
      const shared = conf.trueTopics.get(o.id)!.filter((t) => a.trueInterests.includes(t)).length;
      const eligible = o.active && o.ownerId !== a.viewer.id && !a.viewer.requestedOfferIds!.includes(o.id);
      expect(truth.get(o.id) ?? 0).toBe(eligible ? shared : 0);
    }
  });
});
