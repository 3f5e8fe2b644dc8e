import { describe, expect, it } from "vitest";
import { LABEL } from "@/lib/labs/container-spec";
import { liveLabs } from "@/lib/testing/live-labs";

// The reaper on the real Docker Engine, in-memory LabRepo, with a clock the test moves.
const { engine, service, launch } = liveLabs();

describe("reaper on a real engine", () => {
  it("reaps expired labs: their containers are gone", async () => {
    let offset = 0;
    const { svc, store, reaper } = service({ now: () => new Date(Date.now() + offset) });
    const lab = await launch(svc, "shell");
    expect(await reaper.reapExpired()).toEqual([]);
    offset = 31 * 60 * 1000; // shell's ttl is 30m
    expect(await reaper.reapExpired()).toEqual([lab.id]);
    expect((await store.get(lab.id))!.status).toBe("STOPPED");
    expect(await engine().listContainers({ [LABEL.lab]: lab.id })).toEqual([]);
    expect(await engine().listVolumes({ [LABEL.lab]: lab.id })).toEqual([]);
  });
});
