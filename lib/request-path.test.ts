import { describe, expect, it } from "vitest";
import type { ServerResponse } from "node:http";
import { isDecodablePath, refuseEmptyApiSegment } from "./request-path";

describe("isDecodablePath", () => {
  it("accepts plain, escaped and non-ASCII UTF-8 paths, whatever the query holds", () => {
    expect(isDecodablePath("/api/v1/offers/abc")).toBe(true);
    expect(isDecodablePath("/offers/caf%C3%A9%20bar")).toBe(true);
    expect(isDecodablePath("/api/v1/offers?q=%FF")).toBe(true);
  });

  it("refuses escapes that are not UTF-8: a stray byte, an overlong form, a lone surrogate, a cut-off escape", () => {
    for (const url of ["/api/v1/offers/%FF", "/api/v1/offers/%C0%80", "/api/v1/profiles/a%ED%A0%87b", "/offers/%E2%82", "/offers/%"]) {
      expect(isDecodablePath(url), url).toBe(false);
    }
  });
});

describe("refuseEmptyApiSegment", () => {
  const response = () => {
    const r = {
      statusCode: 200,
      headers: {} as Record<string, string>,
      body: "",
      setHeader(k: string, v: string) {
        r.headers[k] = v;
      },
      end(b: string) {
        r.body = b;
      },
    };
    return r;
  };

  it("answers an API address with an empty part 404 itself, query or not; pages and good addresses pass", () => {
    const r = response();
    expect(refuseEmptyApiSegment(`/api/v1/labs//stop?x=${"%F0%9F%98%80".repeat(700)}`, r as unknown as ServerResponse)).toBe(true);
    expect([r.statusCode, JSON.parse(r.body).error.code]).toEqual([404, "NOT_FOUND"]);
    for (const url of ["/api/v1/labs/l1/stop", "/labs//x", "/api/v1/offers?q=a//b"]) expect(refuseEmptyApiSegment(url, response() as unknown as ServerResponse), url).toBe(false);
  });
});
