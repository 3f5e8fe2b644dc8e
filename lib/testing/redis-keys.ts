import { Redis } from "ioredis";

/**
 * Deletes a test run's Redis keys (socket.io's stream alone holds up to 10,000 entries), matched by
 * a pattern such as `mingle-it-abc-123*`, which also takes those of servers with prefixes under it.
 */
export async function deleteRedisKeys(pattern: string): Promise<void> {
  const redis = new Redis(process.env.REDIS_URL ?? "redis://127.0.0.1:6379", { maxRetriesPerRequest: 1, lazyConnect: true });
  try {
    await redis.connect();
    let cursor = "0";
    do {
      const [next, keys] = await redis.scan(cursor, "MATCH", pattern, "COUNT", 500);
      cursor = next;
      if (keys.length) await redis.unlink(...keys);
    } while (cursor !== "0");
  } catch (error) {
    console.warn(`could not delete the run's Redis keys (${pattern}): ${(error as Error).message}`);
  } finally {
    redis.disconnect();
  }
}
