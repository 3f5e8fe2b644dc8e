import { z } from "zod";
import { defineOperation } from "@/lib/api/operation";

export const healthView = z.object({
  status: z.enum(["ok", "degraded", "down", "draining"]),
  database: z.object({ ok: z.boolean(), latencyMs: z.number().optional(), error: z.string().optional() }),
  docker: z.object({
    ok: z.boolean(),
    engine: z.string(),
    version: z.string().optional(),
    runtimes: z.array(z.string()),
    reason: z.string().optional(),
  }),
});
export type HealthView = z.infer<typeof healthView>;

export const healthOperations = {
  get: defineOperation({
    id: "getHealth",
    method: "GET",
    path: "/api/health",
    summary: "Database and Docker Engine status; 503 when the database is down or the process is draining (shutting down behind the load balancer)",
    tag: "Health",
    access: "public",
    response: healthView,
  }),
};
