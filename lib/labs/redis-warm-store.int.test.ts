import { afterAll, describe, expect, it } from "vitest";
import { closeRedis, redis, redisKey } from "@/lib/redis";
import { redisWarmStore } from "./redis-warm-store";
import type { WarmEntry } from "./warm-store";

afterAll(() => closeRedis());

const entry = (labId: string, engineId = "e1"): WarmEntry => ({
  labId,
  engineId,
  template: "shell",
  booted: true,
  containers: { volume: `v-${labId}`, containers: [{ name: "shell", id: `c-${labId}`, role: "service", interactive: true }] },
});

describe("the warm pool's store in real Redis", () => {
  it("hands each published lab to exactly one of many concurrent claimers, oldest first", async () => {
    const store = redisWarmStore(redis, (...parts) => redisKey(`warm-it-${process.pid}`, ...parts));
    await store.add(entry("a"));
    await store.add(entry("b"));
    await store.add(entry("c", "e2"));
    expect((await store.list()).map((e) => e.labId).sort()).toEqual(["a", "b", "c"]);
    expect((await store.list("e2")).map((e) => e.labId)).toEqual(["c"]);
    const claims = await Promise.all(Array.from({ length: 6 }, () => store.take("e1", "shell")));
    expect(claims.filter((c) => c !== undefined).map((c) => c.labId)).toEqual(["a", "b"]);
    expect(claims.find((c) => c)?.containers.containers[0]?.id).toBe("c-a");
    const removals = await Promise.all([store.remove("c"), store.remove("c")]);
    expect(removals.filter((r) => r).map((r) => r!.labId)).toEqual(["c"]);
    expect(await store.list()).toEqual([]);
  });
});
