import { z } from "zod";

/**
 * A lab template is a LinuxKit file (the field names of linuxkit's docs/yaml.md and its JSON
 * schema, every object strict: an unknown field is an error, as in `linuxkit build`), plus one
 * block of Mingle's own, `x-mingle`, for what LinuxKit has no word for. Why `x-mingle` and not
 * `mingle`: the `x-` prefix is the usual mark of an extension field (Compose, OpenAPI), so a reader
 * sees at a glance which part is not LinuxKit; deleting that block gives a plain LinuxKit file.
 * This file only describes the format; what each isolation mode makes of it is template-schema.ts.
 */
const UNITS: Record<string, number> = { "": 1, b: 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 };

/** "64m", "1g", "512k" or a number of bytes → bytes. */
export const byteSize = z.union([z.number().int().positive(), z.string().regex(/^\d+\s*[bkmg]?$/i, 'must be a size like "64m" or "1g"')]).transform((v) => {
  if (typeof v === "number") return v;
  const m = /^(\d+)\s*([bkmg]?)$/i.exec(v)!;
  return Number(m[1]) * UNITS[m[2]!.toLowerCase()]!;
});

const DURATION_UNITS: Record<string, number> = { s: 1, m: 60, h: 3600 };

/** "30m", "2h", "90s" or a number of seconds → seconds. */
export const duration = z.union([z.number().int().positive(), z.string().regex(/^\d+\s*[smh]$/i, 'must be a duration like "30m" or "2h"')]).transform((v) => {
  if (typeof v === "number") return v;
  const m = /^(\d+)\s*([smh])$/i.exec(v)!;
  return Number(m[1]) * DURATION_UNITS[m[2]!.toLowerCase()]!;
});

const MiB = 1024 ** 2;
export const containerName = z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, "must be lowercase letters, digits and dashes (max 40)");
const strings = z.array(z.string());
const path = z.string().regex(/^\//, "must be an absolute path");
/** LinuxKit takes numbers only for ids ("Only numbers are accepted"); a numeric string is fine too. */
const numericId = z.union([z.number().int().min(0), z.string().regex(/^\d+$/, "must be a number (LinuxKit accepts only numeric ids)")]).transform(Number);
/** `host`, or a path to a namespace to join. */
const namespace = z.string().regex(/^(host|\/.+)$/, 'must be "host" or a path to a namespace');
const envEntry = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*=/, 'must be "NAME=value"');
const capability = z.string().regex(/^(all|CAP_[A-Z_]+)$/, 'must be "all" or a name like CAP_NET_ADMIN');
const rlimit = z.string().regex(/^(RLIMIT_)?[A-Za-z]+,\s*(\d+|unlimited),\s*(\d+|unlimited)$/, 'must be "RLIMIT_NOFILE,soft,hard"');

const mount = z.strictObject({ destination: path, type: z.string().optional(), source: z.string().optional(), options: strings.optional() });
const device = z.strictObject({ path, type: z.enum(["c", "b", "p", "u"]), major: z.number().int(), minor: z.number().int(), mode: z.string().optional() });
const idMapping = z.strictObject({ hostID: z.number().int(), containerID: z.number().int(), size: z.number().int() });
const resources = z.strictObject({
  memory: z
    .strictObject({ limit: z.number().int().optional(), reservation: z.number().int().optional(), swap: z.number().int().optional(), swappiness: z.number().int().optional() })
    .optional(),
  cpu: z
    .strictObject({
      shares: z.number().int().optional(),
      quota: z.number().int().optional(),
      period: z.number().int().optional(),
      cpus: z.string().optional(),
      mems: z.string().optional(),
    })
    .optional(),
  pids: z.strictObject({ limit: z.number().int() }).optional(),
  devices: z
    .array(
      z.strictObject({ allow: z.boolean(), type: z.string().optional(), major: z.number().int().optional(), minor: z.number().int().optional(), access: z.string().optional() }),
    )
    .optional(),
});

