import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { clusterPlan } from "./cluster-plan";
import { haproxyConfig } from "./haproxy-config";

const run = promisify(execFile);
const dir = await mkdtemp(path.join(os.tmpdir(), "mingle-haproxy-config-"));
afterAll(() => rm(dir, { recursive: true, force: true }));

// Debian's HAProxy (2.6) itself checks what the generator writes, for the shapes a start can ask for.
describe("the generated HAProxy config", () => {
  it.each([
    { processes: 1, host: "0.0.0.0" },
    { processes: 3, host: "127.0.0.1" },
    { processes: 16, host: "::" },
    { processes: 2, host: "[::1]" },
  ])("is valid for $processes processes on $host", async ({ processes, host }) => {
    const file = path.join(dir, `haproxy-${processes}.cfg`);
    await writeFile(file, haproxyConfig(clusterPlan({ processes, host, port: 3000 }), { adminSocket: path.join(dir, "admin.sock") }));
    const { stdout, stderr } = await run("haproxy", ["-c", "-f", file]);
    expect(`${stdout}${stderr}`).toMatch(/Configuration file is valid/);
    expect(stderr).not.toMatch(/WARNING|ALERT/);
  });
});
