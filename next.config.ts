import type { NextConfig } from "next";

const config: NextConfig = {
  // Separate build directories let several test runs share one checkout (NEXT_DIST_DIR=.next-foo).
  distDir: process.env.NEXT_DIST_DIR ?? ".next",
  reactStrictMode: true,
  poweredByHeader: false,
  // Native and Node-only packages stay outside the bundle; the custom server loads them too.
  serverExternalPackages: ["dockerode", "ssh2", "cpu-features", "@node-rs/argon2", "pg", "@prisma/adapter-pg", "prom-client"],
  typescript: { ignoreBuildErrors: false },
  devIndicators: false,
};

export default config;
