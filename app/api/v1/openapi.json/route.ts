import { buildOpenApi } from "@/lib/api/openapi";
import { ALL_OPERATIONS } from "@/lib/app/operations";

export function GET(): Response {
  return Response.json(buildOpenApi(ALL_OPERATIONS));
}
