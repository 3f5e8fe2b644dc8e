import { describe, expect, it } from "vitest";
import { parseTemplate } from "@/lib/labs/templates";

// x-mingle's checks and extend: what a template says about its lab's tasks and time.
const base = (mingle: string) => `
services:
  - { name: shell, image: mingle/busybox:1, command: [sleep, inf] }
x-mingle:
  ttl: 30m
${mingle}`;

const problemsOf = (text: string) => parseTemplate("t/demo.yaml", text).problems.map((p) => `${p.line}:${p.column} ${p.field}: ${p.message}`);

describe("template checks and extend", () => {
  it("reads checks with a default hint and timeout, and extend's step and maximum", () => {
    const t = parseTemplate(
      "t/demo.yaml",
      base(`  checks:
    - { name: file, command: "test -f ~/a", hint: "make it" }
    - { name: slow, command: "sleep 1", timeout: 1m }
  extend: { step: 10m, max: 2h }`),
    ).template!;
    expect(t.checks).toEqual([
      { name: "file", command: "test -f ~/a", hint: "make it", timeout: 10 },
      { name: "slow", command: "sleep 1", hint: "", timeout: 60 },
    ]);
    expect(t.extend).toEqual({ step: 600, max: 7200 });
  });

  it("extends by 15 minutes up to twice the ttl when the template says nothing", () => {
    expect(parseTemplate("t/demo.yaml", base("")).template!.extend).toEqual({ step: 900, max: 3600 });
  });

  it("reports a check listed twice, a maximum below the ttl and a timeout too long, at their lines", () => {
    expect(
      problemsOf(
        base(`  checks:
    - { name: a, command: "true" }
    - { name: a, command: "true", timeout: 5m }
  extend: { max: 10m }`),
      ),
    ).toEqual([expect.stringMatching(/^8:\d+ x-mingle\.checks\.1\.timeout: must be at most 2m$/)]);
    expect(
      problemsOf(
        base(`  checks:
    - { name: a, command: "true" }
    - { name: a, command: "true" }
  extend: { max: 10m }`),
      ),
    ).toEqual([expect.stringMatching(/x-mingle\.checks: check "a" is listed twice$/), expect.stringMatching(/^9:\d+ x-mingle\.extend\.max: must be at least the ttl/)]);
  });
});
