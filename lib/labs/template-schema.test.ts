import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { templateSchema } from "@/lib/labs/template-schema";
import { loadTemplates, parseTemplate } from "@/lib/labs/templates";

const valid = `
name: demo
title: Demo
limits: { memory: 32m, pids: 16, tmpfs: 4m, ttl: 10m, cpus: 0.25 }
files:
  - { path: /lab/motd, contents: hi, mode: "0600" }
services:
  - { name: shell, command: [sleep, inf], interactive: true }
`;

describe("lab templates", () => {
  it("parses sizes, durations, modes and defaults", () => {
    const r = parseTemplate("labs/templates/demo.yaml", valid);
    expect(r.problems).toEqual([]);
    const t = r.template!;
    expect(t.limits).toEqual({ memory: 32 * 1024 ** 2, pids: 16, tmpfs: 4 * 1024 ** 2, ttl: 600, cpus: 0.25 });
    expect(t.files[0]!.mode).toBe(0o600);
    expect(t.isolation).toBe("runc");
    expect(t.services[0]!.image).toBe("mingle/busybox:1");
  });

  it("requires exactly one interactive service", () => {
    const r = templateSchema.safeParse({
      name: "x",
      title: "X",
      services: [
        { name: "a", command: ["sleep", "inf"] },
        { name: "b", command: ["sleep", "inf"] },
      ],
    });
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]).toMatchObject({ path: ["services"], message: expect.stringContaining("exactly one") });
  });

  it("rejects root users, files outside /lab, setuid modes and oversized limits, naming the field", () => {
    const bad = `
name: bad
title: Bad
limits: { memory: 64g }
files:
  - { path: /etc/passwd, contents: x }
  - { path: /lab/x, contents: x, mode: "4755" }
services:
  - { name: shell, command: [sh], interactive: true, user: "0:0" }
`;
    const { problems } = parseTemplate("t/bad.yaml", bad);
    const fields = problems.map((p) => p.field);
    expect(fields).toEqual(expect.arrayContaining(["limits.memory", "files.0.path", "files.1.mode", "services.0.user"]));
    expect(problems.every((p) => p.file === "t/bad.yaml")).toBe(true);
  });

  it("reports a name that does not match the file name", () => {
    expect(parseTemplate("x/other.yaml", valid).problems).toEqual([{ file: "x/other.yaml", field: "name", message: 'must match the file name ("other")' }]);
  });

  it("loads every shipped template without problems", () => {
    const { templates, problems } = loadTemplates("labs/templates");
    expect(problems).toEqual([]);
    expect([...templates.keys()].sort()).toEqual(["forkbomb", "gvisor-shell", "shell", "two-services"]);
    expect(templates.get("gvisor-shell")!.isolation).toBe("runsc");
  });

  it("keeps loading the other files when one is invalid or not YAML", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "mingle-tpl-"));
    writeFileSync(path.join(dir, "demo.yaml"), valid);
    writeFileSync(path.join(dir, "broken.yaml"), "name: [unclosed");
    writeFileSync(path.join(dir, "noshell.yaml"), "name: noshell\ntitle: T\nservices: []\n");
    const { templates, problems } = loadTemplates(dir);
    expect([...templates.keys()]).toEqual(["demo"]);
    expect(problems.map((p) => [path.basename(p.file), p.field])).toEqual([
      ["broken.yaml", "(yaml)"],
      ["noshell.yaml", "services"],
      ["noshell.yaml", "services"],
    ]);
  });
});
