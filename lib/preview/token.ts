import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { fail, ok, type Result } from "@/lib/errors";

/**
 * The short-lived signed token that lets one person into one port of one lab, once. Minted by
 * Mingle's API (open-preview.ts) for someone it has authorized, and exchanged by the preview
 * origin (preview-server.ts) for a preview session. HMAC-SHA256 with a key derived from the
 * server's session secret, so nothing new has to be configured and rotating NEXTAUTH_SECRET
 * voids every outstanding token too. Pure: the clock and the secret come in as arguments.
 */
export interface PreviewGrant {
  labId: string;
  port: number;
  userId: string;
  /** An organizer who does not take part: GET and HEAD only. */
  readOnly: boolean;
  /** Epoch ms. */
  expiresAt: number;
  /** Makes the token single-use: the preview origin remembers spent nonces until they expire. */
  nonce: string;
}

const VERSION = "v1";

export function previewKey(secret: string): Buffer {
  return createHmac("sha256", secret).update("mingle.preview.token.v1").digest();
}

function mac(key: Buffer, payload: string): Buffer {
  return createHmac("sha256", key).update(`${VERSION}.${payload}`).digest();
}

export function newNonce(): string {
  return randomBytes(12).toString("base64url");
}

export function signPreviewToken(key: Buffer, grant: PreviewGrant): string {
  const payload = Buffer.from(JSON.stringify([grant.labId, grant.port, grant.userId, grant.readOnly ? 1 : 0, grant.expiresAt, grant.nonce])).toString("base64url");
  return `${VERSION}.${payload}.${mac(key, payload).toString("base64url")}`;
}

const INVALID = "This preview link is not valid: open the preview again from the lab page.";

export function verifyPreviewToken(key: Buffer, token: string, now: number): Result<PreviewGrant, "PREVIEW_TOKEN_INVALID" | "PREVIEW_EXPIRED"> {
  const parts = token.split(".");
  if (parts.length !== 3 || parts[0] !== VERSION || !/^[\w-]{1,600}$/.test(parts[1]!) || !/^[\w-]{43}$/.test(parts[2]!)) return fail("PREVIEW_TOKEN_INVALID", INVALID);
  const given = Buffer.from(parts[2]!, "base64url");
  const expected = mac(key, parts[1]!);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return fail("PREVIEW_TOKEN_INVALID", INVALID);
  let fields: unknown;
  try {
    fields = JSON.parse(Buffer.from(parts[1]!, "base64url").toString("utf8"));
  } catch {
    return fail("PREVIEW_TOKEN_INVALID", INVALID);
  }
  if (!Array.isArray(fields) || fields.length !== 6) return fail("PREVIEW_TOKEN_INVALID", INVALID);
  const [labId, port, userId, readOnly, expiresAt, nonce] = fields as unknown[];
  if (typeof labId !== "string" || typeof port !== "number" || typeof userId !== "string" || typeof expiresAt !== "number" || typeof nonce !== "string")
    return fail("PREVIEW_TOKEN_INVALID", INVALID);
  if (expiresAt <= now) return fail("PREVIEW_EXPIRED", "This preview link has expired: open the preview again from the lab page.");
  return ok({ labId, port, userId, readOnly: readOnly === 1, expiresAt, nonce });
}
