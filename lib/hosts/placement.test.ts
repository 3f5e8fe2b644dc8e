import { describe, expect, it } from "vitest";
import { eligible, type HostCandidate, loadWith, rankHosts } from "./placement";

const MiB = 2 ** 20;
const budget = { maxLabs: 10, maxMemoryBytes: 1024 * MiB, maxCpus: 4 };
const shell = { runtime: "runc", footprint: { memoryBytes: 64 * MiB, cpus: 0.5 } };

function host(name: string, over: Partial<HostCandidate> = {}): HostCandidate {
  return { id: `id-${name}`, name, state: "ACTIVE", healthy: true, runtimes: ["runc", "runsc"], areaId: null, budget, usage: { labs: 0, memoryBytes: 0, cpus: 0 }, ...over };
}

const used = (labs: number) => ({ labs, memoryBytes: labs * 64 * MiB, cpus: labs * 0.5 });

describe("placement", () => {
  it("puts the least loaded host first", () => {
    const hosts = [host("a", { usage: used(3) }), host("b", { usage: used(1) }), host("c", { usage: used(2) })];
    expect(rankHosts(hosts, shell)).toEqual(["id-b", "id-c", "id-a"]);
  });

  it("spreads a stream of launches evenly over equal hosts", () => {
    const hosts = [host("a"), host("b"), host("c")];
    for (let i = 0; i < 9; i++) {
      const first = rankHosts(hosts, shell)[0]!;
      const h = hosts.find((x) => x.id === first)!;
      h.usage = used(h.usage.labs + 1);
    }
    expect(hosts.map((h) => h.usage.labs)).toEqual([3, 3, 3]);
  });

  it("measures load by the fullest dimension of the budget, so a small host fills no faster than a big one", () => {
    const small = host("small", { budget: { maxLabs: 4, maxMemoryBytes: 1024 * MiB, maxCpus: 4 }, usage: used(1) });
    const big = host("big", { budget: { maxLabs: 40, maxMemoryBytes: 8192 * MiB, maxCpus: 32 }, usage: used(5) });
    expect(loadWith(small, shell.footprint)).toBeCloseTo(0.5);
    expect(rankHosts([small, big], shell)).toEqual(["id-big", "id-small"]);
  });

  it("breaks a tie with the session's Mingle area", () => {
    const hosts = [host("a", { areaId: "hall-1" }), host("b", { areaId: "hall-2" })];
    expect(rankHosts(hosts, { ...shell, areaId: "hall-2" })).toEqual(["id-b", "id-a"]);
    expect(rankHosts(hosts, { ...shell, areaId: null })).toEqual(["id-a", "id-b"]);
    // Load first: the area only decides between equals.
    expect(rankHosts([host("a", { areaId: "hall-1" }), host("b", { areaId: "hall-2", usage: used(1) })], { ...shell, areaId: "hall-2" })).toEqual(["id-a", "id-b"]);
  });

  it("offers gVisor labs only to hosts with runsc", () => {
    const hosts = [host("with", { runtimes: ["runc", "runsc"] }), host("without", { runtimes: ["runc"] })];
    expect(rankHosts(hosts, { ...shell, runtime: "runsc" })).toEqual(["id-with"]);
    expect(rankHosts(hosts, shell)).toEqual(["id-with", "id-without"]);
  });

  it("leaves out draining, down and unhealthy hosts", () => {
    const hosts = [host("draining", { state: "DRAINING" }), host("down", { state: "DOWN" }), host("sick", { healthy: false }), host("ok", { usage: used(9) })];
    expect(rankHosts(hosts, shell)).toEqual(["id-ok"]);
    expect(eligible(host("unknown", { runtimes: [] }), "runsc")).toBe(true);
  });

  it("ranks full hosts last instead of dropping them (a warm lab there still fits; capacity.ts has the last word)", () => {
    const hosts = [host("full", { usage: used(10) }), host("room", { usage: used(2) })];
    expect(rankHosts(hosts, shell)).toEqual(["id-room", "id-full"]);
  });
});
