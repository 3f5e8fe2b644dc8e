import { checkHealth, healthStatusCode } from "@/lib/health/service";

export const dynamic = "force-dynamic";

export async function GET(): Promise<Response> {
  const health = await checkHealth();
  return Response.json(health, { status: healthStatusCode(health), headers: { "cache-control": "no-store" } });
}
