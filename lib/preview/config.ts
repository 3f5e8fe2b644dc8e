import { type Env, env } from "@/lib/env";
import type { PreviewLimits } from "@/lib/preview/preview-server";
import { previewKey } from "@/lib/preview/token";

/** The preview's settings, from the environment (lib/env.ts validates each). */
export interface PreviewConfig {
  origin: string;
  port: number;
  publicUrl: string;
  key: Buffer;
  tokenTtlMs: number;
  limits: PreviewLimits;
}

const WS_IDLE_MS = 10 * 60_000;
const SESSION_IDLE_MS = 30 * 60_000;

export function previewConfig(e: Env = env()): PreviewConfig {
  const port = e.PREVIEW_PORT ?? e.PORT + 1;
  return {
    origin: (e.PREVIEW_ORIGIN ?? `http://localhost:${port}`).replace(/\/+$/, ""),
    port,
    publicUrl: e.PUBLIC_URL,
    key: previewKey(e.NEXTAUTH_SECRET),
    tokenTtlMs: e.PREVIEW_TOKEN_TTL_SECONDS * 1000,
    limits: {
      maxBodyBytes: e.PREVIEW_MAX_BODY_BYTES,
      timeoutMs: e.PREVIEW_TIMEOUT_MS,
      perLab: e.PREVIEW_MAX_PER_LAB,
      total: e.PREVIEW_MAX_CONCURRENT,
      wsIdleMs: WS_IDLE_MS,
      sessionIdleMs: SESSION_IDLE_MS,
    },
  };
}

/** What Mingle's pages may frame: the preview origin (a token is exchanged there) and its session hosts (`http://*.localhost:3001`). */
export function previewFrameSource(e: Env = env()): string {
  const { origin, protocol, host } = new URL(previewConfig(e).origin);
  return `${origin} ${protocol}//*.${host}`;
}
