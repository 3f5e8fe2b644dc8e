import net from "node:net";
import { describe, expect, it } from "vitest";
import { LABEL } from "@/lib/labs/container-spec";
import { BASE_IMAGE_CONFIG, baseRootfsTar, ensureImage, type ImageProgress } from "@/lib/labs/images";
import type { LabEvent } from "@/lib/labs/lab-engine";
import { liveLabs } from "@/lib/testing/live-labs";
import { startTestRegistry } from "@/lib/testing/registry";

// Real Docker Engine (scripts/docker-engine.sh), in-memory LabRepo. The warm pool, reaper and
// reconciliation have files of their own (warm-pool.int.test.ts, reaper.int.test.ts, reconcile.int.test.ts).
const { engine, templates, service, launch, run } = liveLabs();

describe("live labs on a real engine", () => {
  it.each(["shell", "forkbomb", "two-services", "gvisor-shell"])("launches %s and its shell runs a command", async (name) => {
    const { svc } = service();
    const events: LabEvent[] = [];
    svc.subscribe((e) => events.push(e));
    const lab = await launch(svc, name);
    expect(lab.status).toBe("READY");
    expect(events.map((e) => e.status)).toEqual(["CREATING", "BOOTING", "READY"]);
    const r = await run(svc, lab.id, "id -u; cat /lab/motd");
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(/^1000\n/);
    await svc.stop(lab.id);
    expect(events.map((e) => e.status).slice(-2)).toEqual(["STOPPING", "STOPPED"]);
    expect(await engine().listContainers({ [LABEL.lab]: lab.id })).toEqual([]);
  });

  it("runs every container hardened", async () => {
    const { svc } = service();
    const lab = await launch(svc, "two-services");
    for (const c of lab.containers!.containers.filter((c) => c.role !== "onboot")) {
      const s = (await engine().inspectContainer(c.id))!;
      expect(s.user).toBe("1000:1000");
      expect(s.hostConfig).toMatchObject({ Privileged: false, ReadonlyRootfs: true, CapDrop: ["ALL"], SecurityOpt: ["no-new-privileges"] });
      expect(s.hostConfig.Memory).toBe(s.hostConfig.MemorySwap);
      expect(s.hostConfig.Binds ?? []).toEqual([]);
    }
    const r = await run(svc, lab.id, "wget -qO- http://127.0.0.1:8080; grep -E '^(CapEff|NoNewPrivs|Seccomp):' /proc/self/status");
    expect(r.stdout).toContain("Hello from the onboot step");
    expect(r.stdout).toMatch(/CapEff:\s+0000000000000000/);
    expect(r.stdout).toMatch(/NoNewPrivs:\s+1/);
    expect(r.stdout).toMatch(/Seccomp:\s+2/);
  });

  it("fails a launch whose onboot step exits non-zero, with that step's output", async () => {
    const broken = new Map(templates);
    broken.set("broken", {
      ...templates.get("shell")!,
      name: "broken",
      onboot: [{ name: "setup", image: "mingle/busybox:1", command: ["sh", "-c", "echo disk on fire >&2; exit 3"], env: {} }],
    });
    const { svc } = service({ templates: () => broken });
    const events: LabEvent[] = [];
    svc.subscribe((e) => events.push(e));
    const r = await svc.launch({ ownerId: "u1", templateName: "broken" });
    expect(r.ok).toBe(false);
    expect(r.ok ? "" : r.message).toMatch(/onboot "setup" exited with code 3:\s+disk on fire/);
    expect(events.at(-1)!.status).toBe("FAILED");
    expect(await engine().listContainers({ [LABEL.lab]: events[0]!.labId })).toEqual([]);
  });

  it("stops a lab mid-launch: the launch gives up, nothing is left on the engine", async () => {
    // A slow onboot step keeps the launch busy; Stop must not wait for it, nor leave anything behind.
    const slow = new Map(templates);
    slow.set("slow", { ...templates.get("shell")!, name: "slow", onboot: [{ name: "setup", image: "mingle/busybox:1", command: ["sleep", "30"], env: {} }] });
    const { svc, store } = service({ templates: () => slow });
    const events: LabEvent[] = [];
    svc.subscribe((e) => events.push(e));
    for (const waitFor of ["CREATING", "BOOTING"] as const) {
      const started = await svc.startLaunch({ ownerId: `mid-${waitFor}`, templateName: "slow" });
      if (!started.ok) throw new Error(started.message);
      const labId = started.value.lab.id;
      if (waitFor === "BOOTING") {
        while (!events.some((e) => e.labId === labId && e.status === "BOOTING")) await new Promise((r) => setTimeout(r, 20));
        await new Promise((r) => setTimeout(r, 300)); // the onboot step is running now
      }
      const t0 = Date.now();
      const stopped = await svc.stop(labId, "changed my mind");
      expect(Date.now() - t0).toBeLessThan(10_000);
      expect(stopped.ok && stopped.value.status).toBe("STOPPED");
      const done = await started.value.done;
      expect(done.ok).toBe(false);
      expect(done.ok ? "" : done.message).toMatch(/stopped while it was starting/);
      expect((await store.get(labId))?.status).toBe("STOPPED");
      const mine = events.filter((e) => e.labId === labId).map((e) => e.status);
      expect(mine).not.toContain("READY");
      expect(mine.at(-1)).toBe("STOPPED");
      expect(await engine().listContainers({ [LABEL.lab]: labId })).toEqual([]);
      expect(await engine().listVolumes({ [LABEL.lab]: labId })).toEqual([]);
    }
  });

  it("contains a fork bomb at the pids limit while another lab stays responsive", async () => {
    const { svc } = service();
    const bomb = await launch(svc, "forkbomb");
    const other = await launch(svc, "shell");
    // busybox ash rejects ":" as a function name, so the bomb is spelled with "f".
    const bombing = run(svc, bomb.id, "f(){ f|f& };f; sleep 5", { timeoutMs: 8_000 });
    await new Promise((r) => setTimeout(r, 1500));
    const t0 = Date.now();
    const r = await run(svc, other.id, "echo alive");
    expect(r.stdout).toBe("alive\n");
    expect(Date.now() - t0).toBeLessThan(3000);
    const b = await bombing;
    expect(b.stderr).toMatch(/can't fork|Resource temporarily unavailable/);
    const state = (await engine().inspectContainer(bomb.containers!.containers.find((c) => c.interactive)!.id))!;
    expect(state.hostConfig.PidsLimit).toBe(48);
    await svc.stop(bomb.id);
  });

  it("OOM-kills a memory bomb inside the lab and keeps the lab", async () => {
    const { svc } = service();
    const lab = await launch(svc, "shell");
    const r = await run(svc, lab.id, "x=aaaaaaaaaaaaaaaa; while :; do x=$x$x; done");
    expect(r.exitCode).toBe(137);
    expect((await run(svc, lab.id, "echo still here")).stdout).toBe("still here\n");
  });

  it("refuses writes past the tmpfs size and to the read-only root", async () => {
    const { svc } = service();
    const lab = await launch(svc, "shell"); // tmpfs 16m
    const r = await run(svc, lab.id, "dd if=/dev/zero of=/tmp/big bs=1M count=32 2>&1; echo rc=$?");
    expect(r.stdout).toMatch(/No space left on device/);
    expect(r.stdout).not.toContain("rc=0");
    const root = await run(svc, lab.id, "touch /etc/x 2>&1; echo rc=$?");
    expect(root.stdout).toMatch(/Read-only file system/);
  });

  it("reaches neither the host's PostgreSQL, the Docker socket nor another lab's httpd", async () => {
    const hostPg = await new Promise<boolean>((resolve) => {
      const s = net.connect(5432, "127.0.0.1", () => (s.destroy(), resolve(true))).on("error", () => resolve(false));
    });
    const { svc } = service();
    const web = await launch(svc, "two-services");
    const lab = await launch(svc, "shell");
    const pg = await run(svc, lab.id, "nc -w 2 127.0.0.1 5432 </dev/null && echo OPEN || echo CLOSED");
    expect(pg.stdout).toContain("CLOSED");
    expect(hostPg).toBe(true); // the host's port is open, yet the lab cannot reach it
    const sock = await run(svc, lab.id, "ls /var/run/docker.sock /run/docker.sock 2>&1; ls /sys/class/net");
    expect(sock.stdout).toMatch(/No such file or directory[\s\S]*No such file or directory/);
    expect(sock.stdout.trim().split("\n").at(-1)).toBe("lo");
    const other = await run(svc, lab.id, "wget -q -T 2 -O- http://127.0.0.1:8080 2>&1; echo rc=$?");
    expect(other.stdout).not.toContain("Hello");
    expect(other.stdout).not.toContain("rc=0");
    expect((await run(svc, web.id, "wget -qO- http://127.0.0.1:8080")).stdout).toContain("Hello");
  });

  it("fails a pull with a clear error when no registry answers", async () => {
    // 127.0.0.1:5999 keeps the attempt on this machine; nothing listens there.
    await expect(ensureImage(engine(), "127.0.0.1:5999/mingle/nope:1")).rejects.toThrow(
      /Could not pull image "127.0.0.1:5999\/mingle\/nope:1" on engine local: .*Is a registry reachable\?/,
    );
  });

  it("pulls a template's image from a registry, with progress, and launches a lab from it", async () => {
    // A file of its own makes the layer new to the engine, so it is downloaded, not "Already exists".
    const nonce = { type: "file" as const, path: "etc/mingle-pulled", content: `${Date.now()}-${Math.random()}\n` };
    const registry = await startTestRegistry([{ name: "mingle/pulled:1", rootfs: baseRootfsTar(undefined, [nonce]).tar, config: BASE_IMAGE_CONFIG }], {
      bytesPerSecond: 4_000_000, // about a quarter of a second per pull: several progress reports
    });
    const ref = `${registry.host}/mingle/pulled:1`;
    try {
      await engine().removeImage(ref);
      const progress: ImageProgress[] = [];
      await ensureImage(engine(), ref, (p) => progress.push(p));
      expect(registry.requests.some((r) => /^GET \/v2\/mingle\/pulled\/blobs\/sha256:/.test(r))).toBe(true);
      const bytes = progress.filter((p) => p.kind === "bytes");
      expect(bytes.length).toBeGreaterThan(1);
      expect(bytes.every((p) => p.total > 100_000)).toBe(true);
      expect(new Set(bytes.map((p) => p.sent)).size).toBeGreaterThan(1);
      expect(progress.some((p) => p.kind === "status" && /Pull complete|Downloaded newer image/.test(p.message))).toBe(true);
      expect(await engine().inspectImage(ref)).not.toBeNull();

      // A launch pulls what is missing by itself, and its status events carry the pull's progress.
      await engine().removeImage(ref);
      const pulled = new Map(templates);
      pulled.set("pulled", { ...templates.get("shell")!, name: "pulled", services: [{ name: "shell", image: ref, command: ["sleep", "inf"], env: {}, interactive: true }] });
      const { svc } = service({ templates: () => pulled });
      const events: LabEvent[] = [];
      svc.subscribe((e) => events.push(e));
      const lab = await launch(svc, "pulled");
      const pulling = events.filter((e) => e.labId === lab.id && e.progress);
      expect(pulling.length).toBeGreaterThan(0);
      expect(pulling.every((e) => e.status === "CREATING")).toBe(true);
      expect(pulling.some((e) => e.progress!.message === `Pulling ${ref}` && e.progress!.total! > 100_000)).toBe(true);
      const r = await run(svc, lab.id, "id -u; cat /etc/os-release");
      expect(r.stdout).toMatch(/^1000\n/);
      expect(r.stdout).toContain("Mingle lab (busybox)");
      await svc.stop(lab.id);
    } finally {
      await engine()
        .removeImage(ref)
        .catch(() => undefined);
      await registry.close();
    }
  });

  it("shows gVisor's kernel in gvisor-shell", async () => {
    const { svc } = service();
    const lab = await launch(svc, "gvisor-shell");
    const r = await run(svc, lab.id, "uname -a; dmesg 2>&1 | head -3");
    expect(r.stdout).toMatch(/gVisor/);
  });

  it("gives the terminal hub the interactive service's TTY: a login shell as the lab user that `exit` starts afresh", async () => {
    const { svc } = service();
    const lab = await launch(svc, "shell");
    const r = await svc.attachShell(lab.id, { cols: 100, rows: 30 }, { history: true });
    if (!r.ok) throw new Error(r.message);
    let out = "";
    r.value.stream.on("data", (c: Buffer) => (out += c.toString()));
    const waitFor = async (text: string) => {
      for (let i = 0; i < 100 && !out.includes(text); i++) await new Promise((res) => setTimeout(res, 50));
      expect(out).toContain(text);
    };
    // The shell started with the container: its first prompt comes from the TTY's history.
    await waitFor("lab@lab:~$");
    expect(out).toContain("Welcome to your Mingle lab");
    r.value.stream.write('echo "u=$(id -u) t=$TERM c=$(stty size)"\n');
    await waitFor("u=1000 t=xterm-256color c=30 100");
    await r.value.resize({ cols: 120, rows: 40 });
    r.value.stream.write("X=1; exit 7\n");
    await waitFor("[shell exited; starting a new one]");
    out = "";
    r.value.stream.write('stty size; [ -z "$X" ] && echo fresh-$((1+1))\n');
    await waitFor("fresh-2");
    expect(out).toContain("40 120");
    const shell = lab.containers!.containers.find((c) => c.interactive)!;
    expect((await engine().inspectContainer(shell.id))?.running).toBe(true);
    r.value.stream.destroy();
  });
});
