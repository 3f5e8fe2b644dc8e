import { describe, expect, it } from "vitest";
import { reserveLabs } from "./lab-reservations";
import type { LabLauncher } from "./ports";
import { NOW, setup } from "./test-fakes";

const MIN = 60_000;
const soon = (id: string, inMinutes: number) => ({
  id,
  requesterId: "ada",
  expertId: "bob",
  labTemplate: "shell",
  startsAt: new Date(NOW.getTime() + inMinutes * MIN),
  endsAt: new Date(NOW.getTime() + (inMinutes + 20) * MIN),
  areaId: "hall-a",
});

describe("lab reservations (guaranteed start)", () => {
  it("starts each upcoming lab session's lab once, owned by the expert, for both, until the slot ends plus grace", async () => {
    const asked: { from: Date; to: Date }[] = [];
    const { deps } = setup({
      labSessionsStartingBetween: async (from, to) => {
        asked.push({ from, to });
        return [soon("s1", 6)];
      },
    });
    const launches: Parameters<LabLauncher["launch"]>[0][] = [];
    deps.labs = { launch: async (input) => (launches.push(input), { ok: true, value: { labId: `lab-${input.sessionId}` } }) };
    const done = new Set<string>();
    expect(await reserveLabs(deps, 8 * MIN, done)).toEqual({ reserved: ["lab-s1"], refused: 0 });
    expect(asked[0]).toEqual({ from: NOW, to: new Date(NOW.getTime() + 8 * MIN) });
    expect(launches).toEqual([
      { ownerId: "bob", templateName: "shell", participantIds: ["ada", "bob"], sessionId: "s1", expiresAt: new Date(NOW.getTime() + (26 + 15) * MIN), areaId: "hall-a" },
    ]);
    // Once: the next run does not start it again (someone may have stopped it on purpose).
    expect(await reserveLabs(deps, 8 * MIN, done)).toEqual({ reserved: [], refused: 0 });
    expect(launches).toHaveLength(1);
  });

  it("a refused reservation is tried again on the next run; without labs nothing is asked", async () => {
    const { deps } = setup({ labSessionsStartingBetween: async () => [soon("s2", 3)] });
    let room = false;
    deps.labs = {
      launch: async () =>
        room ? { ok: true, value: { labId: "lab-s2" } } : { ok: false, code: "LABS_AT_CAPACITY", message: "All lab machines are busy — try again in a minute." },
    };
    const done = new Set<string>();
    expect(await reserveLabs(deps, 8 * MIN, done)).toEqual({ reserved: [], refused: 1 });
    room = true;
    expect(await reserveLabs(deps, 8 * MIN, done)).toEqual({ reserved: ["lab-s2"], refused: 0 });
    expect(await reserveLabs({ ...deps, labs: null }, 8 * MIN)).toEqual({ reserved: [], refused: 0 });
  });
});
