import type { Server as HttpServer } from "node:http";
import { createAdapter } from "@socket.io/redis-streams-adapter";
import { Server, type Socket } from "socket.io";
import { userFromCookies } from "@/lib/auth/token";
import { errorSummary, outageMessage, outageOf, type Dependency } from "@/lib/dependency-outage";
import { logger } from "@/lib/log";
import { socketEventContext } from "@/lib/request-context";
import { redis, redisKey } from "@/lib/redis";
import { remember } from "@/lib/singleton";
import type { ClientToServerEvents, ServerToClientEvents, SocketData } from "./events";

export type MingleServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
export type MingleSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
export type SocketHandler = (socket: MingleSocket, io: MingleServer) => void;

const SOCKET_RETRY_MS = 5_000;
/** A socket that comes back within this long gets its rooms and the events it missed (connection-state recovery). */

/** The running server and the handlers slices registered, one set per process. */
const state = () => remember("realtime", () => ({ io: undefined as MingleServer | undefined, handlers: [] as SocketHandler[] }));

/** Origins allowed to open a socket: the public URL's and the local addresses of this server. */
export function allowedOrigins(publicUrl: string, port: number): Set<string> {
  return new Set([new URL(publicUrl).origin, `http://localhost:${port}`, `http://127.0.0.1:${port}`]);
}

/** Slices register handlers (lab terminals, notifications) before or after the server starts. */
export function onSocketConnection(handler: SocketHandler): void {
  state().handlers.push(handler);
}

/**
 * socket.io on the same HTTP server as Next. A connection needs an allowed Origin and the same
 * next-auth session cookie as the pages; each socket joins its user's room.
 *
 * Every process's server shares one Redis stream (@socket.io/redis-streams-adapter), so an emit to
 * a room or to everyone reaches sockets connected to any process, and a stream (unlike pub/sub)
 * resumes after a Redis blip without losing what was sent meanwhile. Connection-state recovery is
 * off: with it on, socket.io sends every emit to one socket through the adapter too, to keep it for
 * a reconnect, so every byte of lab terminal output (megabytes a second under `yes`) went through
 * the Redis stream and back to every process (docs/decisions/0019). Clients refetch what they show
 * when they reconnect, and terminals replay their own scroll-back.
 */
export function createRealtimeServer(http: HttpServer, opts: { origins: Set<string> }): MingleServer {
  const io: MingleServer = new Server(http, {
    path: "/socket.io",
    serveClient: false,
    maxHttpBufferSize: 1e6,
    adapter: createAdapter(redis(), {
      streamName: redisKey("socket.io"),
      channelPrefix: redisKey("socket.io"),
    }),
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
      const outage = outageOf(error);
      logger.warn("realtime.auth_failed", { dependency: outage, error: errorSummary(error) });
      next(outage ? retryLater(outage) : new Error("UNAUTHENTICATED: sign in to connect"));
    }
  });
  io.on("connection", (socket) => {
    socket.use(socketEventContext);
    void socket.join(`user:${socket.data.userId}`);
    for (const handler of state().handlers) handler(socket, io);
  });
  state().io = io;
  return io;
}

/**
 * A refusal in the handshake stops socket.io's own reconnecting, so an outage says it is one and
 * when to try again (components/realtime/socket-client.ts does), instead of "sign in".
 */
function retryLater(dependency: Dependency): Error {
  return Object.assign(new Error(`UNAVAILABLE: ${outageMessage(dependency)}`), { data: { code: "UNAVAILABLE", retryAfterMs: SOCKET_RETRY_MS } });
}

/** The running socket.io server, when this process has one (route handlers use it to notify). */
export function realtime(): MingleServer | undefined {
  return state().io;
}

/** To every socket of the user, on whichever process it is connected (through the adapter). */
export function emitToUser(userId: string, event: string, payload: unknown): void {
  (realtime()?.to(`user:${userId}`) as { emit: (e: string, p: unknown) => void } | undefined)?.emit(event, payload);
}
