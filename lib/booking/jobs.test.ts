import { describe, expect, it } from "vitest";
import { sweep } from "./jobs";
import { NOW, setup } from "./test-fakes";

describe("sweep", () => {
  it("expires lapsed holds and sends each 15-minute reminder once per process", async () => {
    const { deps, notes, emitted } = setup({
      expireLapsed: async () => [{ id: "s9", requesterId: "ada", expertId: "bob" }],
      acceptedStartingBetween: async () => [
        { id: "s1", requesterId: "ada", expertId: "bob", sequence: 1, startsAt: new Date(NOW.getTime() + 10 * 60_000), offerTitle: "Swarm", tableLabel: "T1", areaName: "Hall A" },
      ],
    });
    const sent = new Set<string>();
    expect(await sweep(deps, sent)).toEqual({ expired: 1, reminded: 2 });
    expect(await sweep(deps, sent)).toEqual({ expired: 1, reminded: 0 });
    expect(notes.map((x) => [x.userId, x.n.kind, x.n.title])).toEqual([
      ["ada", "SESSION_SOON", "Your Mingle session starts in 10 minutes"],
      ["bob", "SESSION_SOON", "Your Mingle session starts in 10 minutes"],
    ]);
    expect(emitted).toContain("booking:changed:ada");
  });
});
