import { z } from "zod";

/**
 * Lab templates, LinuxKit-style: onboot containers run in order (each must exit 0), then services
 * run for the life of the lab; exactly one service is the interactive shell.
 */
const UNITS: Record<string, number> = { "": 1, b: 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 };

/** "64m", "1g", "512k" or a number of bytes → bytes. */
export const byteSize = z
  .union([z.number().int().positive(), z.string().regex(/^\d+\s*[bkmg]?$/i, 'must be a size like "64m" or "1g"')])
  .transform((v) => {
    if (typeof v === "number") return v;
    const m = /^(\d+)\s*([bkmg]?)$/i.exec(v)!;
    return Number(m[1]) * UNITS[m[2]!.toLowerCase()]!;
  });

const DURATION_UNITS: Record<string, number> = { s: 1, m: 60, h: 3600 };

/** "30m", "2h", "90s" or a number of seconds → seconds. */
export const duration = z
  .union([z.number().int().positive(), z.string().regex(/^\d+\s*[smh]$/i, 'must be a duration like "30m" or "2h"')])
  .transform((v) => {
    if (typeof v === "number") return v;
    const m = /^(\d+)\s*([smh])$/i.exec(v)!;
    return Number(m[1]) * DURATION_UNITS[m[2]!.toLowerCase()]!;
  });

const MiB = 1024 ** 2;
const name = z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, "must be lowercase letters, digits and dashes (max 40)");

const user = z
  .string()
  .regex(/^\d+(:\d+)?$/, 'must be numeric "uid" or "uid:gid"')
  .refine((u) => !u.split(":").includes("0"), "must not be root (uid/gid 0)");

const env = z
  .record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "must be a valid variable name"), z.union([z.string(), z.number()]))
  .default({})
  .transform((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, String(v)])));

export const containerSpecSchema = z.object({
  name,
  image: z.string().min(1).default("mingle/busybox:1"),
  command: z.array(z.string()).min(1, "must have at least the program to run"),
  env,
  user: user.optional(),
});

export const serviceSpecSchema = containerSpecSchema.extend({
  interactive: z.boolean().default(false),
});

export const fileSpecSchema = z.object({
  path: z
    .string()
    .regex(/^\/lab\/[A-Za-z0-9._/-]+$/, "must be an absolute path under /lab/ (the lab's shared volume)")
    .refine((p) => !p.split("/").includes(".."), "must not contain '..'"),
  contents: z.string(),
  mode: z
    .union([z.number().int(), z.string().regex(/^0?[0-7]{3,4}$/, 'must be an octal mode like "0644"')])
    .transform((m) => (typeof m === "number" ? m : parseInt(m, 8)))
    .refine((m) => m >= 0 && m <= 0o7777 && (m & 0o6000) === 0, "must be 0000-0777 (no setuid/setgid)")
    .default(0o644),
});

export const limitsSchema = z.object({
  memory: byteSize.refine((b) => b >= 8 * MiB && b <= 2048 * MiB, "must be between 8m and 2g").default(64 * MiB),
  cpus: z.number().positive().max(2, "must be at most 2").default(0.5),
  pids: z.number().int().min(8).max(4096).default(64),
  tmpfs: byteSize.refine((b) => b >= MiB && b <= 512 * MiB, "must be between 1m and 512m").default(16 * MiB),
  ttl: duration.refine((s) => s >= 10 && s <= 24 * 3600, "must be between 10s and 24h").default(30 * 60),
});

export const templateSchema = z
  .object({
    name,
    title: z.string().min(1).max(80),
    description: z.string().default(""),
    isolation: z.enum(["runc", "runsc"]).default("runc"),
    limits: limitsSchema.default(limitsSchema.parse({})),
    files: z.array(fileSpecSchema).default([]),
    onboot: z.array(containerSpecSchema).default([]),
    services: z.array(serviceSpecSchema).min(1, "must have at least one service (the shell)"),
  })
  .superRefine((t, ctx) => {
    const interactive = t.services.filter((s) => s.interactive).length;
    if (interactive !== 1) {
      ctx.addIssue({ code: "custom", path: ["services"], message: `exactly one service must have interactive: true (found ${interactive})` });
    }
    const names = [...t.onboot, ...t.services].map((c) => c.name);
    const dup = names.find((n, i) => names.indexOf(n) !== i);
    if (dup) ctx.addIssue({ code: "custom", path: ["services"], message: `container name "${dup}" is used twice` });
    const paths = t.files.map((f) => f.path);
    const dupPath = paths.find((p, i) => paths.indexOf(p) !== i);
    if (dupPath) ctx.addIssue({ code: "custom", path: ["files"], message: `file "${dupPath}" is listed twice` });
  });

export type LabTemplate = z.infer<typeof templateSchema>;
export type ContainerSpec = z.infer<typeof containerSpecSchema>;
export type ServiceSpec = z.infer<typeof serviceSpecSchema>;
export type LabLimits = z.infer<typeof limitsSchema>;
