import { describe, expect, it, vi } from "vitest";
import { offerCreate } from "@/lib/offers/schema";
import { isCuratedTag, normalizeTag } from "@/lib/tags/rules";
import { DEMO_ATTENDEE, demoPeople, TOPICS } from "./demo-data";
import { assignDemoOffers, OFFERS, type DemoOfferRow, type DemoPerson } from "./demo-offers";

// demo-data's seeding code imports the password hasher and the booking seed, which build a Prisma
// client; this test only needs its pure data (TOPICS, demoPeople), so those two stay out.
vi.mock("@/lib/auth/deps", () => ({ argon2Hasher: {} }));
vi.mock("./demo-booking", () => ({ seedDemoBooking: vi.fn() }));

const MIN_OFFERS_PER_TOPIC = 7;
const topics = TOPICS.map((t) => t.tag);
const allOffers = Object.values(OFFERS).flat();
const topicOf = new Map(Object.entries(OFFERS).flatMap(([topic, offers]) => offers.map((o) => [o.title, topic] as const)));

/** The titles each topic handed out, in the order people got them. */
function titlesByTopic(rows: readonly DemoOfferRow[]): Map<string, string[]> {
  const byTopic = new Map<string, string[]>();
  for (const row of rows) {
    const topic = topicOf.get(row.title)!;
    byTopic.set(topic, [...(byTopic.get(topic) ?? []), row.title]);
  }
  return byTopic;
}

/** 50 people with one topic each, and a second one for every third person, spread over all topics. */
function fakePeople(count = 50): DemoPerson[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `person-${i}`,
    offerTags: i % 3 === 0 ? [topics[i % topics.length]!, topics[(i + 4) % topics.length]!] : [topics[i % topics.length]!],
  }));
}

describe("OFFERS", () => {
  it("has at least seven offers for every topic demo people can offer", () => {
    for (const topic of topics) expect(OFFERS[topic]?.length ?? 0, topic).toBeGreaterThanOrEqual(MIN_OFFERS_PER_TOPIC);
  });

  it("gives every offer a distinct title", () => {
    const titles = allOffers.map((o) => o.title);
    expect(new Set(titles).size).toBe(titles.length);
  });

  it("tags each offer with its topic and only with curated tags the app would store as written", () => {
    for (const [topic, offers] of Object.entries(OFFERS)) {
      for (const offer of offers) {
        expect(offer.tags[0], offer.title).toBe(topic);
        expect(new Set(offer.tags).size, offer.title).toBe(offer.tags.length);
        for (const tag of offer.tags) {
          expect(tag, offer.title).not.toBe("");
          expect(normalizeTag(tag), offer.title).toEqual({ ok: true, value: tag });
          expect(isCuratedTag(tag), `${offer.title}: ${tag}`).toBe(true);
        }
      }
    }
  });

  it("passes the API's offer validation unchanged", () => {
    for (const offer of allOffers) {
      const parsed = offerCreate.safeParse(offer);
      expect(parsed.success, offer.title).toBe(true);
      expect(parsed.data, offer.title).toMatchObject(offer);
    }
  });

  it("mixes levels and session lengths within each topic", () => {
    for (const [topic, offers] of Object.entries(OFFERS)) {
      expect(new Set(offers.map((o) => o.level)).size, topic).toBeGreaterThanOrEqual(2);
      expect(new Set(offers.map((o) => o.lengthMinutes)).size, topic).toBeGreaterThanOrEqual(2);
    }
  });
});

describe("assignDemoOffers", () => {
  it("gives 50 people distinct titles per topic until the topic's offers run out", () => {
    const rows = assignDemoOffers(fakePeople());
    expect(rows).toHaveLength(fakePeople().reduce((n, p) => n + p.offerTags.length, 0));
    for (const [topic, titles] of titlesByTopic(rows)) {
      const available = OFFERS[topic]!.length;
      expect(new Set(titles.slice(0, available)).size, topic).toBe(Math.min(titles.length, available));
    }
    // No topic is offered more often than it has offers, so no title repeats at all.
    expect(new Set(rows.map((r) => r.title)).size).toBe(rows.length);
  });

  it("wraps around to a topic's first offer only once all of its offers are taken", () => {
    const swarm = OFFERS.swarm!.map((o) => o.title);
    const people = Array.from({ length: 2 * swarm.length + 1 }, (_, i) => ({ id: `p${i}`, offerTags: ["swarm"] }));
    expect(assignDemoOffers(people).map((r) => r.title)).toEqual([...swarm, ...swarm, swarm[0]]);
  });

  it("carries on after the titles earlier runs already gave out", () => {
    const swarm = OFFERS.swarm!.map((o) => o.title);
    const used = new Map(swarm.slice(0, 3).map((t) => [t, 1]));
    expect(assignDemoOffers([{ id: "late", offerTags: ["swarm"] }], used).map((r) => r.title)).toEqual([swarm[3]]);
  });

  it("uses a person's first two topics that have offers, and is deterministic", () => {
    const people = [{ id: "a", offerTags: ["python", "networking", "storage", "swarm"] }];
    const rows = assignDemoOffers(people);
    expect(rows.map((r) => [r.ownerId, topicOf.get(r.title)])).toEqual([
      ["a", "networking"],
      ["a", "storage"],
    ]);
    expect(assignDemoOffers(fakePeople())).toEqual(assignDemoOffers(fakePeople()));
  });

  it("gives the seeded demo attendees, ordered by e-mail as the seed reads them, all distinct titles", () => {
    const people = [{ email: DEMO_ATTENDEE.email, profile: { offerTags: ["ci-cd"] } }, ...demoPeople()]
      .sort((a, b) => (a.email < b.email ? -1 : 1))
      .map((p) => ({ id: p.email, offerTags: p.profile.offerTags }));
    const rows = assignDemoOffers(people);
    expect(rows.length).toBeGreaterThanOrEqual(70);
    expect(new Set(rows.map((r) => r.title)).size).toBe(rows.length);
  });
});
