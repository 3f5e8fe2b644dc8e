import { describe, expect, it } from "vitest";
import { fromAllowedRegistry, imageProblem, parseUserTemplateName, registryOf, userTemplateName } from "./rules";

describe("user template names", () => {
  it("round-trip and fit the offer's template-name rule", () => {
    const name = userTemplateName("cmabc123def456ghi789jkl01", 12);
    expect(name).toBe("u-cmabc123def456ghi789jkl01-v12");
    expect(name).toMatch(/^[a-z0-9][a-z0-9-]{0,39}$/);
    expect(parseUserTemplateName(name)).toEqual({ templateId: "cmabc123def456ghi789jkl01", version: 12 });
    expect(parseUserTemplateName("shell")).toBeNull();
    expect(parseUserTemplateName("u-x-v0")).toBeNull();
  });
});

describe("images", () => {
  it("reads the registry the way Docker does", () => {
    expect(registryOf("mingle/busybox:1")).toBeNull();
    expect(registryOf("busybox")).toBeNull();
    expect(registryOf("localhost/x:1")).toBe("localhost");
    expect(registryOf("127.0.0.1:5000/team/x:1")).toBe("127.0.0.1:5000");
    expect(fromAllowedRegistry("127.0.0.1:5000/team/x:1", ["127.0.0.1:5000"])).toBe(true);
    expect(fromAllowedRegistry("mingle/x:1", ["127.0.0.1:5000"])).toBe(false);
  });

  it("refuses an image no host has, in a sentence naming the hosts, unless its registry is allowed", () => {
    const presence = { hosts: ["local", "lab-1"], missing: { "team/x:1": ["lab-1"] } };
    expect(imageProblem("mingle/busybox:1", presence, [])).toBeNull();
    expect(imageProblem("team/x:1", presence, [])).toBe('"team/x:1" is not on the lab hosts (missing on lab-1): images must already be there. No registry is reachable for it.');
    expect(imageProblem("team/x:1", presence, ["127.0.0.1:5000"])).toContain("or come from an allowed registry (127.0.0.1:5000)");
    expect(imageProblem("127.0.0.1:5000/x:1", { hosts: [], missing: {} }, ["127.0.0.1:5000"])).toBeNull();
    expect(imageProblem("team/x:1", { hosts: [], missing: {} }, [])).toContain("no lab host answers");
  });
});
