import { z } from "zod";
import { remember } from "@/lib/singleton";

/**
 * Every setting comes from the environment, parsed once. Defaults make a local run work with no
 * .env at all; .env.example documents each variable.
 */
const bool = z.enum(["true", "false", "1", "0", ""]).transform((v) => v === "true" || v === "1");

/** Published in the repository, so it only ever signs development sessions (see productionSecret). */
export const DEV_SECRET = "mingle-dev-secret-change-me-in-production";
const MIN_PRODUCTION_SECRET_BYTES = 32;
const SECRETS = new Set(["NEXTAUTH_SECRET", "GITHUB_SECRET", "METRICS_TOKEN"]);

/** LAB_WARM_POOL: comma-separated template:count pairs, or "none". */
function parseWarmPool(value: string, ctx: z.RefinementCtx): Record<string, number> {
  const sizes: Record<string, number> = {};
  if (value.trim() === "none") return sizes;
  for (const part of value
    .split(",")
    .map((p) => p.trim())
    .filter(Boolean)) {
    const m = /^([a-z0-9][a-z0-9-]{0,39}):(\d{1,2})$/.exec(part);
    if (!m || m[1]! in sizes) {
      ctx.addIssue({ code: "custom", message: `must be template:count pairs such as "shell:2,two-services:1" (counts 0-99, each template once), or "none"; "${part}" is not` });
      return z.NEVER;
    }
    sizes[m[1]!] = Number(m[2]);
  }
  return sizes;
}

