import { z } from "zod";

/**
 * Every setting comes from the environment, parsed once. Defaults make a local run work with no
 * .env at all; .env.example documents each variable.
 */
const bool = z
  .enum(["true", "false", "1", "0", ""])
  .transform((v) => v === "true" || v === "1");

const serverSchema = z.object({
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
  NEXTAUTH_SECRET: z.string().min(16, "must be at least 16 characters").default("mingle-dev-secret-change-me-in-production"),
  GITHUB_ID: z.string().optional(),
  GITHUB_SECRET: z.string().optional(),
  DOCKER_HOST: z.string().optional(),
  LAB_ENGINE_DIR: z.string().default(".data/docker"),
  /** Engine id this server labels its lab containers with; reconciliation only touches its own id. */
  LAB_ENGINE_ID: z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, "must be lowercase letters, digits and dashes").default("local"),
  LAB_TEMPLATES_DIR: z.string().default("labs/templates"),
  LAB_WARM_POOL_SIZE: z.coerce.number().int().min(0).max(50).default(2),
  LAB_MAX_PER_USER: z.coerce.number().int().min(1).max(10).default(1),
  LAB_DEFAULT_TTL_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(30),
  BOOKING_HOLD_MINUTES: z.coerce.number().int().min(1).max(7 * 24 * 60).default(60),
  BOOKING_MAX_PENDING: z.coerce.number().int().min(1).max(100).default(5),
  /** A walk-up may book the running slot while at least this many minutes of it are left. */
  BOOKING_WALKUP_MIN_MINUTES: z.coerce.number().int().min(1).max(60).default(10),
  SIGNIN_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(1000).default(10),
  SIGNIN_MAX_ATTEMPTS_PER_IP: z.coerce.number().int().min(1).max(100_000).default(200),
  /** New accounts per client address per SIGNIN_WINDOW_SECONDS (a venue's Wi-Fi is one address). */
  SIGNUP_MAX_PER_IP: z.coerce.number().int().min(1).max(100_000).default(200),
  SIGNIN_WINDOW_SECONDS: z.coerce.number().int().min(1).max(86400).default(900),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error", "silent"]).default("info"),
  SECURE_COOKIES: bool.optional(),
});

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
        return `${name}: ${issue.message}${got === undefined ? " (not set)" : ` (got "${got}")`}`;
      }),
    );
  }
  return parsed.data;
}

const globalForEnv = globalThis as unknown as { mingleEnv?: Env };

/** The parsed environment; parsed on first use and shared by the custom server and Next's bundles. */
export function env(): Env {
  globalForEnv.mingleEnv ??= parseEnv(process.env);
  return globalForEnv.mingleEnv;
}

export function githubEnabled(e: Env = env()): boolean {
  return Boolean(e.GITHUB_ID && e.GITHUB_SECRET);
}
