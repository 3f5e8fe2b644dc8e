import { describe, expect, it } from "vitest";
import { ok, fail } from "@/lib/errors";
import type { BookingRepo } from "./repo";
import { requestSession } from "./request-session";
import { ada, bob, setup, SLOT } from "./test-fakes";

describe("request", () => {
  const conference = {
    id: "conf",
    slug: "conf",
    name: "Conf",
    venue: "Hall",
    timeZone: "UTC",
    startDate: "2030-04-18",
    endDate: "2030-04-18",
    slotMinutes: 20,
    hours: [{ day: "2030-04-18", opensAt: "08:00", closesAt: "18:00" }],
  };
  const base = (seat: "requester" | "expert"): Partial<BookingRepo> => ({
    currentConference: async () => conference,
    offer: async () => ({ id: "o1", ownerId: "bob", title: "Swarm", active: true, hidden: false, labTemplate: null }),
    slotAt: async () => SLOT,
    isAvailable: async () => true,
    createRequest: async () => fail("SEAT_TAKEN", "seat"),
    hasSeat: async (userId) => (seat === "requester" ? userId === "ada" : userId === "bob"),
  });

  it("a seat conflict is PERSON_BUSY when the requester is busy, SLOT_TAKEN when the expert is", async () => {
    const input = { offerId: "o1", slotStart: SLOT.startsAt };
    expect(await requestSession(setup(base("requester")).deps, ada, input)).toMatchObject({ ok: false, code: "PERSON_BUSY" });
    expect(await requestSession(setup(base("expert")).deps, ada, input)).toMatchObject({ ok: false, code: "SLOT_TAKEN" });
  });

  it("refuses a slot the expert has not marked free, and the expert's own offer", async () => {
    const { deps } = setup({ ...base("expert"), isAvailable: async () => false });
    expect(await requestSession(deps, ada, { offerId: "o1", slotStart: SLOT.startsAt })).toMatchObject({ code: "EXPERT_NOT_AVAILABLE" });
    expect(await requestSession(deps, bob, { offerId: "o1", slotStart: SLOT.startsAt })).toMatchObject({ code: "CANNOT_BOOK_SELF" });
  });

  it("passes the pending count to the rule: at the limit the request is refused with the limit in the message", async () => {
    const { deps } = setup({
      ...base("expert"),
      createRequest: async (_input, _now, build) => {
        const built = build(3);
        return built.ok ? ok({ id: built.value.id, expired: [] }) : built;
      },
    });
    const r = await requestSession(deps, ada, { offerId: "o1", slotStart: SLOT.startsAt });
    expect(r).toMatchObject({ ok: false, code: "PENDING_LIMIT_REACHED" });
    expect(!r.ok && r.message).toMatch(/the limit is 3/);
  });
});
