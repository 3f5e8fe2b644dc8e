import ICAL from "ical.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findCurrentConference } from "@/lib/conference/current-conference";
import { createAnalyticsWorld, type AnalyticsWorld } from "@/lib/testing/analytics-world";
import { clockedBooking } from "@/lib/testing/booking-fixtures";
import { downloadVcard, downloadVcards } from "./download-vcards";
import { getRecap } from "./get-recap";
import { getSessionRecap } from "./get-session-recap";
import type { RecapDeps } from "./recap-deps";
import { recapRepo } from "./repo";

// The attendee's recap on the hand-counted conference of lib/testing/analytics-world.ts, at 15:00
// on day 1: R1 met E1 twice (S1, S9); R2 met E2 (S10) but not E1 (S2: R2 said it did not happen).
const booking = await clockedBooking("recap");
let world: AnalyticsWorld;
let deps: RecapDeps;

beforeAll(async () => {
  world = await createAnalyticsWorld(booking);
  deps = { repo: recapRepo(booking.db), conference: () => findCurrentConference(booking.db), now: () => world.now, publicUrl: "http://127.0.0.1:3000" };
}, 120_000);

afterAll(() => booking.close());

describe("the whole-conference recap", () => {
  it("lists sessions held, the people met with what they share, what I gave and the labs I used", async () => {
    const r = await getRecap(deps, world.people.R1);
    if (!r.ok) throw new Error(r.message);
    expect(r.value.sessions.map((s) => s.id)).toEqual([world.sessions.S1, world.sessions.S9]);
    expect(r.value.totals).toEqual({ sessions: 2, people: 1, labs: 2, ratingsGiven: 1, notesGiven: 1 });
    expect(r.value.people).toEqual([
      {
        id: world.people.E1.id,
        name: "Person E1",
        headline: "E1 headline",
        company: "E1 Corp",
        email: world.people.E1.email,
        profileUrl: `http://127.0.0.1:3000/people/${world.people.E1.id}`,
        vcardUrl: `/api/v1/recap/people/${world.people.E1.id}/vcard`,
        sessions: 2,
      },
    ]);
    const s1 = r.value.sessions[0]!;
    expect(s1).toMatchObject({ when: "Wed 17 Apr, 08:00–08:20", table: "B1", area: "Hall B", happened: "yes", over: true });
    expect(s1.given).toEqual({ checkedIn: true, happened: true, rating: 5, note: "Great intro, thanks!\nSee you at the party" });
    expect(s1.labs).toEqual([{ id: expect.stringMatching(/^l1-/), template: "shell", status: "STOPPED", at: world.at(1, "08:05").toISOString(), secondsToShell: 2 }]);
  });

  it("names no one as met after a session someone said did not happen", async () => {
    const r = await getRecap(deps, world.people.R2);
    if (!r.ok) throw new Error(r.message);
    expect(r.value.people.map((p) => p.name)).toEqual(["Person E2"]);
    const s2 = r.value.sessions.find((s) => s.id === world.sessions.S2)!;
    expect(s2).toMatchObject({ happened: "no", with: { name: "Person E1", vcardUrl: null } });
  });

  it("gives one session's recap to its two people once it started, and nobody else", async () => {
    expect(await getSessionRecap(deps, world.people.E1, world.sessions.S1!)).toMatchObject({ ok: true, value: { with: { name: "Person R1" } } });
    expect(await getSessionRecap(deps, world.people.R3, world.sessions.S1!)).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(await getSessionRecap(deps, world.people.R1, world.sessions.S7!)).toMatchObject({ ok: false, code: "NOT_FOUND", message: expect.stringContaining("not started") });
  });
});

describe("contact cards", () => {
  it("downloads the card of someone I met, with what we met about", async () => {
    const r = await downloadVcard(deps, world.people.R1, world.people.E1.id);
    if (!r.ok) throw new Error(r.message);
    expect(r.value.contentType).toBe("text/vcard; charset=utf-8");
    expect(r.value.filename).toBe("Person E1.vcf");
    const card = new ICAL.Component(ICAL.parse(r.value.body) as never);
    expect(card.getFirstPropertyValue("fn")).toBe("Person E1");
    expect(card.getFirstPropertyValue("email")).toBe(world.people.E1.email);
    expect(card.getFirstPropertyValue("title")).toBe("E1 headline");
    expect(card.getFirstPropertyValue("note")).toBe(
      "Met at Analytics test conference: E1 explains swarm (2030-04-17 08:00, table B1); E1 explains swarm (2030-04-17 10:00, table B1)",
    );
  });

  it("refuses the card of anyone I did not meet with the same sentence, whether they exist or not", async () => {
    for (const [viewer, other] of [
      [world.people.R1, world.people.E2.id], // only an expired request
      [world.people.R1, world.people.R4.id], // never met
      [world.people.R2, world.people.E1.id], // R2 said it did not happen
      [world.people.R1, "no-such-person"],
    ] as const) {
      expect(await downloadVcard(deps, viewer, other)).toEqual({ ok: false, code: "NOT_MET", message: "You can only download the card of someone you met at a Mingle session." });
    }
  });

  it("downloads everyone I met in one file, and says so when that is nobody", async () => {
    const all = await downloadVcards(deps, world.people.R3);
    if (!all.ok) throw new Error(all.message);
    // R3 met E4 (S11); S6 with E2 was cancelled, S3 declined, S14 expired.
    const parsed = ICAL.parse(all.value.body) as unknown[];
    const cards = (Array.isArray(parsed[0]) ? parsed : [parsed]).map((j) => new ICAL.Component(j as never));
    expect(cards.map((c) => c.getFirstPropertyValue("fn"))).toEqual(["=E4, the expert"]);
    expect(await downloadVcards(deps, world.people.R4)).toMatchObject({ ok: false, code: "NOT_MET" });
  });
});
