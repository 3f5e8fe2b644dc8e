import { AsyncLocalStorage } from "node:async_hooks";
import { randomUUID } from "node:crypto";
import { remember } from "@/lib/singleton";

/**
 * What one request (or one socket event) carries through its async work: every log line written
 * while it runs gets its `requestId` (lib/log.ts). One store per process, remembered: the custom
 * server sets it and Next's bundled route handlers read it, from separate module graphs.
 */
export interface RequestContext {
  requestId: string;
}

const store = () => remember("request-context", () => new AsyncLocalStorage<RequestContext>());

/** An id a client or a proxy sent in X-Request-Id is kept when it is short and plain (it lands in logs and headers). */
const SAFE_ID = /^[A-Za-z0-9._:-]{1,64}$/;

/** The caller's X-Request-Id when it is safe to keep, else a new one. */
export function requestIdFrom(header: string | string[] | undefined): string {
  const sent = Array.isArray(header) ? header[0] : header;
  return sent !== undefined && SAFE_ID.test(sent) ? sent : randomUUID();
}

export function runWithRequestId<T>(requestId: string, work: () => T): T {
  return store().run({ requestId }, work);
}

/** The id of the request or socket event this code runs for, if any. */
export function currentRequestId(): string | undefined {
  return store().getStore()?.requestId;
}

/**
 * socket.io middleware (`socket.use`): each incoming event runs under a request id of its own, so
 * the log lines of one keystroke or one watch share it. socket.io dispatches the event after the
 * last middleware's `next()`, inside this context.
 */
export function socketEventContext(_packet: unknown, next: (error?: Error) => void): void {
  runWithRequestId(randomUUID(), () => next());
}
