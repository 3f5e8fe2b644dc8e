import { describe, expect, it } from "vitest";
import { ok } from "@/lib/errors";
import { respond } from "./respond-to-request";
import { bob, pending, setup } from "./test-fakes";

describe("respond", () => {
  it("decline closes the request by the one who answered and tells the requester", async () => {
    let row = pending();
    const closedBy: (string | null | undefined)[] = [];
    const { deps, notes } = setup({
      session: async () => row,
      applyTransition: async (t, options) => {
        closedBy.push(options?.closedById);
        row = { ...row, ...t.next };
        return ok(undefined);
      },
    });
    const r = await respond(deps, bob, "s1", { action: "decline", reason: "Not my topic" });
    expect(r).toMatchObject({ ok: true, value: { status: "DECLINED", closedReason: "Not my topic" } });
    expect(closedBy).toEqual(["bob"]);
    expect(notes).toEqual([expect.objectContaining({ userId: "ada", n: expect.objectContaining({ kind: "REQUEST_DECLINED", title: "Bob declined your request" }) })]);
  });

  it("propose needs a conference first: with none it is the one NOT_FOUND of every slice", async () => {
    const { deps } = setup({ currentConference: async () => null, session: async () => pending() });
    const r = await respond(deps, bob, "s1", { action: "propose", slotStart: new Date("2030-04-18T11:00:00Z") });
    expect(r).toMatchObject({ ok: false, code: "NOT_FOUND", message: "No conference is set up yet. An organizer can create one." });
  });
});
