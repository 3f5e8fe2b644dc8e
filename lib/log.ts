import pino, { type DestinationStream, type Logger } from "pino";
import { env } from "@/lib/env";
import { currentRequestId } from "@/lib/request-context";
import { remember } from "@/lib/singleton";

type Fields = Record<string, unknown>;
type Level = "debug" | "info" | "warn" | "error" | "silent";

/**
 * Field names whose values never reach a log line, at the top of the fields or up to two levels
 * down (`headers.cookie`, `req.headers.authorization`). A secret inside a message string is not
 * found this way: log what happened, not what was sent.
 */
export const REDACTED_KEYS = [
  "cookie",
  "cookies",
  "set-cookie",
  "authorization",
  "token",
  "accessToken",
  "refreshToken",
  "sessionToken",
  "csrfToken",
  "secret",
  "clientSecret",
  "password",
  "key",
  "apiKey",
  "privateKey",
];

function redactPaths(keys: string[]): string[] {
  return keys.flatMap((key) => {
    const step = /^[A-Za-z_$][\w$]*$/.test(key) ? `.${key}` : `["${key}"]`;
    const top = step.startsWith(".") ? key : step;
    return [top, `*${step}`, `*.*${step}`];
  });
}

/**
 * The pino logger behind `logger`: one JSON line per event (`level` by name, `time` ISO, `pid`,
 * `requestId` of the request or socket event being served, `event`, the fields). `destination`:
 * tests read the lines; otherwise stdout, pretty-printed (pino-pretty, a devDependency) only in
 * development on a terminal, so production never needs it.
 */
export function createLogger(opts: { level: Level; destination?: DestinationStream; pretty?: boolean }): Logger {
  const options: pino.LoggerOptions = {
    level: opts.level,
    base: { pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    mixin: () => {
      const requestId = currentRequestId();
      return requestId ? { requestId } : {};
    },
    redact: { paths: redactPaths(REDACTED_KEYS), censor: "[redacted]" },
  };
  if (opts.destination) return pino(options, opts.destination);
  if (opts.pretty) return pino({ ...options, transport: { target: "pino-pretty", options: { messageKey: "event", translateTime: "SYS:HH:MM:ss.l", ignore: "pid" } } });
  return pino(options);
}

/** The process's logger (remembered: the custom server and Next's bundles share it). */
function base(): Logger {
  return remember("logger", () => {
    const e = env();
    return createLogger({ level: e.LOG_LEVEL, pretty: e.NODE_ENV === "development" && process.stdout.isTTY === true });
  });
}

/** `logger.info(event, fields)` over a pino logger; the event is the line's `event` field (the caller's own `event` field loses). */
export function eventLogger(log: () => Logger) {
  const at = (level: Exclude<Level, "silent">) => (event: string, fields?: Fields) => log()[level]({ ...fields, event });
  return { debug: at("debug"), info: at("info"), warn: at("warn"), error: at("error") };
}

/** Structured one-line JSON logs; events are dotted names such as "lab.launch". */
export const logger = eventLogger(base);
