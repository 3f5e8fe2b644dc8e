import { readdirSync } from "node:fs";
import { join } from "node:path";

/**
 * HTTP metrics are labelled by route pattern (`/sessions/[id]`), never by the raw URL: a label per
 * session id, or per path a scanner makes up, would grow the series without bound.
 */
const ROUTE_FILE = /^(page|route)\.(tsx|ts|jsx|js)$/;
const NEXT_ASSETS = new Set(["static", "image", "data", "webpack-hmr"]);
export const OTHER_ROUTE = "other";

/** The URL pattern of an App Router file (`sessions/[id]/page.tsx` → `/sessions/[id]`); route groups and slots take no segment. */
export function patternOf(file: string): string | null {
  const parts = file.split("/");
  if (!ROUTE_FILE.test(parts.pop() ?? "")) return null;
  if (parts.some((p) => p.startsWith("_"))) return null;
  const segments = parts.filter((p) => !(p.startsWith("(") && p.endsWith(")")) && !p.startsWith("@"));
  return `/${segments.join("/")}`;
}

type Kind = 0 | 1 | 2 | 3;
/** static < [param] < [...rest] < [[...optional]]: the more specific pattern wins, as in Next. */
function kindOf(segment: string): Kind {
  if (segment.startsWith("[[...")) return 3;
  if (segment.startsWith("[...")) return 2;
  if (segment.startsWith("[")) return 1;
  return 0;
}

function compile(pattern: string): RegExp {
  const body = pattern
    .split("/")
    .filter(Boolean)
    .map((s) => {
      const kind = kindOf(s);
      if (kind === 3) return "(?:/[^?#]*)?";
      if (kind === 2) return "/[^?#]+";
      if (kind === 1) return "/[^/?#]+";
      return `/${s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`;
    })
    .join("");
  return new RegExp(`^${body || "/"}$`);
}

function bySpecificity(a: string, b: string): number {
  const ka = a.split("/").filter(Boolean).map(kindOf);
  const kb = b.split("/").filter(Boolean).map(kindOf);
  for (let i = 0; i < Math.min(ka.length, kb.length); i++) if (ka[i] !== kb[i]) return ka[i]! - kb[i]!;
  return kb.length - ka.length;
}

/** A function from a request URL to its route label: an app pattern, a Next asset kind, or "other". */
export function routeMatcher(patterns: string[]): (url: string) => string {
  const compiled = [...new Set(patterns)].sort(bySpecificity).map((p) => ({ pattern: p, re: compile(p) }));
  return (url) => {
    let path = url.split(/[?#]/, 1)[0] ?? "/";
    if (path.length > 1 && path.endsWith("/")) path = path.slice(0, -1);
    if (path.startsWith("/_next/")) {
      const kind = path.split("/")[2] ?? "";
      return NEXT_ASSETS.has(kind) ? `/_next/${kind}` : "/_next";
    }
    return compiled.find((c) => c.re.test(path))?.pattern ?? OTHER_ROUTE;
  };
}

/** Every page and route handler pattern under the app directory (read once at start). */
export function appRoutePatterns(appDir: string): string[] {
  const walk = (dir: string, rel: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
      const path = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) return walk(join(dir, entry.name), path);
      const pattern = patternOf(path);
      return pattern ? [pattern] : [];
    });
  try {
    return walk(appDir, "");
  } catch {
    return [];
  }
}
