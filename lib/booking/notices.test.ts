import { describe, expect, it } from "vitest";
import { notices } from "./notices";
import { pending } from "./test-fakes";

// The texts people read in their inbox, exactly as the use cases sent them before notices.ts.
const table = { id: "t1", label: "T1", area: { id: "a", name: "Hall A", location: "Level 1" } };
const ada = { id: "ada", name: "Ada" };
const bob = { id: "bob", name: "Bob" };

describe("notices", () => {
  it("a new request goes to the expert with the requester's message", () => {
    expect(notices.requestNew(pending({ message: "Hi" }))).toEqual({
      kind: "REQUEST_NEW",
      title: "Ada asks for a session",
      body: '"Swarm secrets" · Thu 18 Apr, 10:00–10:20 (UTC) — “Hi”',
      link: "/sessions/s1",
      sessionId: "s1",
    });
  });

  it("answers name who acted, and the table and its place when one was assigned", () => {
    const s = pending({ status: "ACCEPTED", table });
    expect(notices.accepted(s, bob)).toMatchObject({
      kind: "REQUEST_ACCEPTED",
      title: "Bob accepted your session",
      body: expect.stringMatching(/ · table T1 \(Hall A, Level 1\)$/),
    });
    expect(notices.declined(pending({ closedReason: "Busy" }), bob)).toMatchObject({ title: "Bob declined your request", body: expect.stringMatching(/ — “Busy”$/) });
    expect(notices.timeProposed(pending(), bob, "  later?  ")).toMatchObject({
      kind: "TIME_PROPOSED",
      title: "Bob proposed another time",
      body: expect.stringMatching(/ — “later\?”$/),
    });
    expect(notices.timeProposed(pending(), bob, "   ").body).not.toContain("—");
  });

  it("a cancel says whether a request was withdrawn or a session cancelled", () => {
    expect(notices.cancelled(pending(), ada).title).toBe("Ada cancelled their request");
    expect(notices.cancelled(pending(), bob).title).toBe("Bob cancelled the session");
    expect(notices.deskCancelled(pending()).title).toBe("The Mingle desk cancelled your session");
  });

  it("a move names the new time and table; a desk table change names the place", () => {
    const s = pending({ status: "ACCEPTED", table });
    expect(notices.rescheduled(s, ada, "Clash").body).toBe('"Swarm secrets" · now Thu 18 Apr, 10:00–10:20 (UTC) · table T1 — “Clash”');
    expect(notices.tableChanged(s)).toMatchObject({ kind: "TABLE_CHANGED", title: "Your session moved to table T1", body: expect.stringMatching(/ · Hall A, Level 1$/) });
  });

  it("the reminder counts minutes and carries its dedupe key", () => {
    const soon = { id: "s1", requesterId: "ada", expertId: "bob", sequence: 1, startsAt: new Date(), offerTitle: "Swarm", tableLabel: "T1", areaName: "Hall A" };
    expect(notices.startsSoon(soon, 1, "k")).toEqual({
      kind: "SESSION_SOON",
      title: "Your Mingle session starts in 1 minute",
      body: '"Swarm" · table T1 (Hall A)',
      link: "/sessions/s1",
      sessionId: "s1",
      dedupeKey: "k",
    });
    expect(notices.startsSoon({ ...soon, tableLabel: null }, 5, "k")).toMatchObject({ title: "Your Mingle session starts in 5 minutes", body: '"Swarm"' });
  });
});
