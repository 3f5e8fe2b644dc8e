import { afterEach, describe, expect, it, vi } from "vitest";
import { labTemplates, loadTemplates } from "@/lib/labs/templates";
import { forget } from "@/lib/singleton";

// The one template catalogue: launches and the offer form read the same map, re-read once a minute.
afterEach(() => {
  vi.useRealTimers();
  forget("labs.templates");
});

describe("labTemplates", () => {
  it("holds what the templates directory holds", () => {
    expect([...labTemplates().keys()].sort()).toEqual([...loadTemplates("labs/templates").templates.keys()].sort());
  });

  it("serves one read for a minute, then reads the directory again", () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-12-02T08:00:00Z"));
    const first = labTemplates();
    vi.setSystemTime(new Date("2026-12-02T08:00:59Z"));
    expect(labTemplates()).toBe(first);
    vi.setSystemTime(new Date("2026-12-02T08:01:00Z"));
    const reread = labTemplates();
    expect(reread).not.toBe(first);
    expect([...reread.keys()]).toEqual([...first.keys()]);
  });
});
