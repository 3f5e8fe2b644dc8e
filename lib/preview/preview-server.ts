import { createServer, type IncomingMessage, request as httpRequest, type Server, type ServerResponse } from "node:http";
import type { Socket } from "node:net";
import type { Duplex } from "node:stream";
import type { ExecPipe } from "@/lib/docker/exec-pipe";
import type { Failure } from "@/lib/errors";
import { PREVIEW_ERRORS, type PreviewErrorCode } from "@/lib/preview/errors";
import { PreviewGate } from "@/lib/preview/gate";
import { liveLab, openTunnel, type TunnelDeps } from "@/lib/preview/open-tunnel";
import { hostKind, hostOnlyCookie, labRequestHeaders, mayRequest, parsePreviewOrigin, sessionUrl } from "@/lib/preview/rules";
import { type PreviewSession, type PreviewSessionStore, PreviewSessions } from "@/lib/preview/sessions";
import { verifyPreviewToken } from "@/lib/preview/token";

/**
 * The preview origin (PREVIEW_ORIGIN, a second listener of the same process): it exchanges a
 * signed token for a preview session on a host of its own, then tunnels each request, and each
 * WebSocket, of that host into the lab (open-tunnel.ts). Nothing here trusts the page it serves:
 * Mingle's cookies and credentials never go through, bodies, time and concurrency are bounded, and
 * every refusal is a 4xx or 503 with a sentence (never a 500).
 */
export interface PreviewLimits {
  maxBodyBytes: number;
  timeoutMs: number;
  perLab: number;
  total: number;
  /** A WebSocket with no traffic either way for this long is closed. */
  wsIdleMs: number;
  /** A preview session with no request for this long ends. */
  sessionIdleMs: number;
}

export interface PreviewServerDeps extends TunnelDeps {
  key: Buffer;
  /** PREVIEW_ORIGIN. */
  origin: string;
  /** Mingle's own origin: the only page that may frame a preview. */
  publicUrl: string;
  limits: PreviewLimits;
  /** Where sessions live (Redis in the server, shared by every process); this process's memory when left out. */
  sessions?: PreviewSessionStore;
  now?: () => number;
  log?: (event: string, fields: Record<string, unknown>) => void;
}

const MAX_SESSIONS = 10_000;

/** Response headers of the lab that are this hop's business, not the browser's. */
const HOP_BY_HOP = new Set(["connection", "keep-alive", "transfer-encoding", "proxy-connection", "upgrade", "trailer", "referrer-policy"]);

type Refusal = Pick<Failure, "code" | "message">;

function statusOf(code: string): number {
  return PREVIEW_ERRORS[code as PreviewErrorCode] ?? (code === "LAB_NOT_FOUND" ? 404 : code === "LAB_NOT_READY" ? 409 : 400);
}

function refuse(res: ServerResponse, failure: Refusal, extra: Record<string, string> = {}): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const body = `${failure.message}\n`;
  res.writeHead(statusOf(failure.code), {
    "Content-Type": "text/plain; charset=utf-8",
    "Content-Length": Buffer.byteLength(body),
    "Cache-Control": "no-store",
    "X-Content-Type-Options": "nosniff",
    "X-Mingle-Error": failure.code,
    ...(statusOf(failure.code) === 503 ? { "Retry-After": "1" } : {}),
    ...extra,
  });
  res.end(body);
}

function refuseUpgrade(socket: Duplex, failure: Refusal): void {
  const status = statusOf(failure.code);
  const body = `${failure.message}\n`;
  socket.end(
    `HTTP/1.1 ${status} Refused\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nX-Mingle-Error: ${failure.code}\r\nConnection: close\r\n\r\n${body}`,
  );
}

const BUSY: PreviewErrorCode = "PREVIEW_BUSY";

