import { describe, expect, it } from "vitest";
import { renderMarkdown } from "./render";

describe("renderMarkdown", () => {
  it("renders emphasis and safe links", () => {
    const html = renderMarkdown("**LinuxKit** at [DockerCon](https://dockercon.example)");
    expect(html).toContain("<strong>LinuxKit</strong>");
    expect(html).toContain('href="https://dockercon.example"');
  });
  it("drops script, style and event handlers", () => {
    const html = renderMarkdown('<script>alert(1)</script><img src=x onerror="alert(1)"><style>*{}</style><b onclick="x()">hi</b>');
    expect(html).not.toMatch(/script|onerror|onclick|<style|<img/i);
  });
  it("drops javascript: links but keeps their text", () => {
    const html = renderMarkdown('[click me](javascript:alert(1)) and <a href="JaVaScRiPt:alert(1)">x</a>');
    expect(html).not.toMatch(/javascript:/i);
    expect(html).toContain("click me");
  });
});