const serverSchema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    HOST: z.string().min(1).default("0.0.0.0"),
    PUBLIC_URL: z.url().default("http://localhost:3000"),
    /** A reverse proxy in front sets X-Forwarded-For; otherwise the socket's address is used. */
    TRUST_PROXY: bool.default(false),
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, "must be a postgresql:// URL")
      .default("postgresql://root@127.0.0.1:5432/mingle"),
    /** Shared ephemeral state and fan-out between Mingle's processes (lib/redis.ts); required, like the database. */
    REDIS_URL: z
      .string()
      .regex(/^rediss?:\/\//, "must be a redis:// or rediss:// URL")
      .default("redis://127.0.0.1:6379"),
    /** Every Redis key and channel Mingle uses starts with this, so several Mingles (or test runs) can share one Redis. */
    REDIS_PREFIX: z
      .string()
      .regex(/^[A-Za-z0-9_.-]{1,40}:$/, "must be up to 40 letters, digits, dots, dashes or underscores, ending with a colon")
      .default("mingle:"),
    /** Connections per process; booking's write transactions are admitted to a little under this (lib/booking/write-admission.ts). */
    DATABASE_POOL_SIZE: z.coerce.number().int().min(2).max(200).default(10),
    NEXTAUTH_SECRET: z.string().min(16, "must be at least 16 characters").default(DEV_SECRET),
    GITHUB_ID: z.string().optional(),
    GITHUB_SECRET: z.string().optional(),
    DOCKER_HOST: z.string().optional(),
    LAB_ENGINE_DIR: z.string().default(".data/docker"),
    /** Engine id this server labels its lab containers with; reconciliation only touches its own id. */
    LAB_ENGINE_ID: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]{0,39}$/, "must be lowercase letters, digits and dashes")
      .default("local"),
    LAB_TEMPLATES_DIR: z.string().default("labs/templates"),
    /**
     * People's own templates (lib/templates) may use images already on the lab hosts, or from these
     * registries (comma-separated host[:port]), which the engine pulls at launch. Empty: hosts only.
     */
    LAB_TEMPLATE_REGISTRIES: z
      .string()
      .default("")
      .transform((v) =>
        v
          .split(",")
          .map((r) => r.trim().toLowerCase())
          .filter(Boolean),
      )
      .pipe(z.array(z.string().regex(/^[a-z0-9.-]+(:\d{1,5})?$/, "must be registry host names (host or host:port), comma-separated"))),
    /** Mingle's CA for backing hosts and its client certificate (lib/hosts/pki); git-ignored, keys mode 0600. */
    HOSTS_PKI_DIR: z.string().default(".data/hosts-pki"),
    /** Warm labs kept ready, per template: "shell:2,two-services:1", or "none". */
    LAB_WARM_POOL: z.string().default("shell:2").transform(parseWarmPool),
    /** Admission control per engine (lib/labs/capacity.ts); defaults fit a 2-core, 24 GiB machine (labs idle mostly). */
    LAB_ENGINE_MAX_LABS: z.coerce.number().int().min(1).max(10_000).default(30),
    LAB_ENGINE_MAX_MEMORY_MB: z.coerce.number().int().min(64).max(4_194_304).default(12_288),
    LAB_ENGINE_MAX_CPUS: z.coerce.number().positive().max(4096).default(16),
    /** Live labs the whole server runs at most, across engines. */
    LAB_MAX_RUNNING: z.coerce.number().int().min(1).max(100_000).default(30),
    LAB_MAX_PER_USER: z.coerce.number().int().min(1).max(10).default(1),
    /** The local engine is a lab host of its own (the only one when no host is configured, as in the quick start). */
    LAB_LOCAL_HOST: bool.default(true),
    /** Backing hosts (lib/hosts/): each is pinged this often, within the timeout; this many failures in a row mark it down. */
    LAB_HOST_PING_MS: z.coerce.number().int().min(50).max(600_000).default(2_000),
    LAB_HOST_PING_TIMEOUT_MS: z.coerce.number().int().min(50).max(60_000).default(1_500),
    LAB_HOST_FAILURES_TO_DOWN: z.coerce.number().int().min(1).max(100).default(3),
    /** TLS client material (ca.pem, cert.pem, key.pem) for tcp:// hosts, until Mingle's own CA issues it. */
    LAB_HOST_CERT_DIR: z.string().optional(),
    /** Booked sessions with a lab get it reserved this many minutes before their slot ("guaranteed start"); 0 turns it off. */
    LAB_RESERVE_AHEAD_MINUTES: z.coerce.number().int().min(0).max(120).default(8),
    /** Session labs' terminal recordings (lib/recordings/): the most bytes one .cast file takes, and how many days one is kept. */
    RECORDING_MAX_BYTES: z.coerce
      .number()
      .int()
      .min(16 * 1024)
      .max(256 * 1024 * 1024)
      .default(8 * 1024 * 1024),
    RECORDING_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
    BOOKING_HOLD_MINUTES: z.coerce
      .number()
      .int()
      .min(1)
      .max(7 * 24 * 60)
      .default(60),
    BOOKING_MAX_PENDING: z.coerce.number().int().min(1).max(100).default(5),
    /** A walk-up may book the running slot while at least this many minutes of it are left. */
    BOOKING_WALKUP_MIN_MINUTES: z.coerce.number().int().min(1).max(60).default(10),
    SIGNIN_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(1000).default(10),
    SIGNIN_MAX_ATTEMPTS_PER_IP: z.coerce.number().int().min(1).max(100_000).default(200),
    /** New accounts per client address per SIGNIN_WINDOW_SECONDS (a venue's Wi-Fi is one address). */
    SIGNUP_MAX_PER_IP: z.coerce.number().int().min(1).max(100_000).default(200),
    SIGNIN_WINDOW_SECONDS: z.coerce.number().int().min(1).max(86400).default(900),
    /**
     * Requests to /api/v1 per signed-in user (or per client address when signed out) per
     * API_RATE_WINDOW_SECONDS, across every process (lib/rate-limit/); 0 turns the limit off.
     * Generous: a page that refetches on every broadcast stays far below it.
     */
    API_RATE_LIMIT: z.coerce.number().int().min(0).max(10_000_000).default(1200),
    API_RATE_WINDOW_SECONDS: z.coerce.number().int().min(1).max(86400).default(60),
    /** Standalone lab launches per user per LAB_LAUNCH_RATE_WINDOW_SECONDS (each boots containers); 0 turns it off. */
    LAB_LAUNCH_RATE_LIMIT: z.coerce.number().int().min(0).max(100_000).default(20),
    LAB_LAUNCH_RATE_WINDOW_SECONDS: z.coerce.number().int().min(1).max(86400).default(600),
    /**
     * Background work that must run once per deployment (warm pool, reconciliation, sweeps: lib/app/leader-lease.ts)
     * runs on the process holding this Redis lease; another takes over within about this long after the holder dies.
     */
    JOBS_LEASE_MS: z.coerce.number().int().min(1000).max(600_000).default(5000),
    /**
     * The port preview's origin (lib/preview): each preview session is a host under it
     * (`<session>.localhost:3001`), so it must be a host name, not an address. Default
     * http://localhost:<PREVIEW_PORT>; in production a host name of its own site (README).
     */
    PREVIEW_ORIGIN: z
      .url()
      .refine((u) => !/^\[|^\d+\.\d+\.\d+\.\d+$/.test(new URL(u).hostname), "must name a host (previews get one subdomain each), not an IP address")
      .optional(),
    /** Where the preview listens; PORT + 1 when left out. */
    PREVIEW_PORT: z.coerce.number().int().min(1).max(65535).optional(),
    PREVIEW_MAX_BODY_BYTES: z.coerce.number().int().min(1024).max(1_073_741_824).default(1_048_576),
    PREVIEW_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(30_000),
    /** Preview requests and WebSockets at once, per lab (each is an nc process in the lab) and in all. */
    PREVIEW_MAX_PER_LAB: z.coerce.number().int().min(1).max(1000).default(8),
    PREVIEW_MAX_CONCURRENT: z.coerce.number().int().min(1).max(100_000).default(64),
    PREVIEW_TOKEN_TTL_SECONDS: z.coerce.number().int().min(5).max(3600).default(60),
    /** Server processes behind HAProxy (scripts/cluster.ts, docs/decisions/0021); 1 runs the one server directly. */
    MINGLE_PROCESSES: z.coerce.number().int().min(1).max(16).default(1),
    /** First of the 127.0.0.1 ports the processes listen on behind HAProxy (two each); PORT + 10 when left out. */
    MINGLE_INTERNAL_PORT: z.coerce.number().int().min(1).max(65535).optional(),
    /** On SIGTERM, how long a process keeps serving while its health check fails, so HAProxy stops sending it requests first; the cluster supervisor sets it. */
    MINGLE_DRAIN_NOTICE_MS: z.coerce.number().int().min(0).max(60_000).default(0),
    LOG_LEVEL: z.enum(["debug", "info", "warn", "error", "silent"]).default("info"),
    /** Scrapes of /metrics on the public port send `Authorization: Bearer <token>` (lib/metrics/serve.ts); unset: open in development, refused in production. */
    METRICS_TOKEN: z.string().min(16, "must be at least 16 characters (openssl rand -hex 16)").optional(),
    /** /metrics without a token on an internal port of its own (one per process), on METRICS_HOST. */
    METRICS_PORT: z.coerce.number().int().min(1).max(65535).optional(),
    METRICS_HOST: z.string().min(1).default("127.0.0.1"),
    SECURE_COOKIES: bool.optional(),
    /** Set by Next itself; `next build` runs in production mode but signs no session. */
    NEXT_PHASE: z.string().optional(),
  })
  .superRefine(productionSecret);

