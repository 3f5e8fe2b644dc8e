/**
 * The security headers of every response. server.ts sets securityHeaders() on everything it
 * answers (pages, API, static files, socket.io, errors); proxy.ts adds the page's
 * Content-Security-Policy, whose script nonce is new for every request.
 */
export function securityHeaders(publicUrl: string): Record<string, string> {
  return {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    // Nothing in Mingle uses these; a lab's terminal is text.
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=(), display-capture=()",
    // Only over https: a browser that saw HSTS on http://localhost would refuse it afterwards.
    ...(publicUrl.startsWith("https://") ? { "Strict-Transport-Security": "max-age=15552000" } : {}),
  };
}

/**
 * The API and socket.io answer data, never a document: nothing may run or load if a browser is
 * made to open one. (proxy.ts leaves these paths alone: Next buffers every body a proxy sees,
 * which would defeat the streaming body limit.)
 */
export const NO_DOCUMENT_CSP = "default-src 'none'; frame-ancestors 'none'";

export function servesNoDocument(path: string): boolean {
  return path.startsWith("/api/") || path.startsWith("/socket.io/");
}

/**
 * What the pages use, and nothing more. Scripts: only Next's, which carry the nonce
 * ('strict-dynamic' lets them load their chunks); development adds eval for React's error
 * overlay. WebAssembly may be compiled ('wasm-unsafe-eval', not JavaScript eval): the recap page's
 * asciinema-player runs its terminal emulator as WebAssembly inlined in its script (decision 0016). Styles: Tailwind's stylesheet plus inline style attributes (React's progress bars)
 * and the <style> element xterm writes at run time, which cannot carry a nonce. Connections: the
 * API and the socket.io WebSocket on this host.
 */
export function contentSecurityPolicy(opts: { nonce: string; host: string; https: boolean; dev: boolean; frames?: string }): string {
  const ws = opts.https ? `wss://${opts.host}` : `ws://${opts.host}`;
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${opts.nonce}' 'strict-dynamic' 'wasm-unsafe-eval'${opts.dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self' ${ws}`,
    // The lab page frames the port preview, from an origin of its own (lib/preview).
    `frame-src 'self'${opts.frames ? ` ${opts.frames}` : ""}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(opts.https ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}
