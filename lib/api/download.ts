import { Readable } from "node:stream";
import type { Result } from "@/lib/errors";

/** A file download as data (calendar, CSV, vCard); the HTTP edge turns it into a Response with downloadResponse. */
export interface DownloadFile {
  body: string;
  /** ASCII only: it goes into a header. */
  filename: string;
  contentType: string;
}

/** A filename safe in a Content-Disposition header: letters, digits, dot, dash and underscore. */
export function safeFilename(name: string): string {
  return (
    name
      .normalize("NFKD")
      .replace(/[^\w.-]+/g, "-")
      .replace(/-+/g, "-")
      .replace(/^-|-$/g, "")
      .slice(0, 100) || "download"
  );
}

/** The HTTP side of a download: the file as a private, uncached attachment, or the failure. */
export async function downloadResponse<C extends string>(file: Promise<Result<DownloadFile, C>>): Promise<Result<never, C> | Response> {
  const f = await file;
  if (!f.ok) return f;
  return new Response(f.value.body, {
    status: 200,
    headers: {
      "content-type": f.value.contentType,
      "content-disposition": `attachment; filename="${safeFilename(f.value.filename)}"`,
      "cache-control": "private, no-store",
    },
  });
}

/** A download streamed as it is read (a file from a lab), for files too big to hold as one string. */
export interface StreamedDownload {
  body: Readable;
  filename: string;
  contentType: string;
  /** Sent as Content-Length when known. */
  size?: number;
}

/** The HTTP side of a streamed download: a private, uncached attachment, or the failure. */
export async function streamedDownloadResponse<C extends string>(file: Promise<Result<StreamedDownload, C>>): Promise<Result<never, C> | Response> {
  const f = await file;
  if (!f.ok) return f;
  const headers: Record<string, string> = {
    "content-type": f.value.contentType,
    "content-disposition": `attachment; filename="${safeFilename(f.value.filename)}"`,
    "cache-control": "private, no-store",
  };
  if (f.value.size !== undefined) headers["content-length"] = String(f.value.size);
  return new Response(Readable.toWeb(f.value.body) as ReadableStream<Uint8Array>, { status: 200, headers });
}
