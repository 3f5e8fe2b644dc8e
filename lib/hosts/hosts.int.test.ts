import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LABEL } from "@/lib/labs/container-spec";
import type { LabEngine } from "@/lib/labs/lab-engine";
import type { LabRecord } from "@/lib/labs/repo";
import { loadTemplates } from "@/lib/labs/templates";
import { hostPool } from "@/lib/testing/host-pool";
import { type TestEngine, testEngine } from "@/lib/testing/killable-engines";
import { until } from "@/lib/testing/until";
import { activateHost } from "./activate-host";
import { ClientTls } from "./client-tls";
import { drainHost } from "./drain-host";
import { removeHost } from "./remove-host";

// Three extra dockerd on this machine (lib/testing/killable-engines.ts), the third without gVisor,
// each behind mutual TLS on 127.0.0.2-4 with a certificate from a Mingle CA of the test's own and
// reached with that CA's client identity, as a pool of lab hosts wired like the server's: placement spreads labs, gVisor labs go only
// where runsc is, a drained host takes nothing new and can be emptied by moving its labs, and
// a killed dockerd turns its labs LOST and its session lab starts again elsewhere; started
// again, it is reconciled with nothing of the lost labs left on it.
const { templates } = loadTemplates("labs/templates");
/** Beside the test bed's 2376 and lab-host.sh's test ports. */
const HOSTS_TEST_PORT = 2381;
const pkiDir = mkdtempSync(path.join(tmpdir(), "mingle-hosts-pki-"));
const tlsAt = (address: string) => ({ address, port: HOSTS_TEST_PORT, pkiDir });
const engines: TestEngine[] = [
  testEngine("h1", { runsc: true, tls: tlsAt("127.0.0.2") }),
  testEngine("h2", { runsc: true, tls: tlsAt("127.0.0.3") }),
  testEngine("h3", { runsc: false, tls: tlsAt("127.0.0.4") }),
];
let pool: Awaited<ReturnType<typeof hostPool>>;
let owner = 0;

async function launch(labs: LabEngine, templateName: string, extra: { sessionId?: string; participantIds?: string[] } = {}): Promise<LabRecord> {
  const r = await labs.launch({ ownerId: `owner-${++owner}`, templateName, ...extra });
  if (!r.ok) throw new Error(`${templateName}: ${r.message}`);
  return r.value;
}

const hostOf = (lab: LabRecord) => pool.registry.nameOf(lab.engineId);

async function stopAll(): Promise<void> {
  for (const lab of await pool.labRepo.listLive()) await pool.labs.stop(lab.id);
}

beforeAll(async () => {
  await Promise.all(engines.map((e) => e.start({ clean: true })));
  const tls = new ClientTls({ pkiDir });
  await tls.refresh();
  pool = await hostPool(engines, { templates, pingMs: 300, failuresToDown: 2, tlsFor: tls.tlsFor });
}, 120_000);

afterAll(async () => {
  await stopAll().catch(() => undefined);
  await pool?.tasks.stop();
  await Promise.all(engines.map((e) => e.stop()));
  rmSync(pkiDir, { recursive: true, force: true });
}, 120_000);

