import { describe, expect, it } from "vitest";
import { parseEnv } from "@/lib/env";
import { previewConfig, previewFrameSource } from "@/lib/preview/config";

describe("preview configuration", () => {
  it("defaults to a second port on localhost", () => {
    const c = previewConfig(parseEnv({ PORT: "3100" }));
    expect(c).toMatchObject({ origin: "http://localhost:3101", port: 3101, tokenTtlMs: 60_000, limits: { maxBodyBytes: 1_048_576, perLab: 8, total: 64, timeoutMs: 30_000 } });
    expect(previewFrameSource(parseEnv({ PORT: "3100" }))).toBe("http://localhost:3101 http://*.localhost:3101");
  });

  it("takes a host name of its own in production", () => {
    const e = parseEnv({ PREVIEW_ORIGIN: "https://previews.example/", PREVIEW_PORT: "8443" });
    expect(previewConfig(e)).toMatchObject({ origin: "https://previews.example", port: 8443 });
    expect(previewFrameSource(e)).toBe("https://previews.example https://*.previews.example");
  });

  it("refuses an IP address: every preview session needs a host name under it", () => {
    expect(() => parseEnv({ PREVIEW_ORIGIN: "http://127.0.0.1:3001" })).toThrow(/PREVIEW_ORIGIN.*not an IP address/s);
  });
});
