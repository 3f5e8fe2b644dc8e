import { createHash, timingSafeEqual } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { appMetrics } from "@/lib/metrics/registry";
import { methodLabel } from "@/lib/metrics/labels";

export const METRICS_PATH = "/metrics";

export interface MetricsAccess {
  /** METRICS_TOKEN: scrapes of /metrics on the public port must send `Authorization: Bearer <token>`. */
  token?: string;
  /** No token set: development serves /metrics to anyone, production to no one on the public port. */
  production: boolean;
}

const digest = (s: string) => createHash("sha256").update(s).digest();

/** Why a scrape of /metrics on the public port is refused, or null when it may have them. */
export function metricsRefusal(authorization: string | undefined, access: MetricsAccess): { status: number; message: string } | null {
  if (!access.token) {
    return access.production
      ? {
          status: 403,
          message: "Metrics are not served on this port: set METRICS_TOKEN to scrape /metrics with a bearer token, or METRICS_PORT to serve them on an internal port.",
        }
      : null;
  }
  const sent = /^Bearer (.+)$/i.exec(authorization ?? "")?.[1]?.trim();
  // Compared as digests: equal lengths for timingSafeEqual, and no early exit that times the token out.
  if (sent && timingSafeEqual(digest(sent), digest(access.token))) return null;
  return { status: 401, message: "Scraping /metrics needs the header Authorization: Bearer <METRICS_TOKEN>." };
}

async function writeMetrics(res: ServerResponse): Promise<void> {
  const { registry } = appMetrics();
  try {
    const body = await registry.metrics();
    res.writeHead(200, { "Content-Type": registry.contentType, "Cache-Control": "no-store" });
    res.end(body);
  } catch (error) {
    res.writeHead(500, { "Content-Type": "text/plain; charset=utf-8" });
    res.end(`The metrics could not be collected: ${(error as Error).message}\n`);
  }
}

function refuse(res: ServerResponse, status: number, message: string): void {
  res.writeHead(status, { "Content-Type": "text/plain; charset=utf-8", ...(status === 401 ? { "WWW-Authenticate": 'Bearer realm="metrics"' } : {}) });
  res.end(`${message}\n`);
}

function scrape(req: IncomingMessage, res: ServerResponse, refusal: { status: number; message: string } | null): void {
  if (req.method !== "GET" && req.method !== "HEAD") refuse(res, 405, "Scrape /metrics with GET.");
  else if (refusal) refuse(res, refusal.status, refusal.message);
  else void writeMetrics(res);
}

/** /metrics on the public port, behind METRICS_TOKEN. */
export function serveMetrics(req: IncomingMessage, res: ServerResponse, access: MetricsAccess): void {
  scrape(req, res, metricsRefusal(req.headers.authorization, access));
}

export function isMetricsPath(url: string): boolean {
  return url === METRICS_PATH || url.startsWith(`${METRICS_PATH}?`);
}

/**
 * METRICS_PORT: /metrics with no token on an address of its own (127.0.0.1 unless METRICS_HOST
 * says otherwise), for a Prometheus that scrapes each process directly rather than through the
 * load balancer (which would reach one process of several per scrape).
 */
export function startMetricsServer(port: number, host: string, log: (event: string, fields: Record<string, unknown>) => void): Server {
  const server = createServer((req, res) => {
    if (isMetricsPath(req.url ?? "/")) scrape(req, res, null);
    else refuse(res, 404, "Only /metrics is served here.");
  });
  server.on("error", (error) => log("metrics.listen_failed", { port, host, error: String(error) }));
  server.listen(port, host, () => log("metrics.listening", { port, host }));
  return server;
}

/** Times one HTTP request into mingle_http_request_duration_seconds when its response is done. */
export function observeRequest(req: IncomingMessage, res: ServerResponse, route: (url: string) => string): void {
  const started = process.hrtime.bigint();
  res.once("close", () => {
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    appMetrics().httpDuration.observe({ method: methodLabel(req.method), route: route(req.url ?? "/"), status: String(res.statusCode) }, seconds);
  });
}
