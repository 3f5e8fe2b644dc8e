import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatProblem, loadTemplates, parseTemplate } from "@/lib/labs/templates";

const valid = `
files:
  - { path: lab/motd, contents: hi, mode: "0600" }
services:
  - { name: shell, image: mingle/busybox:1, command: [sleep, inf] }
x-mingle:
  title: Demo
  limits: { memory: 32m, pids: 16, tmpfs: 4m, cpus: 0.25 }
  ttl: 10m
`;

const problemsOf = (text: string, file = "t/demo.yaml") => parseTemplate(file, text).problems.map((p) => `${p.line}:${p.column} ${p.field}: ${p.message}`);

describe("lab templates (LinuxKit YAML + x-mingle)", () => {
  it("parses sizes, durations, modes and defaults", () => {
    const r = parseTemplate("labs/templates/demo.yaml", valid);
    expect(r.problems).toEqual([]);
    const t = r.template!;
    expect(t.name).toBe("demo");
    expect(t.limits).toEqual({ memory: 32 * 1024 ** 2, pids: 16, tmpfs: 4 * 1024 ** 2, ttl: 600, cpus: 0.25 });
    expect(t.files[0]).toMatchObject({ path: "/lab/motd", mode: 0o600 });
    expect(t.mode).toBe("container");
    expect(t.isolation).toBe("runc");
    expect(t.services[0]).toMatchObject({ name: "shell", interactive: true, user: "1000:1000" });
  });

  it("reports unknown fields and wrong types with line and column", () => {
    const text = [
      "services:",
      "  - name: shell",
      "    image: mingle/busybox:1",
      "    comand: [sh]",
      "    readonly: yes-please",
      "x-mingle:",
      "  ttl: forever",
      "colour: blue",
    ].join("\n");
    expect(problemsOf(text)).toEqual([
      "4:5 services.0.comand: is not a field here",
      "5:5 services.0.readonly: Invalid input: expected boolean, received string",
      '7:3 x-mingle.ttl: must be a duration like "30m" or "2h"',
      "8:1 colour: is not a field here (LinuxKit's fields and x-mingle)",
    ]);
  });

  it("refuses sandbox-breaking fields in container mode, naming the field, its line and that vm mode allows it", () => {
    const text = `services:
  - name: shell
    image: mingle/busybox:1
    capabilities: [CAP_NET_ADMIN]
    binds: ["/:/host"]
    net: host
    pid: host
    devices: [{ path: /dev/kvm, type: c, major: 10, minor: 232 }]
    uid: 0
`;
    const problems = parseTemplate("t/bad.yaml", text).problems;
    expect(problems.map((p) => [p.field, p.line])).toEqual([
      ["services.0.capabilities", 4],
      ["services.0.binds", 5],
      ["services.0.net", 6],
      ["services.0.pid", 7],
      ["services.0.devices", 8],
      ["services.0.uid", 9],
    ]);
    for (const p of problems) expect(p.message).toMatch(/container mode.*isolation: vm allows it/);
    expect(formatProblem(problems[0]!)).toMatch(/^t\/bad\.yaml:4:5: services\.0\.capabilities: is refused in container mode/);
  });

  it("accepts those fields in vm mode", () => {
    const text = `kernel: { image: mingle/linuxkit-kernel:6.1 }
init: [mingle/linuxkit-init:1, mingle/linuxkit-runc:1]
services:
  - { name: shell, image: mingle/busybox:1, capabilities: [CAP_NET_ADMIN], net: host, pid: host, binds: ["/lab:/lab"] }
x-mingle: { isolation: vm, limits: { memory: 256m, cpus: 1 } }
`;
    const r = parseTemplate("t/vm.yaml", text);
    expect(r.problems).toEqual([]);
    expect(r.template).toMatchObject({ mode: "vm", isolation: "runc", kernel: { image: "mingle/linuxkit-kernel:6.1", cmdline: "console=ttyS0" } });
    expect(r.template!.services[0]!.user).toBeUndefined(); // root inside the VM, as in LinuxKit
  });

  it("needs a kernel, init and enough memory in vm mode; ignores them (and says so) in container mode", () => {
    expect(problemsOf("services: [{ name: s, image: i }]\nx-mingle: { isolation: vm }\n").map((p) => p.split(":")[0] + p.slice(p.indexOf(" ")))).toEqual([
      "1 kernel: is needed in vm mode: name the kernel image (e.g. mingle/linuxkit-kernel:6.1)",
      "1 init: is needed in vm mode: list the init images (e.g. mingle/linuxkit-init:1 and mingle/linuxkit-runc:1)",
      "2 x-mingle.limits.memory: must be at least 128m in vm mode (the kernel and the initrd live in the VM's memory)",
    ]);
    const r = parseTemplate("t/c.yaml", "kernel: { image: k }\ninit: [i]\nservices: [{ name: s, image: i, command: [sleep, inf] }]\n");
    expect(r.template!.notes).toEqual(["Container mode: kernel, init are ignored (isolation: vm boots them)."]);
  });

  it("requires a named interactive service when there are several, and one that exists", () => {
    const two = "services:\n  - { name: a, image: i }\n  - { name: b, image: i }\n";
    expect(problemsOf(two)).toEqual([expect.stringMatching(/^1:1 x-mingle: must name the interactive service/)]);
    expect(problemsOf(`${two}x-mingle: { interactive: c }\n`)).toEqual(["4:13 x-mingle.interactive: names no service: the services are a, b"]);
  });

  it("refuses files outside lab/ in container mode, file sources, setuid modes and oversized limits", () => {
    const bad = `files:
  - { path: etc/passwd, contents: x }
  - { path: lab/x, contents: x, mode: "4755" }
  - { path: lab/y, source: /etc/shadow }
services: [{ name: shell, image: i }]
x-mingle: { limits: { memory: 64g } }
`;
    const fields = parseTemplate("t/bad.yaml", bad).problems.map((p) => p.field);
    expect(fields).toEqual(expect.arrayContaining(["files.1.mode", "x-mingle.limits.memory"]));
    const modeOk = bad.replace('mode: "4755"', 'mode: "0644"').replace("64g", "64m");
    expect(parseTemplate("t/bad.yaml", modeOk).problems.map((p) => p.field)).toEqual(["files.0.path", "files.2.source"]);
  });

  it("reports YAML syntax errors with their position, and never throws on any bytes", () => {
    expect(problemsOf("services: [unclosed\n")[0]).toMatch(/^\d+:\d+ \(yaml\): /);
    expect(problemsOf("just a string")).toEqual([expect.stringMatching(/^1:1 \(root\): /)]);
    expect(problemsOf("")).toEqual(["1:1 services: must have at least one service (the lab's shell)"]);
    expect(problemsOf("a: &a [*a, *a]\n")[0]).toMatch(/\(yaml\)|\(root\)|a: /);
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (s) => {
        const r = parseTemplate("t/any.yaml", s);
        for (const p of r.problems) {
          expect(p.line).toBeGreaterThanOrEqual(1);
          expect(p.column).toBeGreaterThanOrEqual(1);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("loads every shipped template without problems", () => {
    const { templates, problems } = loadTemplates("labs/templates");
    expect(problems.map(formatProblem)).toEqual([]);
    expect([...templates.keys()].sort()).toEqual(expect.arrayContaining(["forkbomb", "gvisor-shell", "shell", "two-services"]));
    expect(templates.get("gvisor-shell")!.isolation).toBe("runsc");
  });

  it("keeps loading the other files when one is invalid or not YAML", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "mingle-tpl-"));
    writeFileSync(path.join(dir, "demo.yaml"), valid);
    writeFileSync(path.join(dir, "broken.yaml"), "services: [unclosed");
    writeFileSync(path.join(dir, "noshell.yaml"), "services: []\n");
    const { templates, problems } = loadTemplates(dir);
    expect([...templates.keys()]).toEqual(["demo"]);
    expect(problems.map((p) => [path.basename(p.file), p.field])).toEqual([
      ["broken.yaml", "(yaml)"],
      ["noshell.yaml", "services"],
    ]);
  });
});
