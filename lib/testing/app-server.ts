import { spawn, type ChildProcess } from "node:child_process";

/**
 * The real custom server (Next + socket.io) in a child process, for integration tests and
 * benchmarks that go through HTTP like a browser does. 127.0.0.1 only.
 */
export interface AppServer {
  base: string;
  /** The server process, e.g. to read its CPU time. */
  pid: number;
  output: () => string;
  /** SIGTERM, then SIGKILL after 10 s; resolves with the exit code (null when killed by a signal). */
  stop: () => Promise<number | null>;
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
  if (await fetch(`${base}/api/health`).then(() => true, () => false)) throw new Error(`port ${opts.port} is already in use: stop what listens there first`);
  let out = "";
  const production = process.env.MINGLE_TEST_SERVER === "production";
  // MINGLE_SERVER_CPU_PROF_DIR=dir writes the server's V8 CPU profile there when it stops (benchmarks).
  const profile = process.env.MINGLE_SERVER_CPU_PROF_DIR ? ["--cpu-prof", `--cpu-prof-dir=${process.env.MINGLE_SERVER_CPU_PROF_DIR}`] : [];
  const child: ChildProcess = spawn(process.execPath, [...profile, "--import", "tsx", "server.ts"], {
    env: {
      ...process.env,
      NODE_ENV: production ? "production" : "development",
      NEXT_DIST_DIR: production ? (process.env.NEXT_DIST_DIR ?? ".next") : opts.distDir,
      NEXT_TELEMETRY_DISABLED: "1",
      LOG_LEVEL: "warn",
      PORT: String(opts.port),
      HOST: "127.0.0.1",
      PUBLIC_URL: base,
      DATABASE_URL: opts.databaseUrl,
      SIGNIN_MAX_ATTEMPTS: "1000",
      LAB_WARM_POOL_SIZE: "0",
      ...opts.env,
    },
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
