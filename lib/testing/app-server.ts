import { spawn, type ChildProcess } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { io as connect } from "socket.io-client";
import { serverCommand } from "@/lib/cluster/server-command";

/**
 * The real custom server (Next + socket.io) in a child process, for integration tests and
 * benchmarks that go through HTTP like a browser does. 127.0.0.1 only.
 */
/**
 * The session secret of every server this process starts: strong, as production requires, and one
 * per process so a cookie still works after a test restarts its server. sessionCookie(id, TEST_SECRET)
 * mints cookies these servers accept.
 */
export const TEST_SECRET = randomBytes(32).toString("base64url");

/** A REDIS_PREFIX under the run's own, for a server whose counters must start at zero (its limits are what a test checks). */
export function ownRedisPrefix(name: string): string {
  return `${(process.env.REDIS_PREFIX ?? "mingle-test:").slice(0, -1).slice(0, 24)}-${name}:`.slice(-40);
}

export interface AppServer {
  base: string;
  /** The server process, e.g. to read its CPU time. */
  pid: number;
  output: () => string;
  /** SIGTERM, then SIGKILL after 10 s; resolves with the exit code (null when killed by a signal). */
  stop: () => Promise<number | null>;
}

/**
 * One deployment per database: servers on the same database share Redis state (the jobs lease, the
 * warm pool, scroll-back), as the processes of one Mingle do; a server on a database of its own gets
 * keys of its own. Sharing the run's prefix, a test's server could lose the jobs lease to another
 * file's server (whose event loop stalled on a compile) and its warm pool stopped filling.
 */
function deploymentRedisPrefix(databaseUrl: string): { REDIS_PREFIX?: string } {
  if (databaseUrl === process.env.DATABASE_URL) return {};
  return { REDIS_PREFIX: ownRedisPrefix(`db-${createHash("sha256").update(databaseUrl).digest("hex").slice(0, 8)}`) };
}

/** The environment of a test server (or cluster, lib/testing/cluster.ts) on `port`, answering at `base`. */
export function testServerEnv(opts: { port: number; base: string; databaseUrl: string; distDir: string; env?: Record<string, string> }): NodeJS.ProcessEnv {
  const production = process.env.MINGLE_TEST_SERVER === "production";
  return {
    ...process.env,
    NODE_ENV: production ? "production" : "development",
    NEXT_DIST_DIR: production ? (process.env.NEXT_DIST_DIR ?? ".next") : opts.distDir,
    NEXT_TELEMETRY_DISABLED: "1",
    LOG_LEVEL: "warn",
    PORT: String(opts.port),
    HOST: "127.0.0.1",
    PUBLIC_URL: opts.base,
    DATABASE_URL: opts.databaseUrl,
    NEXTAUTH_SECRET: TEST_SECRET,
    SIGNIN_MAX_ATTEMPTS: "1000",
    // Test clients fire requests far faster than people, all from 127.0.0.1, and the counts are in
    // Redis, shared by every server of the run: the limits have tests of their own.
    SIGNIN_MAX_ATTEMPTS_PER_IP: "100000",
    SIGNUP_MAX_PER_IP: "100000",
    API_RATE_LIMIT: "0",
    LAB_LAUNCH_RATE_LIMIT: "0",
    LAB_WARM_POOL: "none",
    // Test servers take ports next to each other: their previews listen in a range of their own.
    PREVIEW_PORT: String(20_000 + opts.port),
    ...deploymentRedisPrefix(opts.databaseUrl),
    ...opts.env,
  };
}

/**
 * MINGLE_TEST_SERVER=production runs the server from an existing production build (NEXT_DIST_DIR,
 * default .next) — what scripts/test.sh does after `next build`: fast start, no route compiles.
 * Otherwise it runs `next dev` in its own `distDir`, so it works without a build.
 */
export async function startAppServer(opts: {
  port: number;
  databaseUrl: string;
  /** Build directory for development mode; ignored in production mode. */
  distDir: string;
  env?: Record<string, string>;
  timeoutMs?: number;
}): Promise<AppServer> {
  const base = `http://127.0.0.1:${opts.port}`;
  // Something already answering there (a server a crashed run left behind) would pass the health
  // check below in place of ours, against another database.
  if (
    await fetch(`${base}/api/health`).then(
      () => true,
      () => false,
    )
  )
    throw new Error(`port ${opts.port} is already in use: stop what listens there first`);
  let out = "";
  // MINGLE_SERVER_CPU_PROF_DIR=dir writes the server's V8 CPU profile there when it stops (benchmarks).
  const profile = process.env.MINGLE_SERVER_CPU_PROF_DIR ? ["--cpu-prof", `--cpu-prof-dir=${process.env.MINGLE_SERVER_CPU_PROF_DIR}`] : [];
  const [command, ...args] = serverCommand(profile);
  const child: ChildProcess = spawn(command!, args, {
    env: testServerEnv({ ...opts, base }),
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout!.on("data", (d) => (out = (out + d).slice(-200_000)));
  child.stderr!.on("data", (d) => (out = (out + d).slice(-200_000)));
  const end = Date.now() + (opts.timeoutMs ?? 90_000);
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited ${child.exitCode}:\n${out}`);
    try {
      const r = await fetch(`${base}/api/health`);
      if (r.status < 500) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > end) {
      child.kill("SIGKILL");
      throw new Error(`server did not start:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    base,
    pid: child.pid!,
    output: () => out,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
      const exited = new Promise<number | null>((r) => child.once("exit", (code) => r(code)));
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
}

function cookiesOf(response: Response): string[] {
  return response.headers.getSetCookie().map((c) => c.split(";")[0]!);
}

/** Signs in through next-auth's credentials callback (with its CSRF token) and returns the cookie header. */
export async function signIn(base: string, email: string, password: string): Promise<string> {
  const csrfResponse = await fetch(`${base}/api/auth/csrf`);
  const csrfCookie = cookiesOf(csrfResponse).join("; ");
  const { csrfToken } = (await csrfResponse.json()) as { csrfToken: string };
  const response = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: csrfCookie },
    body: new URLSearchParams({ csrfToken, email, password, json: "true" }),
  });
  const session = cookiesOf(response).find((c) => c.includes("session-token"));
  if (!session) throw new Error(`sign-in failed for ${email}: ${response.status}`);
  return session;
}

/** Opens a socket like a page does and says why it was refused (null when it connected). */
export async function socketError(base: string, opts: { origin?: string; cookie?: string }): Promise<string | null> {
  const socket = connect(base, {
    transports: ["websocket"],
    reconnection: false,
    extraHeaders: { ...(opts.origin ? { origin: opts.origin } : {}), ...(opts.cookie ? { cookie: opts.cookie } : {}) },
  });
  try {
    return await new Promise<string | null>((resolve) => {
      socket.on("connect", () => resolve(null));
      socket.on("connect_error", (e) => resolve(e.message));
    });
  } finally {
    socket.close();
  }
}

export interface ApiResult<T = unknown> {
  status: number;
  body: T;
  ms: number;
}

/** A JSON call to the API as one signed-in user. */
export function apiClient(base: string, cookie: string) {
  return async function call<T = Record<string, unknown>>(method: string, path: string, body?: unknown): Promise<ApiResult<T>> {
    const started = performance.now();
    const response = await fetch(`${base}${path}`, {
      method,
      headers: { cookie, ...(body === undefined ? {} : { "content-type": "application/json" }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      // text/calendar and other non-JSON bodies stay text
    }
    return { status: response.status, body: parsed as T, ms: performance.now() - started };
  };
}