/** Anyone who can read the source could mint a session cookie for any user with a known or short secret. */
function productionSecret(e: { NODE_ENV: string; NEXTAUTH_SECRET: string; NEXT_PHASE?: string }, ctx: z.RefinementCtx): void {
  if (e.NODE_ENV !== "production" || e.NEXT_PHASE === "phase-production-build") return;
  const problem =
    e.NEXTAUTH_SECRET === DEV_SECRET
      ? "is the development default published in the repository, so anyone could forge sessions"
      : Buffer.byteLength(e.NEXTAUTH_SECRET) < MIN_PRODUCTION_SECRET_BYTES
        ? `is shorter than ${MIN_PRODUCTION_SECRET_BYTES} bytes`
        : null;
  if (!problem) return;
  ctx.addIssue({
    code: "custom",
    path: ["NEXTAUTH_SECRET"],
    message: `${problem}. In production set a random secret of at least ${MIN_PRODUCTION_SECRET_BYTES} bytes (openssl rand -base64 32), or start with scripts/start.sh, which makes one in .data/nextauth-secret`,
  });
}

export type Env = z.infer<typeof serverSchema>;

export class EnvError extends Error {
  constructor(readonly issues: string[]) {
    super(`Invalid configuration:\n${issues.map((i) => `  - ${i}`).join("\n")}\nSee .env.example for every setting.`);
    this.name = "EnvError";
  }
}

export function parseEnv(source: Record<string, string | undefined>): Env {
  // An empty string means "unset", so `FOO=` in a shell falls back to the default.
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ""));
  const parsed = serverSchema.safeParse(cleaned);
  if (!parsed.success) {
    throw new EnvError(
      parsed.error.issues.map((issue) => {
        const name = issue.path.join(".");
        const got = source[name];
        const shown = got === undefined ? " (not set)" : SECRETS.has(name) ? "" : ` (got "${got}")`;
        return `${name}: ${issue.message}${shown}`;
      }),
    );
  }
  return parsed.data;
}

/** The parsed environment; parsed on first use and shared by the custom server and Next's bundles. */
export function env(): Env {
  return remember("env", () => parseEnv(process.env));
}

export function githubEnabled(e: Env = env()): boolean {
  return Boolean(e.GITHUB_ID && e.GITHUB_SECRET);
}
