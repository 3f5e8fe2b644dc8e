import { z } from "zod";
import { statusFor } from "@/lib/http";
import type { Operation } from "./operation";

type Json = Record<string, unknown>;

function schemaOf(schema: z.ZodType, io: "input" | "output"): Json {
  const { $schema: _drop, ...rest } = z.toJSONSchema(schema, { target: "draft-2020-12", io, unrepresentable: "any" }) as Json;
  return rest;
}

const errorSchema: Json = {
  type: "object",
  required: ["error"],
  properties: {
    error: {
      type: "object",
      required: ["code", "message"],
      properties: {
        code: { type: "string" },
        message: { type: "string", description: "A sentence a person understands" },
        fields: { type: "object", additionalProperties: { type: "string" } },
      },
    },
  },
};

function parameters(op: Operation): Json[] {
  const out: Json[] = [];
  for (const [where, schema] of [
    ["path", op.params],
    ["query", op.query],
  ] as const) {
    if (!schema) continue;
    const json = schemaOf(schema, "input") as { properties?: Record<string, Json>; required?: string[] };
    for (const [name, prop] of Object.entries(json.properties ?? {})) {
      out.push({ name, in: where, required: where === "path" || (json.required ?? []).includes(name), schema: prop });
    }
  }
  return out;
}

function operationObject(op: Operation): Json {
  const status = String(op.status ?? 200);
  const responses: Json = {};
  if (status === "204") responses[status] = { description: "Done" };
  else if (op.produces) responses[status] = { description: "OK", content: { [op.produces]: { schema: { type: "string" } } } };
  else responses[status] = { description: "OK", content: { "application/json": { schema: op.response ? schemaOf(op.response, "output") : {} } } };
  const codes = new Set(op.errors ?? []);
  if (op.access !== "public") codes.add("UNAUTHENTICATED");
  // Every operation goes through the API rate limit (lib/api/handler.ts, API_RATE_LIMIT).
  codes.add("RATE_LIMITED");
  if (op.access === "organizer") codes.add("FORBIDDEN");
  if (op.body || op.query || op.params) codes.add("VALIDATION_FAILED");
  const byStatus = new Map<string, string[]>();
  for (const code of codes) {
    const s = String(statusFor(code));
    byStatus.set(s, [...(byStatus.get(s) ?? []), code]);
  }
  for (const [s, list] of byStatus) {
    responses[s] = { description: list.join(", "), content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } };
  }
  const result: Json = {
    operationId: op.id,
    summary: op.summary,
    tags: [op.tag],
    responses,
    security: op.access === "public" ? [] : [{ sessionCookie: [] }],
  };
  const params = parameters(op);
  if (params.length) result.parameters = params;
  if (op.body) result.requestBody = { required: true, content: { "application/json": { schema: schemaOf(op.body, "input") } } };
  if (op.access === "organizer") result.description = "Organizers only.";
  return result;
}

export function buildOpenApi(operations: readonly Operation[], serverUrl = "/"): Json {
  const paths: Record<string, Json> = {};
  for (const op of operations) {
    paths[op.path] ??= {};
    paths[op.path]![op.method.toLowerCase()] = operationObject(op);
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "Mingle API",
      version: "1.0.0",
      description: "Everything the Mingle UI does. Sign in through next-auth (/api/auth); the session cookie authenticates API calls.",
    },
    servers: [{ url: serverUrl }],
    paths,
    components: {
      schemas: { Error: errorSchema },
      securitySchemes: { sessionCookie: { type: "apiKey", in: "cookie", name: "next-auth.session-token" } },
    },
  };
}
