import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { methodLabel, templateLabel } from "@/lib/metrics/labels";
import { appRoutePatterns, patternOf, routeMatcher } from "@/lib/metrics/routes";

describe("route labels", () => {
  it("turns App Router files into URL patterns", () => {
    expect(patternOf("page.tsx")).toBe("/");
    expect(patternOf("sessions/[id]/page.tsx")).toBe("/sessions/[id]");
    expect(patternOf("api/v1/sessions/[sessionId]/respond/route.ts")).toBe("/api/v1/sessions/[sessionId]/respond");
    expect(patternOf("(marketing)/about/@modal/page.tsx")).toBe("/about");
    expect(patternOf("sessions/[id]/layout.tsx")).toBeNull();
    expect(patternOf("_components/page.tsx")).toBeNull();
  });

  const route = routeMatcher(["/", "/offers", "/offers/mine", "/offers/[id]", "/api/auth/[...nextauth]", "/docs/[[...slug]]", "/api/v1/openapi.json"]);

  it("labels a URL with its pattern, the static one first, ignoring the query and a trailing slash", () => {
    expect(route("/")).toBe("/");
    expect(route("/offers?tag=docker")).toBe("/offers");
    expect(route("/offers/mine")).toBe("/offers/mine");
    expect(route("/offers/cm1abc/")).toBe("/offers/[id]");
    expect(route("/api/auth/callback/credentials")).toBe("/api/auth/[...nextauth]");
    expect(route("/docs")).toBe("/docs/[[...slug]]");
    expect(route("/docs/a/b")).toBe("/docs/[[...slug]]");
    expect(route("/api/v1/openapi.json")).toBe("/api/v1/openapi.json");
    expect(route("/api/v1/openapiXjson")).toBe("other");
  });

  it("keeps made-up paths to a few labels", () => {
    expect(route("/wp-login.php")).toBe("other");
    expect(route("/offers/a/b/c")).toBe("other");
    expect(route("/_next/static/chunks/app.js")).toBe("/_next/static");
    expect(route("/_next/anything-else/x")).toBe("/_next");
    expect(methodLabel("get")).toBe("GET");
    expect(methodLabel("BREW")).toBe("OTHER");
  });

  it("finds this app's pages and API routes", () => {
    const patterns = appRoutePatterns(resolve(__dirname, "../../app"));
    expect(patterns).toEqual(expect.arrayContaining(["/", "/sessions/[id]", "/api/v1/sessions", "/api/v1/sessions/[sessionId]/respond", "/api/health"]));
    expect(appRoutePatterns("/no/such/dir")).toEqual([]);
  });

  it("names a person's own template by its kind, never by its id", () => {
    expect(templateLabel({ name: "shell" })).toBe("shell");
    expect(templateLabel({ name: "u-cm1xyz-v3", origin: { authorId: "cm1xyz" } })).toBe("own");
  });
});
