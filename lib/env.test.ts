import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "./env";

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
});
