import { describe, expect, it } from "vitest";
import { DEV_SECRET, EnvError, parseEnv } from "./env";

describe("parseEnv", () => {
  it("works with nothing set, using the local defaults", () => {
    const e = parseEnv({});
    expect(e.PORT).toBe(3000);
    expect(e.DATABASE_URL).toBe("postgresql://root@127.0.0.1:5432/mingle");
  });
  it("treats empty strings as unset", () => {
    expect(parseEnv({ PORT: "", DOCKER_HOST: "" }).PORT).toBe(3000);
  });
  it("names each bad variable, what is expected and what it got", () => {
    let error: unknown;
    try {
      parseEnv({ PORT: "eighty", DATABASE_URL: "mysql://x", NEXTAUTH_SECRET: "short" });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(EnvError);
    const message = (error as EnvError).message;
    expect(message).toMatch(/PORT: .*\(got "eighty"\)/);
    expect(message).toMatch(/DATABASE_URL: must be a postgresql:\/\/ URL \(got "mysql:\/\/x"\)/);
    expect(message).toMatch(/NEXTAUTH_SECRET: must be at least 16 characters/);
    expect(message).toMatch(/\.env\.example/);
  });

  describe("NEXTAUTH_SECRET in production", () => {
    const refusal = (source: Record<string, string>) => {
      try {
        parseEnv({ NODE_ENV: "production", ...source });
      } catch (e) {
        return (e as EnvError).message;
      }
      return null;
    };

    it("refuses the published development default, set or not, and says what to do", () => {
      for (const source of [{}, { NEXTAUTH_SECRET: DEV_SECRET }] as Record<string, string>[]) {
        const message = refusal(source);
        expect(message).toMatch(/NEXTAUTH_SECRET: is the development default published in the repository/);
        expect(message).toMatch(/openssl rand -base64 32/);
        expect(message).toMatch(/scripts\/start\.sh/);
      }
    });

    it("refuses a secret under 32 bytes without printing it", () => {
      const message = refusal({ NEXTAUTH_SECRET: "sixteen-chars-ok-but-short" });
      expect(message).toMatch(/NEXTAUTH_SECRET: is shorter than 32 bytes/);
      expect(message).not.toContain("sixteen-chars-ok-but-short");
    });

    it("accepts a 32-byte secret in production, and the default in development", () => {
      expect(refusal({ NEXTAUTH_SECRET: "x".repeat(32) })).toBeNull();
      expect(parseEnv({ NODE_ENV: "development" }).NEXTAUTH_SECRET).toBe(DEV_SECRET);
      // `next build` loads the modules in production mode, and signs nothing.
      expect(parseEnv({ NODE_ENV: "production", NEXT_PHASE: "phase-production-build" }).NEXTAUTH_SECRET).toBe(DEV_SECRET);
    });
  });
});
