import { buildOpenApi } from "@/lib/api/openapi";
import { ALL_OPERATIONS } from "@/lib/api/registry";

export function GET(): Response {
  return Response.json(buildOpenApi(ALL_OPERATIONS));
}
