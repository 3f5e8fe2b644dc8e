import { NextResponse, type NextRequest } from "next/server";
import { env } from "@/lib/env";
import { previewFrameSource } from "@/lib/preview/config";
import { contentSecurityPolicy } from "@/lib/security-headers";

/**
 * A fresh script nonce for every request. Next reads it from the request's
 * Content-Security-Policy header and puts it on its own scripts; x-nonce is there for a page that
 * adds a <Script> of its own.
 */
export function proxy(request: NextRequest): NextResponse {
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
  const config = env();
  const policy = contentSecurityPolicy({
    nonce,
    host: request.headers.get("host") ?? new URL(config.PUBLIC_URL).host,
    https: config.PUBLIC_URL.startsWith("https://"),
    dev: config.NODE_ENV !== "production",
    frames: previewFrameSource(),
  });
  const headers = new Headers(request.headers);
  headers.set("x-nonce", nonce);
  headers.set("content-security-policy", policy);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("content-security-policy", policy);
  return response;
}

export const config = {
  // Pages only: static files need no policy, prefetches are fetches, and the API and socket.io
  // get theirs from server.ts (a proxy would make Next buffer every request body).
  matcher: [
    {
      source: "/((?!api/|socket.io/|_next/static|_next/image|favicon.ico).*)",
      missing: [
        { type: "header", key: "next-router-prefetch" },
        { type: "header", key: "purpose", value: "prefetch" },
      ],
    },
  ],
};
