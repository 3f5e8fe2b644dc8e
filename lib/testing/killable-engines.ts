import { spawn } from "node:child_process";
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { procProbe } from "@/lib/cluster/leftovers";
import type { Engine } from "@/lib/docker/engine";
import { engineAt } from "@/lib/docker/engines";
import { ensureCa } from "@/lib/hosts/pki/ca";
import { createPublicKey } from "node:crypto";
import { newRsaKeyPem } from "@/lib/hosts/pki/issue-certificate";
import { signHostCertificate } from "@/lib/hosts/pki/sign-host-certificate";
import { tlsOptionsFor } from "@/lib/hosts/pki/tls-options";
import { ensureBaseImage } from "@/lib/labs/images";

/**
 * For multi-engine integration tests: extra dockerd instances on this machine, each with its own
 * data root, exec root and unix socket (no network), the first ones with gVisor registered as
 * runsc. Kill one to see failover, start it again to see it reconciled. With `tls`, it listens on
 * tcp://address:port with --tlsverify and a server certificate from the Mingle CA in `pkiDir`, as
 * a joined host does, and is reached with that CA's client identity. (The shared test bed,
 * scripts/test-engines.sh, serves long-lived TLS engines on 127.0.0.2-4:2376 for tests that kill nothing.)
 */
export interface TestEngine {
  name: string;
  url: string;
  runsc: boolean;
  engine: Engine;
  /** Starts dockerd (again, on the same data); `clean` also removes every container and volume it has. */
  start(opts?: { clean?: boolean }): Promise<void>;
  /** SIGKILL to dockerd and its containerd (its process group): the machine stops answering at once. */
  kill(): Promise<void>;
  /** SIGTERM and wait: a clean stop. */
  stop(): Promise<void>;
}

const ANSWER_WITHIN_MS = 30_000;

/** Running, and not a zombie: the cluster's probe of a pid (lib/cluster/leftovers.ts). */
const alive = (pid: number) => procProbe.alive(pid);

async function waitFor(what: string, check: () => Promise<boolean> | boolean, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out after ${ms} ms: ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export interface TestEngineTls {
  address: string;
  port: number;
  /** Mingle's hosts PKI folder: its CA signs the server certificate, its client identity reaches the engine. */
  pkiDir: string;
}

/** A server key and a certificate from the CA in pkiDir for `address`, written beside the engine's data. */
async function serverCertificate(dir: string, name: string, tls: TestEngineTls): Promise<string[]> {
  const ca = await ensureCa(tls.pkiDir);
  const key = newRsaKeyPem();
  const signed = signHostCertificate(ca, {
    publicKeyPem: createPublicKey(key).export({ type: "spki", format: "pem" }).toString(),
    hostName: name,
    ips: [tls.address],
    dnsNames: [],
  });
  if (!signed.ok) throw new Error(signed.message);
  writeFileSync(path.join(dir, "ca.pem"), ca.certPem);
  writeFileSync(path.join(dir, "cert.pem"), signed.value.certPem);
  writeFileSync(path.join(dir, "key.pem"), key, { mode: 0o600 });
  return ["--tlsverify", "--tlscacert", path.join(dir, "ca.pem"), "--tlscert", path.join(dir, "cert.pem"), "--tlskey", path.join(dir, "key.pem")];
}

export function testEngine(name: string, opts: { runsc: boolean; root?: string; tls?: TestEngineTls }): TestEngine {
  const dir = path.resolve(opts.root ?? ".data/test-engines", name);
  // Socket paths are limited to 108 bytes, and containerd puts its own under the exec root.
  const execRoot = `/tmp/mingle-te-${process.pid}-${name}`;
  const sock = path.join(dir, "docker.sock");
  const pidfile = path.join(dir, "docker.pid");
  const url = opts.tls ? `tcp://${opts.tls.address}:${opts.tls.port}` : `unix://${sock}`;
  let engine = engineAt(name, { socketPath: sock });
  let pid: number | undefined;

  const self: TestEngine = {
    name,
    url,
    runsc: opts.runsc,
    get engine() {
      return engine;
    },
    async start({ clean = false } = {}) {
      mkdirSync(path.join(dir, "data"), { recursive: true });
      mkdirSync(execRoot, { recursive: true });
      const config = path.join(dir, "daemon.json");
      writeFileSync(config, JSON.stringify(opts.runsc ? { runtimes: { runsc: { path: "/usr/bin/runsc", runtimeArgs: ["--network=none"] } } } : {}));
      if (existsSync(pidfile)) {
        const old = Number(readFileSync(pidfile, "utf8"));
        if (old && alive(old)) process.kill(old, "SIGTERM");
        await waitFor(`old dockerd ${old} to exit`, () => !alive(old), ANSWER_WITHIN_MS);
        rmSync(pidfile, { force: true });
      }
      rmSync(sock, { force: true });
      const listen = opts.tls ? [...(await serverCertificate(dir, name, opts.tls)), "-H", url] : ["-H", url];
      if (opts.tls) engine = engineAt(name, await tlsOptionsFor(url, opts.tls.pkiDir));
      const spawnDockerd = () => {
        const out = openSync(path.join(dir, "dockerd.log"), "a");
        const child = spawn(
          "dockerd",
          [
            "--bridge=none",
            "--iptables=false",
            "--ip-masq=false",
            "--config-file",
            config,
            "--data-root",
            path.join(dir, "data"),
            "--exec-root",
            execRoot,
            ...listen,
            "--pidfile",
            pidfile,
          ],
          { detached: true, stdio: ["ignore", out, out] },
        );
        closeSync(out);
        child.unref();
        return child;
      };
      // After a hard kill, dockerd gives up when its new containerd does not answer in time while the
      // old shims are cleaned up ("timeout waiting for containerd to start", seen under CI's load).
      // As systemd's Restart=on-failure would, it is started once more when it exits unasked.
      for (let attempt = 1; ; attempt++) {
        const child = spawnDockerd();
        pid = child.pid;
        const exited = () => child.exitCode !== null || child.signalCode !== null;
        await waitFor(`dockerd ${name} to answer (or exit)`, async () => exited() || (await engine.ping()), 2 * ANSWER_WITHIN_MS);
        if (!exited()) break;
        if (attempt === 2) throw new Error(`dockerd ${name} exited twice before answering: see ${path.join(dir, "dockerd.log")}`);
      }
      if (clean) {
        for (const c of await engine.listContainers({})) await engine.removeContainer(c.id);
        for (const v of await engine.listVolumes({})) await engine.removeVolume(v.name);
      }
      await ensureBaseImage(engine);
    },
    async kill() {
      // containerd runs in a process group of its own: it goes too, as with the machine.
      const containerdPidFile = path.join(execRoot, "containerd", "containerd.pid");
      const containerd = existsSync(containerdPidFile) ? Number(readFileSync(containerdPidFile, "utf8")) : 0;
      if (pid && alive(pid)) process.kill(-pid, "SIGKILL");
      if (containerd && alive(containerd)) process.kill(containerd, "SIGKILL");
      await waitFor(`dockerd ${name} to die`, () => (!pid || !alive(pid)) && (!containerd || !alive(containerd)), 10_000);
    },
    async stop() {
      if (pid && alive(pid)) process.kill(pid, "SIGTERM");
      await waitFor(`dockerd ${name} to stop`, () => !pid || !alive(pid), ANSWER_WITHIN_MS);
    },
  };
  return self;
}
