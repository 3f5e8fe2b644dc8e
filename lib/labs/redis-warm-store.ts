import type { Redis } from "ioredis";
import type { WarmEntry, WarmStore } from "@/lib/labs/warm-store";

/**
 * The warm pool in Redis: a list per engine and template (key(engineId, template)) of JSON
 * entries, and a set of those lists' keys (index) so every published lab can be found. LPOP and
 * LREM are atomic, so exactly one process gets each lab.
 */
export function redisWarmStore(client: () => Redis, key: (...parts: string[]) => string): WarmStore {
  const index = key("warm-lists");
  const listKey = (engineId: string, template: string) => key("warm", engineId, template);
  const lists = async (): Promise<string[]> => client().smembers(index);
  const read = async (k: string): Promise<{ raw: string; entry: WarmEntry }[]> => (await client().lrange(k, 0, -1)).map((raw) => ({ raw, entry: JSON.parse(raw) as WarmEntry }));
  return {
    async add(entry) {
      const k = listKey(entry.engineId, entry.template);
      await client().multi().sadd(index, k).rpush(k, JSON.stringify(entry)).exec();
    },
    async take(engineId, template) {
      const raw = await client().lpop(listKey(engineId, template));
      return raw ? (JSON.parse(raw) as WarmEntry) : undefined;
    },
    async remove(labId) {
      for (const k of await lists()) {
        const found = (await read(k)).find((e) => e.entry.labId === labId);
        // LREM of the exact entry: 0 when another process took it first.
        if (found) return (await client().lrem(k, 1, found.raw)) === 1 ? found.entry : undefined;
      }
      return undefined;
    },
    async list(engineId) {
      const entries = (await Promise.all((await lists()).map(read))).flat().map((e) => e.entry);
      return entries.filter((e) => engineId === undefined || e.engineId === engineId);
    },
  };
}
