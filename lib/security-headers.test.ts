import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, securityHeaders, servesNoDocument } from "./security-headers";

describe("securityHeaders", () => {
  it("adds HSTS only when the public URL is https", () => {
    expect(securityHeaders("https://mingle.example")["Strict-Transport-Security"]).toMatch(/^max-age=\d{7,}/);
    expect(securityHeaders("http://localhost:3000")).not.toHaveProperty("Strict-Transport-Security");
    expect(securityHeaders("http://localhost:3000")).toMatchObject({ "X-Content-Type-Options": "nosniff", "X-Frame-Options": "DENY" });
  });
});

describe("contentSecurityPolicy", () => {
  const policy = (over: Partial<Parameters<typeof contentSecurityPolicy>[0]> = {}) =>
    contentSecurityPolicy({ nonce: "abc123", host: "mingle.example", https: true, dev: false, ...over });

  it("lets only nonce-carrying scripts run, with no eval in production (WebAssembly only: the recording player)", () => {
    expect(policy()).toContain("script-src 'self' 'nonce-abc123' 'strict-dynamic' 'wasm-unsafe-eval';");
    expect(policy()).not.toContain("'unsafe-eval'");
    expect(policy({ dev: true })).toContain("'unsafe-eval'");
  });

  it("connects only to this host, over wss behind https and ws otherwise", () => {
    expect(policy()).toContain("connect-src 'self' wss://mingle.example;");
    expect(policy({ https: false, host: "localhost:3000" })).toContain("connect-src 'self' ws://localhost:3000;");
    expect(policy({ https: false })).not.toContain("upgrade-insecure-requests");
    expect(policy()).toMatch(/upgrade-insecure-requests$/);
  });

  it("forbids framing, plugins and a foreign <base>", () => {
    for (const directive of ["frame-ancestors 'none'", "object-src 'none'", "base-uri 'self'", "form-action 'self'"]) expect(policy()).toContain(directive);
  });
});

describe("servesNoDocument", () => {
  it("is the API and socket.io, not pages", () => {
    expect(servesNoDocument("/api/v1/me")).toBe(true);
    expect(servesNoDocument("/socket.io/?EIO=4")).toBe(true);
    expect(servesNoDocument("/apis-of-the-world")).toBe(false);
    expect(servesNoDocument("/labs")).toBe(false);
  });
});
