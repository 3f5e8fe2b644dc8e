import type { Server as HttpServer } from "node:http";
import { getToken } from "next-auth/jwt";
import { Server, type Socket } from "socket.io";
import { authDeps } from "@/lib/auth/deps";
import { logger } from "@/lib/log";
import type { ClientToServerEvents, ServerToClientEvents, SocketData } from "./events";

export type MingleServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
export type MingleSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
export type SocketHandler = (socket: MingleSocket, io: MingleServer) => void;

const globalForIo = globalThis as unknown as { mingleIo?: MingleServer; mingleSocketHandlers?: SocketHandler[] };

export function parseCookies(header: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (header ?? "").split(";")) {
    const i = part.indexOf("=");
    if (i <= 0) continue;
    const name = part.slice(0, i).trim();
    try {
      out[name] = decodeURIComponent(part.slice(i + 1).trim());
    } catch {
      out[name] = part.slice(i + 1).trim();
    }
  }
  return out;
}

/** Origins allowed to open a socket: the public URL's and the local addresses of this server. */
export function allowedOrigins(publicUrl: string, port: number): Set<string> {
  return new Set([new URL(publicUrl).origin, `http://localhost:${port}`, `http://127.0.0.1:${port}`]);
}

/** Slices register handlers (lab terminals, notifications) before or after the server starts. */
export function onSocketConnection(handler: SocketHandler): void {
  (globalForIo.mingleSocketHandlers ??= []).push(handler);
}

/**
 * socket.io on the same HTTP server as Next. A connection needs an allowed Origin and the same
 * next-auth session cookie as the pages; each socket joins its user's room.
 */
export function createRealtimeServer(http: HttpServer, opts: { secret: string; origins: Set<string>; secureCookie: boolean }): MingleServer {
  const io: MingleServer = new Server(http, {
    path: "/socket.io",
    serveClient: false,
    maxHttpBufferSize: 1e6,
    cors: { origin: [...opts.origins], credentials: true },
    allowRequest: (req, callback) => {
      const origin = req.headers.origin;
      callback(null, origin !== undefined && opts.origins.has(origin));
    },
  });
  io.use(async (socket, next) => {
    try {
      const headers = socket.request.headers;
      const token = await getToken({
        req: { headers: headers as Record<string, string>, cookies: parseCookies(headers.cookie) } as never,
        secret: opts.secret,
        secureCookie: opts.secureCookie,
      });
      const user = token?.uid ? await authDeps().users.findById(token.uid) : null;
      if (!user) return next(new Error("UNAUTHENTICATED: sign in to connect"));
      socket.data = { userId: user.id, role: user.role, name: user.name };
      next();
    } catch (error) {
      logger.warn("realtime.auth_failed", { error: (error as Error).message });
      next(new Error("UNAUTHENTICATED: sign in to connect"));
    }
  });
  io.on("connection", (socket) => {
    void socket.join(`user:${socket.data.userId}`);
    for (const handler of globalForIo.mingleSocketHandlers ?? []) handler(socket, io);
  });
  globalForIo.mingleIo = io;
  return io;
}

/** The running socket.io server, when this process has one (route handlers use it to notify). */
export function realtime(): MingleServer | undefined {
  return globalForIo.mingleIo;
}

export function emitToUser(userId: string, event: string, payload: unknown): void {
  (realtime()?.to(`user:${userId}`) as { emit: (e: string, p: unknown) => void } | undefined)?.emit(event, payload);
}
