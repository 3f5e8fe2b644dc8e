import type { IncomingMessage, ServerResponse } from "node:http";
import { errorBody } from "@/lib/http";
import { isPreviewOrigin, parsePreviewOrigin } from "@/lib/preview/rules";

/**
 * Mingle's side of the wall: a request whose Origin is the preview origin (or a session host under
 * it) comes from a page a lab served, so Mingle answers 403 before any page, API or sign-in route
 * sees it. Browsers send Origin on every cross-origin request and on every non-GET one.
 */
export function previewOriginGuard(previewOrigin: string) {
  const origin = parsePreviewOrigin(previewOrigin);
  return (req: IncomingMessage, res: ServerResponse): boolean => {
    const header = req.headers.origin;
    if (!isPreviewOrigin(Array.isArray(header) ? header[0] : header, origin)) return false;
    const body = JSON.stringify(errorBody({ code: "PREVIEW_ORIGIN_REFUSED", message: "Pages served by a lab cannot call Mingle." }));
    res.writeHead(403, { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(body) });
    res.end(body);
    return true;
  };
}