/** One onboot, onshutdown or service container: LinuxKit's "image" definition. */
export const linuxkitImage = z.strictObject({
  name: containerName,
  image: z.string().min(1),
  capabilities: z.array(capability).optional(),
  ambient: z.array(capability).optional(),
  mounts: z.array(mount).optional(),
  binds: strings.optional(),
  "binds.add": strings.optional(),
  tmpfs: strings.optional(),
  command: strings.min(1, "must have at least the program to run").optional(),
  env: z.array(envEntry).optional(),
  cwd: path.optional(),
  net: namespace.optional(),
  pid: namespace.optional(),
  ipc: namespace.optional(),
  uts: namespace.optional(),
  userns: namespace.optional(),
  readonly: z.boolean().optional(),
  maskedPaths: strings.optional(),
  readonlyPaths: strings.optional(),
  uid: numericId.optional(),
  gid: numericId.optional(),
  additionalGids: z.array(numericId).optional(),
  noNewPrivileges: z.boolean().optional(),
  hostname: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9.-]{0,62}$/, "must be a host name")
    .optional(),
  oomScoreAdj: z.number().int().min(-1000).max(1000).optional(),
  rootfsPropagation: z.enum(["private", "rprivate", "shared", "rshared", "slave", "rslave"]).optional(),
  cgroupsPath: path.optional(),
  resources: resources.optional(),
  sysctl: z.record(z.string(), z.union([z.string(), z.number()]).transform(String)).optional(),
  rlimits: z.array(rlimit).optional(),
  uidMappings: z.array(idMapping).optional(),
  gidMappings: z.array(idMapping).optional(),
  annotations: z.record(z.string(), z.string()).optional(),
  devices: z.array(device).optional(),
  runtime: z
    .strictObject({
      cgroups: strings.optional(),
      mounts: z.array(mount).optional(),
      mkdir: strings.optional(),
      interfaces: z.array(z.unknown()).optional(),
      bindNS: z.record(z.string(), z.string()).optional(),
      namespace: z.string().optional(),
      noRestart: z.boolean().optional(),
    })
    .optional(),
});
export type LinuxkitImage = z.infer<typeof linuxkitImage>;

const octalMode = z
  .union([z.number().int(), z.string().regex(/^0?[0-7]{3,4}$/, 'must be an octal mode like "0644"')])
  .transform((m) => (typeof m === "number" ? m : parseInt(m, 8)));

export const linuxkitFile = z.strictObject({
  path: z
    .string()
    .regex(/^\/?[A-Za-z0-9._-][A-Za-z0-9._/-]*$/, "must be a path like etc/motd (letters, digits, . _ - /)")
    .refine((p) => !p.split("/").includes(".."), "must not contain '..'"),
  directory: z.boolean().optional(),
  symlink: z.string().min(1).optional(),
  contents: z.string().optional(),
  source: z.string().optional(),
  metadata: z.string().optional(),
  optional: z.boolean().optional(),
  mode: octalMode.refine((m) => m >= 0 && m <= 0o7777 && (m & 0o6000) === 0, "must be 0000-0777 (no setuid/setgid)").optional(),
  uid: numericId.optional(),
  gid: numericId.optional(),
});
export type LinuxkitFile = z.infer<typeof linuxkitFile>;

export const limitsSchema = z.strictObject({
  memory: byteSize.refine((b) => b >= 8 * MiB && b <= 2048 * MiB, "must be between 8m and 2g").default(64 * MiB),
  cpus: z.number().positive().max(2, "must be at most 2").default(0.5),
  pids: z.number().int().min(8).max(4096).default(64),
  tmpfs: byteSize.refine((b) => b >= MiB && b <= 512 * MiB, "must be between 1m and 512m").default(16 * MiB),
});

/**
 * Ports the lab serves HTTP on, each with its tab's label (`8080: "Web page"`): the lab page opens
 * them through the port preview (lib/preview), which tunnels through the Engine API into the lab.
 */
