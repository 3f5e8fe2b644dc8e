// Wiring only: Next.js and socket.io on one HTTP server, graceful shutdown.
import { createServer } from "node:http";
import next from "next";
import { pinClientAddress } from "@/lib/client-address";
import { startSlices, stopSlices } from "@/lib/app/slices";
import { drain } from "@/lib/cluster/drain";
import { startDraining } from "@/lib/cluster/drain-state";
import { db } from "@/lib/db";
import { type Env, env, EnvError } from "@/lib/env";
import { logger } from "@/lib/log";
import { appRoutePatterns, routeMatcher } from "@/lib/metrics/routes";
import { isMetricsPath, METRICS_PATH, observeRequest, serveMetrics, startMetricsServer } from "@/lib/metrics/serve";
import { allowedOrigins, createRealtimeServer } from "@/lib/realtime/server";
import { isDecodablePath, refuseEmptyApiSegment, refuseUndecodablePath } from "@/lib/request-path";
import { NO_DOCUMENT_CSP, securityHeaders, servesNoDocument } from "@/lib/security-headers";
import { createPreviewListener } from "@/lib/preview/deps";
import { previewOriginGuard } from "@/lib/preview/refuse-preview-origin";
import { requestIdFrom, runWithRequestId } from "@/lib/request-context";

let config: Env;
try {
  config = env();
} catch (error) {
  if (error instanceof EnvError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}

process.env.NEXTAUTH_URL ??= config.PUBLIC_URL;
process.env.NEXTAUTH_SECRET ??= config.NEXTAUTH_SECRET;

const dev = config.NODE_ENV !== "production";
const app = next({ dev, hostname: "localhost", port: config.PORT });
await app.prepare();
const handle = app.getRequestHandler();

const preview = createPreviewListener();
const fromPreview = previewOriginGuard(preview.origin);
const routeOf = routeMatcher([...appRoutePatterns(`${process.cwd()}/app`), METRICS_PATH]);
const metricsAccess = { token: config.METRICS_TOKEN, production: !dev };
const http = createServer((req, res) => {
  observeRequest(req, res, routeOf);
  // Every log line of this request, in Next's handlers too, carries its id (lib/request-context.ts).
  const requestId = requestIdFrom(req.headers["x-request-id"]);
  res.setHeader("X-Request-Id", requestId);
  runWithRequestId(requestId, () => {
    if (fromPreview(req, res)) return;
    if (!config.TRUST_PROXY) pinClientAddress(req.headers, req.socket.remoteAddress);
    const url = req.url ?? "/";
    if (!isDecodablePath(url)) return refuseUndecodablePath(url, res);
    if (refuseEmptyApiSegment(url, res)) return;
    if (isMetricsPath(url)) return serveMetrics(req, res, metricsAccess);
    void handle(req, res);
  });
});
// Behind HAProxy (TRUST_PROXY) its server connections are reused (lib/cluster/haproxy-config.ts):
// an idle one is closed by HAProxy, never by this process while a request is on its way.
if (config.TRUST_PROXY) {
  http.keepAliveTimeout = 75_000;
  http.headersTimeout = 76_000;
}
const metricsServer = config.METRICS_PORT ? startMetricsServer(config.METRICS_PORT, config.METRICS_HOST, (event, fields) => logger.info(event, fields)) : undefined;
const io = createRealtimeServer(http, { origins: allowedOrigins(config.PUBLIC_URL, config.PORT) });
// After socket.io took over the "request" listeners, so its own answers (polling, refusals) get them too.
const headers = Object.entries(securityHeaders(config.PUBLIC_URL));
http.prependListener("request", (req, res) => {
  for (const [name, value] of headers) res.setHeader(name, value);
  if (servesNoDocument(req.url ?? "/")) res.setHeader("Content-Security-Policy", NO_DOCUMENT_CSP);
});
await startSlices(io);

http.listen(config.PORT, config.HOST, () => {
  logger.info("server.listening", { url: config.PUBLIC_URL, port: config.PORT, dev });
});
// The port preview: lab pages on an origin of their own (lib/preview), never this one.
// A preview port already taken leaves Mingle up, without previews, and says so.
preview.server.on("error", (error) => logger.error("preview.listen_failed", { port: preview.port, error: String(error) }));
preview.server.listen(preview.port, config.HOST, () => logger.info("preview.listening", { origin: preview.origin, port: preview.port }));

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  logger.info("server.stopping", { signal });
  // Behind HAProxy the drain first waits MINGLE_DRAIN_NOTICE_MS; the rest keeps its 9 s bound.
  const force = setTimeout(() => {
    logger.error("server.shutdown_timeout", {});
    process.exit(1);
  }, config.MINGLE_DRAIN_NOTICE_MS + 9_000);
  force.unref();
  await drain({
    noticeMs: config.MINGLE_DRAIN_NOTICE_MS,
    finishMs: 5_000,
    startDraining,
    stopAccepting: () => {
      preview.server.close();
      preview.server.closeAllConnections?.();
      metricsServer?.close();
      metricsServer?.closeAllConnections?.();
      const closed = new Promise<void>((resolve) => http.close(() => resolve()));
      http.closeIdleConnections?.();
      return closed;
    },
    closeSockets: () => io.close(),
    closeRemaining: () => http.closeAllConnections?.(),
    log: (event, fields) => logger.info(event, fields),
  });
  await stopSlices().catch((error) => logger.error("server.slices_stop_failed", { error: String(error) }));
  await app.close?.().catch(() => undefined);
  await db.$disconnect().catch(() => undefined);
  logger.info("server.stopped", {});
  process.exit(0);
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
