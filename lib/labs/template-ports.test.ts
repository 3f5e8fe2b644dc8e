import { describe, expect, it } from "vitest";
import { parseTemplate } from "@/lib/labs/templates";

const withPorts = (ports: string, isolation = "container") => `
services:
  - { name: shell, image: mingle/busybox:1, command: [sleep, inf] }
x-mingle:
  isolation: ${isolation}
  ports: ${ports}
`;

const problemsOf = (text: string) => parseTemplate("t/demo.yaml", text).problems.map((p) => `${p.field}: ${p.message}`);

describe("x-mingle.ports (the port preview's tabs)", () => {
  it("reads port: label pairs, lowest port first", () => {
    const r = parseTemplate("t/demo.yaml", withPorts('{ 8080: "Web page", 3000: "API" }'));
    expect(r.problems).toEqual([]);
    expect(r.template!.ports).toEqual([
      { port: 3000, label: "API" },
      { port: 8080, label: "Web page" },
    ]);
  });

  it("leaves ports out when none are declared", () => {
    expect(parseTemplate("t/demo.yaml", withPorts("{}")).template!.ports).toBeUndefined();
  });

  it.each([
    ['{ 0: "x" }', /port number/],
    ['{ 70000: "x" }', /port number/],
    ['{ web: "x" }', /port number/],
    ['{ 8080: "" }', /must name the tab/],
  ])("refuses %s", (ports, message) => {
    expect(problemsOf(withPorts(ports)).join("\n")).toMatch(message);
  });

  it("refuses ports in vm mode, saying why", () => {
    expect(problemsOf(withPorts('{ 8080: "Web" }', "vm")).join("\n")).toMatch(/ports.*not supported in vm mode/);
  });

  it("the two-services template previews its web page", async () => {
    const { loadTemplates } = await import("@/lib/labs/templates");
    expect(loadTemplates("labs/templates").templates.get("two-services")!.ports).toEqual([{ port: 8080, label: "Web page" }]);
  });
});
