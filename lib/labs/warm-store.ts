import type { LabContainers } from "@/lib/labs/repo";

/**
 * A published warm lab: plain data, so any process can claim it (the template is looked up in
 * the catalogue by name on claim, never serialised).
 */
export interface WarmEntry {
  labId: string;
  engineId: string;
  template: string;
  containers: LabContainers;
  booted: boolean;
}

/**
 * Where the leader publishes its warm labs and every process claims them (docs/decisions/0019):
 * one FIFO list per engine and template. take() and remove() hand each entry to exactly one
 * caller, so a warm lab is never launched twice.
 */
export interface WarmStore {
  /** Publishes a ready warm lab (at the end of its list). */
  add(entry: WarmEntry): Promise<void>;
  /** Takes the oldest warm lab of the template on the engine, or undefined when there is none. */
  take(engineId: string, template: string): Promise<WarmEntry | undefined>;
  /** Takes one particular warm lab out; undefined when it is not published (or another caller took it). */
  remove(labId: string): Promise<WarmEntry | undefined>;
  /** Every published warm lab, on one engine or all. */
  list(engineId?: string): Promise<WarmEntry[]>;
}

/** The store within one process (unit tests, integration tests with one LabServices, a single process without Redis). */
export function inMemoryWarmStore(): WarmStore {
  const lists = new Map<string, WarmEntry[]>();
  const all = () => [...lists.values()].flat();
  return {
    async add(entry) {
      const key = `${entry.engineId}/${entry.template}`;
      lists.set(key, [...(lists.get(key) ?? []), structuredClone(entry)]);
    },
    async take(engineId, template) {
      return lists.get(`${engineId}/${template}`)?.shift();
    },
    async remove(labId) {
      for (const list of lists.values()) {
        const i = list.findIndex((e) => e.labId === labId);
        if (i >= 0) return list.splice(i, 1)[0];
      }
      return undefined;
    },
    async list(engineId) {
      return all().filter((e) => engineId === undefined || e.engineId === engineId);
    },
  };
}
