import { userFromCookies } from "@/lib/auth/token";
import type { UserView } from "@/lib/auth/schema";
import { fail, type Failure, type Result } from "@/lib/errors";
import { errorResponse, validationFailure } from "@/lib/http";
import { logger } from "@/lib/log";
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

async function readJson(req: Request): Promise<{ ok: true; value: unknown } | Failure> {
  const text = await req.text();
  if (text.length > MAX_BODY_BYTES) return fail("BAD_REQUEST", `The request body is larger than ${MAX_BODY_BYTES / 1024} KiB.`);
  if (!text.trim()) return { ok: true, value: {} };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return fail("INVALID_JSON", "The request body is not valid JSON.");
  }
}


/**
 * Wraps a route handler: authenticate → parse params, query and body with the operation's schemas
 * → call the handler → map its Result to JSON with the operation's status or the error's status.
 */
export function endpoint<O extends Operation>(op: O, handler: Handler<O>) {
  return async (req: Request, route: RouteContext): Promise<Response> => {
    try {
      const cookies = req.headers.get("cookie");
      const user = op.access === "public" ? await userFromCookies(cookies).catch(() => null) : await userFromCookies(cookies);
      if (op.access !== "public" && !user) return errorResponse(fail("UNAUTHENTICATED", "Sign in to do this."));
      if (op.access === "organizer" && user?.role !== "ORGANIZER") {
        return errorResponse(fail("FORBIDDEN", "Only organizers can do this."));
      }
      const params = op.params ? op.params.safeParse(await route.params) : null;
      if (params && !params.success) return errorResponse(validationFailure(params.error, "address"));
      const search = Object.fromEntries(new URL(req.url).searchParams);
      const query = op.query ? op.query.safeParse(search) : null;
      if (query && !query.success) return errorResponse(validationFailure(query.error, "query"));
      let body: unknown = undefined;
      if (op.body) {
        const raw = await readJson(req);
        if (!raw.ok) return errorResponse(raw);
        const parsed = op.body.safeParse(raw.value);
        if (!parsed.success) return errorResponse(validationFailure(parsed.error));
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
      if (!result.ok) return errorResponse(result);
      const status = op.status ?? 200;
      return status === 204 ? new Response(null, { status }) : Response.json(result.value, { status });
    } catch (error) {
      logger.error("api.unhandled", { op: op.id, error: (error as Error).stack ?? String(error) });
      return errorResponse(fail("INTERNAL", "Something went wrong on our side. Please try again."), undefined, 500);
    }
  };
}
