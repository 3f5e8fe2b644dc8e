import { describe, expect, it } from "vitest";
import { historyText } from "./session-history";

const bob = { id: "bob", name: "Bob" };

describe("historyText", () => {
  it("says who did what, with the table, time and reason it changed", () => {
    expect(historyText({ action: "accept", actor: bob, details: { toTable: "T4" } }, "UTC")).toBe("Bob accepted the request — table T4");
    expect(historyText({ action: "reschedule", actor: bob, details: { toStart: "2030-04-18T11:00:00.000Z", toTable: "T1", reason: "Overran" } }, "Europe/Berlin")).toBe(
      "Bob moved the session to Thu 18 Apr, 13:00 — table T1: “Overran”",
    );
    expect(historyText({ action: "reassign_table", actor: bob, details: { fromTable: "T1", toTable: "T2" } }, "UTC")).toBe(
      "Bob (organizer) moved the session from table T1 to table T2",
    );
  });

  it("an expiry has no actor: Mingle closed it", () => {
    expect(historyText({ action: "expire", actor: null, details: {} }, "UTC")).toBe("The request expired: nobody answered in time");
  });
});
