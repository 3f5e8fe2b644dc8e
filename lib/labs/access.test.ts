import { describe, expect, it } from "vitest";
import { authorize, canStop, canType, canView, socketActor, type LabActor } from "./access";

const lab = { ownerId: "owner", participantIds: ["guest"] };
const owner: LabActor = { id: "owner", role: "ATTENDEE" };
const guest: LabActor = { id: "guest", role: "ATTENDEE" };
const stranger: LabActor = { id: "stranger", role: "ATTENDEE" };
const organizer: LabActor = { id: "org", role: "ORGANIZER" };
const organizerParticipant: LabActor = { id: "guest", role: "ORGANIZER" };

describe("lab access", () => {
  it.each([
    ["owner", owner, { view: true, type: true, stop: true }],
    ["participant", guest, { view: true, type: true, stop: true }],
    ["organizer watching", organizer, { view: true, type: false, stop: true }],
    ["organizer who takes part", organizerParticipant, { view: true, type: true, stop: true }],
    ["anyone else", stranger, { view: false, type: false, stop: false }],
  ] as const)("%s", (_, user, expected) => {
    expect({ view: canView(user, lab), type: canType(user, lab), stop: canStop(user, lab) }).toEqual(expected);
  });

  it("refuses with FORBIDDEN and a message that says why", () => {
    expect(authorize("view", owner, lab)).toEqual({ ok: true, value: undefined });
    const r = authorize("type", organizer, lab);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.code).toBe("FORBIDDEN");
      expect(r.message).toMatch(/read-only/);
    }
    expect(authorize("stop", stranger, lab)).toMatchObject({ ok: false, code: "FORBIDDEN" });
  });

  it("does not treat an id appearing only as another user's id as participation", () => {
    expect(canView({ id: "", role: "ATTENDEE" }, { ownerId: "owner", participantIds: [] })).toBe(false);
  });

  it("reads socket data", () => {
    expect(socketActor({ userId: "u", role: "ORGANIZER" })).toEqual({ id: "u", role: "ORGANIZER" });
  });
});
