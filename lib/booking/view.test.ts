import { describe, expect, it } from "vitest";
import { NOW, pending } from "./test-fakes";
import { toSessionView } from "./view";

describe("toSessionView", () => {
  it("sends the check-in window's start, so clients do not copy the rule", () => {
    const v = toSessionView(pending(), "ada", NOW);
    expect(v.checkInOpensAt).toBe("2030-04-18T09:50:00.000Z");
  });

  it("canOpenLab only for an accepted session with a lab, for its people, from 5 minutes before the slot", () => {
    const s = pending({ status: "ACCEPTED", holdExpiresAt: null, offer: { id: "o1", title: "Swarm", labTemplate: "swarm" } });
    expect(toSessionView(s, "ada", new Date("2030-04-18T09:54:00Z")).canOpenLab).toBe(false);
    expect(toSessionView(s, "ada", new Date("2030-04-18T09:55:00Z")).canOpenLab).toBe(true);
    expect(toSessionView(s, "carol", new Date("2030-04-18T09:55:00Z")).canOpenLab).toBe(false);
    expect(toSessionView({ ...s, offer: { ...s.offer, labTemplate: null } }, "ada", new Date("2030-04-18T09:55:00Z")).canOpenLab).toBe(false);
  });
});
