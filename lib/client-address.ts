/**
 * Who is calling, for per-address limits (sign-in failures, sign-ups). The app reads the first
 * X-Forwarded-For entry. Behind no proxy that header is the client's own word, so the server
 * (server.ts) overwrites it with the socket's address unless TRUST_PROXY says a proxy in front
 * sets it; otherwise anyone could rotate a made-up header past every per-address limit.
 */
import type { IncomingHttpHeaders } from "node:http";

/** Replaces what the client sent as X-Forwarded-For / X-Real-IP with the socket's address. */
export function pinClientAddress(headers: IncomingHttpHeaders, remoteAddress: string | undefined): void {
  delete headers["x-real-ip"];
  if (remoteAddress) headers["x-forwarded-for"] = remoteAddress;
  else delete headers["x-forwarded-for"];
}

/** The first X-Forwarded-For entry, else X-Real-IP, else "local". */
export function clientAddress(forwardedFor: unknown, realIp?: unknown): string {
  const joined = Array.isArray(forwardedFor) ? forwardedFor.join(",") : forwardedFor;
  const first = typeof joined === "string" ? joined.split(",")[0]?.trim() : undefined;
  return first || (typeof realIp === "string" && realIp.trim() ? realIp.trim() : "local");
}