export function createPreviewServer(deps: PreviewServerDeps): Server & { sessions: PreviewSessionStore; gate: PreviewGate } {
  const origin = parsePreviewOrigin(deps.origin);
  const framer = new URL(deps.publicUrl).origin;
  const now = deps.now ?? Date.now;
  const log = deps.log ?? (() => {});
  const sessions = deps.sessions ?? new PreviewSessions({ idleMs: deps.limits.sessionIdleMs, max: MAX_SESSIONS, now });
  const gate = new PreviewGate({ perLab: deps.limits.perLab, total: deps.limits.total });

  /** The session a request's host names, or why not. */
  async function sessionOf(host: string | undefined): Promise<PreviewSession | Refusal | "base"> {
    const kind = hostKind(host, origin);
    if (kind.kind === "base") return "base";
    if (kind.kind === "other") return { code: "PREVIEW_TOKEN_INVALID", message: "This is Mingle's preview origin: open a lab's preview from its page." };
    return (await sessions.touch(kind.sessionId)) ?? { code: "PREVIEW_EXPIRED", message: "This preview has ended: open it again from the lab page." };
  }

  async function enter(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://preview");
    if (url.pathname !== "/enter" || req.method !== "GET") return refuse(res, { code: "PREVIEW_TOKEN_INVALID", message: "Open a lab's preview from its page in Mingle." });
    const grant = verifyPreviewToken(deps.key, url.searchParams.get("token") ?? "", now());
    if (!grant.ok) return refuse(res, grant);
    if (!(await sessions.spend(grant.value.nonce, grant.value.expiresAt)))
      return refuse(res, { code: "PREVIEW_TOKEN_INVALID", message: "This preview link was used already: open the preview again from the lab page." });
    const lab = await liveLab(deps, grant.value.labId);
    if (!lab.ok) return refuse(res, lab);
    const { labId, port, userId, readOnly } = grant.value;
    const session = await sessions.create({ labId, port, userId, readOnly, labEndsAt: lab.value.expiresAt.getTime() });
    res.writeHead(303, { Location: sessionUrl(origin, session.id), "Cache-Control": "no-store", "Referrer-Policy": "no-referrer", "Content-Length": 0 });
    res.end();
  }

  /** The lab and a tunnel to the session's port, or a refusal (the gate's slot released). */
  async function tunnelFor(session: PreviewSession): Promise<{ tunnel: ExecPipe; release: () => void } | Refusal> {
    const slot = gate.enter(session.labId);
    if ("refused" in slot) return { code: BUSY, message: slot.refused };
    try {
      const lab = await liveLab(deps, session.labId);
      const tunnel = lab.ok ? await openTunnel(deps, lab.value, session.port) : lab;
      if (!tunnel.ok) {
        slot.release();
        return tunnel;
      }
      return { tunnel: tunnel.value, release: slot.release };
    } catch (error) {
      slot.release();
      throw error;
    }
  }

  function unreachable(session: PreviewSession, tunnel: ExecPipe): Refusal {
    const why = tunnel.stderr.trim();
    return { code: "PREVIEW_UNREACHABLE", message: `Nothing answers on port ${session.port} in the lab${why ? ` (${why})` : ""}.` };
  }

  async function proxy(req: IncomingMessage, res: ServerResponse, session: PreviewSession): Promise<void> {
    const method = req.method ?? "GET";
    if (!mayRequest(method, session.readOnly))
      return refuse(res, { code: "PREVIEW_READ_ONLY", message: "You are watching this lab read-only: the preview allows GET and HEAD only." }, { Allow: "GET, HEAD" });
    const { maxBodyBytes, timeoutMs } = deps.limits;
    const tooLarge: Refusal = { code: "PREVIEW_TOO_LARGE", message: `A preview request body may be at most ${Math.round(maxBodyBytes / 1024)} KiB.` };
    if (Number(req.headers["content-length"] ?? 0) > maxBodyBytes) return refuse(res, tooLarge, { Connection: "close" });
    const opened = await tunnelFor(session);
    if ("code" in opened) return refuse(res, opened);
    const { tunnel, release } = opened;
    const headers = labRequestHeaders(req.rawHeaders, session.port, false).flat();
    const upstream = httpRequest({ method, path: req.url ?? "/", headers, setHost: false, createConnection: () => tunnel });
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      upstream.destroy();
      tunnel.destroy();
      release();
    };
    const timer = setTimeout(() => {
      refuse(res, { code: "PREVIEW_TIMEOUT", message: `The lab did not answer within ${Math.round(timeoutMs / 1000)} s.` });
      finish();
    }, timeoutMs);
    res.on("close", finish);
    upstream.on("error", (error) => {
      if (!done) refuse(res, unreachable(session, tunnel));
      log("preview.upstream_error", { labId: session.labId, port: session.port, error: error.message, stderr: tunnel.stderr });
      finish();
    });
    upstream.on("response", (answer) => {
      const out: [string, string][] = [];
      for (let i = 0; i + 1 < answer.rawHeaders.length; i += 2) {
        const name = answer.rawHeaders[i]!;
        const lower = name.toLowerCase();
        if (HOP_BY_HOP.has(lower)) continue;
        out.push([name, lower === "set-cookie" ? hostOnlyCookie(answer.rawHeaders[i + 1]!) : answer.rawHeaders[i + 1]!]);
      }
      // Only Mingle's lab page may frame a preview; its address never leaves in a Referer.
      out.push(["Content-Security-Policy", `frame-ancestors 'self' ${framer}`], ["Referrer-Policy", "no-referrer"]);
      res.writeHead(answer.statusCode ?? 502, out.flat());
      answer.pipe(res);
      answer.on("end", () => res.once("finish", finish));
    });
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBodyBytes) {
        refuse(res, tooLarge, { Connection: "close" });
        finish();
        req.destroy();
        return;
      }
      if (!upstream.write(chunk)) req.pause();
    });
    upstream.on("drain", () => req.resume());
    req.on("end", () => upstream.end());
  }

  const server = createServer((req, res) => {
    const handled = sessionOf(req.headers.host).then((session) => (session === "base" ? enter(req, res) : "code" in session ? refuse(res, session) : proxy(req, res, session)));
    handled.catch((error: unknown) => {
      log("preview.failed", { error: (error as Error).stack ?? String(error) });
      refuse(res, { code: "PREVIEW_UNREACHABLE", message: "The preview could not reach the lab right now: try again in a moment." });
    });
  });

  server.on("upgrade", (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on("error", () => socket.destroy());
    void (async () => {
      const session = await sessionOf(req.headers.host);
      if (session === "base" || "code" in session)
        return refuseUpgrade(socket, session === "base" ? { code: "PREVIEW_TOKEN_INVALID", message: "Open the preview first." } : session);
      if (session.readOnly) return refuseUpgrade(socket, { code: "PREVIEW_READ_ONLY", message: "You are watching this lab read-only: its preview opens no WebSocket for you." });
      if ((req.headers.upgrade ?? "").toLowerCase() !== "websocket")
        return refuseUpgrade(socket, { code: "PREVIEW_TOKEN_INVALID", message: "Only WebSocket upgrades are tunnelled." });
      const opened = await tunnelFor(session);
      if ("code" in opened) return refuseUpgrade(socket, opened);
      const { tunnel, release } = opened;
      const lines = labRequestHeaders(req.rawHeaders, session.port, true).map(([k, v]) => `${k}: ${v}`);
      tunnel.write(`${req.method ?? "GET"} ${req.url ?? "/"} HTTP/1.1\r\n${lines.join("\r\n")}\r\n\r\n`);
      if (head.length) tunnel.write(head);
      const close = () => {
        tunnel.destroy();
        socket.destroy();
        release();
      };
      (socket as Socket).setTimeout(deps.limits.wsIdleMs, close);
      tunnel.on("error", close).on("close", close).on("end", close);
      socket.on("close", close);
      tunnel.pipe(socket);
      socket.pipe(tunnel);
    })().catch((error: unknown) => {
      log("preview.upgrade_failed", { error: String(error) });
      socket.destroy();
    });
  });

  return Object.assign(server, { sessions, gate });
}
