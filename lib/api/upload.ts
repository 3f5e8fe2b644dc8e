import { Readable } from "node:stream";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import { fail, ok, type Result } from "@/lib/errors";

/**
 * A raw request body (a file upload), for the operations that take bytes rather than JSON: its
 * declared size and the bytes as a stream, never read whole. JSON bodies stay at 256 KiB
 * (handler.ts); an upload may be as large as `maxBytes`, and must say its size up front
 * (Content-Length), so a receiver can refuse it before reading it and hold it to exactly that.
 */
export interface StreamedBody {
  stream: AsyncIterable<Uint8Array>;
  length: number;
}

export function streamedBody(req: Request, maxBytes: number): Result<StreamedBody, "LENGTH_REQUIRED" | "PAYLOAD_TOO_LARGE"> {
  const declared = req.headers.get("content-length");
  const length = declared !== null && /^\d{1,15}$/.test(declared.trim()) ? Number(declared) : null;
  if (length === null) return fail("LENGTH_REQUIRED", "Send the file with its size (a Content-Length header).");
  if (length > maxBytes) return fail("PAYLOAD_TOO_LARGE", `The upload is larger than ${Math.round(maxBytes / 1024 ** 2)} MiB.`);
  const stream = req.body ? Readable.fromWeb(req.body as NodeReadableStream<Uint8Array>) : Readable.from([]);
  return ok({ stream, length });
}
