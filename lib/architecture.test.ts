import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";

/**
 * Arrows point inward: the infrastructure folders never import a domain slice. Slices meet in the
 * composition root (lib/app, server.ts). Checked by folder, so renames inside a folder keep it honest.
 */
const LIB = resolve(__dirname);
const INFRASTRUCTURE = ["realtime", "api", "docker", "rate-limit"];

/** Folders under lib/ that are not domain slices, so infrastructure may import them. */
const SHARED = new Set([
  ...INFRASTRUCTURE,
  "generated",
  "testing",
  // Identity: every edge (an API call, a socket handshake) must know who is asking.
  "auth",
  // Prometheus counters: the edges count what they answer (lib/metrics imports no slice either).
  "metrics",
]);

/** The shared event map: socket payload types come from the slices that own them (issue 8). */
const MAY_IMPORT_SLICES = new Set(["realtime/events.ts"]);

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return filesUnder(path);
    return /\.(ts|tsx)$/.test(name) ? [path] : [];
  });
}

/** Every module a file imports or re-exports, statically or dynamically. */
function importsOf(source: string): string[] {
  const found = [
    ...source.matchAll(/^\s*(?:import|export)\b[^"'`;]*?\bfrom\s*["']([^"']+)["']/gm),
    ...source.matchAll(/^\s*import\s*["']([^"']+)["']/gm),
    ...source.matchAll(/\bimport\(\s*["']([^"']+)["']\s*\)/g),
  ];
  return found.map((m) => m[1]!);
}

/** The top folder under lib/ that an import lands in, or null when it is not inside lib/<folder>/. */
function libFolderOf(specifier: string, fromFile: string): string | null {
  let path: string;
  if (specifier.startsWith("@/lib/")) path = specifier.slice("@/lib/".length);
  else if (specifier.startsWith(".")) path = relative(LIB, resolve(dirname(fromFile), specifier));
  else return null;
  const parts = path.split("/");
  return parts.length > 1 && parts[0] !== ".." ? parts[0]! : null;
}

describe("import rules", () => {
  it("reads imports of every kind", () => {
    const source = `import { a } from "@/lib/booking/x";\nimport type { B } from "./b";\nexport { c } from "../labs/c";\nimport "@/lib/offers/side";\nconst d = await import("@/lib/matching/d");`;
    expect(importsOf(source)).toEqual(["@/lib/booking/x", "./b", "../labs/c", "@/lib/offers/side", "@/lib/matching/d"]);
    expect(libFolderOf("../labs/c", join(LIB, "realtime", "server.ts"))).toBe("labs");
    expect(libFolderOf("./coalesce", join(LIB, "realtime", "server.ts"))).toBe("realtime");
    expect(libFolderOf("@/lib/env", join(LIB, "api", "handler.ts"))).toBeNull();
  });

  it.each(INFRASTRUCTURE)("lib/%s imports no domain slice", (folder) => {
    const files = filesUnder(join(LIB, folder));
    expect(files.length).toBeGreaterThan(0);
    const arrows = files.flatMap((file) => {
      const name = relative(LIB, file);
      if (MAY_IMPORT_SLICES.has(name)) return [];
      return importsOf(readFileSync(file, "utf8"))
        .filter((specifier) => {
          const target = libFolderOf(specifier, file);
          return target !== null && !SHARED.has(target);
        })
        .map((specifier) => `lib/${name} imports ${specifier}`);
    });
    expect(arrows).toEqual([]);
  });
});