export const previewPorts = z
  .record(z.string(), z.string().trim().min(1, "must name the tab").max(40, "must be at most 40 characters"))
  .superRefine((ports, ctx) => {
    for (const key of Object.keys(ports)) {
      if (!/^[1-9]\d{0,4}$/.test(key) || Number(key) > 65535) ctx.addIssue({ code: "custom", path: [key], message: `"${key}" must be a port number (1-65535)` });
    }
    if (Object.keys(ports).length > 8) ctx.addIssue({ code: "custom", message: "a lab may declare at most 8 ports" });
  })
  .transform((ports) =>
    Object.entries(ports)
      .map(([port, label]) => ({ port: Number(port), label }))
      .sort((a, b) => a.port - b.port),
  );

/**
 * The terminal recording of a session's lab (lib/recordings): `enabled: false` turns it off for
 * every session with this template; `input: true` also keeps what was typed (passwords included,
 * so it is off unless the template's author asks for it).
 */
export const recordingSchema = z.strictObject({ enabled: z.boolean().default(true), input: z.boolean().default(false) });

/** A task's check (lib/labs/run-check.ts): a shell command run in the lab as the lab user; exit 0 means done. */
export const checkSchema = z.strictObject({
  name: z.string().min(1).max(80),
  command: z.string().min(1).max(4000),
  /** Shown next to a failed check. */
  hint: z.string().max(500).default(""),
  timeout: duration.refine((s) => s <= 120, "must be at most 2m").default(10),
});

/** How participants extend a lab: by `step` at a time, up to `max` from its start. */
export const extendSchema = z.strictObject({
  step: duration.refine((s) => s >= 60 && s <= 4 * 3600, "must be between 1m and 4h").default(15 * 60),
  max: duration.refine((s) => s <= 24 * 3600, "must be at most 24h"),
});

/** Mingle's own block: what LinuxKit has no word for. */
export const mingleBlock = z.strictObject({
  title: z.string().min(1).max(80).optional(),
  description: z.string().default(""),
  /** container: a hardened pod on the engine (kernel and init ignored); vm: the LinuxKit OS booted under qemu. */
  isolation: z.enum(["container", "vm"]).default("container"),
  /** The OCI runtime of a container-mode lab's containers on the engine. */
  runtime: z.enum(["runc", "runsc"]).default("runc"),
  /** The service whose shell is the lab's terminal; the only service when left out. */
  interactive: containerName.optional(),
  limits: limitsSchema.default(limitsSchema.parse({})),
  ttl: duration.refine((s) => s >= 10 && s <= 24 * 3600, "must be between 10s and 24h").default(30 * 60),
  ports: previewPorts.optional(),
  recording: recordingSchema.default(recordingSchema.parse({})),
  checks: z.array(checkSchema).max(20, "must list at most 20 checks").default([]),
  /** Left out: steps of 15 minutes (or the ttl, if shorter) up to twice the ttl. */
  extend: extendSchema.optional(),
});
export type MingleBlock = z.infer<typeof mingleBlock>;

export const linuxkitTemplate = z.strictObject({
  kernel: z
    .strictObject({ image: z.string().min(1), cmdline: z.string().optional(), binary: z.string().optional(), tar: z.string().optional(), ucode: z.string().optional() })
    .optional(),
  init: strings.optional(),
  onboot: z.array(linuxkitImage).default([]),
  onshutdown: z.array(linuxkitImage).default([]),
  services: z.array(linuxkitImage).default([]),
  files: z.array(linuxkitFile).default([]),
  volumes: z
    .array(z.strictObject({ name: containerName, image: z.string().optional(), readonly: z.boolean().optional(), format: z.string().optional(), platform: z.string().optional() }))
    .optional(),
  trust: z.strictObject({ image: strings.optional(), org: strings.optional() }).optional(),
  "x-mingle": mingleBlock.default(mingleBlock.parse({})),
});
export type LinuxkitTemplate = z.infer<typeof linuxkitTemplate>;