describe("a pool of lab hosts on real engines", () => {
  it("knows each host's version and runtimes from its engine", () => {
    const byName = Object.fromEntries(pool.registry.list().map((h) => [h.name, h]));
    expect(byName.h1?.labels).toEqual(["runc", "runsc"]);
    expect(byName.h3?.labels).toEqual(["runc"]);
    expect(byName.h2?.dockerVersion).toMatch(/^\d+\.\d+/);
  });

  it("spreads labs evenly over the hosts, each lab's containers on its own host", async () => {
    const labs = await Promise.all(Array.from({ length: 6 }, () => launch(pool.labs, "shell")));
    const counts = new Map<string, number>();
    for (const lab of labs) counts.set(hostOf(lab), (counts.get(hostOf(lab)) ?? 0) + 1);
    expect(Object.fromEntries(counts)).toEqual({ h1: 2, h2: 2, h3: 2 });
    for (const e of engines) {
      const mine = labs.filter((l) => hostOf(l) === e.name).map((l) => l.id);
      const there = new Set((await e.engine.listContainers({ [LABEL.managed]: "true" })).map((c) => c.labels[LABEL.lab]));
      expect([...there].sort()).toEqual(mine.sort());
    }
    await stopAll();
  }, 120_000);

  it("puts gVisor labs only on hosts with runsc", async () => {
    const labs = await Promise.all(Array.from({ length: 4 }, () => launch(pool.labs, "gvisor-shell")));
    expect(labs.map(hostOf).sort()).toEqual(["h1", "h1", "h2", "h2"]);
    const r = await pool.labs.exec(labs[0]!.id, ["uname", "-r"]);
    expect(r.ok && r.value.exitCode).toBe(0);
    await stopAll();
  }, 120_000);

  it("a drained host takes no new labs; its labs finish there, or move on request; removal needs it drained and empty", async () => {
    const h1 = pool.idOf("h1");
    const before = await Promise.all(Array.from({ length: 3 }, () => launch(pool.labs, "shell")));
    const onH1 = before.find((l) => l.engineId === h1)!;
    expect(onH1).toBeDefined();
    const active = await removeHost(pool.deps, h1);
    expect(active.ok ? "" : active.code).toBe("HOST_NOT_DRAINED");

    const drained = await drainHost(pool.deps, h1, { move: false });
    expect(drained.ok && drained.value.state).toBe("DRAINING");
    const after = await Promise.all(Array.from({ length: 4 }, () => launch(pool.labs, "shell")));
    expect(after.filter((l) => l.engineId === h1)).toEqual([]);
    expect((await pool.labRepo.get(onH1.id))?.status).toBe("READY");
    const notEmpty = await removeHost(pool.deps, h1);
    expect(notEmpty.ok ? "" : notEmpty.message).toMatch(/still runs 1 lab/);

    const moved = await drainHost(pool.deps, h1, { move: true });
    expect(moved.ok && moved.value.moved).toBe(1);
    const old = (await pool.labRepo.get(onH1.id))!;
    expect(old.status).toBe("STOPPED");
    expect(old.failureReason).toMatch(/^An organizer moved this lab to h[23]; a new lab is starting there/);
    const replacement = (await pool.labRepo.get(old.replacedById!))!;
    expect(replacement.engineId).not.toBe(h1);
    expect(replacement.ownerId).toBe(onH1.ownerId);
    await until("the moved lab ready", async () => ((await pool.labRepo.get(replacement.id))?.status === "READY" ? true : undefined), 20_000);
    expect(await engines[0]!.engine.listContainers({ [LABEL.managed]: "true", [LABEL.lab]: onH1.id })).toEqual([]);

    await stopAll();
    expect((await activateHost(pool.deps, h1)).ok).toBe(true);
    expect(pool.registry.get(h1)?.state).toBe("ACTIVE");
  }, 120_000);

  it("a killed dockerd: its labs turn LOST, its session lab starts on another host and takes input; restarted, it is reconciled with nothing orphaned", async () => {
    // One session lab and one standalone lab on h2 (the others drained for the launch).
    const [h1, h2, h3] = ["h1", "h2", "h3"].map((n) => pool.idOf(n)) as [string, string, string];
    await drainHost(pool.deps, h1, { move: false });
    await drainHost(pool.deps, h3, { move: false });
    const session = await launch(pool.labs, "shell", { sessionId: "s-failover", participantIds: ["expert", "attendee"] });
    const standalone = await launch(pool.labs, "shell");
    expect([session.engineId, standalone.engineId]).toEqual([h2, h2]);
    await activateHost(pool.deps, h1);
    await activateHost(pool.deps, h3);
    const statuses: string[] = [];
    const unsubscribe = pool.labs.subscribe((e) => e.labId === session.id && statuses.push(`${e.status} ${e.reason ?? ""}`));

    const killed = Date.now();
    await engines[1]!.kill();
    const lost = await until(
      "the session lab replaced",
      async () => {
        const l = await pool.labRepo.get(session.id);
        return l?.replacedById ? l : undefined;
      },
      15_000,
    );
    expect(pool.registry.get(h2)?.state).toBe("DOWN");
    expect(lost.status).toBe("LOST");
    expect(lost.failureReason).toMatch(/^Your lab's machine stopped answering; a new lab is starting on h[13]; files in \/home\/lab were lost\.$/);
    expect(statuses.at(-1)).toContain("a new lab is starting on h");
    expect((await pool.labRepo.get(standalone.id))?.status).toBe("LOST");
    const next = (await pool.labRepo.get(lost.replacedById!))!;
    expect([h1, h3]).toContain(next.engineId);
    expect(next.sessionId).toBe("s-failover");
    expect(next.participantIds.sort()).toEqual(["attendee", "expert"]);
    await until("the new lab ready", async () => ((await pool.labRepo.get(next.id))?.status === "READY" ? true : undefined), 20_000);
    const echo = await pool.labs.exec(next.id, ["sh", "-c", "echo answer-$((6*7))"]);
    expect(echo.ok && echo.value.stdout.trim()).toBe("answer-42");
    console.log(`failover: ${Date.now() - killed} ms from kill to the relaunched lab answering`);
    unsubscribe();

    await engines[1]!.start();
    await until("h2 active again", async () => (pool.registry.get(h2)?.state === "ACTIVE" ? true : undefined), 30_000);
    const left = await engines[1]!.engine.listContainers({ [LABEL.managed]: "true" });
    expect(left.map((c) => c.labels[LABEL.lab])).toEqual([]);
    expect(await engines[1]!.engine.listVolumes({ [LABEL.managed]: "true" })).toEqual([]);
    // Back in the pool: it takes labs again.
    await drainHost(pool.deps, h1, { move: false });
    await drainHost(pool.deps, h3, { move: false });
    expect((await launch(pool.labs, "shell")).engineId).toBe(h2);
    await activateHost(pool.deps, h1);
    await activateHost(pool.deps, h3);
  }, 180_000);
});
