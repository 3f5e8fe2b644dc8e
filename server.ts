// Wiring only: Next.js and socket.io on one HTTP server, graceful shutdown.
import { createServer } from "node:http";
import next from "next";
import { pinClientAddress } from "@/lib/client-address";
import { db } from "@/lib/db";
import { env, EnvError } from "@/lib/env";
import { logger } from "@/lib/log";
import { allowedOrigins, createRealtimeServer } from "@/lib/realtime/server";
import { startRealtimeSlices, stopRealtimeSlices } from "@/lib/realtime/slices";

let config;
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

const http = createServer((req, res) => {
  if (!config.TRUST_PROXY) pinClientAddress(req.headers, req.socket.remoteAddress);
  void handle(req, res);
});
const io = createRealtimeServer(http, { origins: allowedOrigins(config.PUBLIC_URL, config.PORT) });
await startRealtimeSlices(io);

http.listen(config.PORT, config.HOST, () => {
  logger.info("server.listening", { url: config.PUBLIC_URL, port: config.PORT, dev });
});

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  logger.info("server.stopping", { signal });
  const force = setTimeout(() => {
    logger.error("server.shutdown_timeout", {});
    process.exit(1);
  }, 9_000);
  force.unref();
  http.close();
  http.closeIdleConnections?.();
  await new Promise<void>((resolve) => io.close(() => resolve()));
  await stopRealtimeSlices().catch((error) => logger.error("server.slices_stop_failed", { error: String(error) }));
  await app.close?.().catch(() => undefined);
  await db.$disconnect().catch(() => undefined);
  logger.info("server.stopped", {});
  process.exit(0);
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
