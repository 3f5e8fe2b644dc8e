import type { IncomingHttpHeaders } from "node:http";
import { describe, expect, it } from "vitest";
import { clientAddress, pinClientAddress } from "./client-address";

describe("clientAddress", () => {
  it("takes the first forwarded entry, then X-Real-IP, then 'local'", () => {
    expect(clientAddress("203.0.113.7, 10.0.0.1")).toBe("203.0.113.7");
    expect(clientAddress(["198.51.100.2", "10.0.0.1"])).toBe("198.51.100.2");
    expect(clientAddress(undefined, "192.0.2.9")).toBe("192.0.2.9");
    expect(clientAddress("  ", "")).toBe("local");
    expect(clientAddress(undefined)).toBe("local");
  });
});

describe("pinClientAddress", () => {
  it("overwrites what the client claims with the socket's address", () => {
    const headers: IncomingHttpHeaders = { "x-forwarded-for": "1.2.3.4", "x-real-ip": "5.6.7.8", host: "mingle" };
    pinClientAddress(headers, "::ffff:127.0.0.1");
    expect(headers).toEqual({ "x-forwarded-for": "::ffff:127.0.0.1", host: "mingle" });
    expect(clientAddress(headers["x-forwarded-for"], headers["x-real-ip"])).toBe("::ffff:127.0.0.1");
  });

  it("drops the claim when the socket has no address", () => {
    const headers: IncomingHttpHeaders = { "x-forwarded-for": "1.2.3.4" };
    pinClientAddress(headers, undefined);
    expect(headers).toEqual({});
  });
});
