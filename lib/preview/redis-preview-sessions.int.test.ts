import { afterAll, describe, expect, it } from "vitest";
import { closeRedis, redis, redisKey } from "@/lib/redis";
import { redisPreviewSessions } from "./redis-preview-sessions";

// Real Redis under this run's prefix: two stores stand for two server processes.
const key = (...parts: string[]) => redisKey("preview-it", String(process.pid), ...parts);
afterAll(() => closeRedis());

describe("preview sessions in Redis", () => {
  it("a session made on one process is served by another; a token is spent once across both", async () => {
    let t = Date.now();
    const a = redisPreviewSessions({ client: redis, key, idleMs: 60_000, now: () => t });
    const b = redisPreviewSessions({ client: redis, key, idleMs: 60_000, now: () => t });
    expect(await a.spend("nonce-1", t + 5_000)).toBe(true);
    expect(await b.spend("nonce-1", t + 5_000)).toBe(false);
    const s = await a.create({ labId: "lab1", port: 8080, userId: "u1", readOnly: false, labEndsAt: t + 3_600_000 });
    expect(s.id).toMatch(/^[a-z2-7]{26}$/);
    t += 50_000;
    expect(await b.touch(s.id)).toMatchObject({ labId: "lab1", port: 8080, endsAt: t + 60_000 });
    expect(await b.touch("nosuchsession00000000000000")).toBeUndefined();
  });
  it("a session ends with its lab, and its key expires in Redis", async () => {
    const t = Date.now();
    const store = redisPreviewSessions({ client: redis, key, idleMs: 60_000, now: () => t });
    const s = await store.create({ labId: "lab2", port: 80, userId: "u1", readOnly: true, labEndsAt: t + 300 });
    expect(s.endsAt).toBe(t + 300);
    const ttl = await redis().pttl(key("session", s.id));
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(300);
  });
});
