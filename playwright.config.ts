import { randomBytes } from "node:crypto";
import { defineConfig, devices } from "@playwright/test";

const PORT = Number(process.env.E2E_PORT ?? 3100);
const BASE_URL = `http://localhost:${PORT}`;
const DATABASE_URL = process.env.E2E_DATABASE_URL ?? "postgresql://root@127.0.0.1:5432/mingle_e2e";

export default defineConfig({
  testDir: "e2e",
  outputDir: `.data/playwright${process.env.NEXT_DIST_DIR ? `-${process.env.NEXT_DIST_DIR.replace(/\W/g, "")}` : ""}`,
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  use: {
    baseURL: BASE_URL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    },
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"], channel: undefined } }],
  webServer: {
    command: "npx tsx scripts/e2e-db.ts && npx tsx server.ts",
    url: `${BASE_URL}/api/health`,
    timeout: 120_000,
    reuseExistingServer: false,
    // SIGTERM lets the server drain its warm pool of labs instead of leaving containers behind.
    gracefulShutdown: { signal: "SIGTERM", timeout: 10_000 },
    stdout: "pipe",
    stderr: "pipe",
    env: {
      NODE_ENV: "production",
      PORT: String(PORT),
      PUBLIC_URL: BASE_URL,
      DATABASE_URL,
      // Its own Redis keys: a dev server or an integration run may share the machine's Redis.
      REDIS_PREFIX: `mingle-e2e-${PORT}:`,
      // Production refuses the development default; the browser tests only need one that is strong.
      NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET ?? randomBytes(32).toString("base64url"),
      LOG_LEVEL: "warn",
      // Walk-ups into the running slot need a minute left, not ten, so e2e/walkup-now.spec.ts rarely waits.
      BOOKING_WALKUP_MIN_MINUTES: "1",
      NEXT_TELEMETRY_DISABLED: "1",
      ...(process.env.NEXT_DIST_DIR ? { NEXT_DIST_DIR: process.env.NEXT_DIST_DIR } : {}),
      ...(process.env.DOCKER_HOST ? { DOCKER_HOST: process.env.DOCKER_HOST } : {}),
    },
  },
});
