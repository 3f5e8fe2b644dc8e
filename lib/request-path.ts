import type { ServerResponse } from "node:http";
import { errorBody } from "@/lib/http";

/**
 * A path whose percent-escapes are not UTF-8 (`%FF`, an overlong `%C0%80`, a surrogate `%ED%A0%80`)
 * cannot be decoded, and Next answers it with a bare 500. It is the client's mistake: say so.
 */
export function isDecodablePath(url: string): boolean {
  const path = url.split("?")[0] ?? "";
  try {
    decodeURIComponent(path);
    return true;
  } catch {
    return false;
  }
}

const MESSAGE = "This address is not valid: its %-escapes are not UTF-8 text.";

/** 400, as JSON for the API and as a short sentence for everything else. */
export function refuseUndecodablePath(url: string, res: ServerResponse): void {
  const api = url.startsWith("/api/");
  res.statusCode = 400;
  res.setHeader("content-type", api ? "application/json" : "text/plain; charset=utf-8");
  res.end(api ? JSON.stringify(errorBody({ code: "BAD_REQUEST", message: MESSAGE })) : MESSAGE);
}

/**
 * An API address with an empty segment (`/api/v1/labs//stop`) names no operation. Next would
 * answer it with a redirect to the address without the extra slash, query and all, in its Location
 * header: a long query then makes the answer's headers larger than clients read (found by the
 * property test). 404 with the API's error body instead; pages keep Next's redirect.
 */
export function refuseEmptyApiSegment(url: string, res: ServerResponse): boolean {
  const path = url.split("?")[0] ?? "";
  if (!path.startsWith("/api/") || !path.includes("//")) return false;
  res.statusCode = 404;
  res.setHeader("content-type", "application/json");
  res.end(JSON.stringify(errorBody({ code: "NOT_FOUND", message: "There is no such address in the API (it has an empty part, //)." })));
  return true;
}
