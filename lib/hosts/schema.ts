import { z } from "zod";
import { singleLine } from "@/lib/text-input";

/** zod shapes for the hosts slice's edges (HTTP API and the `hosts:changed` socket event). */

/** unix:///path/to/docker.sock, or tcp://address:port (reached over mutual TLS). */
export const ENGINE_URL = /^(unix:\/\/\/[A-Za-z0-9._/-]{1,200}|tcp:\/\/[A-Za-z0-9.-]{1,253}:\d{1,5}|tcp:\/\/\[[0-9A-Fa-f:.]{2,45}\]:\d{1,5})$/;
const URL_HINT = "must be unix:///path/to/docker.sock or tcp://address:2376";

export const engineUrl = z
  .string()
  .regex(ENGINE_URL, URL_HINT)
  .refine((u) => !u.startsWith("tcp:") || Number(u.slice(u.lastIndexOf(":") + 1)) <= 65535, "must have a port of at most 65535");

export const hostName = z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, "must be lowercase letters, digits and dashes (at most 40)");

export const hostParams = z.object({
  hostId: z
    .string()
    .min(1)
    .max(64)
    .regex(/^[A-Za-z0-9_-]+$/, "must be a host id"),
});

export const addHostInput = z.strictObject({
  name: hostName,
  engineUrl,
  maxLabs: z.number().int().min(1).max(10_000).default(30),
  maxMemoryMb: z.number().int().min(64).max(4_194_304).default(12_288),
  maxCpus: z.number().positive().max(4096).default(16),
  /** The Mingle area it sits near (placement's tie-breaker), or none. */
  areaId: singleLine("The area").max(64).nullable().default(null),
});
export type AddHostInput = z.infer<typeof addHostInput>;

export const drainInput = z.strictObject({
  /** Also move its running labs: each is relaunched on another host (files in /home/lab are not kept). */
  move: z.boolean().default(false),
});

export const hostView = z.object({
  id: z.string(),
  name: z.string(),
  engineUrl: z.string(),
  state: z.enum(["ACTIVE", "DRAINING", "DOWN"]),
  /** The local engine of this server, used when no host is configured (it has no record). */
  implicit: z.boolean(),
  healthy: z.boolean(),
  dockerVersion: z.string().nullable(),
  runtimes: z.array(z.string()),
  areaId: z.string().nullable(),
  runningLabs: z.number().int(),
  warmLabs: z.number().int(),
  memoryMb: z.object({ used: z.number(), budget: z.number() }),
  cpus: z.object({ used: z.number(), budget: z.number() }),
  labs: z.object({ used: z.number().int(), budget: z.number().int() }),
  certNotAfter: z.string().nullable(),
  lastError: z.string().nullable(),
  lastSeenAt: z.string().nullable(),
  consecutiveFailures: z.number().int(),
  createdAt: z.string().nullable(),
});
export type HostView = z.infer<typeof hostView>;

export const hostList = z.object({ hosts: z.array(hostView) });
export type HostList = z.infer<typeof hostList>;
