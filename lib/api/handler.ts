import { userFromCookies } from "@/lib/auth/token";
import type { UserView } from "@/lib/auth/schema";
import { errorSummary, outageFailure, outageOf } from "@/lib/dependency-outage";
import { fail, type Failure, type Result, validationFailure } from "@/lib/errors";
import { errorResponse } from "@/lib/http";
import { clientAddress } from "@/lib/client-address";
import { logger } from "@/lib/log";
import { countOperation } from "@/lib/metrics/operations";
import { limited } from "@/lib/rate-limit/policy";
import { apiRequestWait } from "@/lib/rate-limit/server-limits";
import type { BodyOf, Operation, ParamsOf, QueryOf, ResponseOf } from "./operation";

export interface HandlerContext<O extends Operation> {
  user: O["access"] extends "public" ? UserView | null : UserView;
  body: BodyOf<O>;
  query: QueryOf<O>;
  params: ParamsOf<O>;
  req: Request;
}

type RouteContext = { params: Promise<Record<string, string | string[] | undefined>> };
type Handler<O extends Operation> = (ctx: HandlerContext<O>) => Promise<Result<ResponseOf<O>> | Response>;

const MAX_BODY_BYTES = 256 * 1024;
const TOO_LARGE = `The request body is larger than ${MAX_BODY_BYTES / 1024} KiB.`;

/**
 * The body as JSON. Only application/json: a form or text/plain body is what another site's page
 * can send without a CORS preflight. The size is counted while the body streams in, so an
 * oversized one is refused at the limit instead of being read whole.
 */
async function readJson(req: Request): Promise<{ ok: true; value: unknown } | Failure> {
  const type = req.headers.get("content-type")?.split(";")[0]?.trim().toLowerCase();
  if (type && type !== "application/json") return notJson();
  if (Number(req.headers.get("content-length") ?? 0) > MAX_BODY_BYTES) return fail("PAYLOAD_TOO_LARGE", TOO_LARGE);
  const text = req.body ? await readLimited(req.body) : "";
  if (text === null) return fail("PAYLOAD_TOO_LARGE", TOO_LARGE);
  if (!text.trim()) return { ok: true, value: {} };
  if (!type) return notJson();
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return fail("INVALID_JSON", "The request body is not valid JSON.");
  }
}

function notJson(): Failure {
  return fail("UNSUPPORTED_MEDIA_TYPE", "Send the request body as JSON, with the header Content-Type: application/json.");
}

/** The body as text, or null (and the rest left unread) once it passes MAX_BODY_BYTES. */
async function readLimited(body: ReadableStream<Uint8Array>): Promise<string | null> {
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_BODY_BYTES) {
      await reader.cancel().catch(() => undefined);
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/**
 * Wraps a route handler: authenticate → rate limit → parse params, query and body with the operation's schemas
 * → call the handler → map its Result to JSON with the operation's status or the error's status.
 */
export function endpoint<O extends Operation>(op: O, handler: Handler<O>) {
  return async (req: Request, route: RouteContext): Promise<Response> => {
    // The outcome, for the operation counters (lib/metrics/operations.ts): OK, or the code refused with.
    let outcome = { code: "OK", status: 200 };
    const refuse = (failure: Pick<Failure, "code" | "message" | "fields" | "retryAfterSeconds">, headers?: HeadersInit, status?: number) => {
      const response = errorResponse(failure, headers, status);
      outcome = { code: failure.code, status: response.status };
      return response;
    };
    try {
      const cookies = req.headers.get("cookie");
      const user = op.access === "public" ? await userFromCookies(cookies).catch(() => null) : await userFromCookies(cookies);
      if (op.access !== "public" && !user) return refuse(fail("UNAUTHENTICATED", "Sign in to do this."));
      // API_RATE_LIMIT, across every process: per person when signed in, else per client address.
      const waitMs = await apiRequestWait(user ? `user:${user.id}` : `address:${clientAddress(req.headers.get("x-forwarded-for"), req.headers.get("x-real-ip"))}`);
      if (waitMs > 0) return refuse(limited("RATE_LIMITED", "Too many requests", waitMs));
      if (op.access === "organizer" && user?.role !== "ORGANIZER") {
        return refuse(fail("FORBIDDEN", "Only organizers can do this."));
      }
      const params = op.params ? op.params.safeParse(await route.params) : null;
      if (params && !params.success) return refuse(validationFailure(params.error, "address"));
      const search = Object.fromEntries(new URL(req.url).searchParams);
      const query = op.query ? op.query.safeParse(search) : null;
      if (query && !query.success) return refuse(validationFailure(query.error, "query"));
      let body: unknown;
      if (op.body) {
        const raw = await readJson(req);
        if (!raw.ok) return refuse(raw);
        const parsed = op.body.safeParse(raw.value);
        if (!parsed.success) return refuse(validationFailure(parsed.error));
        body = parsed.data;
      }
      const result = await handler({
        user: user as HandlerContext<O>["user"],
        body: body as BodyOf<O>,
        query: query?.data as QueryOf<O>,
        params: params?.data as ParamsOf<O>,
        req,
      });
      if (result instanceof Response) return result;
      if (!result.ok) return refuse(result);
      const status = op.status ?? 200;
      return status === 204 ? new Response(null, { status }) : Response.json(result.value, { status });
    } catch (error) {
      const outage = outageOf(error);
      if (outage) {
        logger.warn("api.unavailable", { op: op.id, dependency: outage, error: errorSummary(error) });
        return refuse(outageFailure(outage));
      }
      logger.error("api.unhandled", { op: op.id, error: (error as Error).stack ?? String(error) });
      return refuse(fail("INTERNAL", "Something went wrong on our side. Please try again."), undefined, 500);
    } finally {
      countOperation(op, outcome.code, outcome.status);
    }
  };
}
