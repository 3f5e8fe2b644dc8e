import { describe, expect, it } from "vitest";
import { liveLabs } from "@/lib/testing/live-labs";

// The warm pool on the real Docker Engine, in-memory LabRepo: a warm launch measured against a cold one.
const { service, launch, run } = liveLabs();

describe("warm pool on a real engine", () => {
  it("launches from the warm pool (measured against a cold launch)", async () => {
    const timings: Record<string, number> = {};
    const cold = service();
    let t0 = Date.now();
    const c = await launch(cold.svc, "shell");
    timings.cold = Date.now() - t0;
    await cold.svc.stop(c.id);
    for (const mode of ["created", "started"] as const) {
      const { svc, warmPool } = service({ warmPool: { mode, sizes: { shell: 1 } } });
      expect(await warmPool.refill()).toBe(1);
      t0 = Date.now();
      const lab = await launch(svc, "shell");
      timings[`warm-${mode}`] = Date.now() - t0;
      expect((await run(svc, lab.id, "cat /lab/motd")).stdout).toContain("Welcome");
      await warmPool.refillInBackground();
      expect(await warmPool.sizes()).toEqual({ "local/shell": 1 });
      await warmPool.drain();
      await svc.stop(lab.id);
    }
    console.log(`shell launch times (ms): ${JSON.stringify(timings)}`);
    expect(timings["warm-started"]).toBeLessThan(timings.cold!);
  });
});
