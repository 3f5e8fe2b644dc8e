import { describe, expect, it } from "vitest";
import { hostKind, hostOnlyCookie, isPreviewOrigin, labCookies, labRequestHeaders, mayRequest, parsePreviewOrigin, sessionUrl } from "@/lib/preview/rules";

const origin = parsePreviewOrigin("http://localhost:3001");
const sid = "abcdefghijklmnopqrstuvwxyz";

describe("port preview rules", () => {
  it("gives every session a host of its own and tells hosts apart", () => {
    expect(sessionUrl(origin, sid, "/x?y=1")).toBe(`http://${sid}.localhost:3001/x?y=1`);
    expect(hostKind("localhost:3001", origin)).toEqual({ kind: "base" });
    expect(hostKind(`${sid}.LOCALHOST:3001`, origin)).toEqual({ kind: "session", sessionId: sid });
    expect(hostKind(`${sid}.localhost:3000`, origin)).toEqual({ kind: "other" });
    expect(hostKind(`a.${sid}.localhost:3001`, origin)).toEqual({ kind: "other" });
    expect(hostKind("short.localhost:3001", origin)).toEqual({ kind: "other" });
    expect(hostKind(undefined, origin)).toEqual({ kind: "other" });
  });

  it("recognises the preview origin and its session hosts in an Origin header", () => {
    expect(isPreviewOrigin(`http://${sid}.localhost:3001`, origin)).toBe(true);
    expect(isPreviewOrigin("http://localhost:3001", origin)).toBe(true);
    expect(isPreviewOrigin("http://localhost:3000", origin)).toBe(false);
    expect(isPreviewOrigin("https://localhost:3001", origin)).toBe(false);
    expect(isPreviewOrigin("http://evil-localhost:3001", origin)).toBe(false);
    expect(isPreviewOrigin("null", origin)).toBe(false);
    expect(isPreviewOrigin("not a url", origin)).toBe(false);
  });

  it("lets read-only viewers look, never act", () => {
    expect(mayRequest("GET", true)).toBe(true);
    expect(mayRequest("HEAD", true)).toBe(true);
    expect(mayRequest("POST", true)).toBe(false);
    expect(mayRequest("DELETE", false)).toBe(true);
  });

  it("keeps the lab's cookies and drops Mingle's", () => {
    expect(labCookies("next-auth.session-token=s; theme=dark; __Secure-next-auth.session-token=t; __Host-next-auth.csrf-token=c; next-auth.callback-url=u")).toBe("theme=dark");
    expect(labCookies("next-auth.session-token=s")).toBeUndefined();
    expect(labCookies(undefined)).toBeUndefined();
  });

  it("sends the lab no credentials, no forwarding claims and its own Host", () => {
    const raw = [
      "Host",
      `${sid}.localhost:3001`,
      "Cookie",
      "next-auth.session-token=s; a=1",
      "Authorization",
      "Bearer x",
      "X-Forwarded-For",
      "1.2.3.4",
      "Accept",
      "text/html",
      "Connection",
      "keep-alive",
    ];
    expect(labRequestHeaders(raw, 8080, false)).toEqual([
      ["Host", "127.0.0.1:8080"],
      ["Accept", "text/html"],
      ["Cookie", "a=1"],
      ["Connection", "close"],
    ]);
    const ws = labRequestHeaders(["Upgrade", "websocket", "Sec-WebSocket-Key", "k"], 8081, true);
    expect(ws).toEqual([
      ["Host", "127.0.0.1:8081"],
      ["Sec-WebSocket-Key", "k"],
      ["Connection", "Upgrade"],
      ["Upgrade", "websocket"],
    ]);
  });

  it("keeps a lab's cookies on its own preview host", () => {
    expect(hostOnlyCookie("a=1; Domain=localhost; Path=/; HttpOnly")).toBe("a=1; Path=/; HttpOnly");
  });
});
