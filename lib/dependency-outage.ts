import { fail, type Failure } from "@/lib/errors";

/**
 * Outages throw (they are not a Result a use case returns): the database or a Docker Engine that
 * does not answer. The edges turn them into 503 + Retry-After with a sentence, and the server keeps
 * running, so everything recovers by itself when the dependency is back.
 */
export type Dependency = "database" | "docker" | "redis";

export const RETRY_AFTER_SECONDS = 30;

const MESSAGES: Record<Dependency, string> = {
  database: "The database is unavailable — try again in a minute.",
  docker: "The lab machine (Docker Engine) is not answering — try again in a minute.",
  redis: "Mingle's shared store (Redis) is not answering — try again in a minute.",
};

// Prisma: can't reach, timed out, closed the connection, pool timeout. Driver adapter kinds and
// PostgreSQL's own codes for a server going away (57P0x admin shutdown / starting up, 08xxx).
const PRISMA_CODES = new Set(["P1001", "P1002", "P1017", "P2024"]);
const ADAPTER_KINDS = new Set(["DatabaseNotReachable", "ConnectionClosed", "SocketTimeout", "TooManyConnections"]);
const POSTGRES_CODE = /^(57P0[1-3]|08\w{3}|53300)$/;
const SOCKET_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "ENOTFOUND", "EPIPE", "EHOSTUNREACH", "ENOENT", "EACCES"]);
/** A missing or forbidden file is only an outage when it is the socket being connected to. */
const CONNECT_ONLY = new Set(["ENOENT", "EACCES"]);
const DATABASE_TEXT = /Can't reach database|Connection terminated|timeout exceeded when trying to connect|Server has closed the connection|DatabaseNotReachable|ConnectionClosed/i;

type Loose = { name?: unknown; code?: unknown; kind?: unknown; syscall?: unknown; message?: unknown; cause?: unknown; errors?: unknown; meta?: { driverAdapterError?: unknown } };

/** The error and everything it wraps (cause, Prisma's driver adapter error, AggregateError's list). */
function chain(error: unknown, seen = new Set<unknown>()): Loose[] {
  if (!error || typeof error !== "object" || seen.has(error)) return [];
  seen.add(error);
  const e = error as Loose;
  const inner = [e.cause, e.meta?.driverAdapterError, ...(Array.isArray(e.errors) ? e.errors : [])];
  return [e, ...inner.flatMap((i) => chain(i, seen))];
}

/** Which dependency an error says is down, or null for any other error (a bug stays a 500). */
export function outageOf(error: unknown): Dependency | null {
  const links = chain(error);
  // lib/redis.ts's own error, and ioredis's when a command outlived its retries.
  if (links.some((e) => e.name === "RedisUnavailableError" || e.name === "MaxRetriesPerRequestError")) return "redis";
  const fromPrisma = links.some((e) => typeof e.name === "string" && /^(PrismaClient|DriverAdapterError)/.test(e.name));
  const databaseDown = links.some(
    (e) =>
      (typeof e.code === "string" && (PRISMA_CODES.has(e.code) || (fromPrisma && POSTGRES_CODE.test(e.code)))) ||
      (typeof e.kind === "string" && ADAPTER_KINDS.has(e.kind)) ||
      (typeof e.message === "string" && DATABASE_TEXT.test(e.message)),
  );
  if (databaseDown || (fromPrisma && links.some(isSocketError))) return "database";
  // Outside Prisma, the one service a request reaches over a socket is a Docker Engine.
  if (links.some(isSocketError)) return "docker";
  return null;
}

function isSocketError(e: Loose): boolean {
  return typeof e.code === "string" && SOCKET_CODES.has(e.code) && (!CONNECT_ONLY.has(e.code) || e.syscall === "connect");
}

export function outageMessage(dependency: Dependency): string {
  return MESSAGES[dependency];
}

export function outageFailure(dependency: Dependency): Failure<"UNAVAILABLE"> {
  return fail("UNAVAILABLE", outageMessage(dependency));
}

/**
 * One line that says what failed. Prisma puts the call site first and the cause last, and a
 * refused connection to "localhost" is an AggregateError with an empty message but a code.
 */
export function errorSummary(error: unknown): string {
  for (const e of chain(error)) {
    const line = typeof e.message === "string" ? e.message.trim().split("\n").at(-1)!.trim() : "";
    if (line) return line;
    if (typeof e.code === "string") return e.code;
  }
  return String(error) || "no answer";
}
