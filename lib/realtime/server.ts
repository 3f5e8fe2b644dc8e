import type { Server as HttpServer } from "node:http";
import { Server, type Socket } from "socket.io";
import { userFromCookies } from "@/lib/auth/token";
import { logger } from "@/lib/log";
import type { ClientToServerEvents, ServerToClientEvents, SocketData } from "./events";

export type MingleServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
export type MingleSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
export type SocketHandler = (socket: MingleSocket, io: MingleServer) => void;

const globalForIo = globalThis as unknown as { mingleIo?: MingleServer; mingleSocketHandlers?: SocketHandler[] };

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
export function createRealtimeServer(http: HttpServer, opts: { origins: Set<string> }): MingleServer {
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
      const user = await userFromCookies(socket.request.headers.cookie);
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
