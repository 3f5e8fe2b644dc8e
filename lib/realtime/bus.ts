import { randomUUID } from "node:crypto";
import type { Redis } from "ioredis";
import { logger } from "@/lib/log";
import { redis, redisConnection, redisKey } from "@/lib/redis";
import { remember } from "@/lib/singleton";

type Handler = () => void;

/**
 * "Something changed" between Mingle's processes (Redis pub/sub on redisKey("bus", topic)): the
 * shared "Available now" view, the Hosts page, the template catalogue. Messages carry no data, only
 * the sending process's id, so a process does not hear its own news twice: `publish` runs the local
 * handlers at once (a single process works, and keeps working, without Redis) and tells the others.
 * Pub/sub loses what is sent while a subscriber is disconnected; every user of the bus also has a
 * short TTL or a periodic refresh to fall back on, so a missed message only delays a refresh.
 */
const bus = () =>
  remember("realtime.bus", () => ({
    id: randomUUID(),
    handlers: new Map<string, Handler[]>(),
    subscriber: undefined as Redis | undefined,
  }));

const channel = (topic: string) => redisKey("bus", topic);

function subscriber(): Redis {
  const b = bus();
  if (b.subscriber) return b.subscriber;
  const sub = redisConnection("bus");
  sub.on("error", (error) => logger.warn("bus.redis_error", { error: String(error) }));
  sub.on("message", (ch: string, from: string) => {
    if (from === b.id) return;
    for (const [topic, handlers] of b.handlers) if (channel(topic) === ch) for (const h of handlers) run(topic, h);
  });
  b.subscriber = sub;
  return sub;
}

function run(topic: string, handler: Handler): void {
  try {
    handler();
  } catch (error) {
    logger.error("bus.handler_failed", { topic, error: String(error) });
  }
}

/** Runs `handler` whenever any process (this one included) publishes `topic`. */
export function onBus(topic: string, handler: Handler): void {
  const b = bus();
  const list = b.handlers.get(topic);
  if (list) list.push(handler);
  else {
    b.handlers.set(topic, [handler]);
    subscriber()
      .subscribe(channel(topic))
      .catch((error: unknown) => logger.warn("bus.subscribe_failed", { topic, error: String(error) }));
  }
}

/**
 * Tells every process (this one at once, the others through Redis) that `topic` changed;
 * `othersOnly` when this process has already done what the handlers would do.
 */
export function publish(topic: string, opts: { othersOnly?: boolean } = {}): void {
  const b = bus();
  if (!opts.othersOnly) for (const h of b.handlers.get(topic) ?? []) run(topic, h);
  redis()
    .publish(channel(topic), b.id)
    .catch((error: unknown) => logger.warn("bus.publish_failed", { topic, error: String(error) }));
}
