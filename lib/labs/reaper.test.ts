import { describe, expect, it, vi } from "vitest";
import { ok } from "@/lib/errors";
import { Reaper } from "@/lib/labs/reaper";
import type { LabRecord } from "@/lib/labs/repo";

// The reaper as a background task, with a fake repo and engine: start() runs it on a timer, stop() ends it.
describe("Reaper", () => {
  it("stops expired labs on every tick until stopped, and keeps going past a lab it cannot stop", async () => {
    vi.useFakeTimers();
    try {
      const expired = [{ id: "la" }, { id: "lb" }] as LabRecord[];
      const stopped: string[] = [];
      const reaper = new Reaper(
        {
          repo: { listExpired: async () => expired },
          labs: {
            stop: async (id, reason) => {
              if (id === "la") throw new Error("engine hiccup");
              stopped.push(`${id}: ${reason}`);
              return ok({} as LabRecord);
            },
          },
          log: () => {},
        },
        1000,
      );
      expect(await reaper.reapExpired()).toEqual(["lb"]);
      stopped.length = 0;
      reaper.start();
      await vi.advanceTimersByTimeAsync(2500);
      expect(stopped).toEqual(["lb: time to live reached", "lb: time to live reached"]);
      reaper.stop();
      await vi.advanceTimersByTimeAsync(5000);
      expect(stopped).toHaveLength(2);
    } finally {
      vi.useRealTimers();
    }
  });
});
