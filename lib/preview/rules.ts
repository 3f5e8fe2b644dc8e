/**
 * The port preview's pure rules: which host is which preview, what may reach the lab, what a
 * read-only viewer may do. No Node HTTP, Docker or database here (unit-tested in rules.test.ts).
 *
 * Every preview session gets a host of its own under PREVIEW_ORIGIN's host
 * (`<session>.localhost:3001`), so each is its own origin: one lab's page cannot read another's,
 * and none shares an origin (or, with a host name of its own, a site) with Mingle.
 */

/** A preview session id: 26 lowercase base32 characters (130 bits), one DNS label. */
export const SESSION_ID = /^[a-z2-7]{26}$/;

export interface PreviewOrigin {
  protocol: string;
  /** Host name without the port. */
  hostname: string;
  /** ":3001", or "" for the scheme's default port. */
  portSuffix: string;
}

export function parsePreviewOrigin(origin: string): PreviewOrigin {
  const url = new URL(origin);
  return { protocol: url.protocol, hostname: url.hostname.toLowerCase(), portSuffix: url.port ? `:${url.port}` : "" };
}

export function sessionUrl(origin: PreviewOrigin, sessionId: string, path = "/"): string {
  return `${origin.protocol}//${sessionId}.${origin.hostname}${origin.portSuffix}${path}`;
}

/** What a Host header names: the preview origin itself (where tokens are exchanged), a session, or neither. */
export function hostKind(host: string | undefined, origin: PreviewOrigin): { kind: "base" } | { kind: "session"; sessionId: string } | { kind: "other" } {
  const h = (host ?? "").toLowerCase();
  const base = `${origin.hostname}${origin.portSuffix}`;
  if (h === base) return { kind: "base" };
  if (h.endsWith(`.${base}`)) {
    const label = h.slice(0, -base.length - 1);
    if (SESSION_ID.test(label)) return { kind: "session", sessionId: label };
  }
  return { kind: "other" };
}

/** True when an Origin header is the preview origin or one of its session hosts: Mingle refuses those requests. */
export function isPreviewOrigin(originHeader: string | undefined, origin: PreviewOrigin): boolean {
  if (!originHeader || originHeader === "null") return false;
  let url: URL;
  try {
    url = new URL(originHeader);
  } catch {
    return false;
  }
  const host = url.hostname.toLowerCase();
  const port = url.port ? `:${url.port}` : "";
  return url.protocol === origin.protocol && port === origin.portSuffix && (host === origin.hostname || host.endsWith(`.${origin.hostname}`));
}

/** Organizers who do not take part watch: they may look (GET, HEAD), never act (no other method, no WebSocket). */
export function mayRequest(method: string, readOnly: boolean): boolean {
  return !readOnly || method === "GET" || method === "HEAD";
}

/** Mingle's own cookies (next-auth's, with or without the __Secure-/__Host- prefix). */
const MINGLE_COOKIE = /^(__Secure-|__Host-)?next-auth\./i;

/** A Cookie header without Mingle's cookies; undefined when nothing is left. The lab's own cookies pass. */
export function labCookies(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const kept = header
    .split(";")
    .map((c) => c.trim())
    .filter((c) => c && !MINGLE_COOKIE.test(c.split("=")[0]!.trim()));
  return kept.length ? kept.join("; ") : undefined;
}

/** Never forwarded: hop-by-hop headers, credentials meant for Mingle or a proxy, and forwarding claims a client could forge. */
const DROPPED = new Set([
  "host",
  "connection",
  "keep-alive",
  "proxy-connection",
  "te",
  "trailer",
  "upgrade",
  "authorization",
  "proxy-authorization",
  "cookie",
  "forwarded",
  "x-forwarded-for",
  "x-forwarded-host",
  "x-forwarded-proto",
  "x-real-ip",
]);

/**
 * The request headers the lab's server gets (raw name/value pairs, names as the browser wrote
 * them): the dropped ones out, the cookie header without Mingle's cookies, Host the lab's own
 * address. A WebSocket handshake keeps its Upgrade; everything else is sent with Connection: close
 * (one tunnel per request).
 */
export function labRequestHeaders(raw: readonly string[], port: number, upgrade: boolean): [string, string][] {
  const out: [string, string][] = [["Host", `127.0.0.1:${port}`]];
  const cookies: string[] = [];
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = raw[i]!;
    const value = raw[i + 1]!;
    const lower = name.toLowerCase();
    if (lower === "cookie") cookies.push(value);
    if (DROPPED.has(lower)) continue;
    out.push([name, value]);
  }
  const kept = labCookies(cookies.join("; "));
  if (kept) out.push(["Cookie", kept]);
  if (upgrade) out.push(["Connection", "Upgrade"], ["Upgrade", "websocket"]);
  else out.push(["Connection", "close"]);
  return out;
}

/** The Domain attribute out of a lab's Set-Cookie, so its cookies stay on its own preview host. */
export function hostOnlyCookie(setCookie: string): string {
  return setCookie
    .split(";")
    .filter((part) => !/^\s*domain\s*=/i.test(part))
    .join(";");
}
