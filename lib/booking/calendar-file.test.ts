import { describe, expect, it } from "vitest";
import { icsOf } from "./calendar-file";
import { buildSessionIcs } from "./ics";
import { NOW, pending, TABLES } from "./test-fakes";

const url = "https://mingle.example";
/** Unfolded (RFC 5545 §3.1), so a long ATTENDEE line reads as one. */
const ics = (status: "PENDING" | "ACCEPTED" | "DECLINED" | "CANCELLED" | "EXPIRED", viewer = { userId: "ada", isOrganizer: false }) =>
  buildSessionIcs(status === "PENDING" || status === "ACCEPTED" ? "REQUEST" : "CANCEL", icsOf(pending({ status, table: null }), url, viewer), NOW).replace(/\r\n /g, "");

describe("a session's .ics follows the contact rule", () => {
  it("pending: the requester's file names the expert by their Mingle page, not their e-mail", () => {
    const body = ics("PENDING");
    expect(body).not.toContain("bob@x.test");
    expect(body).toContain(`ORGANIZER;CN=Bob:${url}/people/bob`);
    expect(body).toContain("mailto:ada@x.test"); // one's own address is no secret to oneself
  });

  it("accepted: both addresses are in", () => {
    const body = ics("ACCEPTED");
    expect(body).toContain("ORGANIZER;CN=Bob:mailto:bob@x.test");
    expect(body).toContain("mailto:ada@x.test");
  });

  it.each(["DECLINED", "CANCELLED", "EXPIRED"] as const)("%s: the other address stays out", (status) => {
    expect(ics(status)).not.toContain("bob@x.test");
    expect(ics(status, { userId: "bob", isOrganizer: false })).not.toContain("ada@x.test");
  });

  it("an organizer's file has both addresses in every state", () => {
    const body = ics("PENDING", { userId: "org", isOrganizer: true });
    expect(body).toContain("mailto:bob@x.test");
    expect(body).toContain("mailto:ada@x.test");
  });

  it("the table is still in an accepted file", () => {
    const t = TABLES[0]!;
    const s = pending({ status: "ACCEPTED", tableId: t.id, table: { id: t.id, label: t.label, area: { id: t.areaId, name: t.areaName, location: t.location } } });
    expect(buildSessionIcs("REQUEST", icsOf(s, url, { userId: "ada", isOrganizer: false }), NOW)).toContain("LOCATION:Hall A\\, Level 1 · T2");
  });
});
