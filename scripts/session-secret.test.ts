import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";

// ensure_secret from scripts/lib.sh, as scripts/start.sh runs it, in a data folder of its own.
const dataDir = mkdtempSync(join(tmpdir(), "mingle-secret-"));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

function ensureSecret(env: Record<string, string> = {}): string {
  const { NEXTAUTH_SECRET: _unset, ...rest } = process.env;
  return execFileSync("bash", ["-c", 'source scripts/lib.sh && ensure_secret >/dev/null && printf %s "$NEXTAUTH_SECRET"'], {
    env: { ...rest, MINGLE_DATA_DIR: dataDir, ...env },
    encoding: "utf8",
  });
}

describe("the start command's session secret", () => {
  it("is made once, 32 random bytes, in a file only the owner can read, and reused on the next start", () => {
    const first = ensureSecret();
    expect(Buffer.from(first, "base64url")).toHaveLength(32);
    expect(statSync(join(dataDir, "nextauth-secret")).mode & 0o777).toBe(0o600);
    expect(ensureSecret()).toBe(first);
  });

  it("leaves a NEXTAUTH_SECRET from the environment alone", () => {
    expect(ensureSecret({ NEXTAUTH_SECRET: "from-the-environment-".repeat(2) })).toBe("from-the-environment-".repeat(2));
  });
});
